import type { Model } from '../protocol/model.ts';
import type { ControlResult, ErrorCode, NodeInfo, Speed } from '../protocol/messages.ts';
import type { ReplicationReport } from '../plant/report.ts';
import type { EngineCommand } from './session-engine.ts';
import type { FramePair } from './frame-builder.ts';
import type { ScriptEventRecord } from '../protocol/training-messages.ts';
import type { TrainingHold, TrainingRequest, TrainingResult, TrainingSnapshot } from './training-engine.ts';
import type { Refusal } from '../protocol/training-refusals.ts';

/** Messages between a session (main thread) and the worker thread running its engine. */
export type ToEngine =
  | { kind: 'init'; model: Model; seed: number; speed: Speed; running: boolean; frameHz: number; warmupS?: number }
  | { kind: 'cmd'; reqId: number; cmd: EngineCommand }
  | { kind: 'finish'; reqId: number }
  | { kind: 'training'; reqId: number; req: TrainingRequest };

export interface FinalState {
  report: ReplicationReport;
  status: ControlResult;
  /** Over all resets. */
  eventsFired: number;
  seed: number;
  /** Training sessions: the log and script events of the current run (for the history and replay). */
  training?: TrainingSnapshot;
}

export type FromEngine =
  | { kind: 'ready'; nodes: NodeInfo[] }
  | { kind: 'frame'; epoch: number; pair: FramePair }
  | { kind: 'reply'; reqId: number; ok: true; result: ControlResult; epoch: number; breakdowns: Record<string, number> }
  | { kind: 'reply'; reqId: number; ok: false; code: ErrorCode; message: string }
  | { kind: 'final'; reqId: number; state: FinalState }
  | { kind: 'fatal'; message: string }
  | { kind: 'trainingReply'; reqId: number; ok: true; result: TrainingResult }
  | { kind: 'trainingReply'; reqId: number; ok: false; code: ErrorCode; message: string; refusal?: Refusal }
  | { kind: 'trainingEvent'; event: ScriptEventRecord }
  | { kind: 'trainingHold'; hold: TrainingHold };
