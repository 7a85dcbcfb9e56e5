import type { Model } from '../protocol/model.ts';
import type { TrainingScript } from '../protocol/training.ts';
import type { Debrief, EventPlan, ScriptEventRecord, TrainingLogEntry, TrainingOp } from '../protocol/training-messages.ts';
import type { Refusal } from '../protocol/training-refusals.ts';
import type { ErrorCode } from '../protocol/messages.ts';
import { isPlantEdit, withParam, type SetParamCommand } from '../protocol/messages.ts';
import type { Plant } from '../plant/plant.ts';
import { TrainingRun, type EngineOpExecutor } from '../training/training-run.ts';
import { TrainingError } from '../training/effects.ts';
import { debrief } from '../training/debrief.ts';
import { applyBreakdown, applyParam, CommandError } from './live-edits.ts';
import type { EngineCommand, SessionEngine } from './session-engine.ts';

/** Requests from the main thread to a training session's engine (worker side). */
export type TrainingRequest =
  /** `holds`: a live exercise, whose prompts hold the plant (a replay plays through them). */
  | { type: 'setup'; script: TrainingScript; replay: TrainingLogEntry[] | null; holds: boolean }
  | { type: 'apply'; item: TrainingOp; by: string; role: string; wall: string }
  | { type: 'state' }
  | { type: 'debrief'; teams: [string, string | null][] };

export interface TrainingSnapshot {
  log: TrainingLogEntry[];
  fired: ScriptEventRecord[];
  plan: EventPlan[];
}
export type TrainingResult = TrainingSnapshot | TrainingLogEntry | Debrief | null;

/** Where and why the plant stopped by itself: a prompt fired (held until resumed) or the exercise reached its horizon. */
export interface TrainingHold {
  reason: 'prompt' | 'horizon';
  atS: number;
  eventIndex: number | null;
}

/** What a failed training request answers: the reply code, the English line, and the refusal the trainee reads in their language. */
export function trainingFailure(err: unknown): { code: ErrorCode; message: string; refusal?: Refusal } {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof TrainingError) return { code: err.code, message, ...(err.refusal ? { refusal: err.refusal } : {}) };
  return { code: err instanceof CommandError ? err.code : 'internal', message };
}

/** Plant edits of a training log applied to `plant`; `onParam` keeps a session's model in step (a reset rebuilds from it). */
export function engineExecutor(onParam: (cmd: SetParamCommand) => void = () => undefined): EngineOpExecutor {
  return (plant: Plant, cmd) => {
    if (cmd.type === 'setParam') {
      applyParam(plant, cmd);
      onParam(cmd);
    } else applyBreakdown(plant, cmd.nodeId, cmd.type === 'injectBreakdown', cmd.server);
  };
}

/**
 * The training layer of one session engine, in its worker: arms the script on
 * every new plant (start and reset), applies ops, records controllers' live
 * edits, and computes the debrief here, off the socket thread.
 */
export class TrainingHost {
  private run: TrainingRun;
  /** The model at time 0 (before live edits), for the debrief's fresh runs. */
  private readonly model0: Model;

  constructor(
    private readonly engine: SessionEngine,
    private readonly script: TrainingScript,
    replay: TrainingLogEntry[] | null,
    private readonly onEvent: (r: ScriptEventRecord) => void,
    private readonly onHold: (h: TrainingHold) => void = () => undefined,
    holds = false,
  ) {
    this.model0 = structuredClone(engine.model);
    this.run = this.arm(engine.plant, replay, holds);
    engine.onNewPlant = (plant) => {
      this.run = this.arm(plant, null, holds); // a reset starts a new exercise and a new log
    };
    // The pacer stops exactly at the next prompt (so its question is asked before the plant moves on) and at the horizon.
    engine.limitS = () => Math.min(holds ? this.run.nextPromptS() : Number.POSITIVE_INFINITY, this.script.horizonS);
    engine.onLimit = () => {
      if (engine.plant.now < this.script.horizonS || !engine.running) return;
      engine.running = false;
      this.onHold({ reason: 'horizon', atS: engine.plant.now, eventIndex: null });
    };
  }

  private arm(plant: Plant, replay: TrainingLogEntry[] | null, holds: boolean): TrainingRun {
    const onEvent = (r: ScriptEventRecord) => {
      this.onEvent(r);
      if (!holds || r.prompt === undefined || r.ended) return;
      this.engine.running = false;
      this.onHold({ reason: 'prompt', atS: r.at, eventIndex: r.index });
    };
    const run = new TrainingRun(this.script, { onEvent, engineOp: engineExecutor((cmd) => (this.engine.model = withParam(this.engine.model, cmd))) });
    run.attach(plant);
    if (replay !== null) run.replayExact(replay);
    return run;
  }

  apply(item: TrainingOp, by: string, role: string, wall: string): TrainingLogEntry {
    return this.run.apply(item, by, role, wall);
  }

  /** Logs a controller's live edit that the engine has just carried out. */
  recordCommand(cmd: EngineCommand, wall: string): void {
    // Only the commands that change the plant belong in the training log.
    if (!isPlantEdit(cmd)) return;
    const plant = this.engine.plant;
    this.run.log.push({ seq: this.run.log.length, at: plant.now, ev: plant.sim.eventsFired, wall, by: 'controller', role: 'controller', item: { op: 'engine', cmd: { ...cmd } } });
  }

  state(): TrainingSnapshot {
    return { log: [...this.run.log], fired: [...this.run.fired], plan: this.run.plan() };
  }

  debrief(teams: Map<string, string | null>): Debrief {
    const untilS = Math.min(Math.max(this.engine.plant.now, 1), this.script.horizonS);
    return debrief(structuredClone(this.model0), this.script, this.engine.seed, this.run.log, untilS, teams, engineExecutor());
  }
}

let host: TrainingHost | null = null;

/** The worker's training host, if this session is a training session. */
export function trainingHost(): TrainingHost | null {
  return host;
}

/** Carries out one training request in the worker; errors become CommandErrors with reply codes. */
export function handleTrainingRequest(engine: SessionEngine, req: TrainingRequest, onEvent: (r: ScriptEventRecord) => void, onHold: (h: TrainingHold) => void): TrainingResult {
  switch (req.type) {
    case 'setup':
      if (host !== null) throw new CommandError('conflict', 'the training script is set up already');
      if (engine.plant.now !== 0) throw new CommandError('conflict', 'a training script must start at time 0');
      host = new TrainingHost(engine, req.script, req.replay, onEvent, onHold, req.holds);
      return null;
    case 'apply':
      return requireHost().apply(req.item, req.by, req.role, req.wall);
    case 'state':
      return requireHost().state();
    case 'debrief':
      return requireHost().debrief(new Map(req.teams));
  }
}

function requireHost(): TrainingHost {
  if (host === null) throw new CommandError('conflict', 'this session runs no training script');
  return host;
}
