import type { SimEvent, Simulation } from '../engine/index.ts';
import { BufferNode } from './buffer.ts';
import { Conveyor } from './conveyor.ts';
import { Delay } from './delay.ts';
import type { PlantNode } from './node.ts';
import { SERVER_STATES } from './part.ts';
import { Station } from './station.ts';

export interface MonitorReport {
  /** Time-average parts held, estimated from samples every `sampleS` of plant time. */
  wipByNode: Record<string, number>;
  /** Of wipByNode, the time-average input parts staged at stations (kits and batches being gathered). */
  stagedByNode?: Record<string, number>;
  wipByArea: Record<string, number>;
  sampleS: number;
  /**
   * Active-period bottleneck per window: the station whose servers were most
   * often working, in setup or down (not idle, not blocked) while on shift.
   */
  windowS: number;
  windows: { startS: number; bottleneck: string; activeShare: number }[];
  /**
   * Stores with finite places (buffers, delays, conveyors) and fleets, sampled on
   * the same grid: `onShare` the share of samples with a feeding station on shift;
   * of those, `occupiedShare` the mean share of places held by parts still in
   * their dwell or ride (not done and waiting for the successor), `fullShare` the
   * share full with its exit free, `blockedShare` with its exit held by the successor.
   */
  stores?: Record<string, { onShare: number; occupiedShare: number; fullShare: number; blockedShare: number }>;
}

/** A node with finite places and one exit. */
type Bounded = BufferNode | Delay | Conveyor;

const ACTIVE = ['working', 'setup', 'down'].map((s) => SERVER_STATES.indexOf(s as (typeof SERVER_STATES)[number]));
const OFF = SERVER_STATES.indexOf('offShift');

interface Watched {
  readonly sim: Simulation;
  readonly order: readonly PlantNode[];
  readonly statsStart: number;
}

/**
 * Plant-wide statistics that need a look at the whole plant over time: WIP per
 * node and area (sampled on a fixed grid, an unbiased estimate of the time
 * average) and the active-period bottleneck per window, from the exact
 * cumulative state times of the stations.
 */
export class PlantMonitor {
  private readonly sampleEvent: SimEvent;
  private readonly windowEvent: SimEvent;
  private sums = new Float64Array(0);
  private stagedSums = new Float64Array(0);
  private samples = 0;
  private windowStart = 0;
  /** Cumulative active and on-shift server-seconds per station at the window start. */
  private lastActive = new Float64Array(0);
  private lastOn = new Float64Array(0);
  private windows: MonitorReport['windows'] = [];
  private stations: Station[] = [];
  private watchedStores: { node: PlantNode; bounded: Bounded | null; on: (t: number) => boolean }[] = [];
  /** Per watched store: samples on shift, sum of occupied shares, full with a free exit, exit blocked. */
  private storeCounts = new Float64Array(0);

  constructor(
    private readonly plant: Watched,
    private readonly areaOf: (id: string) => string | undefined,
    /** For stores and fleets: whether a feeding station is on shift at t (absent: no calendar, always). */
    private readonly feedersOn: (id: string) => ((t: number) => boolean) | null = () => null,
    readonly sampleS = 600,
    readonly windowS = 7 * 86400,
  ) {
    this.sampleEvent = plant.sim.event(() => this.sample(), 'monitor sample');
    this.windowEvent = plant.sim.event(() => this.closeWindow(), 'monitor window');
  }

  start(): void {
    this.stations = this.plant.order.filter((n): n is Station => n instanceof Station);
    this.watchedStores = [];
    for (const node of this.plant.order) {
      const bounded = node instanceof BufferNode || node instanceof Delay || node instanceof Conveyor ? node : null;
      if ((bounded === null || !Number.isFinite(bounded.capacity)) && node.type !== 'vehicles') continue;
      this.watchedStores.push({ node, bounded, on: this.feedersOn(node.id) ?? (() => true) });
    }
    this.reset(this.plant.sim.now);
    this.plant.sim.scheduleIn(this.sampleEvent, this.sampleS);
    this.plant.sim.scheduleIn(this.windowEvent, this.windowS);
  }

