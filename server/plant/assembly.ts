import type { PlantContext } from './context.ts';
import type { PlantNode } from './node.ts';
import type { Part } from './part.ts';
import type { Server } from './station-server.ts';
import { Station, type StationConfig } from './station.ts';

export interface AssemblyConfig extends StationConfig {
  /** Parts (or units, with countUnits) consumed from each feeder per cycle. */
  inputs: Record<string, number>;
  /** Units in the assembled part. */
  qty: number;
  /** Inputs count units rather than parts (cells on trays whose count varies with scrap). */
  countUnits?: boolean;
}

/**
 * Consumes `inputs[feeder]` parts from every feeder to make one part (cells →
 * module → pack). A part enters a kit only when a server is free to collect it:
 * one server at a time collects its kit (it counts as idle meanwhile) and starts
 * when the kit is complete; until then parts wait upstream. With `countUnits` a
 * kit needs that many units: a tray that brings more than the kit lacks is
 * split, and its remainder stays at the station for the next kit.
 */
export class Assembly extends Station {
  // Per feeder, in wiring order (the order kits are taken apart): a short linear
  // scan finds a feeder faster than a Map lookup, and the arrays are reused kit after kit.
  private readonly feeders: PlantNode[] = [];
  private readonly need: number[] = [];
  /** Units (countUnits) or parts gathered per feeder. */
  private readonly have: number[] = [];
  private readonly kit: Part[][] = [];
  private readonly countUnits: boolean;
  private readonly qty: number;

  constructor(id: string, ctx: PlantContext, config: AssemblyConfig) {
    super(id, 'assembly', ctx, config);
    this.countUnits = config.countUnits === true;
    this.qty = config.qty;
  }

  /** Called while wiring: the node object behind each input id. */
  bindInput(feeder: PlantNode, count: number): void {
    let i = this.feederIndex(feeder);
    if (i < 0) {
      i = this.feeders.length;
      this.feeders.push(feeder);
      this.kit.push([]);
    }
    this.need[i] = count;
    this.kit[i].length = 0;
    this.have[i] = 0;
  }

  private feederIndex(from: PlantNode): number {
    const feeders = this.feeders;
    for (let i = 0; i < feeders.length; i++) if (feeders[i] === from) return i;
    return -1;
  }

  canAccept(from: PlantNode): boolean {
    const i = this.feederIndex(from);
    return i >= 0 && this.have[i] < this.need[i] && this.canCollect;
  }

  accept(part: Part, from: PlantNode): void {
    this.collecting();
    const i = this.feederIndex(from);
    this.kit[i].push(part);
    this.have[i] += this.countUnits ? part.qty : 1;
    this.tryStart();
  }

  protected override get staged(): number {
    let n = 0;
    for (const parts of this.kit) n += parts.length;
    return n;
  }

  protected override collectorResumed(_s: Server): void {
    this.tryStart();
    this.wake();
  }

  protected tryStart(): void {
    const { kit, have, need } = this;
    while (this.kitComplete() && this.canCollect) {
      const s = this.collecting();
      let createdAt = Number.POSITIVE_INFINITY;
      let consumed = 0;
      for (let f = 0; f < kit.length; f++) {
        const parts = kit[f];
        for (let j = 0; j < parts.length; j++) if (parts[j].createdAt < createdAt) createdAt = parts[j].createdAt;
        const leftover = this.countUnits ? have[f] - need[f] : 0;
        if (leftover > 0) {
          // The last tray is only partly used: its remaining units stay for the next kit.
          const lastCreatedAt = parts[parts.length - 1].createdAt;
          consumed += parts.length - 1;
          while (parts.length > 0) parts.pop();
          parts.push({ qty: leftover, createdAt: lastCreatedAt });
          have[f] = leftover;
        } else {
          consumed += parts.length;
          while (parts.length > 0) parts.pop();
          have[f] = 0;
        }
      }
      // The kit's parts leave the WIP count and the assembled part enters it.
      this.ctx.wip.add(this.ctx.now, 1 - consumed);
      this.load(s, { qty: this.qty, createdAt });
      this.startCollected();
      this.wake();
    }
  }

  private kitComplete(): boolean {
    const { have, need } = this;
    for (let f = 0; f < have.length; f++) if (have[f] < need[f]) return false;
    return have.length > 0;
  }
}
