import { xoroshiro128plus } from 'pure-rand/generator/XoroShiro';

/** A source of uniform doubles on [0, 1), the form @stdlib samplers take as `prng`. */
export type Uniform = () => number;

/**
 * One stream of uniform doubles: pure-rand's xoroshiro128+ step, written out on a
 * typed array. Every machine draws from its own streams, so a closure per stream
 * made each draw site see hundreds of different functions (no inlining) and the
 * generator's state words, beyond small-integer range, lived in boxed fields; one
 * class with int32 state is a monomorphic, inlinable call. The sequence is
 * pure-rand's, draw for draw (test/engine/random.test.ts).
 */
export class UniformStream {
  /** pure-rand's state order: s01, s00, s11, s10. */
  private readonly s: Int32Array;

  constructor(state: readonly number[]) {
    this.s = Int32Array.from(state);
  }

  /** 53 random bits from two 32-bit outputs, dropping the lowest 5 and 6 bits of each: the lowest bits of xoroshiro128+ are its weakest. */
  next(): number {
    const s = this.s;
    let s01 = s[0];
    let s00 = s[1];
    let s11 = s[2];
    let s10 = s[3];
    const hi = ((s00 + s10) | 0) >>> 5;
    let a0 = s10 ^ s00;
    let a1 = s11 ^ s01;
    let n00 = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
    s01 = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
    s00 = n00;
    s10 = (a1 << 5) ^ (a0 >>> 27);
    s11 = (a0 << 5) ^ (a1 >>> 27);
    const lo = ((s00 + s10) | 0) >>> 6;
    a0 = s10 ^ s00;
    a1 = s11 ^ s01;
    n00 = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
    s[0] = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
    s[1] = n00;
    s[2] = (a0 << 5) ^ (a1 >>> 27);
    s[3] = (a1 << 5) ^ (a0 >>> 27);
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** The stream as a function, for @stdlib samplers; it draws from (and advances) this stream. */
  asFunction(): Uniform {
    return () => this.next();
  }
}

/**
 * Seeded random streams, one per random variable.
 *
 * A stream is named after what it drives (`coater.cycle`, `stacker.ttf`). Its
 * starting state is a hash of (seed, name), so adding a node or changing one
 * machine's parameters never shifts the draws of another machine, and two
 * scenarios run with the same seed see the same breakdowns (common random numbers).
 * Replication r of a stream is that state advanced by r jumps of 2^64 draws
 * (xoroshiro128+ jump), so replications never overlap.
 */
export class RandomStreams {
  constructor(
    readonly seed: number,
    readonly replication = 0,
  ) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
    if (!Number.isInteger(replication) || replication < 0) throw new RangeError(`replication must be a non-negative integer, got ${replication}`);
  }

  /** The stream named `name`, as a function (see `generator` for the object). */
  stream(name: string): Uniform {
    return this.generator(name).asFunction();
  }

  generator(name: string): UniformStream {
    const rng = xoroshiro128plus.fromState(initialState(this.seed, name));
    for (let r = 0; r < this.replication; r++) rng.unsafeJump!();
    return new UniformStream(rng.getState());
  }
}

function initialState(seed: number, name: string): [number, number, number, number] {
  const seedLo = seed | 0;
  const seedHi = Math.floor(seed / 4294967296) | 0;
  const h1 = fnv1a(name, 0x811c9dc5);
  const h2 = fnv1a(name, 0x01000193 ^ 0x9e3779b9);
  const state: [number, number, number, number] = [
    fmix32(h1 ^ seedLo),
    fmix32(h2 + 0x9e3779b9 ^ seedHi),
    fmix32(h1 + 0x85ebca6b ^ seedHi ^ 0x5bd1e995),
    fmix32(h2 ^ seedLo ^ 0xc2b2ae35),
  ];
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
  return state;
}

function fnv1a(text: string, basis: number): number {
  let h = basis | 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** MurmurHash3's finaliser: spreads every input bit over the whole word. */
function fmix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x | 0;
}
