/**
 * A repeating pattern of working windows (a week of shifts, say). Times are
 * seconds; window boundaries are relative to the start of each period.
 */
export class ShiftPattern {
  private readonly windows: { start: number; end: number }[];
  // A window ending at periodS and one starting at 0 join at the period edge: isOn and
  // nextChange look across periods, so no switch is reported there.

  constructor(
    readonly periodS: number,
    windows: ReadonlyArray<{ startS: number; endS: number }>,
  ) {
    if (!(periodS > 0)) throw new RangeError(`periodS must be > 0, got ${periodS}`);
    this.windows = [...windows].map((w) => ({ start: w.startS, end: w.endS })).sort((a, b) => a.start - b.start);
    // Merge touching windows so a 24/7 pattern written as three shifts never switches off.
    const merged: { start: number; end: number }[] = [];
    for (const w of this.windows) {
      const last = merged[merged.length - 1];
      if (last !== undefined && w.start <= last.end) last.end = Math.max(last.end, w.end);
      else merged.push({ ...w });
    }
    this.windows = merged;
  }

  /** Share of the period that is working time. */
  get onShare(): number {
    return this.windows.reduce((a, w) => a + (w.end - w.start), 0) / this.periodS;
  }

  /** True when the whole period is working time (the pattern never switches). */
  get alwaysOn(): boolean {
    return this.windows.length === 1 && this.windows[0].start <= 0 && this.windows[0].end >= this.periodS;
  }

  isOn(t: number): boolean {
    return this.onAtPhase(this.phase(t));
  }

  /**
   * The first time strictly after `t` at which isOn changes; Infinity if it never does.
   * Edges are compared in phase space, never by re-evaluating isOn at `k·period + edge`:
   * that sum is rounded, and a phase landing a hair below an edge made this skip a
   * switch (the plant's calendar, which toggles, then stayed inverted) or return Infinity.
   */
  nextChange(t: number): number {
    if (this.alwaysOn) return Number.POSITIVE_INFINITY;
    const phase = this.phase(t);
    const on = this.onAtPhase(phase);
    const base = Math.round((t - phase) / this.periodS) * this.periodS;
    for (let k = 0; k < 3; k++) {
      const offset = base + k * this.periodS;
      for (const w of this.windows) {
        for (const edge of [w.start, w.end]) {
          if (k === 0 && edge <= phase) continue;
          const at = offset + edge;
          if (at > t && this.onAtPhase(edge % this.periodS) !== on) return at;
        }
      }
    }
    return Number.POSITIVE_INFINITY;
  }

  private onAtPhase(phase: number): boolean {
    return this.windows.some((w) => phase >= w.start && phase < w.end);
  }

  /**
   * Position of `t` within its period. A time computed as `k·period + edge` can round to
   * just below the edge (or the period end); snapping within a few ulps of `t` makes the
   * state at a reported change time the state after the change.
   */
  private phase(t: number): number {
    let p = t % this.periodS;
    if (p < 0) p += this.periodS;
    const eps = 4 * Number.EPSILON * Math.max(Math.abs(t), this.periodS);
    if (this.periodS - p <= eps) return 0;
    for (const w of this.windows) {
      if (Math.abs(p - w.start) <= eps) return w.start;
      if (Math.abs(p - w.end) <= eps) return w.end === this.periodS ? 0 : w.end;
    }
    return p;
  }
}
