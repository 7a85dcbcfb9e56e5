// The layering rules of eslint.config.js catch the two imports the house rules forbid most:
// a kernel file that reaches for Node, and a client file that reaches past server/protocol.
// lintText with a filePath inside the tree classifies the text as that file without writing it.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'boundaries/dependencies').map((m) => m.message);
}

describe('eslint boundaries', () => {
  it('reports an engine file that imports node:fs', async () => {
    const errors = await boundaryErrors('server/engine/lint-probe.ts', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/server\/engine is a pure kernel/);
  }, 60_000);

  it('reports a client file that imports server/experiments', async () => {
    const errors = await boundaryErrors('client/src/lint-probe.ts', "import { runExperiment } from '../../server/experiments/runner.ts';\nexport const run = runExperiment;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/client may not import experiments/);
  }, 60_000);

  it('reports an upward import between server folders and a non-zod package in protocol', async () => {
    expect(await boundaryErrors('server/plant/lint-probe.ts', "import { x } from '../live/session.ts';\nexport const y = x;\n")).toHaveLength(1);
    expect(await boundaryErrors('server/protocol/lint-probe.ts', "import pino from 'pino';\nexport const log = pino;\n")).toHaveLength(1);
  }, 60_000);

  // The power check: the same imports from a layer allowed to make them are not reported.
  it('accepts the allowed direction', async () => {
    expect(await boundaryErrors('client/src/lint-probe.ts', "import { z } from '../../server/protocol/model.ts';\nexport const y = z;\n")).toEqual([]);
    expect(await boundaryErrors('server/api/lint-probe.ts', "import { x } from '../live/session.ts';\nexport const y = x;\n")).toEqual([]);
    expect(await boundaryErrors('server/protocol/lint-probe.ts', "import { z } from 'zod';\nexport const y = z;\n")).toEqual([]);
  }, 60_000);
});