  reset(now: number): void {
    this.sums = new Float64Array(this.plant.order.length);
    this.stagedSums = new Float64Array(this.plant.order.length);
    this.samples = 0;
    this.windows = [];
    this.windowStart = now;
    this.lastActive = new Float64Array(this.stations.length);
    this.lastOn = new Float64Array(this.stations.length);
    this.storeCounts = new Float64Array(this.watchedStores.length * 4);
    // The stations' state clocks restart at the same reset, so cumulative times restart at 0.
  }

  private sample(): void {
    const order = this.plant.order;
    for (let i = 0; i < order.length; i++) {
      const node = order[i];
      this.sums[i] += node.contents;
      if (node instanceof Station) this.stagedSums[i] += node.stagedParts;
    }
    this.samples++;
    const now = this.plant.sim.now;
    this.watchedStores.forEach((w, i) => {
      if (!w.on(now)) return;
      this.storeCounts[4 * i]++;
      const b = w.bounded;
      if (b === null) return;
      const blocked = b instanceof BufferNode ? b.exitBlocked : b.outlet.blocked;
      const working = b instanceof Delay ? b.dwelling : blocked ? 0 : b.contents;
      this.storeCounts[4 * i + 1] += working / b.capacity;
      if (!blocked && b.contents >= b.capacity) this.storeCounts[4 * i + 2]++;
      if (blocked) this.storeCounts[4 * i + 3]++;
    });
    this.plant.sim.scheduleIn(this.sampleEvent, this.sampleS);
  }

  private closeWindow(): void {
    const now = this.plant.sim.now;
    let best = '';
    let bestShare = -1;
    this.stations.forEach((st, i) => {
      const { active, on } = this.cumulative(st, now);
      const dOn = on - this.lastOn[i];
      const share = dOn > 0 ? (active - this.lastActive[i]) / dOn : 0;
      this.lastActive[i] = active;
      this.lastOn[i] = on;
      if (dOn > 0 && share > bestShare) {
        bestShare = share;
        best = st.id;
      }
    });
    if (best !== '') this.windows.push({ startS: this.windowStart, bottleneck: best, activeShare: bestShare });
    this.windowStart = now;
    this.plant.sim.scheduleIn(this.windowEvent, this.windowS);
  }

  private cumulative(st: Station, now: number): { active: number; on: number } {
    const f = st.stateTime.fractions(now);
    const serverSeconds = (now - this.plant.statsStart) * st.serverCount;
    let active = 0;
    for (const s of ACTIVE) active += f[s];
    return { active: active * serverSeconds, on: (1 - f[OFF]) * serverSeconds };
  }

  report(): MonitorReport {
    const wipByNode: Record<string, number> = {};
    const wipByArea: Record<string, number> = {};
    const stagedByNode: Record<string, number> = {};
    this.plant.order.forEach((node, i) => {
      if (node instanceof Station) stagedByNode[node.id] = this.samples > 0 ? this.stagedSums[i] / this.samples : node.stagedParts;
      const mean = this.samples > 0 ? this.sums[i] / this.samples : node.contents;
      wipByNode[node.id] = mean;
      const area = this.areaOf(node.id) ?? '(none)';
      wipByArea[area] = (wipByArea[area] ?? 0) + mean;
    });
    const stores: MonitorReport['stores'] = {};
    this.watchedStores.forEach((w, i) => {
      const on = this.storeCounts[4 * i];
      const share = (k: number) => (on > 0 ? this.storeCounts[4 * i + k] / on : 0);
      stores[w.node.id] = { onShare: this.samples > 0 ? on / this.samples : 1, occupiedShare: share(1), fullShare: share(2), blockedShare: share(3) };
    });
    return { wipByNode, stagedByNode, wipByArea, sampleS: this.sampleS, windowS: this.windowS, windows: [...this.windows], stores };
  }
}
