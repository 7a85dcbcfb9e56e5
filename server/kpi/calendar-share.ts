import type { Model, ModelNode } from '../protocol/model.ts';

/** The shift calendar that governs a node: its own, else its area's; undefined means always on. */
export function calendarOf(model: Model, node: ModelNode): string | undefined {
  if ('calendar' in node && node.calendar !== undefined) return node.calendar;
  if (node.area === undefined) return undefined;
  return model.areas.find((a) => a.id === node.area)?.calendar;
}

/** Share of calendar time a node is on shift (1 without a calendar). */
export function calendarOnShare(model: Model, node: ModelNode): number {
  const id = calendarOf(model, node);
  if (id === undefined) return 1;
  const cal = model.calendars[id];
  if (cal === undefined) return 1;
  const on = cal.shifts.reduce((acc, s) => acc + (s.endS - s.startS), 0);
  return Math.min(1, on / cal.periodS);
}
