import type { Reply } from '../protocol/messages.ts';
import type { RedisBus } from './redis-link.ts';
import { requestChannel, type ClusterRequest, type RpcReply, type RpcRequest } from './redis-messages.ts';
import { error } from './session-roles.ts';

/** A request to another process that gets no answer within this time fails (the process may be gone). */
export const CALL_TIMEOUT_MS = 10_000;

/**
 * The asking side of the request/reply between processes: a request goes to the
 * process's request channel with an id, the answer comes back on this process's reply
 * channel (redis-cluster.ts subscribes both). Every call ends: with the answer, at once
 * when no process listens on that channel, or after `timeoutMs`.
 */
export class RpcClient {
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; timer: NodeJS.Timeout }>();
  private nextId = 1;

  constructor(
    private readonly bus: RedisBus,
    private readonly processId: string,
  ) {}

  /** `who`: what the messages call the receiver ("the process running session …"). */
  call<R>(process: string, req: ClusterRequest, who: string, timeoutMs = CALL_TIMEOUT_MS): Promise<Reply<R>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(error('unavailable', `${who} did not answer within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (r: Reply) => void, timer });
      this.bus.publish(requestChannel(process), JSON.stringify({ id, from: this.processId, req } satisfies RpcRequest)).then(
        (receivers) => receivers === 0 && this.answered({ id, reply: error('unavailable', `${who} is gone`) }),
        (err: Error) => this.answered({ id, reply: error('unavailable', `Redis: ${err.message}`) }),
      );
    });
  }

  answered({ id, reply }: RpcReply): void {
    const waiting = this.pending.get(id);
    if (waiting === undefined) return;
    this.pending.delete(id);
    clearTimeout(waiting.timer);
    waiting.resolve(reply);
  }

  close(): void {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
