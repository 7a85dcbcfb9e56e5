/**
 * What validating every frame at the client's edge costs: FrameSchema.safeParse
 * (protocol/frames.ts) on real frames of the default plant — a keyframe, a delta and a
 * keyframe carrying the plant KPIs — in µs per frame. At 20 Hz a viewer parses 20 frames
 * a second, so the share of one core is 20 × µs / 10⁶.
 */
import { readFileSync } from 'node:fs';
import { FrameBuilder } from '../../server/live/frame-builder.ts';
import { SessionEngine } from '../../server/live/session-engine.ts';
import { FrameSchema, type Frame } from '../../server/protocol/frames.ts';
import { ModelSchema } from '../../server/protocol/model.ts';

export interface FrameParseResult {
  nodes: number;
  bytes: { key: number; delta: number; keyWithKpis: number };
  microsPerFrame: { key: number; delta: number; keyWithKpis: number };
}

function microsPerParse(frame: unknown, iterations: number): number {
  for (let i = 0; i < 2000; i++) FrameSchema.parse(frame); // warm the JIT
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) if (!FrameSchema.safeParse(frame).success) throw new Error('a real frame did not parse');
  return Number(process.hrtime.bigint() - t0) / 1000 / iterations;
}

export function runFrameParse(iterations = 20_000): FrameParseResult {
  const model = ModelSchema.parse(JSON.parse(readFileSync(new URL('../../models/default-plant.json', import.meta.url), 'utf8')));
  const engine = new SessionEngine(model, 1, 'max');
  const builder = new FrameBuilder();
  engine.execute({ type: 'step', dtS: 2 * 86400 }, 0);
  const withKpis = builder.build(engine.sample(), true, 'max', engine.plantKpis());
  engine.execute({ type: 'step', dtS: 60 }, 0);
  const next = builder.build(engine.sample(), true, 'max');
  // Frames as a viewer receives them: plain JSON, as socket.io delivers them.
  const wire = (f: Frame) => JSON.parse(JSON.stringify(f)) as unknown;
  const key = wire(next.key);
  const delta = wire(next.delta);
  const keyWithKpis = wire(withKpis.key);
  return {
    nodes: engine.sampler.nodes.length,
    bytes: { key: JSON.stringify(key).length, delta: JSON.stringify(delta).length, keyWithKpis: JSON.stringify(keyWithKpis).length },
    microsPerFrame: { key: microsPerParse(key, iterations), delta: microsPerParse(delta, iterations), keyWithKpis: microsPerParse(keyWithKpis, iterations / 4) },
  };
}

export function printFrameParse(r: FrameParseResult): void {
  const share = (us: number) => `${((20 * us) / 1e4).toFixed(3)} % of a core at 20 Hz`;
  console.log(
    [
      `frame validation at the client edge (FrameSchema.safeParse, default plant, ${r.nodes} nodes):`,
      `  keyframe          : ${r.microsPerFrame.key.toFixed(1)} µs (${r.bytes.key} B), ${share(r.microsPerFrame.key)}`,
      `  delta             : ${r.microsPerFrame.delta.toFixed(1)} µs (${r.bytes.delta} B), ${share(r.microsPerFrame.delta)}`,
      `  keyframe + KPIs   : ${r.microsPerFrame.keyWithKpis.toFixed(1)} µs (${r.bytes.keyWithKpis} B; about once a second)`,
    ].join('\n'),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) printFrameParse(runFrameParse());
