/**
 * `npm run loadtest`'s options: parsed and checked before anything starts, so a mistyped option or
 * value is refused with its name and the reason and the usage, not a stack trace from deep inside.
 */
import { parseArgs } from 'node:util';
import { VIEWER_KINDS } from './loadtest-viewers.ts';

export const LOADTEST_USAGE = [
  'usage: npm run loadtest -- [--viewers 500] [--seconds 15] [--gateways N] [--processes 2] [--speed max|<× real time>] [--client light|socket.io]',
  '       npm run loadtest -- --training [--trainees 30] [--viewers 100] [--pace 60] [--seconds 30] [--script cathode-coater-down]',
].join('\n');

const OPTIONS = {
  viewers: { type: 'string', default: '500' },
  seconds: { type: 'string', default: '15' },
  processes: { type: 'string', default: '2' },
  speed: { type: 'string', default: 'max' },
  gateways: { type: 'string', default: '0' },
  // light: viewers that read only each frame's number and ack id (loadtest-viewers.ts); socket.io: the full client.
  client: { type: 'string', default: 'light' },
  help: { type: 'boolean', default: false },
  // --training: one exercise with trainees and viewers (loadtest-training.ts reads and checks its own options).
  training: { type: 'boolean', default: false },
  trainees: { type: 'string' },
  pace: { type: 'string' },
  script: { type: 'string' },
  // Set by the load test for the viewer processes it forks.
  child: { type: 'boolean', default: false },
  url: { type: 'string' },
  session: { type: 'string' },
} as const;

export type LoadtestArgs = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

/** Whole numbers at least `min`: the counts and durations of a run. */
const WHOLE: Record<string, number> = { viewers: 1, seconds: 1, processes: 1, gateways: 0, trainees: 1 };

/** The options of `argv`, or the first problem with them as "--name: reason". */
export function parseLoadtestArgs(argv: string[]): { args: LoadtestArgs } | { error: string } {
  let args: LoadtestArgs;
  try {
    args = parseArgs({ args: argv, options: OPTIONS, strict: true }).values;
  } catch (e) {
    // node:util's own words name the option ("Unknown option '--viewer'"; "Option '--viewers <value>' argument missing").
    return { error: (e as Error).message };
  }
  for (const [name, min] of Object.entries(WHOLE)) {
    const text = args[name as keyof LoadtestArgs];
    if (typeof text !== 'string') continue;
    if (!/^\d+$/.test(text) || Number(text) < min) return { error: `--${name}: must be a whole number >= ${min}, got "${text}"` };
  }
  if (!/^(max|\d+(\.\d+)?)$/.test(args.speed) || Number(args.speed) === 0) return { error: `--speed: must be "max" or a pace above 0 (times real time), got "${args.speed}"` };
  if (args.pace !== undefined && !(Number(args.pace) > 0)) return { error: `--pace: must be a number above 0 (times real time), got "${args.pace}"` };
  if (!(VIEWER_KINDS as readonly string[]).includes(args.client)) return { error: `--client: must be one of ${VIEWER_KINDS.join(', ')}, got "${args.client}"` };
  return { args };
}

/** parseLoadtestArgs for this process: prints the usage and exits on --help (0) or a problem (2). */
export function loadtestArgs(argv = process.argv.slice(2)): LoadtestArgs {
  const parsed = parseLoadtestArgs(argv);
  if ('error' in parsed) {
    console.error(`loadtest: ${parsed.error}\n${LOADTEST_USAGE}`);
    process.exit(2);
  }
  if (parsed.args.help) {
    console.log(LOADTEST_USAGE);
    process.exit(0);
  }
  return parsed.args;
}
