/**
 * The hand-solved line of the optimisation tests: unlimited supply → `cut` (100 s per part per
 * server) → a 20-place buffer → `pack` (60 s per part per server) → sink. Constant cycles, so
 * every replication is the same (zero variance) and the rate is the smaller station capacity:
 * 3,600/100 = 36 parts/h per cut server, 3,600/60 = 60 parts/h per pack server.
 */
const constant = (value: number) => ({ dist: 'constant' as const, value });

export const twoStationLine = {
  name: 'two-station line',
  nodes: [
    { id: 'supply', type: 'source', to: 'cut' },
    { id: 'cut', type: 'machine', servers: 1, cycle: constant(100), to: 'store' },
    { id: 'store', type: 'buffer', capacity: 20, to: 'pack' },
    { id: 'pack', type: 'machine', servers: 1, cycle: constant(60), to: 'out' },
    { id: 'out', type: 'sink' },
  ],
};

/**
 * The optimisation of the line whose answer is known by hand: for ≥ 150 parts/h at 10 € per cut
 * server + 7 € per pack server, the cheapest is cut 5 (180/h), pack 3 (180/h) at 71 €. Grid
 * 1…6 × 1…6 = 36 candidates, searched exhaustively; 2 replications each (zero variance: no refinement).
 */
export const cheapestLineOptimization = {
  name: 'cheapest line',
  model: twoStationLine,
  horizon: '11h',
  warmup: '1h' as string,
  replications: 2,
  variables: [
    { path: 'cut.servers', from: 1, to: 6, step: 1 },
    { path: 'pack.servers', values: [1, 2, 3, 4, 5, 6] },
  ],
  constraints: [{ kpi: 'sinks.out.perHour', min: 150 }],
  objective: { minimize: { 'cut.servers': 10, 'pack.servers': 7 } },
};
