import type { DistributionSpec } from '../engine/index.ts';
import type { Plant } from '../plant/plant.ts';
import type { QualityTeams } from './quality-teams.ts';
import { Station } from '../plant/station.ts';
import { Source } from '../plant/source.ts';
import { BufferNode } from '../plant/buffer.ts';
import type { Outlet, PlantNode, Router } from '../plant/node.ts';
import { routeTargets } from '../protocol/model.ts';
import type { TraineeAction, TrainingEvent } from '../protocol/training.ts';
import type { ScriptEventRecord } from '../protocol/training-messages.ts';
import { refusal, type Refusal } from '../protocol/training-refusals.ts';

/** A well-formed action or event that cannot apply to this plant now; `code` maps to a reply code. */
export class TrainingError extends Error {
  constructor(
    readonly code: 'invalid' | 'not_found' | 'conflict' | 'forbidden',
    message: string,
    /** What the trainee is told, in their language (training-refusals.ts). */
    readonly refusal?: Refusal,
  ) {
    super(message);
    this.name = 'TrainingError';
  }
}

function nodeOf(plant: Plant, nodeId: string, field = 'nodeId'): PlantNode {
  const node = plant.node(nodeId);
  if (node === undefined) throw new TrainingError('not_found', `${field}: no node "${nodeId}" in this model`, refusal('noSuchNode', { nodeId }));
  return node;
}

function stationOf(plant: Plant, nodeId: string, server?: number): Station {
  const node = nodeOf(plant, nodeId);
  if (!(node instanceof Station)) throw new TrainingError('invalid', `nodeId: "${nodeId}" is a ${node.type}, not a machine, batch process or assembly station`, refusal('notStation', { nodeId, type: node.type }));
  if (server !== undefined && server >= node.serverCount) throw new TrainingError('invalid', `server: "${nodeId}" has ${node.serverCount} server(s), numbered from 0`, refusal('noSuchServer', { nodeId, servers: node.serverCount, server }));
  return node;
}

function sourceOf(plant: Plant, nodeId: string): Source {
  const node = nodeOf(plant, nodeId);
  if (!(node instanceof Source)) throw new TrainingError('invalid', `nodeId: "${nodeId}" is a ${node.type}, not a source`);
  return node;
}

/** The router that picks destinations for `node`'s parts (all its outlets share one). */
function routerOf(node: PlantNode): Router | null {
  const outlets = (node as { outlets?: Outlet[] }).outlets;
  const outlet = outlets?.[0] ?? (node as { outlet?: Outlet }).outlet;
  return outlet?.router ?? null;
}

/**
 * Applies one trainee action to the plant; checks everything before changing
 * anything. Returns a one-line description for the log. `quality`: the script's
 * quality teams on this plant (null when the script has none).
 */
export function applyAction(plant: Plant, act: TraineeAction, quality: QualityTeams | null = null): string {
  switch (act.action) {
    case 'dispatchCrew': {
      const station = stationOf(plant, act.nodeId, act.server);
      const pool = station.crewPool;
      if (pool === null) throw new TrainingError('invalid', `nodeId: "${act.nodeId}" has no repair crew pool (failures.crew)`, refusal('noCrewPool', { nodeId: act.nodeId }));
      const moved = pool.prioritise(act.nodeId, act.server);
      if (moved === 0) throw new TrainingError('conflict', `nodeId: "${act.nodeId}" is not waiting for a crew of "${pool.id}"`, refusal('crewNotWaiting', { nodeId: act.nodeId, pool: pool.id }));
      return `crew ${pool.id} → ${act.nodeId}`;
    }
    case 'setBufferCapacity': {
      const node = nodeOf(plant, act.nodeId);
      if (!(node instanceof BufferNode)) throw new TrainingError('invalid', `nodeId: "${act.nodeId}" is a ${node.type}, not a buffer`, refusal('notBuffer', { nodeId: act.nodeId, type: node.type }));
      node.setCapacity(act.capacity ?? Number.POSITIVE_INFINITY);
      return `${act.nodeId} capacity ${act.capacity ?? '∞'}`;
    }
    case 'switchRecipe': {
      const station = stationOf(plant, act.nodeId);
      station.switchRecipe(act.cycle as DistributionSpec, act.setupS);
      return `${act.nodeId} recipe switch, setup ${act.setupS} s`;
    }
    case 'setRoute': {
      const node = nodeOf(plant, act.nodeId);
      const router = routerOf(node);
      if (router === null || !router.weighted) throw new TrainingError('invalid', `nodeId: "${act.nodeId}" has a single destination; there is nothing to re-prioritise`, refusal('singleRoute', { nodeId: act.nodeId }));
      const dests = router.destinations.map((d) => d.id);
      const probs = dests.map((id) => act.route.find((r) => r.id === id)?.p ?? 0);
      const unknown = act.route.findIndex((r) => !dests.includes(r.id));
      if (unknown >= 0) throw new TrainingError('invalid', `route[${unknown}].id: "${act.route[unknown].id}" is not a destination of "${act.nodeId}" (${dests.join(', ')})`, refusal('notDestination', { nodeId: act.nodeId, dest: act.route[unknown].id, dests: dests.join(', ') }));
      router.setWeights(probs);
      return `${act.nodeId} route ${act.route.map((r) => `${r.id}:${r.p}`).join(' ')}`;
    }
    case 'sendQualityTeam':
      if (quality === null) throw new TrainingError('invalid', 'action: this exercise has no quality team (the script sets qualityTeam)');
      return quality.send(act.nodeId);
  }
}

