import { afterAll, describe, expect, it, vi } from 'vitest';
import { createRequire } from 'node:module';
import type { CreateResult } from '../../server/protocol/messages.ts';
import { useLiveTestServer } from './test-server.ts';

const live = useLiveTestServer({ publicSession: false });

/** Every Socket.IO packet the server encodes: the parser instance socket.io itself loads (its CommonJS build, not the ESM one an import would get). */
const fromSocketIo = createRequire(createRequire(import.meta.url).resolve('socket.io'));
const { Encoder } = fromSocketIo('socket.io-parser') as typeof import('socket.io-parser');
const encodeSpy = vi.spyOn(Encoder.prototype, 'encode');
afterAll(() => encodeSpy.mockRestore());

/** Frame encodes by frame number and form (k = 1 keyframe, 0 delta). */
function frameEncodes(): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const [packet] of encodeSpy.mock.calls) {
    const data = (packet as { data?: unknown[] }).data;
    if (!Array.isArray(data) || data[0] !== 'frame') continue;
    const f = data[1] as { n: number; k: 0 | 1 };
    out.set(f.n, [...(out.get(f.n) ?? []), f.k]);
  }
  return out;
}

describe('frames are encoded once per tick', () => {
  it('encodes each frame once per form, however many viewers get it', async () => {
    const owner = await live.client();
    const created = await owner.ok<CreateResult>({ type: 'createSession', model: 'demo-line', speed: 2000 });
    const viewers = await Promise.all(Array.from({ length: 7 }, () => live.client()));
    for (const v of viewers) await v.ok({ type: 'joinSession', sessionId: created.sessionId });
    const everyone = [owner, ...viewers];
    for (const c of everyone) await c.until(() => c.frames.length >= 25, 20_000, 'frames at every viewer');

    // Frames sent after everyone joined: each went to all eight clients.
    const from = Math.max(...everyone.map((c) => c.snapshots.at(-1)!.frame.n)) + 1;
    const to = Math.min(...everyone.map((c) => c.lastFrame!.n));
    expect(to - from).toBeGreaterThanOrEqual(10);
    const encodes = frameEncodes();
    let sharedByAll = 0;
    for (let n = from; n <= to; n++) {
      const received = everyone.map((c) => c.frames.find((a) => a.frame.n === n)?.frame.k);
      const forms = new Set(received.filter((k) => k !== undefined));
      // Per-viewer encoding would give one encode per receiver (8); once per tick gives one per form sent (1 or 2).
      expect(encodes.get(n)?.length, `encodes of frame ${n}`).toBe(forms.size);
      if (received.every((k) => k !== undefined)) sharedByAll++;
    }
    // The frames really went to every viewer (the test would pass vacuously otherwise).
    expect(sharedByAll).toBeGreaterThanOrEqual(10);
    for (const c of everyone) expect(c.gaps).toBe(0);
  });
});
