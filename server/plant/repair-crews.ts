import { Tally, type SimEvent } from '../engine/index.ts';
import type { PlantContext } from './context.ts';

/** What a pool needs from a broken machine: start the repair once a crew is there. */
export interface CrewClient {
  readonly id: string;
  crewArrived(server: number): void;
}

interface Request {
  client: CrewClient;
  server: number;
  since: number;
  priority: number;
}

interface Crew {
  busy: boolean;
  arrival: SimEvent;
  job: Request | null;
}

/**
 * A limited pool of maintenance crews. A failed server asks for a crew; a free
 * crew travels `travelS` to it, stays for the repair and is released by the
 * station when the repair ends, then takes the next request: highest priority
 * first (a trainee's dispatch raises it), then oldest. Only stations that name
 * a pool use this, so plants without crews pay nothing.
 */
export class RepairCrewPool {
  private readonly crews: Crew[] = [];
  private readonly queue: Request[] = [];
  /** Wait from failure to crew arrival, since the last statistics reset. */
  readonly wait = new Tally();
  private nextPriority = 1;

  constructor(
    readonly id: string,
    private readonly ctx: PlantContext,
    readonly count: number,
    readonly travelS: number,
  ) {
    for (let i = 0; i < count; i++) {
      const crew: Crew = { busy: false, arrival: null as unknown as SimEvent, job: null };
      crew.arrival = ctx.sim.event(() => this.arrived(crew), `crew ${id}#${i} arrival`);
      this.crews.push(crew);
    }
  }

  /** Crews on their way or repairing now. */
  get busy(): number {
    return this.crews.filter((c) => c.busy).length;
  }

  /** Repairs waiting for a crew now. */
  get waiting(): number {
    return this.queue.length;
  }

  request(client: CrewClient, server: number): void {
    this.queue.push({ client, server, since: this.ctx.now, priority: 0 });
    this.dispatch();
  }

  /**
   * Sends the next free crew to `client` first: its waiting requests (one server,
   * or all) jump ahead of every earlier one. Returns how many requests moved.
   */
  prioritise(clientId: string, server?: number): number {
    const priority = this.nextPriority++;
    let moved = 0;
    for (const r of this.queue) {
      if (r.client.id === clientId && (server === undefined || r.server === server)) {
        r.priority = priority;
        moved++;
      }
    }
    return moved;
  }

  /** The repair of `client`'s server ended: its crew is free for the next request. */
  release(client: CrewClient, server: number): void {
    const crew = this.crews.find((c) => c.job !== null && c.job.client === client && c.job.server === server);
    if (crew === undefined) return;
    crew.busy = false;
    crew.job = null;
    this.dispatch();
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const crew = this.crews.find((c) => !c.busy);
      if (crew === undefined) return;
      let best = 0;
      for (let i = 1; i < this.queue.length; i++) if (this.queue[i].priority > this.queue[best].priority) best = i;
      const [job] = this.queue.splice(best, 1);
      crew.busy = true;
      crew.job = job;
      this.ctx.sim.scheduleIn(crew.arrival, this.travelS);
    }
  }

  private arrived(crew: Crew): void {
    const job = crew.job!;
    this.wait.add(this.ctx.now - job.since);
    job.client.crewArrived(job.server);
  }

  resetStats(): void {
    this.wait.reset();
  }
}
