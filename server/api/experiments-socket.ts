import type { Server as SocketServer } from 'socket.io';
import { spendSocketBudget } from '../live/address-budgets.ts';
import type { ExperimentManager, ExperimentRun } from '../experiments/manager.ts';
import {
  EXPERIMENT_PROGRESS_EVENT,
  WATCH_EXPERIMENT_EVENT,
  WatchExperimentSchema,
  type ExperimentProgressMessage,
  type WatchExperimentReply,
} from '../protocol/experiment-progress.ts';

const room = (id: string) => `experiment:${id}`;

export function progressMessage(run: ExperimentRun): ExperimentProgressMessage {
  const { done, total, phase, pilots, checks } = run.progress;
  return { id: run.id, name: run.name, status: run.status, done, total, phase, ...(pilots ? { pilots } : {}), ...(checks ? { checks } : {}), error: run.error, failure: run.failure };
}

/**
 * Pushes the experiments manager's progress events to the sockets that follow an
 * experiment (a Socket.IO room per experiment), so the browser shows progress
 * without polling. Anyone who knows an experiment's id may follow it, as anyone
 * may GET it.
 */
export function attachExperimentProgress(io: SocketServer, manager: ExperimentManager): void {
  manager.on('progress', (run) => io.to(room(run.id)).emit(EXPERIMENT_PROGRESS_EVENT, progressMessage(run)));
  io.on('connection', (socket) => {
    socket.on(WATCH_EXPERIMENT_EVENT, async (body: unknown, ack?: (reply: WatchExperimentReply) => void) => {
      const reply = (r: WatchExperimentReply) => (typeof ack === 'function' ? ack(r) : undefined);
      const overBudget = await spendSocketBudget(socket, 'watchExperiment');
      if (overBudget !== null) return reply({ ok: false, error: overBudget.error.message });
      const parsed = WatchExperimentSchema.safeParse(body);
      if (!parsed.success) return reply({ ok: false, error: `watchExperiment.${parsed.error.issues[0]?.path.join('.') || 'id'}: ${parsed.error.issues[0]?.message}` });
      const run = manager.get(parsed.data.id);
      if (!run) return reply({ ok: false, error: `no experiment "${parsed.data.id}"` });
      void socket.join(room(run.id));
      reply({ ok: true, progress: progressMessage(run) });
    });
  });
}
