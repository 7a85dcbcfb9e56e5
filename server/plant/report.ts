import type { MonitorReport } from './monitor.ts';
import type { Plant } from './plant.ts';
import { Sink } from './sink.ts';

/** Statistics of one replication, in the shape of the CLI's `--json` (before averaging). */
export interface ReplicationReport {
  sinks: Record<string, { count: number; units: number; perHour: number; leadTimeMeanS: number; leadTimeP95S: number }>;
  nodes: Record<string, Record<string, unknown>>;
  system: { avgWip: number; avgTimeInSystemS: number; leadTimeP95S: number };
  /** WIP by node and area, bottleneck per window (see monitor.ts). */
  monitor: MonitorReport;
}

/** Reads every collector of `plant` at the current time. */
export function plantReport(plant: Plant): ReplicationReport {
  const now = plant.now;
  const span = now - plant.statsStart;
  const sinks: ReplicationReport['sinks'] = {};
  const nodes: ReplicationReport['nodes'] = {};
  for (const node of plant.order) {
    nodes[node.id] = node.report(now);
    if (node instanceof Sink) {
      sinks[node.id] = {
        count: node.count,
        units: node.units,
        perHour: span > 0 ? (node.count * 3600) / span : 0,
        leadTimeMeanS: node.timeInSystem.mean,
        leadTimeP95S: node.leadTime.quantile(0.95),
      };
    }
  }
  return {
    sinks,
    nodes,
    system: {
      avgWip: plant.ctx.wip.mean(now),
      avgTimeInSystemS: plant.ctx.timeInSystem.mean,
      leadTimeP95S: plant.ctx.leadTime.quantile(0.95),
    },
    monitor: plant.monitor.report(),
  };
}
