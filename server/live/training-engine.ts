import type { Model } from '../protocol/model.ts';
import type { TrainingScript } from '../protocol/training.ts';
import type { Debrief, ScriptEventRecord, TrainingLogEntry, TrainingOp } from '../protocol/training-messages.ts';
import { isPlantEdit, withParam, type SetParamCommand } from '../protocol/messages.ts';
import type { Plant } from '../plant/plant.ts';
import { TrainingRun, type EngineOpExecutor } from '../training/training-run.ts';
import { TrainingError } from '../training/effects.ts';
import { debrief } from '../training/debrief.ts';
import { applyBreakdown, applyParam, CommandError } from './live-edits.ts';
import type { EngineCommand, SessionEngine } from './session-engine.ts';

/** Requests from the main thread to a training session's engine (worker side). */
export type TrainingRequest =
  | { type: 'setup'; script: TrainingScript; replay: TrainingLogEntry[] | null }
  | { type: 'apply'; item: TrainingOp; by: string; role: string; wall: string }
  | { type: 'state' }
  | { type: 'debrief'; teams: [string, string | null][] };

export type TrainingResult = { log: TrainingLogEntry[]; fired: ScriptEventRecord[] } | TrainingLogEntry | Debrief | null;

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
  ) {
    this.model0 = structuredClone(engine.model);
    this.run = this.arm(engine.plant, replay);
    engine.onNewPlant = (plant) => {
      this.run = this.arm(plant, null); // a reset starts a new exercise and a new log
    };
  }

  private arm(plant: Plant, replay: TrainingLogEntry[] | null): TrainingRun {
    const run = new TrainingRun(this.script, { onEvent: this.onEvent, engineOp: engineExecutor((cmd) => (this.engine.model = withParam(this.engine.model, cmd))) });
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

  state(): { log: TrainingLogEntry[]; fired: ScriptEventRecord[] } {
    return { log: [...this.run.log], fired: [...this.run.fired] };
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
export function handleTrainingRequest(engine: SessionEngine, req: TrainingRequest, onEvent: (r: ScriptEventRecord) => void): TrainingResult {
  try {
    switch (req.type) {
      case 'setup':
        if (host !== null) throw new CommandError('conflict', 'the training script is set up already');
        if (engine.plant.now !== 0) throw new CommandError('conflict', 'a training script must start at time 0');
        host = new TrainingHost(engine, req.script, req.replay, onEvent);
        return null;
      case 'apply':
        return requireHost().apply(req.item, req.by, req.role, req.wall);
      case 'state':
        return requireHost().state();
      case 'debrief':
        return requireHost().debrief(new Map(req.teams));
    }
  } catch (err) {
    if (err instanceof TrainingError) throw new CommandError(err.code, err.message);
    throw err;
  }
}

function requireHost(): TrainingHost {
  if (host === null) throw new CommandError('conflict', 'this session runs no training script');
  return host;
}
