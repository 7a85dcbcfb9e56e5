import type { Plant } from '../plant/plant.ts';
import { Station } from '../plant/station.ts';
import { Sink } from '../plant/sink.ts';
import { BufferNode } from '../plant/buffer.ts';
import { Delay } from '../plant/delay.ts';
import { Vehicles } from '../plant/vehicles.ts';
import { BLOCKED, DOWN, IDLE, OFF_SHIFT, SETUP, WORKING } from '../plant/part.ts';
import { emptyStateCounts, MAX_MOVES_PER_FRAME, NO_STATE, type NodeInfo } from '../protocol/messages.ts';

/** Per-node values of one instant, indexed by node order (the frame's st/ws/ut/lv/ct/sc). */
export interface PlantSample {
  t: number;
  ev: number;
  st: Int32Array;
  ws: Int32Array;
  ut: Int32Array;
  lv: Int32Array;
  ct: Int32Array;
  sc: Int32Array;
  mv: number[];
  mc: number;
  kp: number[];
}

/** When servers are split between states, the first of these that any server holds wins a tie. */
const TIE_ORDER = [DOWN, BLOCKED, SETUP, WORKING, OFF_SHIFT, IDLE];

/**
 * Reads a running plant into compact per-node arrays and samples the parts moving
 * between nodes (reservoir sampling, so a busy plant sends a fair sample of its
 * moves, not the first few).
 */
export class PlantSampler {
  readonly nodes: NodeInfo[];
  private readonly index = new Map<string, number>();
  private moves: number[] = [];
  private moveCount = 0;
  private rng = 0x9e3779b9;

  constructor(private plant: Plant) {
    this.nodes = plant.order.map((node) => ({
      id: node.id,
      type: node.type,
      servers: node instanceof Station ? node.serverCount : 0,
      capacity: node instanceof BufferNode || node instanceof Delay ? finiteOrNull(node.capacity) : null,
    }));
    plant.order.forEach((node, i) => this.index.set(node.id, i));
    this.attach(plant);
  }

  /** Follows a new plant (after a reset) with the same node order. */
  attach(plant: Plant): void {
    this.plant = plant;
    this.moves = [];
    this.moveCount = 0;
    plant.ctx.onTransfer = (from, to, qty) => this.recordMove(from, to, qty);
  }

  /** Keeps NodeInfo in step with live edits: capacity, and the servers asked for (those taken out may still finish a job). */
  refreshNodeInfo(nodeIndex: number): void {
    const node = this.plant.order[nodeIndex];
    if (node instanceof BufferNode || node instanceof Delay) this.nodes[nodeIndex].capacity = finiteOrNull(node.capacity);
    if (node instanceof Station) this.nodes[nodeIndex].servers = node.config.servers;
  }

  private recordMove(from: string, to: string, qty: number): void {
    const seen = this.moveCount++;
    const a = this.index.get(from)!;
    const b = this.index.get(to)!;
    if (seen < MAX_MOVES_PER_FRAME) {
      this.moves.push(a, b, qty);
      return;
    }
    const slot = this.nextRandom() % (seen + 1);
    if (slot < MAX_MOVES_PER_FRAME) {
      this.moves[slot * 3] = a;
      this.moves[slot * 3 + 1] = b;
      this.moves[slot * 3 + 2] = qty;
    }
  }

  /** xorshift32: the sample only decides which moves are drawn, it must not touch the model's streams. */
  private nextRandom(): number {
    let x = this.rng;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.rng = x >>> 0;
    return this.rng;
  }

  /** The plant's state now, plus the moves since the previous sample (which are then cleared). */
  sample(): PlantSample {
    const plant = this.plant;
    const now = plant.now;
    const n = plant.order.length;
    const s: PlantSample = {
      t: now,
      ev: plant.sim.eventsFired,
      st: new Int32Array(n),
      ws: new Int32Array(n),
      ut: new Int32Array(n),
      lv: new Int32Array(n),
      ct: new Int32Array(n),
      sc: new Int32Array(n),
      mv: this.moves,
      mc: this.moveCount,
      kp: [],
    };
    this.moves = [];
    this.moveCount = 0;
    let parts = 0;
    let units = 0;
    let servers = 0;
    let working = 0;
    let down = 0;
    let blocked = 0;
    for (let i = 0; i < n; i++) {
      const node = plant.order[i];
      s.lv[i] = node.contents;
      s.sc[i] = node.scrapped;
      s.ct[i] = node.completed;
      s.st[i] = NO_STATE;
      if (node instanceof Station) {
        const counts = emptyStateCounts();
        for (const state of node.serverStates()) counts[state]++;
        s.st[i] = dominantState(counts);
        s.ws[i] = counts[WORKING];
        s.ut[i] = Math.round(node.stateTime.fractions(now)[WORKING] * 1000);
        servers += node.serverCount;
        working += counts[WORKING];
        down += counts[DOWN];
        blocked += counts[BLOCKED];
      } else if (node instanceof Vehicles) {
        // A fleet's "servers working" are its vehicles on a trip (of the model's `count`).
        s.ws[i] = node.busyCount;
      } else if (node instanceof Sink) {
        s.ct[i] = node.count;
        parts += node.count;
        units += node.units;
      }
    }
    const span = now - plant.statsStart;
    s.kp = [
      now,
      span > 0 ? (parts * 3600) / span : 0,
      span > 0 ? (units * 3600) / span : 0,
      plant.ctx.wip.current,
      servers > 0 ? working / servers : 0,
      down,
      blocked,
    ];
    return s;
  }
}

function dominantState(counts: number[]): number {
  let best = TIE_ORDER[0];
  for (const state of TIE_ORDER) if (counts[state] > counts[best]) best = state;
  return best;
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
