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