/** Checks that a script event fits the plant (used when a script is loaded). */
export function checkEvent(plant: Plant, e: TrainingEvent): void {
  switch (e.kind) {
    case 'breakdown':
      stationOf(plant, e.nodeId, e.server);
      return;
    case 'yieldDrop':
      stationOf(plant, e.nodeId);
      return;
    case 'shortage':
      sourceOf(plant, e.nodeId);
      return;
    case 'rushOrder':
      if (sourceOf(plant, e.nodeId).unlimited) throw new TrainingError('invalid', `nodeId: source "${e.nodeId}" is an unlimited supply; a rush order needs a timed source`);
      return;
    case 'prompt':
      return;
  }
}

/**
 * Fires script event `index` now. Effects with a duration schedule their own
 * undo as a simulation event, so they end at the same point in every run.
 * `report` is told when the event fires and when its effect ends.
 */
export function fireEvent(plant: Plant, e: TrainingEvent, index: number, report: (r: ScriptEventRecord) => void): void {
  checkEvent(plant, e);
  const sim = plant.sim;
  const record = (ended?: boolean): ScriptEventRecord => ({
    index,
    at: plant.now,
    kind: e.kind,
    ...('nodeId' in e ? { nodeId: e.nodeId } : {}),
    ...(e.prompt !== undefined && !ended ? { prompt: e.prompt } : {}),
    ...(ended ? { ended: true } : {}),
  });
  const later = (durationS: number | undefined, undo: () => void) => {
    if (durationS === undefined) return;
    const ev = sim.event(() => {
      undo();
      report(record(true));
    }, `training event ${index} end`);
    sim.scheduleIn(ev, durationS);
  };
  switch (e.kind) {
    case 'breakdown': {
      const station = stationOf(plant, e.nodeId, e.server);
      // With a duration it is a failure that a crew repairs; without, it stays down until cleared.
      if (e.durationS !== undefined) station.breakFor(e.durationS, e.server);
      else station.setBreakdown(true, e.server);
      break;
    }
    case 'yieldDrop': {
      const station = stationOf(plant, e.nodeId);
      const before = station.config.yield;
      station.setYield(e.yield);
      later(e.durationS, () => station.setYield(before));
      break;
    }
    case 'shortage': {
      const source = sourceOf(plant, e.nodeId);
      source.setSupplyStopped(true);
      later(e.durationS, () => source.setSupplyStopped(false));
      break;
    }
    case 'rushOrder': {
      const source = sourceOf(plant, e.nodeId);
      const spec = plant.model.nodes.find((n) => n.id === e.nodeId);
      const before = spec?.type === 'source' ? spec.interarrival : undefined;
      source.setInterarrival(e.interarrival as DistributionSpec);
      if (before !== undefined) later(e.durationS, () => source.setInterarrival(before as DistributionSpec));
      break;
    }
    case 'prompt':
      break;
  }
  report(record());
}

/** Ends an open-ended scripted breakdown (the instructor clears it). */
export function clearEventBreakdown(plant: Plant, nodeId: string): void {
  stationOf(plant, nodeId).setBreakdown(false);
}

/** Route destinations named in the model (for the client's route editor). */
export function routeOptions(plant: Plant, nodeId: string): { id: string; p: number }[] {
  const spec = plant.model.nodes.find((n) => n.id === nodeId);
  return spec !== undefined && 'to' in spec ? routeTargets(spec.to) : [];
}
