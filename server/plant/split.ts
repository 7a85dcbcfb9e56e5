import { MAX_NESTED_HAND_OVERS, type PlantContext } from './context.ts';
import { Outlet, PlantNode } from './node.ts';
import type { Part } from './part.ts';

/** One part in, `k` parts of `qty` units out, in zero time (a coil into sheets, a roll into cells). */
export class Split extends PlantNode {
  private pending = 0;
  private parent: Part | null = null;
  readonly outlet: Outlet;

  constructor(
    id: string,
    ctx: PlantContext,
    readonly k: number,
    readonly qty: number,
  ) {
    super(id, 'split', ctx);
    this.outlet = new Outlet(this, () => this.emit());
  }

  get contents(): number {
    return this.pending + (this.outlet.blocked ? 1 : 0);
  }

  canAccept(_from: PlantNode): boolean {
    return this.parent === null;
  }

  accept(part: Part, _from: PlantNode): void {
    this.parent = part;
    this.pending = this.k;
    this.completed++;
    this.ctx.wip.add(this.ctx.now, this.k - 1);
    // A long chain of splits: emit once the stack unwinds (PlantContext.queueHandOver).
    const ctx = this.ctx;
    if (ctx.nestedHandOvers >= MAX_NESTED_HAND_OVERS) ctx.queueHandOver(this.emitLater);
    else {
      // Passing parts on at once nests hand-overs: counted (PlantContext.nestedHandOvers).
      ctx.nestedHandOvers++;
      this.emit();
      ctx.leaveHandOver();
    }
  }

  private readonly emitLater = () => this.emit();

  private emit(): void {
    while (this.pending > 0) {
      this.pending--;
      if (!this.outlet.offer({ qty: this.qty, createdAt: this.parent!.createdAt })) return;
    }
    this.parent = null;
    this.wake();
  }
}
