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
  private readonly kit = new Map<PlantNode, Part[]>();
  private readonly need = new Map<PlantNode, number>();
  /** Units (countUnits) or parts gathered per feeder. */
  private readonly have = new Map<PlantNode, number>();
  private readonly countUnits: boolean;

  constructor(id: string, ctx: PlantContext, config: AssemblyConfig) {
    super(id, 'assembly', ctx, config);
    this.countUnits = config.countUnits === true;
  }

  /** Called while wiring: the node object behind each input id. */
  bindInput(feeder: PlantNode, count: number): void {
    this.need.set(feeder, count);
    this.kit.set(feeder, []);
    this.have.set(feeder, 0);
  }

  canAccept(from: PlantNode): boolean {
    const have = this.have.get(from);
    return have !== undefined && have < this.need.get(from)! && this.canCollect;
  }

  accept(part: Part, from: PlantNode): void {
    this.collecting();
    this.kit.get(from)!.push(part);
    this.have.set(from, this.have.get(from)! + (this.countUnits ? part.qty : 1));
    this.tryStart();
  }

  protected override get staged(): number {
    let n = 0;
    for (const parts of this.kit.values()) n += parts.length;
    return n;
  }

  protected override collectorResumed(_s: Server): void {
    this.tryStart();
    this.wake();
  }

  protected tryStart(): void {
    while (this.kitComplete() && this.canCollect) {
      const s = this.collecting();
      let createdAt = Number.POSITIVE_INFINITY;
      let consumed = 0;
      for (const [feeder, parts] of this.kit) {
        for (const p of parts) if (p.createdAt < createdAt) createdAt = p.createdAt;
        const leftover = this.countUnits ? this.have.get(feeder)! - this.need.get(feeder)! : 0;
        if (leftover > 0) {
          // The last tray is only partly used: its remaining units stay for the next kit.
          const last = parts[parts.length - 1];
          consumed += parts.length - 1;
          this.kit.set(feeder, [{ qty: leftover, createdAt: last.createdAt }]);
          this.have.set(feeder, leftover);
        } else {
          consumed += parts.length;
          this.kit.set(feeder, []);
          this.have.set(feeder, 0);
        }
      }
      // The kit's parts leave the WIP count and the assembled part enters it.
      this.ctx.wip.add(this.ctx.now, 1 - consumed);
      s.job.push({ qty: (this.config as AssemblyConfig).qty, createdAt });
      this.startCollected();
      this.wake();
    }
  }

  private kitComplete(): boolean {
    for (const [feeder, have] of this.have) if (have < this.need.get(feeder)!) return false;
    return this.kit.size > 0;
  }
}
