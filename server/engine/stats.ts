/**
 * Statistics collectors. Every collector can be reset (at the end of warm-up)
 * and keeps O(1) memory however long the run is.
 */

/** Time-weighted average of a piecewise-constant level (queue length, WIP). */
export class TimeWeighted {
  private value = 0;
  private lastT = 0;
  private startT = 0;
  private area = 0;
  private peak = 0;

  constructor(now = 0, initial = 0) {
    this.value = initial;
    this.lastT = now;
    this.startT = now;
    this.peak = initial;
  }

  get current(): number {
    return this.value;
  }

  set(now: number, value: number): void {
    this.area += this.value * (now - this.lastT);
    this.lastT = now;
    this.value = value;
    if (value > this.peak) this.peak = value;
  }

  add(now: number, delta: number): void {
    this.set(now, this.value + delta);
  }

  mean(now: number): number {
    const span = now - this.startT;
    if (span <= 0) return this.value;
    return (this.area + this.value * (now - this.lastT)) / span;
  }

  /** Largest level seen since the last reset. */
  get max(): number {
    return this.peak;
  }

  reset(now: number): void {
    this.area = 0;
    this.lastT = now;
    this.startT = now;
    this.peak = this.value;
  }
}

/**
 * Time spent in each of a fixed set of states by a group of `members` (the
 * servers of a station). Fractions are averaged over members and sum to 1.
 */
export class StateTime {
  private readonly counts: Float64Array;
  private readonly areas: Float64Array;
  private lastT: number;
  private startT: number;

  /** All members start in state `initial`. */
  constructor(
    readonly stateCount: number,
    readonly members: number,
    initial: number,
    now = 0,
  ) {
    this.counts = new Float64Array(stateCount);
    this.areas = new Float64Array(stateCount);
    this.counts[initial] = members;
    this.lastT = now;
    this.startT = now;
  }

  /** One member moves from state `from` to state `to` at time `now`. */
  move(now: number, from: number, to: number): void {
    if (from === to) return;
    this.accumulate(now);
    this.counts[from]--;
    this.counts[to]++;
  }

  /** Number of members currently in `state`. */
  count(state: number): number {
    return this.counts[state];
  }

  /** Share of member-time spent in each state since the last reset. */
  fractions(now: number): number[] {
    this.accumulate(now);
    const span = (now - this.startT) * this.members;
    const out = new Array<number>(this.stateCount);
    for (let s = 0; s < this.stateCount; s++) out[s] = span > 0 ? this.areas[s] / span : this.counts[s] / this.members;
    return out;
  }

  reset(now: number): void {
    this.areas.fill(0);
    this.lastT = now;
    this.startT = now;
  }

  private accumulate(now: number): void {
    const dt = now - this.lastT;
    if (dt > 0) {
      for (let s = 0; s < this.stateCount; s++) this.areas[s] += this.counts[s] * dt;
      this.lastT = now;
    }
  }
}

/** Per-observation statistics (Welford's running mean and variance). */
export class Tally {
  count = 0;
  private m = 0;
  private m2 = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;

  add(x: number): void {
    this.count++;
    const d = x - this.m;
    this.m += d / this.count;
    this.m2 += d * (x - this.m);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  get mean(): number {
    return this.count > 0 ? this.m : Number.NaN;
  }

  get variance(): number {
    return this.count > 1 ? this.m2 / (this.count - 1) : Number.NaN;
  }

  reset(): void {
    this.count = 0;
    this.m = 0;
    this.m2 = 0;
    this.min = Number.POSITIVE_INFINITY;
    this.max = Number.NEGATIVE_INFINITY;
  }
}

/**
 * Streaming quantiles from log-spaced bins: every value is placed in a bin whose
 * bounds differ by `1 + relativeError`, so a reported quantile is within that
 * relative error of the true sample quantile, in fixed memory.
 */
export class QuantileSketch {
  private readonly logBase: number;
  private readonly bins = new Map<number, number>();
  private zeros = 0;
  private total = 0;

  constructor(readonly relativeError = 0.01) {
    this.logBase = Math.log1p(relativeError);
  }

  get count(): number {
    return this.total;
  }

  add(x: number): void {
    this.total++;
    if (x <= 0) {
      this.zeros++;
      return;
    }
    const key = Math.ceil(Math.log(x) / this.logBase);
    this.bins.set(key, (this.bins.get(key) ?? 0) + 1);
  }

  /** The q-quantile (0 ≤ q ≤ 1), NaN when empty. */
  quantile(q: number): number {
    if (this.total === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(q * this.total));
    if (rank <= this.zeros) return 0;
    let seen = this.zeros;
    const keys = [...this.bins.keys()].sort((a, b) => a - b);
    for (const key of keys) {
      seen += this.bins.get(key)!;
      // Report the bin's geometric centre: within relativeError of any value in it.
      if (seen >= rank) return Math.exp((key - 0.5) * this.logBase);
    }
    return Math.exp((keys[keys.length - 1] - 0.5) * this.logBase);
  }

  reset(): void {
    this.bins.clear();
    this.zeros = 0;
    this.total = 0;
  }
}
