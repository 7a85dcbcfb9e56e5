import type { Part } from './part.ts';
import { MAX_NESTED_HAND_OVERS, type PlantContext } from './context.ts';

/** Statistics a node reports; each block adds its own fields. */
export interface NodeReport {
  type: string;
  completed: number;
  scrapped: number;
  [field: string]: unknown;
}

/**
 * A buffer or an unlimited source that alone feeds one station and lets it pull (buffer.ts,
 * source.ts): its refused part stays with it, not in its outlet nor in the station's queue of
 * blocked feeders.
 */
export interface PullFeeder extends PlantNode {
  /** The head part was refused and waits for the station's room, as a held part would. */
  readonly pullBlocked: boolean;
  /** The station has room: hand over the head part, as releasing a held part would. */
  pulled(): void;
}

/**
 * Who waits to hand a node a part: the outlets of blocked feeders, oldest first, and the
 * pulled feeder, with the state of the node's wake loop.
 *
 * One class for every node, apart from the node itself, because `wake` runs on the per-part
 * path of every block: fields of the node would be read there through V8's megamorphic
 * property cache (ten node classes share the method), and these are plain loads.
 */
export class Intake {
  /** Outlets of feeders blocked on this node, oldest first. */
  readonly waiting: Outlet[] = [];
  /** The buffer or unlimited source that alone feeds this node and is pulled from (then `waiting` stays empty), or null. */
  pullFeeder: PullFeeder | null = null;
  waking = false;
  wakeAgain = false;
}

/**
 * A block of the plant. Parts move by push with blocking: a node offers a part
 * to its successor through an Outlet; if the successor cannot take it now the
 * outlet waits in the successor's queue of blocked feeders and is released,
 * in FIFO order, as soon as the successor has room (`wake`). A buffer or an unlimited
 * source that alone feeds a station is pulled from instead (PullFeeder): the same
 * hand-overs in the same order, without offering its next part again after every hand-over.
 */
export abstract class PlantNode {
  /** Blocked feeders and the pulled feeder (see Intake). */
  readonly intake = new Intake();
  /** Cycles finished (parts for batch nodes), scrapped or not, since the last reset. */
  completed = 0;
  /** Units scrapped at this node since the last reset. */
  scrapped = 0;

  constructor(
    readonly id: string,
    readonly type: string,
    readonly ctx: PlantContext,
  ) {}

  /** Whether a part from `from` could be accepted right now. */
  abstract canAccept(from: PlantNode): boolean;
  /** Takes a part; only called right after canAccept returned true. */
  abstract accept(part: Part, from: PlantNode): void;
  /** Called once, at time 0, after every node is wired. */
  start(): void {}

  resetStats(_now: number): void {
    this.completed = 0;
    this.scrapped = 0;
  }

  report(_now: number): NodeReport {
    return { type: this.type, completed: this.completed, scrapped: this.scrapped };
  }

  /** Parts currently held by this node. */
  abstract get contents(): number;

  /** Registers a blocked feeder's outlet. */
  enqueueBlocked(outlet: Outlet): void {
    this.intake.waiting.push(outlet);
  }

  /** Number of feeders currently blocked on this node. */
  get blockedFeeders(): number {
    const feeder = this.intake.pullFeeder;
    return this.intake.waiting.length + (feeder !== null && feeder.pullBlocked ? 1 : 0);
  }

  /**
   * Offers freed room to blocked feeders, oldest first, while there is room (wakeIntake).
   *
   * Only the hand-off, small enough for V8 to inline nearly everywhere, so `this.intake` is read
   * where the caller's class is known. With the loops in this method, a call that was not inlined
   * read it, and looked up the loops' methods, through V8's megamorphic property cache (ten node
   * classes share the method). Counted with callgrind: the default plant runs 2.9 % fewer
   * instructions this way, the tandem line 2.4 % more (there the whole method used to be inlined).
   */
  protected wake(): void {
    wakeIntake(this, this.intake);
  }

  /** After an event threw mid-wake: this node's loop is gone, so the next wake must run its own. */
  clearWaking(): void {
    this.intake.waking = false;
    this.intake.wakeAgain = false;
  }
}

/**
 * `node`'s wake: releases blocked feeders and pulls from its pulled feeder, rescanning while a
 * release frees room again. Module functions, not methods: nothing is looked up on the node but
 * canAccept.
 */
function wakeIntake(node: PlantNode, intake: Intake): void {
  const feeder = intake.pullFeeder;
  if (intake.waiting.length === 0 && (feeder === null || !feeder.pullBlocked)) return;
  if (intake.waking) {
    // A release below freed room again; the loop that is already running rescans.
    intake.wakeAgain = true;
    return;
  }
  // No try/finally on this hot path: Plant.runUntil clears the flag when an event throws.
  intake.waking = true;
  do {
    intake.wakeAgain = false;
    if (intake.waiting.length > 0) releaseWaiting(node, intake.waiting);
    // A pulled feeder is this node's only feeder, so `waiting` is empty then: the same releases, in the same order.
    if (feeder !== null) pullFrom(node, feeder);
  } while (intake.wakeAgain);
  intake.waking = false;
}

