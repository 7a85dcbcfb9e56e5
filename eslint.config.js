// House rules as a linter (issue 19). Two concerns:
//  1. layering — eslint-plugin-boundaries: every folder of server/ is an element, and
//     each may import only the elements below it (see LAYERS); the client only server/protocol;
//     engine nothing outside itself and no node:*; protocol only zod.
//  2. correctness — typescript-eslint's recommended rules, minus the stylistic ones that would
//     churn working code (each disabled rule says why).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';

// Each server folder and what it may import (besides itself). Imports flow down only.
const LAYERS = {
  engine: [],
  protocol: [],
  files: ['engine', 'protocol'],
  plant: ['engine', 'protocol'],
  kpi: ['engine', 'protocol', 'files', 'plant'],
  training: ['engine', 'protocol', 'files', 'plant'],
  store: ['engine', 'protocol', 'files', 'plant'],
  experiments: ['engine', 'protocol', 'files', 'plant', 'kpi', 'training', 'store'],
  live: ['engine', 'protocol', 'files', 'plant', 'kpi', 'training', 'store'],
  api: ['engine', 'protocol', 'files', 'plant', 'kpi', 'training', 'store', 'experiments', 'live'],
  cli: ['engine', 'protocol', 'files', 'plant', 'kpi', 'training', 'store', 'experiments', 'live'],
};
const SERVER_LAYERS = Object.keys(LAYERS);

const elements = [
  ...SERVER_LAYERS.map((type) => ({ type, pattern: `server/${type}` })),
  // Whatever is left directly in server/ (main.ts): it composes the layers.
  { type: 'main', pattern: 'server' },
  { type: 'client', pattern: 'client/src' },
  { type: 'tests', pattern: 'test' },
];

const layerPolicies = [
  ...Object.entries(LAYERS).map(([type, below]) => ({
    from: { element: { type } },
    allow: { to: { element: { types: { anyOf: [type, ...below] } } } },
  })),
  // main.ts composes: it may import every server layer.
  { from: { element: { type: 'main' } }, allow: { to: { element: { types: { anyOf: SERVER_LAYERS } } } } },
  { from: { element: { type: 'client' } }, allow: { to: { element: { types: { anyOf: ['client', 'protocol'] } } } } },
  // Tests and benchmarks may import anything.
  { from: { element: { type: 'tests' } }, allow: { to: { element: { type: '*' } } } },
  // Packages: allowed everywhere except in the two bottom layers, which are restricted below.
  { allow: { to: { module: { origin: 'external' } } } },
  { allow: { to: { module: { origin: 'core' } } } },
  // Later policies win. The kernel is pure: no Node built-ins; of the packages only the pure random-number and
  // special-function libraries it samples with (@stdlib/*, pure-rand).
  {
    from: { element: { type: 'engine' } },
    disallow: { to: { module: { origin: ['core', 'external'] } } },
    message: 'server/engine is a pure kernel: no node:*, no project folder outside it, no package but @stdlib/* and pure-rand',
  },
  { from: { element: { type: 'engine' } }, allow: { to: { module: { origin: 'external', source: ['@stdlib/*', 'pure-rand'] } } } },
  // The protocol is shared with the browser: zod only.
  {
    from: { element: { type: 'protocol' } },
    disallow: { to: { module: { origin: ['core', 'external'] } } },
    message: 'server/protocol is shared with the client: it imports only zod and itself',
  },
  { from: { element: { type: 'protocol' } }, allow: { to: { module: { origin: 'external', source: 'zod' } } } },
  // The browser has no Node built-ins.
  {
    from: { element: { type: 'client' } },
    disallow: { to: { module: { origin: 'core' } } },
    message: 'the client runs in the browser: no node:* imports',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node, ...globals.browser },
    },
    plugins: { boundaries },
    settings: {
      'boundaries/elements': elements,
      'boundaries/include': ['server/**', 'client/src/**', 'test/**'],
      'import/resolver': { typescript: { project: './tsconfig.json' } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          checkAllOrigins: true,
          message: '{{from.type}} may not import {{to.type}}: imports flow down only (see LAYERS in eslint.config.js)',
          policies: layerPolicies,
        },
      ],
      // Stylistic or deliberate patterns in working code; not worth the churn:
      // `_`-prefixed parameters are how this code marks "unused on purpose".
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // A ternary as a statement (`off ? stop() : start()`) is a deliberate idiom in the plant blocks.
      '@typescript-eslint/no-unused-expressions': ['error', { allowTernary: true, allowShortCircuit: true }],
      // Non-null assertions are used after explicit map/index checks the compiler cannot follow.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['test/**'],
    rules: {
      // Tests poke at untyped JSON responses and deliberately malformed input.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
