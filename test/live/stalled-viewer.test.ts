import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startTwinServer, type TwinServer } from '../../server/api/twin-server.ts';
import { MAX_FRAMES_IN_FLIGHT, type CreateResult } from '../../server/protocol/messages.ts';
import { LiveClient, sleep } from './live-client.ts';

/**
 * A viewer frozen with SIGSTOP for 10 s must neither slow the other viewers nor
 * the simulation, and after SIGCONT it must get the newest state, not a replay:
 * at most MAX_FRAMES_IN_FLIGHT frames from before the stall (those already in
 * its socket buffer when it froze).
 */
const STALL_MS = 10_000;
const SPEED = 600;
const FRAME_MS = 50; // 20 Hz

interface ChildFrame {
  n: number;
  k: number;
  t: number;
  at: number;
}

let server: TwinServer;
let dir: string;
let child: ChildProcess | null = null;
const viewers: LiveClient[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'twin-stall-'));
  server = await startTwinServer({ port: 0, host: '127.0.0.1', dbPath: join(dir, 'twin.db'), experimentThreads: 0, publicSession: false, frameHz: 1000 / FRAME_MS });
});

afterAll(async () => {
  if (child !== null && child.exitCode === null) {
    child.kill('SIGCONT');
    child.kill('SIGTERM');
  }
  for (const v of viewers) v.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

describe('a stalled viewer', () => {
  it('does not delay the others or the simulation, and gets fresh state after it resumes', async () => {
    const owner = new LiveClient(server.url);
    viewers.push(owner);
    await owner.connected();
    const { sessionId } = await owner.ok<CreateResult>({ type: 'createSession', model: 'demo-line', speed: SPEED });
    for (let i = 0; i < 2; i++) {
      const v = new LiveClient(server.url);
      viewers.push(v);
      await v.connected();
      await v.ok({ type: 'joinSession', sessionId });
    }

    const script = fileURLToPath(new URL('./stalled-viewer-child.ts', import.meta.url));
    child = spawn(process.execPath, ['--import', 'tsx', script, server.url, sessionId], { stdio: ['ignore', 'pipe', 'inherit'] });
    const childFrames: ChildFrame[] = [];
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const msg = JSON.parse(line) as ChildFrame | { joined: boolean };
      if ('n' in msg) childFrames.push(msg);
    });
    await owner.until(() => childFrames.length >= 20, 30_000, 'the child viewer to stream');

    child.kill('SIGSTOP');
    const stoppedAt = Date.now();
    await sleep(STALL_MS);
    const session = server.manager.get(sessionId)!;
    const stalled = session.roster().find((c) => c.user === 'stalled')!;
    const resumeAt = Date.now();
    const newestAtResume = Math.max(...viewers.map((v) => v.lastFrame!.n));
    child.kill('SIGCONT');
    await sleep(2000);

    // The server held back: the frozen viewer had its in-flight limit, and many frames were skipped for it.
    expect(stalled.inFlight).toBe(MAX_FRAMES_IN_FLIGHT);
    // 200 frames are due in the stall; half of them skipped would already show it, so a quarter keeps 2× headroom.
    expect(stalled.framesSkipped).toBeGreaterThan((STALL_MS / FRAME_MS) * 0.25);

    // After resuming: at most the frames that were in flight, then the newest state as a keyframe, promptly.
    const after = childFrames.filter((f) => f.at >= resumeAt);
    const stale = after.filter((f) => f.n < newestAtResume - 1);
    expect(stale.length).toBeLessThanOrEqual(MAX_FRAMES_IN_FLIGHT);
    const fresh = after.find((f) => f.n >= newestAtResume - 1)!;
    expect(fresh).toBeDefined();
    expect(fresh.k).toBe(1); // it missed frames, so it gets a keyframe, not a delta it cannot apply
    // Typically ~100 ms; the child must first be scheduled again and drain its socket on a shared
    // 2-core machine, so the bound is 3 s (2× the worst seen on a loaded machine, still far below a backlog's 10 s).
    expect(fresh.at - resumeAt).toBeLessThan(3000);
    console.info(`stalled viewer: ${stalled.framesSkipped} frames skipped, ${stale.length} stale after resume, fresh keyframe after ${fresh.at - resumeAt} ms`);

    for (const v of viewers) {
      const during = v.frames.filter((a) => a.at >= stoppedAt && a.at <= resumeAt);
      const gaps = during.slice(1).map((a, i) => a.at - during[i].at);
      // Wall-clock checks with ≥ 2× headroom over what a loaded CI machine shows (the exact pacing is
      // printed below and measured by `npm run loadtest`): 200 frames are due in 10 s at 20 Hz; a
      // viewer held up by the stalled one would get a handful.
      expect(during.length).toBeGreaterThan((STALL_MS / FRAME_MS) * 0.35);
      expect(percentile(gaps, 0.5)).toBeGreaterThan(FRAME_MS * 0.35);
      expect(percentile(gaps, 0.5)).toBeLessThan(FRAME_MS * 3);
      expect(Math.max(...gaps)).toBeLessThan(1000);
      expect(v.gaps).toBe(0);
      console.info(`other viewer: ${during.length} frames in ${STALL_MS} ms, median gap ${percentile(gaps, 0.5)} ms, max ${Math.max(...gaps)} ms`);
      // The simulation kept its pace: SPEED simulated seconds per wall second (within 15 % on an idle
      // machine; asserted within 30 % for 2× headroom).
      const simAdvance = during.at(-1)!.frame.t - during[0].frame.t;
      const wall = (during.at(-1)!.at - during[0].at) / 1000;
      console.info(`pace during the stall: ${(simAdvance / wall / SPEED).toFixed(3)} × the set speed`);
      expect(simAdvance / wall).toBeGreaterThan(SPEED * 0.7);
      expect(simAdvance / wall).toBeLessThan(SPEED * 1.3);
    }
  });
});
