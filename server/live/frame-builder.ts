import { FRAME_NODE_ARRAYS, type Frame, type PlantKpis, type Speed } from '../protocol/messages.ts';
import type { PlantSample } from './plant-sampler.ts';

/** The same instant as a keyframe (complete arrays) and as a delta against the previous frame. */
export interface FramePair {
  key: Frame;
  delta: Frame;
}

/**
 * Turns consecutive samples into numbered frames. Both forms are built once per
 * frame and shared by every viewer; which one a viewer gets depends only on
 * whether it received the previous frame.
 */
export class FrameBuilder {
  private previous: PlantSample | null = null;
  private n = 0;
  /** Latest plant KPIs: every keyframe carries them, so a viewer that catches up or joins has them at once. */
  private plantKpis: PlantKpis | undefined;

  /** Forgets the previous sample and KPIs (after a reset), so the next delta is against nothing: it is complete. */
  restart(): void {
    this.previous = null;
    this.plantKpis = undefined;
  }

  get lastNumber(): number {
    return this.n;
  }

  /** `pk`: freshly computed plant KPIs, sent on this delta too; without it only the keyframe repeats the last ones. */
  build(sample: PlantSample, running: boolean, speed: Speed, pk?: PlantKpis): FramePair {
    this.n++;
    if (pk !== undefined) this.plantKpis = pk;
    const head = {
      n: this.n,
      t: sample.t,
      r: (running ? 1 : 0) as 0 | 1,
      x: speed === 'max' ? 0 : speed,
      lk: 0 as 0 | 1,
      ev: sample.ev,
      mv: sample.mv,
      mc: sample.mc,
      kp: sample.kp,
    };
    const key = { ...head, k: 1 as const, ...(this.plantKpis ? { pk: this.plantKpis } : {}) } as Frame;
    const delta = { ...head, k: 0 as const, ...(pk ? { pk } : {}) } as Frame;
    const prev = this.previous;
    for (const name of FRAME_NODE_ARRAYS) {
      const now = sample[name];
      key[name] = Array.from(now);
      delta[name] = prev === null ? pairsOf(now, null) : pairsOf(now, prev[name]);
    }
    this.previous = sample;
    return { key, delta };
  }
}

/** Flat [index, value, ...] for every entry that differs from `before` (all entries if there is no before). */
export function pairsOf(now: Int32Array, before: Int32Array | null): number[] {
  const out: number[] = [];
  for (let i = 0; i < now.length; i++) if (before === null || now[i] !== before[i]) out.push(i, now[i]);
  return out;
}
