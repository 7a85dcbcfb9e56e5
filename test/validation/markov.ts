/**
 * Exact stationary distributions of small continuous-time Markov chains, for
 * models whose answer has no convenient closed form (lines with blocking).
 */

/** A chain given by its states and, for each state, the rates to its successors. */
export interface Chain<S> {
  states: S[];
  key: (s: S) => string;
  transitions: (s: S) => { to: S; rate: number }[];
}

/**
 * Solves πQ = 0, Σπ = 1 by Gaussian elimination with partial pivoting (one
 * balance equation is replaced by the normalisation). Fine for a few hundred states.
 */
export function stationary<S>(chain: Chain<S>): Map<string, number> {
  const n = chain.states.length;
  const index = new Map(chain.states.map((s, i) => [chain.key(s), i]));
  // Row i of A is the balance equation of state i: Σ_j π_j q_ji − π_i Σ_j q_ij = 0.
  const a = Array.from({ length: n }, () => new Float64Array(n + 1));
  chain.states.forEach((s, i) => {
    for (const { to, rate } of chain.transitions(s)) {
      const j = index.get(chain.key(to));
      if (j === undefined) throw new Error(`transition to unknown state ${chain.key(to)}`);
      a[j][i] += rate;
      a[i][i] -= rate;
    }
  });
  a[n - 1].fill(1); // normalisation: Σπ = 1 (the right-hand side, column n, is 1 too)
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = 0; r < n; r++) {
      if (r === col || a[r][col] === 0) continue;
      const f = a[r][col] / a[col][col];
      for (let c = col; c <= n; c++) a[r][c] -= f * a[col][c];
    }
  }
  return new Map(chain.states.map((s, i) => [chain.key(s), a[i][n] / a[i][i]]));
}
