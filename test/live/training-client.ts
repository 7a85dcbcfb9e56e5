import type { Reply } from '../../server/protocol/messages.ts';
import type { TrainingCommand } from '../../server/protocol/training.ts';
import type { TrainingNotice } from '../../server/protocol/training-messages.ts';
import { LiveClient } from './live-client.ts';

/** A test client that also speaks on the training channel and keeps the training notices it receives. */
export class TrainingClient extends LiveClient {
  readonly training: TrainingNotice[] = [];

  /** `headers`: e.g. a login cookie (the socket handshake's principal). */
  constructor(url: string, headers?: Record<string, string>) {
    super(url, undefined, headers);
    this.socket.on('training', (n: TrainingNotice) => this.training.push(n));
  }

  train<R = unknown>(command: TrainingCommand): Promise<Reply<R>> {
    return this.socket.timeout(30_000).emitWithAck('train', command) as Promise<Reply<R>>;
  }

  async trainOk<R = unknown>(command: TrainingCommand): Promise<R> {
    const reply = await this.train<R>(command);
    if (!reply.ok) throw new Error(`${command.type} refused: ${reply.error.code} ${reply.error.message}`);
    return reply.result;
  }
}