/** Takes parts from the pulled feeder while it has one ready and `node` has room. */
function pullFrom(node: PlantNode, feeder: PullFeeder): void {
  while (feeder.pullBlocked && node.canAccept(feeder)) feeder.pulled();
}

/** Releases blocked feeders' outlets, oldest first that `node` can take, rescanning after each. */
function releaseWaiting(node: PlantNode, waiting: Outlet[]): void {
  for (let i = 0; i < waiting.length; ) {
    const outlet = waiting[i];
    if (node.canAccept(outlet.owner)) {
      // Remove in place: splice would allocate an array of the removed items on this hot path.
      for (let j = i + 1; j < waiting.length; j++) waiting[j - 1] = waiting[j];
      waiting.pop();
      outlet.release();
      i = 0;
    } else i++;
  }
}

/** Picks the destination of each part: fixed, or by probability from the node's route stream. */
export class Router {
  /** The only destination of an unconditional route (null when routing by probability). */
  readonly fixedTarget: PlantNode | null;

  private constructor(
    private readonly targets: PlantNode[],
    private readonly cumulative: Float64Array,
    private readonly u: (() => number) | null,
  ) {
    this.fixedTarget = u === null ? targets[0] : null;
  }

  static fixed(target: PlantNode): Router {
    return new Router([target], new Float64Array([1]), null);
  }

  static weighted(targets: PlantNode[], probs: number[], u: () => number): Router {
    const cumulative = new Float64Array(probs.length);
    let acc = 0;
    probs.forEach((p, i) => (cumulative[i] = acc += p));
    return new Router(targets, cumulative, u);
  }

  get destinations(): readonly PlantNode[] {
    return this.targets;
  }

  /** Whether destinations are drawn by probability (a route list), so they can be re-weighted. */
  get weighted(): boolean {
    return this.u !== null;
  }

  /** New probabilities for the same destinations, in order (a trainee re-prioritising routing). */
  setWeights(probs: readonly number[]): void {
    let acc = 0;
    probs.forEach((p, i) => (this.cumulative[i] = acc += p));
  }

  pick(): PlantNode {
    if (this.u === null) return this.targets[0];
    const x = this.u() * this.cumulative[this.cumulative.length - 1];
    for (let i = 0; i < this.cumulative.length; i++) if (x < this.cumulative[i]) return this.targets[i];
    return this.targets[this.targets.length - 1];
  }
}

/**
 * One exit of a node (a server, a buffer's head, a source): hands one part at a
 * time to the routed destination, or holds it while the destination is full.
 */
export class Outlet {
  router!: Router;
  private held: Part | null = null;
  private dest: PlantNode | null = null;
  private readonly ctx: PlantContext;

  constructor(
    readonly owner: PlantNode,
    /** Called after a held part has been handed over. */
    private readonly onRelease: () => void,
    /** Called just before the destination receives a part (a source stamps its entry time). */
    private readonly onHandOver: ((part: Part) => void) | null = null,
    /**
     * A station's count of the parts in its servers, decremented as a part is handed
     * over (before the destination sees it): a field, not a hook, on this hot path.
     */
    private readonly count: { held: number } | null = null,
  ) {
    this.ctx = owner.ctx;
  }

  get blocked(): boolean {
    return this.held !== null;
  }

  /** Destination the held part waits for (null when nothing is held). */
  get waitingFor(): PlantNode | null {
    return this.dest;
  }

  /** Passes the part on at once (true) or holds it until the destination has room (false). */
  offer(part: Part): boolean {
    const dest = this.router.fixedTarget ?? this.router.pick();
    if (dest.canAccept(this.owner)) {
      this.handOver(part, dest);
      return true;
    }
    this.held = part;
    this.dest = dest;
    dest.enqueueBlocked(this);
    return false;
  }

  /** Called by the destination once it can take the held part. */
  release(): void {
    const part = this.held!;
    const dest = this.dest!;
    this.held = null;
    this.dest = null;
    this.handOverAndReact(part, dest);
  }

  /**
   * Hands `part` to a destination that was waited for (a held part released, or a pulled
   * buffer's head taken), then lets the owner react to its freed exit.
   */
  handOverAndReact(part: Part, dest: PlantNode): void {
    this.handOver(part, dest);
    // The owner's reaction pulls from its own feeders in turn: on a long chain, queued (PlantContext).
    const ctx = this.ctx;
    if (ctx.nestedHandOvers >= MAX_NESTED_HAND_OVERS) ctx.queueHandOver(this.onRelease);
    else {
      ctx.nestedHandOvers++;
      this.onRelease();
      ctx.leaveHandOver();
    }
  }

  /** Hands `part` to `dest` now (the caller checked dest.canAccept). */
  handOver(part: Part, dest: PlantNode): void {
    if (this.count !== null) this.count.held--;
    if (this.onHandOver !== null) this.onHandOver(part);
    const hook = this.ctx.onTransfer;
    if (hook !== null) hook(this.owner.id, dest.id, part.qty);
    // Not counted as a nested hand-over: a destination that passes parts on at once (a buffer,
    // a split) counts its own forwarding, and the owner's reaction is counted above, so the
    // count still sees every chain that can grow, and the per-part path pays nothing for it.
    dest.accept(part, this.owner);
  }
}
