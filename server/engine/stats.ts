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
  /** When each state's count last changed: a move touches two states, not all. */
  private readonly since: Float64Array;
  private startT: number;
  /** Member-time before the last resize, when members changed mid-run. */
  private memberTime = 0;
  private membersSince: number;
  private resized = false;

  /** All members start in state `initial`. */
  constructor(
    readonly stateCount: number,
    public members: number,
    initial: number,
    now = 0,
  ) {
    this.counts = new Float64Array(stateCount);
    this.areas = new Float64Array(stateCount);
    this.since = new Float64Array(stateCount).fill(now);
    this.counts[initial] = members;
    this.startT = now;
    this.membersSince = now;
  }

  /** One member moves from state `from` to state `to` at time `now`. */
  move(now: number, from: number, to: number): void {
    if (from === to) return;
    const { counts, areas, since } = this;
    areas[from] += counts[from] * (now - since[from]);
    since[from] = now;
    counts[from]--;
    areas[to] += counts[to] * (now - since[to]);
    since[to] = now;
    counts[to]++;
  }

  /**
   * Adds (`delta` > 0) or removes members in `state` at time `now` (servers
   * installed or taken out mid-run); shares then weigh each member by its time.
   */
  resize(now: number, state: number, delta: number): void {
    const { counts, areas, since } = this;
    areas[state] += counts[state] * (now - since[state]);
    since[state] = now;
    counts[state] += delta;
    this.memberTime += this.members * (now - this.membersSince);
    this.membersSince = now;
    this.members += delta;
    this.resized = true;
  }

  /** Number of members currently in `state`. */
  count(state: number): number {
    return this.counts[state];
  }

  /** Share of member-time spent in each state since the last reset. */
  fractions(now: number): number[] {
    // Member-time: members × span, or its integral once members changed mid-run.
    const span = this.resized ? this.memberTime + this.members * (now - this.membersSince) : (now - this.startT) * this.members;
    const out = new Array<number>(this.stateCount);
    for (let s = 0; s < this.stateCount; s++) {
      const area = this.areas[s] + this.counts[s] * (now - this.since[s]);
      out[s] = span > 0 ? area / span : this.counts[s] / this.members;
    }
    return out;
  }

  reset(now: number): void {
    this.areas.fill(0);
    this.since.fill(now);
    this.startT = now;
    this.memberTime = 0;
    this.membersSince = now;
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
 * relative error of the true sample quantile, in fixed memory. Bins live in a
 * growable array (offset by the smallest key seen) because a Map lookup per
 * observation was a measurable share of a sink's cost.
 */
export class QuantileSketch {
  private readonly logBase: number;
  private counts = new Float64Array(0);
  private offset = 0;
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
    if (!(x > 0)) {
      this.zeros++;
      return;
    }
    this.addKey(Math.ceil(Math.log(x) / this.logBase));
  }

  /**
   * Adds x here and to `other`, taking the logarithm once when both sketches
   * share a bin width (a sink feeds its own and the plant-wide lead time).
   */
  addBoth(x: number, other: QuantileSketch): void {
    if (!(x > 0) || other.logBase !== this.logBase) {
      this.add(x);
      other.add(x);
      return;
    }
    const key = Math.ceil(Math.log(x) / this.logBase);
    this.total++;
    this.addKey(key);
    other.total++;
    other.addKey(key);
  }

  private addKey(key: number): void {
    let i = key - this.offset;
    if (i < 0 || i >= this.counts.length) i = this.grow(key);
    this.counts[i]++;
  }

  /** The q-quantile (0 ≤ q ≤ 1), NaN when empty. */
  quantile(q: number): number {
    if (this.total === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(q * this.total));
    if (rank <= this.zeros) return 0;
    let seen = this.zeros;
    let last = 0;
    for (let i = 0; i < this.counts.length; i++) {
      if (this.counts[i] === 0) continue;
      seen += this.counts[i];
      last = i;
      // Report the bin's geometric centre: within relativeError of any value in it.
      if (seen >= rank) break;
    }
    return Math.exp((last + this.offset - 0.5) * this.logBase);
  }

  reset(): void {
    this.counts.fill(0);
    this.zeros = 0;
    this.total = 0;
  }

  /** Widens the bin array to cover `key` (with slack), returning its index. */
  private grow(key: number): number {
    if (this.counts.length === 0) {
      this.offset = key - 64;
      this.counts = new Float64Array(128);
      return key - this.offset;
    }
    const lo = Math.min(this.offset, key - 64);
    const hi = Math.max(this.offset + this.counts.length, key + 65);
    const next = new Float64Array(hi - lo);
    next.set(this.counts, this.offset - lo);
    this.counts = next;
    this.offset = lo;
    return key - lo;
  }
}
