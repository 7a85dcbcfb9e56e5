import type { DistributionSpec } from '../engine/index.ts';
import type { ModelNode, ScheduleStep } from '../protocol/model.ts';
import { SCHEDULABLE_FIELDS } from '../protocol/schedule.ts';
import type { PlantContext } from './context.ts';
import { BufferNode } from './buffer.ts';
import { Delay } from './delay.ts';
import type { PlantNode } from './node.ts';
import { Source } from './source.ts';
import { Station } from './station.ts';
import type { FailuresConfig } from './station-stops.ts';

/**
 * Applies a model's schedule to the running plant: at each step's time, every
 * listed node takes the fields of its new spec that changed (validation already
 * refused changes outside SCHEDULABLE_FIELDS). A server count takes effect at
 * once (new servers start idle; servers taken out finish their job first); a
 * cycle from each server's next cycle; a yield from the next finished cycle; new
 * failure distributions from each server's next failure; a capacity at once (a
 * store above its new capacity keeps its parts and takes none until below).
 */
export function startSchedule(ctx: PlantContext, steps: readonly ScheduleStep[], specs: readonly ModelNode[], nodeOf: (id: string) => PlantNode | undefined): void {
  const current = new Map(specs.map((n) => [n.id, n]));
  for (const step of steps) {
    const event = ctx.sim.event(() => {
      for (const spec of step.nodes) {
        const node = nodeOf(spec.id)!;
        applyChanges(node, current.get(spec.id)!, spec);
        current.set(spec.id, spec);
      }
    }, `schedule at ${step.atS}`);
    ctx.sim.scheduleAt(event, step.atS);
  }
}

function applyChanges(node: PlantNode, before: ModelNode, after: ModelNode): void {
  const was = before as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  for (const field of SCHEDULABLE_FIELDS[after.type] ?? []) {
    if (JSON.stringify(was[field]) === JSON.stringify(now[field])) continue;
    const value = now[field];
    if (node instanceof Station) {
      if (field === 'servers') node.setServers(value as number);
      else if (field === 'cycle') node.setCycle(value as DistributionSpec);
      else if (field === 'yield') node.setYield(value as number);
      else if (field === 'failures') node.setFailures(value as FailuresConfig | undefined);
    } else if ((node instanceof BufferNode || node instanceof Delay) && field === 'capacity') {
      node.setCapacity((value as number | null | undefined) ?? Number.POSITIVE_INFINITY);
    } else if (node instanceof Delay && field === 'time') node.setTime(value as DistributionSpec);
    else if (node instanceof Source && field === 'interarrival') node.setInterarrival(value as DistributionSpec);
  }
}
