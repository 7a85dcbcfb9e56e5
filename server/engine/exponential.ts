/**
 * Standard exponential variates by Marsaglia and Tsang's ziggurat (J. Stat. Softw. 5(8), 2000),
 * with 256 layers of equal area.
 *
 * Why not the inverse transform −ln(1 − u): V8's Math.log is a call into C (fdlibm) that took
 * about a tenth of a saturated line's run time, one per cycle. Here 97.8 % of the draws take one
 * uniform, a table load, a comparison and a product, and never a logarithm; the rest take the
 * wedge test (one exp) or the tail (one log). @stdlib's exponential sampler is the inverse
 * transform, and no maintained package takes a seeded stream and samples by ziggurat, so it is
 * written out here.
 *
 * The uniform u gives both choices: its top 8 bits pick the layer and the 45 bits below them the
 * position in it, so layer and position are independent and one draw serves both (xoroshiro128+'s
 * weak lowest bits are already dropped by UniformStream). Whether a draw is accepted depends on u
 * alone, never on the mean: scenarios that differ only in a mean take the same uniforms and scale
 * the same variates (common random numbers).
 */

/** Anything that yields uniform doubles on [0, 1): a UniformStream in the plant. */
export interface UniformSource {
  next(): number;
}

const LAYERS = 256;
/** Where the tail begins, and each layer's area, for 256 layers (Marsaglia and Tsang, EXP). */
const R = 7.697117470131050;
const AREA = 3.949659822581572e-3;

/**
 * Layer i (0 < i < 256) is the rectangle [0, X[i]) × [F[i], F[i + 1]) with F = e^(−X): X falls
 * from X[1] = R to X[256] = 0, the top of the curve. The base layer is [0, X[0]) × [0, F[1]) with
 * X[0] = AREA / e^(−R): the part of it below R is under the curve, and the rest stands for the
 * tail beyond R, which has the same area.
 */
const X = new Float64Array(LAYERS + 1);
const F = new Float64Array(LAYERS + 1);
/** X[i + 1] / X[i]: a position below it lies under the curve whatever the height (no test). */
const INNER = new Float64Array(LAYERS);

X[0] = AREA / Math.exp(-R);
X[1] = R;
for (let i = 1; i < LAYERS - 1; i++) X[i + 1] = -Math.log(AREA / X[i] + Math.exp(-X[i]));
X[LAYERS] = 0;
for (let i = 1; i <= LAYERS; i++) F[i] = Math.exp(-X[i]);
for (let i = 0; i < LAYERS; i++) INNER[i] = X[i + 1] / X[i];

/** The top layer's area as the recurrence left it (AREA when R and AREA agree): checked by a test. */
export const TOP_LAYER_AREA = X[LAYERS - 1] * (1 - F[LAYERS - 1]);
export const LAYER_AREA = AREA;

/** One standard exponential variate (mean 1) from `source`. */
export function standardExponential(source: UniformSource): number {
  for (;;) {
    const t = source.next() * LAYERS;
    const i = t | 0;
    const f = t - i;
    if (f < INNER[i]) return f * X[i];
    const x = exponentialEdge(source, i, f * X[i]);
    if (x >= 0) return x;
  }
}

/**
 * A position past X[i + 1]: the base layer's is in the tail, which is exponential again beyond R
 * (memoryless); any other layer's is kept if a uniform height in the layer falls under the curve.
 * Returns −1 to draw again. Apart from the hot path so that it stays small enough to inline.
 */
function exponentialEdge(source: UniformSource, i: number, x: number): number {
  if (i === 0) return R - Math.log(1 - source.next());
  return F[i] + source.next() * (F[i + 1] - F[i]) < Math.exp(-x) ? x : -1;
}
