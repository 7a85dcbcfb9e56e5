import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { QueueExecutor } from '../../server/experiments/queue.ts';
import { UnreachableError } from '../../server/experiments/redis-ready.ts';

/**
 * Issue 17: `npm run experiment -- … --queue redis://127.0.0.1:1` hung forever (BullMQ
 * retries connecting without end). Now a bounded probe answers with the URL and why.
 * Port 1 on loopback refuses at once; the bound is for hosts that do not answer at all.
 */
const EXPERIMENT_CLI = fileURLToPath(new URL('../../server/cli/experiment.ts', import.meta.url));
const FILE = fileURLToPath(new URL('../../scenarios/demo-line-buffers.experiment.json', import.meta.url));

describe('a missing Redis', () => {
  it('refuses the queue executor with a message naming the URL (password hidden)', async () => {
    const executor = new QueueExecutor({ url: 'redis://user:secret@127.0.0.1:1/0' });
    const err = await executor.run([{} as never]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnreachableError);
    expect((err as Error).message).toMatch(/^cannot reach Redis at redis:\/\/user:\*\*\*@127\.0\.0\.1:1\/0 within \d+ s \(connect ECONNREFUSED 127\.0\.0\.1:1\)/);
    await executor.close();
  });

  it('ends the experiment CLI with exit 1 and one line naming the URL, instead of hanging', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', EXPERIMENT_CLI, FILE, '--queue', 'redis://127.0.0.1:1'], {
      env: { ...process.env, REDIS_CONNECT_TIMEOUT_MS: '2000' },
      encoding: 'utf8',
      timeout: 60_000, // the old hang; startup of tsx on a loaded machine takes seconds
    });
    expect(run.signal, 'killed by the test timeout: it hung').toBeNull();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('error: cannot reach Redis at redis://127.0.0.1:1 within 2 s (connect ECONNREFUSED 127.0.0.1:1): start redis-server there or fix the URL');
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
