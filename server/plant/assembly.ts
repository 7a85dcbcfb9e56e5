import type { PlantContext } from './context.ts';
import type { PlantNode } from './node.ts';
import type { Part } from './part.ts';
import { Station, type StationConfig } from './station.ts';

export interface AssemblyConfig extends StationConfig {
  /** Parts consumed from each feeder per cycle. */
  inputs: Record<string, number>;
  /** Units in the assembled part. */
  qty: number;
}

/**
 * Consumes `inputs[feeder]` parts from every feeder to make one part (cells →
 * module → pack). One kit is gathered at a time; a free server takes it whole.
 */
export class Assembly extends Station {
  private readonly kit = new Map<PlantNode, Part[]>();
  private readonly need = new Map<PlantNode, number>();

  constructor(id: string, ctx: PlantContext, config: AssemblyConfig) {
    super(id, 'assembly', ctx, config);
  }

  /** Called while wiring: the node object behind each input id. */
  bindInput(feeder: PlantNode, count: number): void {
    this.need.set(feeder, count);
    this.kit.set(feeder, []);
  }

  canAccept(from: PlantNode): boolean {
    const parts = this.kit.get(from);
    return parts !== undefined && parts.length < this.need.get(from)!;
  }

  accept(part: Part, from: PlantNode): void {
    this.kit.get(from)!.push(part);
    this.tryStart();
  }

  protected override get staged(): number {
    let n = 0;
    for (const parts of this.kit.values()) n += parts.length;
    return n;
  }

  protected tryStart(): void {
    while (this.free.length > 0 && this.kitComplete()) {
      let createdAt = Number.POSITIVE_INFINITY;
      let consumed = 0;
      for (const [feeder, parts] of this.kit) {
        for (const p of parts) if (p.createdAt < createdAt) createdAt = p.createdAt;
        consumed += parts.length;
        this.kit.set(feeder, []);
      }
      // The kit's parts leave the WIP count and the assembled part enters it.
      this.ctx.wip.add(this.ctx.now, 1 - consumed);
      this.startJob([{ qty: (this.config as AssemblyConfig).qty, createdAt }]);
      this.wake();
    }
  }

  private kitComplete(): boolean {
    for (const [feeder, parts] of this.kit) if (parts.length < this.need.get(feeder)!) return false;
    return this.kit.size > 0;
  }
}
