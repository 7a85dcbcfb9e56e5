import type { Server as SocketServer } from 'socket.io';
import { spendSocketBudget } from '../live/address-budgets.ts';
import type { OptimizationManager, OptimizationRun } from '../experiments/optimize-manager.ts';
import {
  OPTIMIZATION_PROGRESS_EVENT,
  WATCH_OPTIMIZATION_EVENT,
  WatchOptimizationSchema,
  type OptimizationProgressMessage,
  type WatchOptimizationReply,
} from '../protocol/optimization-progress.ts';

const room = (id: string) => `optimization:${id}`;

export function optimizationProgressMessage(run: OptimizationRun): OptimizationProgressMessage {
  return { id: run.id, name: run.name, status: run.status, ...run.progress, error: run.error, failure: run.failure };
}

/** Pushes an optimisation's progress to the sockets that follow it (a room per optimisation), as for experiments. */
export function attachOptimizationProgress(io: SocketServer, manager: OptimizationManager): void {
  manager.on('progress', (run) => io.to(room(run.id)).emit(OPTIMIZATION_PROGRESS_EVENT, optimizationProgressMessage(run)));
  io.on('connection', (socket) => {
    socket.on(WATCH_OPTIMIZATION_EVENT, async (body: unknown, ack?: (reply: WatchOptimizationReply) => void) => {
      const reply = (r: WatchOptimizationReply) => (typeof ack === 'function' ? ack(r) : undefined);
      const overBudget = await spendSocketBudget(socket, 'watchOptimization');
      if (overBudget !== null) return reply({ ok: false, error: overBudget.error.message });
      const parsed = WatchOptimizationSchema.safeParse(body);
      if (!parsed.success) return reply({ ok: false, error: `watchOptimization.${parsed.error.issues[0]?.path.join('.') || 'id'}: ${parsed.error.issues[0]?.message}` });
      const run = manager.get(parsed.data.id);
      if (!run) return reply({ ok: false, error: `no optimisation "${parsed.data.id}"` });
      void socket.join(room(run.id));
      reply({ ok: true, progress: optimizationProgressMessage(run) });
    });
  });
}
