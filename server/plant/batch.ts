import type { SimEvent } from '../engine/index.ts';
import type { PlantContext } from './context.ts';
import type { PlantNode } from './node.ts';
import type { Part } from './part.ts';
import { Station, type StationConfig } from './station.ts';

export interface BatchConfig extends StationConfig {
  batch: { size: number; min?: number; maxWaitS?: number };
}

/**
 * Servers that each process up to `size` parts at once (ovens, formation racks).
 * Arriving parts are loaded into one forming batch; a free server starts it once
 * `min` parts are present, or once the first of them has waited `maxWaitS`.
 */
export class Batch extends Station {
  private loading: Part[] = [];
  private timedOut = false;
  private readonly timeout: SimEvent | null;
  private readonly size: number;
  private readonly min: number;
  private readonly maxWaitS: number;

  constructor(id: string, ctx: PlantContext, config: BatchConfig) {
    super(id, 'batch', ctx, config);
    this.size = config.batch.size;
    this.min = config.batch.min ?? config.batch.size;
    this.maxWaitS = config.batch.maxWaitS ?? Number.POSITIVE_INFINITY;
    this.timeout =
      config.batch.maxWaitS === undefined
        ? null
        : ctx.sim.event(() => {
            this.timedOut = true;
            this.tryStart();
          }, `${id} batch timeout`);
  }

  canAccept(_from: PlantNode): boolean {
    return this.loading.length < this.size;
  }

  accept(part: Part, _from: PlantNode): void {
    this.loading.push(part);
    if (this.loading.length === 1 && this.timeout !== null) this.ctx.sim.scheduleIn(this.timeout, this.maxWaitS);
    this.tryStart();
  }

  protected override get staged(): number {
    return this.loading.length;
  }

  protected override completedPerJob(job: Part[]): number {
    return job.length;
  }

  protected tryStart(): void {
    while (this.free.length > 0 && this.loading.length > 0 && (this.loading.length >= this.min || this.timedOut)) {
      const job = this.loading;
      this.loading = [];
      this.timedOut = false;
      if (this.timeout !== null) this.ctx.sim.cancel(this.timeout);
      this.startJob(job);
      this.wake();
    }
  }
}
