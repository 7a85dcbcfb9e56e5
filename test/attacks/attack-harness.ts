import { expect } from 'vitest';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FloodOutcome, FloodPlan } from './flood-child.ts';
import { PROTOCOL_VERSION } from '../../server/protocol/messages.ts';
import { LiveClient } from '../live/live-client.ts';
import type { LiveTestServer } from '../live/test-server.ts';

/**
 * What every attack test checks besides the refusal: the server stays responsive for
 * everyone else. Health must answer within HEALTH_LIMIT_MS (issue 17's "within a
 * second"; it answers in milliseconds when idle, so the bound has far more than 2×
 * headroom), and an honest viewer of the public plant keeps at least half the frame
 * rate it had just before the attack (the attack in issue 17 dropped 20 fps to 6). The
 * machine is shared, so the rate before is measured, not assumed to be FRAME_HZ.
 */
export const HEALTH_LIMIT_MS = 1000;
export const KEPT_FRAME_RATE = 0.5;

/** A client that comes from `address` (the test server trusts one proxy hop of X-Forwarded-For). */
export async function clientFrom(live: LiveTestServer, address: string): Promise<LiveClient> {
  const c = live.track(new LiveClient(live.server.url, { protocol: PROTOCOL_VERSION }, { 'x-forwarded-for': address }));
  await c.connected();
  return c;
}

/** Polls /api/health every `everyMs` until stopped; the slowest answer and how many failed. Await `ready` before the attack. */
export function watchHealth(url: string, everyMs = 200, headers: Record<string, string> = { 'x-forwarded-for': '10.0.0.200' }) {
  let stopped = false;
  let slowestMs = 0;
  let answers = 0;
  const failures: string[] = [];
  const loop = (async () => {
    // Not counted: the first request of a process sets up its HTTP client (≈0.4 s measured with no attack at all).
    await fetch(`${url}/api/health`, { headers }).then((r) => r.json());
    while (!stopped) {
      const t0 = performance.now();
      try {
        const res = await fetch(`${url}/api/health`, { headers, signal: AbortSignal.timeout(10_000) });
        if (res.status !== 200) failures.push(`status ${res.status}`);
        await res.json();
        answers++;
      } catch (err) {
        failures.push((err as Error).message);
      }
      slowestMs = Math.max(slowestMs, performance.now() - t0);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return { slowestMs, answers, failures };
    },
  };
}

/** An honest viewer of the public plant from its own address; `rate()` counts its frames over a window. */
export async function honestViewer(live: LiveTestServer, address = '10.0.0.7') {
  const viewer = await clientFrom(live, address);
  await viewer.ok({ type: 'joinSession', sessionId: live.server.publicSession!.id });
  await viewer.until(() => viewer.frames.length > 5, 20_000, 'honest viewer frames');
  return {
    viewer,
    /** Frames per second received since `fromMs` (wall ms). */
    rate(fromMs: number, toMs = Date.now()): number {
      return viewer.frames.filter((f) => f.at >= fromMs && f.at <= toMs).length / ((toMs - fromMs) / 1000);
    },
  };
}

/** The server stayed responsive during the attack: health fast and never failing, frames flowing as before. */
export function expectResponsive(health: { slowestMs: number; answers: number; failures: string[] }, fps: { before: number; during: number }, what: string): void {
  console.log(
    `${what}: slowest /api/health ${health.slowestMs.toFixed(0)} ms over ${health.answers} answers; honest viewer ${fps.before.toFixed(1)} frames/s before, ${fps.during.toFixed(1)} during`,
  );
  expect(health.failures, 'health failures').toEqual([]);
  expect(health.answers).toBeGreaterThan(0);
  expect(health.slowestMs, 'slowest health answer (ms)').toBeLessThan(HEALTH_LIMIT_MS);
  expect(fps.before, 'frames before the attack').toBeGreaterThan(0);
  expect(fps.during, 'honest viewer frames per second during the attack').toBeGreaterThanOrEqual(KEPT_FRAME_RATE * fps.before);
}

/** The honest viewer's frame rate over the `ms` just before now. */
export async function baselineRate(honest: { rate(from: number, to?: number): number }, ms = 3000): Promise<number> {
  const from = Date.now();
  await new Promise((r) => setTimeout(r, ms));
  return honest.rate(from);
}

/** Runs the attacker (flood-child.ts) in its own process; `started` resolves once its sockets joined, `done` with its outcome. */
export function flood(plan: FloodPlan): { started: Promise<void>; done: Promise<FloodOutcome> } {
  const child = fork(fileURLToPath(new URL('./flood-child.ts', import.meta.url)), [JSON.stringify(plan)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  let ready: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (ready = resolve));
  const done = new Promise<FloodOutcome>((resolve, reject) => {
    child.on('message', (m: { ready?: boolean; outcome?: FloodOutcome }) => {
      if (m.ready) ready();
      if (m.outcome) resolve(m.outcome);
    });
    child.on('exit', (code) => reject(new Error(`the attacker exited (${code}) without an outcome`)));
  });
  return { started, done };
}
