import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PROTOCOL_VERSION, type Frame, type NodeInfo, type PlantKpis, type Snapshot } from '../../server/protocol/messages.ts';
import { ModelSchema, type Model } from '../../server/protocol/model.ts';

/** A small line written for these tests, so they do not depend on the shipped model files changing. */
export function testModel(): Model {
  return ModelSchema.parse({
    name: 'test line',
    product: { whPerCell: 200, cellsFrom: 'eol' },
    areas: [
      { id: 'electrode', label: 'Electrode shop', labelRu: 'Электродный цех', layout: { x: 10, z: 0, w: 24, d: 10 } },
      { id: 'cell-assembly', label: 'Cell assembly' },
      { id: 'finishing', label: 'Formation and test' },
    ],
    nodes: [
      { id: 'coils', type: 'source', area: 'electrode', interarrival: { dist: 'constant', value: 60 }, qty: 10, to: 'coater', layout: { x: 0, z: 0 } },
      { id: 'coater', type: 'machine', area: 'electrode', cycle: { dist: 'constant', value: 50 }, nominalCycleS: 40, yield: 0.9, to: 'buf', layout: { x: 10, z: 0, w: 12, d: 2, h: 2, shape: 'coating line' } },
      { id: 'buf', type: 'buffer', area: 'cell-assembly', capacity: 10, to: 'stacker', layout: { x: 24, z: 4, w: 2, d: 2 } },
      { id: 'stacker', type: 'machine', area: 'cell-assembly', cycle: { dist: 'uniform', min: 40, max: 60 }, to: 'formation' },
      { id: 'formation', type: 'batch', area: 'finishing', batch: { size: 4 }, cycle: { dist: 'constant', value: 100 }, to: 'aging', layout: { x: 40, z: 0, shape: 'rack' } },
      { id: 'aging', type: 'delay', area: 'finishing', time: { dist: 'constant', value: 1000 }, to: 'eol', layout: { x: 50, z: 0, shape: 'rack' } },
      { id: 'eol', type: 'machine', area: 'finishing', cycle: { dist: 'constant', value: 10 }, yield: 0.95, to: 'out', layout: { x: 60, z: 0 } },
      { id: 'out', type: 'sink', area: 'finishing', layout: { x: 66, z: 0 } },
    ],
  });
}

export function demoLine(): Model {
  const path = fileURLToPath(new URL('../../models/demo-line.json', import.meta.url));
  return ModelSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

export function nodeInfo(model: Model): NodeInfo[] {
  return model.nodes.map((n) => ({
    id: n.id,
    type: n.type,
    servers: 'servers' in n ? n.servers : 0,
    capacity: n.type === 'buffer' || n.type === 'delay' ? n.capacity : null,
  }));
}

export function frame(partial: Partial<Frame> & { n: number }, nodes = 8): Frame {
  const zeros = () => new Array(nodes).fill(0);
  return { k: 1, t: 0, r: 1, x: 100, lk: 0, ev: 0, st: zeros(), ws: zeros(), ut: zeros(), lv: zeros(), ct: zeros(), sc: zeros(), mv: [], mc: 0, kp: [], ...partial };
}

export function snapshot(model: Model, f: Frame = frame({ n: 10 }, model.nodes.length), role: Snapshot['role'] = 'owner'): Snapshot {
  return {
    protocol: PROTOCOL_VERSION,
    session: { id: 's1', name: 'Test', modelId: 'test', modelName: model.name, scenario: null, seed: 1, createdAt: '2025-01-01T00:00:00Z', public: true, locked: false, running: true, speed: 100, simTimeS: f.t, viewers: 1 },
    clientId: 'c1',
    role,
    model,
    nodes: nodeInfo(model),
    frame: f,
    kpiHistory: [],
    kpis: { simTimeS: 0, throughputPerHour: 0, unitsPerHour: 0, wip: 0, utilization: 0, down: 0, blocked: 0 },
    plantKpis: f.pk ?? null,
    breakdowns: {},
  };
}

/** Plant KPIs as the server sends them, for `nodes` nodes; per-node arrays start empty of values. */
export function plantKpis(partial: Partial<PlantKpis>, nodes = 8): PlantKpis {
  const nulls = () => new Array<number | null>(nodes).fill(null);
  const zeros = () => new Array<number>(nodes).fill(0);
  return {
    simTimeS: 3600,
    measuredS: 3600,
    cellsPerDay: null,
    modulesPerDay: null,
    packsPerDay: null,
    gwhPerYear: null,
    yield: { overall: 1, cell: 1, inputs: {} },
    yieldByArea: [],
    scrapCostTotal: 0,
    currency: 'EUR',
    wipByArea: null,
    leadTimeS: { mean: null, p95: null, sink: null },
    bottleneck: null,
    nodes: { passed: zeros(), scrapped: zeros(), scrapCost: nulls(), yield: nulls(), oee: nulls(), availability: nulls(), performance: nulls(), quality: nulls() },
    ...partial,
  };
}
