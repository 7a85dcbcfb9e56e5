import type { PlantNode } from './node.ts';
import type { Part } from './part.ts';
import { Station } from './station.ts';

/** One or more parallel servers, one part per cycle; parts wait upstream, not inside. */
export class Machine extends Station {
  canAccept(_from: PlantNode): boolean {
    return this.free.length > 0;
  }

  accept(part: Part, _from: PlantNode): void {
    this.startOne(part);
  }

  protected tryStart(): void {}
}
