import type { Worker } from 'node:worker_threads';
import type { Model } from '../protocol/model.ts';
import type { ControlResult, ErrorCode, NodeInfo, Speed } from '../protocol/messages.ts';
import type { EngineCommand } from './session-engine.ts';
import type { FramePair } from './frame-builder.ts';
import type { FinalState, FromEngine, ToEngine } from './worker-messages.ts';
import { startWorker, workerEntry, workerFailureMessage } from '../files/worker-entry.ts';
import type { ScriptEventRecord } from '../protocol/training-messages.ts';
import type { TrainingRequest, TrainingResult } from './training-engine.ts';

export type EngineReply = { ok: true; result: ControlResult; epoch: number; breakdowns: Record<string, number> } | { ok: false; code: ErrorCode; message: string };

export interface EngineEvents {
  onFrame(epoch: number, pair: FramePair): void;
  onFatal(message: string): void;
  onTrainingEvent?(event: ScriptEventRecord): void;
}

const WORKER_URL = workerEntry(import.meta.url, 'session-worker');
/** A worker that does not answer within this time is treated as dead. */
const REPLY_TIMEOUT_MS = 15_000;

/** The main thread's handle on a session's worker thread: commands in, frames out. */
export class EngineHandle {
  private readonly worker: Worker;
  private nextReq = 1;
  private readonly pending = new Map<number, { resolve: (m: FromEngine) => void; timer: NodeJS.Timeout }>();
  private exited = false;
  readonly ready: Promise<NodeInfo[]>;

  constructor(
    init: { model: Model; seed: number; speed: Speed; running: boolean; frameHz: number; warmupS?: number },
    private readonly events: EngineEvents,
  ) {
    this.worker = startWorker(WORKER_URL);
    this.ready = new Promise((resolve, reject) => {
      const onReady = (msg: FromEngine) => {
        if (msg.kind === 'ready') {
          this.worker.off('message', onReady);
          resolve(msg.nodes);
        }
      };
      this.worker.on('message', onReady);
      this.worker.once('error', (err) => reject(new Error(workerFailureMessage(err))));
      this.worker.once('exit', (code) => reject(new Error(`session worker exited with code ${code} before it was ready`)));
    });
    this.ready.catch(() => undefined);
    this.worker.on('message', (msg: FromEngine) => this.receive(msg));
    this.worker.on('error', (err) => this.events.onFatal(workerFailureMessage(err)));
    this.worker.on('exit', () => {
      this.exited = true;
      for (const [, p] of this.pending) {
        clearTimeout(p.timer);
        p.resolve({ kind: 'fatal', message: 'session worker exited' });
      }
      this.pending.clear();
    });
    this.send({ kind: 'init', ...init });
  }

  private send(msg: ToEngine): void {
    this.worker.postMessage(msg);
  }

  private receive(msg: FromEngine): void {
    switch (msg.kind) {
      case 'frame':
        this.events.onFrame(msg.epoch, msg.pair);
        return;
      case 'trainingEvent':
        this.events.onTrainingEvent?.(msg.event);
        return;
      case 'reply':
      case 'trainingReply':
      case 'final': {
        const p = this.pending.get(msg.reqId);
        if (p === undefined) return;
        this.pending.delete(msg.reqId);
        clearTimeout(p.timer);
        p.resolve(msg);
        return;
      }
      case 'fatal':
        this.events.onFatal(msg.message);
        return;
    }
  }

  private request(build: (reqId: number) => ToEngine): Promise<FromEngine> {
    if (this.exited) return Promise.resolve({ kind: 'fatal', message: 'session worker is not running' });
    const reqId = this.nextReq++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(reqId);
        resolve({ kind: 'fatal', message: 'session worker did not answer in time' });
      }, REPLY_TIMEOUT_MS);
      this.pending.set(reqId, { resolve, timer });
      this.send(build(reqId));
    });
  }

  async command(cmd: EngineCommand): Promise<EngineReply> {
    const msg = await this.request((reqId) => ({ kind: 'cmd', reqId, cmd }));
    if (msg.kind === 'reply') return msg.ok ? { ok: true, result: msg.result, epoch: msg.epoch, breakdowns: msg.breakdowns } : { ok: false, code: msg.code, message: msg.message };
    return { ok: false, code: 'unavailable', message: msg.kind === 'fatal' ? msg.message : 'unexpected worker reply' };
  }

  /** A training request (training-engine.ts) answered by the worker. */
  async training(req: TrainingRequest): Promise<{ ok: true; result: TrainingResult } | { ok: false; code: ErrorCode; message: string }> {
    const msg = await this.request((reqId) => ({ kind: 'training', reqId, req }));
    if (msg.kind === 'trainingReply') return msg.ok ? { ok: true, result: msg.result } : { ok: false, code: msg.code, message: msg.message };
    return { ok: false, code: 'unavailable', message: msg.kind === 'fatal' ? msg.message : 'unexpected worker reply' };
  }

  /** Stops the engine and returns its final statistics (null if the worker is gone), then ends the thread. */
  async finish(): Promise<FinalState | null> {
    const msg = await this.request((reqId) => ({ kind: 'finish', reqId }));
    await this.worker.terminate();
    return msg.kind === 'final' ? msg.state : null;
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}
