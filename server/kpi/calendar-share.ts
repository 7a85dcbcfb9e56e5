import { MACHINE_LIKE, type Model, type ModelNode } from '../protocol/model.ts';
import { calendarOf, feederCalendars } from '../plant/feeder-calendars.ts';

export { calendarOf };

function shareOf(model: Model, id: string): number {
  const cal = model.calendars[id];
  if (cal === undefined) return 1;
  const on = cal.shifts.reduce((acc, s) => acc + (s.endS - s.startS), 0);
  return Math.min(1, on / cal.periodS);
}

/**
 * Share of calendar time a node works (1 without a calendar). A station works
 * on its own calendar; a store, conveyor or fleet only while its feeding
 * stations are on shift (the largest of their shares: any one of them on keeps
 * it supplied), since nothing arrives to fill places freed off shift.
 */
export function calendarOnShare(model: Model, node: ModelNode): number {
  if (MACHINE_LIKE.has(node.type)) {
    const id = calendarOf(model, node);
    return id === undefined ? 1 : shareOf(model, id);
  }
  const feeders = feederCalendars(model, node.id);
  if (feeders === null) return 1;
  return Math.max(...feeders.map((id) => shareOf(model, id)));
}
