import { parentPort } from 'node:worker_threads';
import { SessionEngine } from './session-engine.ts';
import { FrameBuilder } from './frame-builder.ts';
import { PLANT_KPI_INTERVAL_MS } from './plant-kpis.ts';
import { CommandError } from './live-edits.ts';
import type { FromEngine, ToEngine } from './worker-messages.ts';
import { handleTrainingRequest, trainingFailure, trainingHost, type TrainingHold } from './training-engine.ts';

/**
 * Worker-thread adapter around one SessionEngine: runs the pacer loop in slices
 * of a few milliseconds, answers commands between slices, and posts frames at
 * the session's frame rate. Keeping the engine here means the socket thread's
 * fan-out to hundreds of viewers never slows the simulation.
 */

/** Wall time the engine may use per slice before it checks for commands again. */
const SLICE_MS = 8;
/** Pause between slices at a paced speed; the engine catches up on the next slice. */
const PACED_IDLE_MS = 4;
const PAUSED_IDLE_MS = 25;

const port = parentPort;
if (port === null) throw new Error('session-worker.ts must run in a worker thread');

let engine: SessionEngine | null = null;
const frames = new FrameBuilder();
let frameIntervalMs = 50;
let nextFrameAt = 0;
/** Wall time (ms) at which the plant KPIs are next recomputed. */
let nextKpisAt = 0;
/** A command changed the state while paused: send a frame even though the clock is not running. */
let dirty = true;
let epoch = 0;
let timer: NodeJS.Timeout | null = null;
let scheduled = false;
let stopped = false;

function post(msg: FromEngine): void {
  port!.postMessage(msg);
}

/** `freshKpis`: recompute the plant KPIs now (after a command), not only on their wall-clock schedule. */
function emitFrame(freshKpis = false): void {
  const e = engine!;
  if (e.epoch !== epoch) {
    epoch = e.epoch;
    frames.restart();
    freshKpis = true;
  }
  const now = performance.now();
  let pk;
  if (freshKpis || now >= nextKpisAt) {
    pk = e.plantKpis();
    nextKpisAt = now + PLANT_KPI_INTERVAL_MS;
  }
  post({ kind: 'frame', epoch, pair: frames.build(e.sample(), e.running, e.speed, pk) });
  dirty = false;
}

function tick(): void {
  timer = null;
  scheduled = false;
  if (stopped || engine === null) return;
  try {
    const start = performance.now();
    engine.advance(start, SLICE_MS);
    const now = performance.now();
    if (now >= nextFrameAt && (engine.running || dirty)) {
      emitFrame();
      // Keep a steady cadence, but never queue up frames after a long slice.
      nextFrameAt = Math.max(nextFrameAt + frameIntervalMs, now + frameIntervalMs / 2);
    }
    schedule();
  } catch (err) {
    stopped = true;
    post({ kind: 'fatal', message: err instanceof Error ? err.message : String(err) });
  }
}

function schedule(): void {
  if (scheduled || stopped || engine === null) return;
  scheduled = true;
  if (engine.running && engine.speed === 'max') {
    // setImmediate lets queued commands in between slices without the minimum timer delay.
    setImmediate(tick);
    return;
  }
  const wait = engine.running ? PACED_IDLE_MS : dirty ? 0 : PAUSED_IDLE_MS;
  timer = setTimeout(tick, wait);
}

port.on('message', (msg: ToEngine) => {
  switch (msg.kind) {
    case 'init':
      engine = new SessionEngine(msg.model, msg.seed, msg.speed);
      frameIntervalMs = 1000 / msg.frameHz;
      // Warm start: the engine's own state after warmupS of simulated time, before anyone sees a frame.
      if (msg.warmupS) engine.warmUp(msg.warmupS);
      if (msg.running) engine.execute({ type: 'play' }, performance.now());
      post({ kind: 'ready', nodes: engine.sampler.nodes });
      emitFrame(true);
      nextFrameAt = performance.now() + frameIntervalMs;
      schedule();
      return;
    case 'cmd': {
      if (engine === null) return;
      try {
        const result = engine.execute(msg.cmd, performance.now());
        trainingHost()?.recordCommand(msg.cmd, new Date().toISOString());
        post({ kind: 'reply', reqId: msg.reqId, ok: true, result, epoch: engine.epoch, breakdowns: { ...engine.breakdowns } });
        // The new state (and its KPIs) goes out at once, so a pause or step shows without waiting for the next frame time.
        emitFrame(true);
      } catch (err) {
        const code = err instanceof CommandError ? err.code : 'internal';
        post({ kind: 'reply', reqId: msg.reqId, ok: false, code, message: err instanceof Error ? err.message : String(err) });
      }
      schedule();
      return;
    }
    case 'finish': {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      if (engine === null) return;
      const e = engine;
      const training = trainingHost()?.state();
      post({ kind: 'final', reqId: msg.reqId, state: { report: e.report(), status: e.status(), eventsFired: e.eventsFired, seed: e.seed, ...(training ? { training } : {}) } });
      return;
    }
    case 'training': {
      if (engine === null) return;
      try {
        const onHold = (hold: TrainingHold) => {
          dirty = true; // the paused state goes out in the next frame
          post({ kind: 'trainingHold', hold });
        };
        const result = handleTrainingRequest(engine, msg.req, (event) => post({ kind: 'trainingEvent', event }), onHold);
        post({ kind: 'trainingReply', reqId: msg.reqId, ok: true, result });
        if (msg.req.type === 'apply') emitFrame();
      } catch (err) {
        post({ kind: 'trainingReply', reqId: msg.reqId, ok: false, ...trainingFailure(err) });
      }
      schedule();
      return;
    }
  }
});
