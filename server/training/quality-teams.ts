import type { Plant } from '../plant/plant.ts';
import { Station } from '../plant/station.ts';
import type { TrainingScript } from '../protocol/training.ts';
import { TrainingError } from './effects.ts';

/**
 * The script's quality teams on one plant. A team sent to a station finds the cause
 * of its scrap: after `fixS` the station's yield is the model's again. It stays there
 * for the rest of the exercise, so with one team the trainee decides where the
 * loss matters most (a yield loss before the constraint costs material; at or after
 * it, output).
 */
export class QualityTeams {
  /** Station id → sim time its team arrived. */
  private readonly assigned = new Map<string, number>();

  constructor(
    private readonly plant: Plant,
    private readonly spec: NonNullable<TrainingScript['qualityTeam']>,
  ) {}

  /** Sends a team to `nodeId` now; refused (TrainingError) when none is free or one is there already. */
  send(nodeId: string): string {
    const station = this.plant.node(nodeId);
    if (station === undefined) throw new TrainingError('not_found', `nodeId: no node "${nodeId}" in this model`);
    if (!(station instanceof Station)) throw new TrainingError('invalid', `nodeId: "${nodeId}" is a ${station.type}; a quality team works on a machine, batch process or assembly station`);
    if (this.assigned.has(nodeId)) throw new TrainingError('conflict', `nodeId: a quality team is at "${nodeId}" already`);
    if (this.assigned.size >= this.spec.count) {
      throw new TrainingError('conflict', `nodeId: every quality team is busy (at ${[...this.assigned.keys()].join(', ')}); they stay until the end of the exercise`);
    }
    const spec = this.plant.model.nodes.find((n) => n.id === nodeId);
    const nominal = spec !== undefined && 'yield' in spec && typeof spec.yield === 'number' ? spec.yield : 1;
    this.assigned.set(nodeId, this.plant.now);
    const fixed = this.plant.sim.event(() => station.setYield(nominal), `quality team fixes ${nodeId}`);
    this.plant.sim.scheduleIn(fixed, this.spec.fixS);
    return `quality team → ${nodeId}`;
  }
}
