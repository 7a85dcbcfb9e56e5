import { StateTime } from '../engine/index.ts';
import type { PlantContext } from './context.ts';
import { Outlet, PlantNode } from './node.ts';
import { IDLE, SERVER_STATES, WORKING } from './part.ts';
import { FAILED, IN_WORK, NO_ACTIVITY, Server, serverState } from './station-server.ts';

/**
 * A station's servers as bookkeeping: which exist, which are free, how many
 * parts they hold, the time each spends in each state, and servers installed or
 * taken out mid-run. Kept apart from what stops a server (station-stops.ts) and
 * from the cycle (station.ts) so that counting servers and their time stays one
 * small piece that neither failures nor shifts need to know the inside of.
 */
export abstract class StationServers extends PlantNode {
  protected readonly servers: Server[] = [];
  protected readonly free: Server[] = [];
  readonly stateTime: StateTime;
  /**
   * Parts in the servers (in jobs, finished, or held by a blocked outlet), kept
   * as parts come and go so the WIP monitor need not visit every server (a
   * formation station has hundreds) at each sample. The servers' outlets count
   * a part out as they hand it over.
   */
  held = 0;

  constructor(id: string, type: string, ctx: PlantContext, servers: number) {
    super(id, type, ctx);
    this.stateTime = new StateTime(SERVER_STATES.length, servers, IDLE, ctx.now);
  }

  /** A server's current activity (setup or work) has ended. */
  protected abstract activityDone(s: Server): void;
  /** Hands a server's finished parts downstream. */
  protected abstract emit(s: Server): void;
  /** A server has nothing left to do: it takes the next job, or stops for the shift, or leaves (`retire`). */
  protected abstract available(s: Server): void;
  /** Gives a new server what its stops need (failure and repair events, a first time to failure). */
  protected abstract equip(s: Server): void;

  /**
   * Installs the station's first servers, all free. Called by the constructor of
   * the class that equips them, once what `equip` needs is set up.
   */
  protected openServers(n: number): void {
    for (let i = 0; i < n; i++) this.servers.push(this.makeServer());
    for (let i = n - 1; i >= 0; i--) this.free.push(this.servers[i]);
  }

  private makeServer(): Server {
    const s = new Server(this.servers.length);
    s.end = this.ctx.sim.event(() => this.activityDone(s), `${this.id}#${s.index} end`);
    this.equip(s);
    s.outlet = new Outlet(this, () => this.emit(s), null, this);
    return s;
  }

  /** Servers in service (not taken out). */
  get serverCount(): number {
    let n = 0;
    for (const s of this.servers) if (!s.retired) n++;
    return n;
  }

  /**
   * Installs or takes out servers mid-run (a ramp-up brings groups online). New
   * servers start idle (or off shift); servers taken out leave at once when idle,
   * else once their current job is handed over.
   */
  setServers(n: number): void {
    let active = this.servers.filter((s) => !s.retired && !s.retiring);
    const now = this.ctx.now;
    while (active.length < n) {
      const s = this.makeServer();
      s.outlet.router = this.servers[0].outlet.router;
      s.isFree = false;
      this.servers.push(s);
      this.stateTime.resize(now, s.state, 1);
      active.push(s);
      this.available(s);
      this.refresh(s);
    }
    // Take out idle servers first, then the busy ones with the highest index.
    active = active.sort((a, b) => Number(this.isIdle(b)) - Number(this.isIdle(a)) || b.index - a.index);
    for (let k = active.length - n; k > 0; k--) {
      const s = active.shift()!;
      if (this.isIdle(s)) this.retire(s);
      else s.retiring = true;
    }
  }

  /** No job, nothing to hand over, not failed: the server can leave or stop at once. */
  protected isIdle(s: Server): boolean {
    return s.activity === NO_ACTIVITY && !s.collecting && s.emitted >= s.output.length && !s.outlet.blocked && (s.stop & FAILED) === 0;
  }

  /** Takes a server out of service: it leaves the free list and the state time. */
  protected retire(s: Server): void {
    if (s.isFree) this.free.splice(this.free.indexOf(s), 1);
    s.isFree = false;
    s.retiring = false;
    s.retired = true;
    this.stateTime.resize(this.ctx.now, s.state, -1);
  }

  /** Records a server's state after anything that may have changed it. */
  protected refresh(s: Server): void {
    // The usual call: a running server at work (a retired server never is).
    if (s.stop === 0 && s.activity === IN_WORK) {
      if (s.state !== WORKING) this.moveState(s, WORKING);
      return;
    }
    if (s.retired) return;
    const state = serverState(s);
    if (state !== s.state) this.moveState(s, state);
  }

  private moveState(s: Server, state: number): void {
    this.stateTime.move(this.ctx.now, s.state, state);
    s.state = state;
  }

  /** Current state of each server in service, by index into SERVER_STATES. */
  serverStates(): number[] {
    const out: number[] = [];
    for (const s of this.servers) if (!s.retired) out.push(s.state);
    return out;
  }
}
