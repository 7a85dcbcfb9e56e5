import type { Plant } from '../plant/plant.ts';
import type { PlantEdit } from '../protocol/commands.ts';
import type { TrainingScript } from '../protocol/training.ts';
import type { ScriptEventRecord, TrainingLogEntry, TrainingOp } from '../protocol/training-messages.ts';
import type { EventPlan } from '../protocol/training-messages.ts';
import type { SimEvent } from '../engine/index.ts';
import { refusal } from '../protocol/training-refusals.ts';
import { applyAction, clearEventBreakdown, fireEvent, TrainingError } from './effects.ts';
import { QualityTeams } from './quality-teams.ts';

/** Carries out controller commands logged as `engine` ops (live edits); supplied by the live layer. */
export type EngineOpExecutor = (plant: Plant, cmd: PlantEdit) => void;

export interface TrainingRunOptions {
  /** Told when a script event fires or its effect ends (prompts go to trainees from here). */
  onEvent?: (r: ScriptEventRecord) => void;
  engineOp?: EngineOpExecutor;
}

/**
 * The training layer on one plant: arms the script's timeline as simulation
 * events, applies trainee and instructor ops, and logs each with who, when
 * (sim time, wall time) and `ev`, the events fired before it. Everything that
 * changes the plant goes through here, so the log plus the seed reproduce the
 * run: `replayExact` re-applies each op after exactly `ev` events at `at`.
 */
export class TrainingRun {
  /** The script's quality teams on the attached plant (null when the script has none). */
  private quality: QualityTeams | null = null;
  readonly log: TrainingLogEntry[] = [];
  readonly fired: ScriptEventRecord[] = [];
  private plant: Plant | null = null;
  /** Per script event: its calendar entry and what became of it. A fired-early or skipped event stays in the calendar and does nothing when due, so event counts (and replays of logs) do not depend on it. */
  private slots: { event: SimEvent; status: EventPlan['status'] }[] = [];
  private pending: TrainingLogEntry[] = [];
  private cursor = 0;

  constructor(
    readonly script: TrainingScript,
    private readonly opts: TrainingRunOptions = {},
  ) {}

  /** Arms the script on a plant at time 0 (a new plant after a reset starts a new log). */
  attach(plant: Plant): void {
    if (plant.now !== 0) throw new Error('a training script must be attached at time 0');
    this.plant = plant;
    this.quality = this.script.qualityTeam === undefined ? null : new QualityTeams(plant, this.script.qualityTeam);
    this.log.length = 0;
    this.fired.length = 0;
    plant.start();
    this.slots = this.script.events.map((e, i) => {
      const event = plant.sim.event(() => {
        if (this.slots[i].status !== 'pending') return;
        this.slots[i].status = 'fired';
        this.fire(i);
      }, `training event ${i}`);
      plant.sim.scheduleAt(event, e.at);
      return { event, status: 'pending' as const };
    });
  }

  /** Every script event with its sim time as planned now (delays applied) and its status. */
  plan(): EventPlan[] {
    return this.slots.map((s, index) => ({ index, at: s.status === 'pending' ? s.event.time : (this.fired.find((r) => r.index === index)?.at ?? s.event.time), status: s.status }));
  }

  /** Sim time of the next pending event that carries a prompt (Infinity if none): where a paced exercise holds. */
  nextPromptS(): number {
    let next = Number.POSITIVE_INFINITY;
    this.slots.forEach((s, i) => {
      if (s.status === 'pending' && this.script.events[i].prompt !== undefined && s.event.time < next) next = s.event.time;
    });
    return next;
  }

  private pendingSlot(index: number) {
    const slot = this.slots[index];
    if (slot === undefined) throw new TrainingError('invalid', `index: the script has ${this.script.events.length} events`);
    if (slot.status !== 'pending') throw new TrainingError('conflict', `index: event ${index} has ${slot.status === 'fired' ? 'fired' : 'been skipped'} already`, refusal('eventDone', { index }));
    return slot;
  }

  private get current(): Plant {
    if (this.plant === null) throw new Error('no plant attached');
    return this.plant;
  }

  private fire(index: number): void {
    fireEvent(this.current, this.script.events[index], index, (r) => {
      this.fired.push(r);
      this.opts.onEvent?.(r);
    });
  }

  /** Carries out an op now; throws TrainingError (and logs nothing) when it cannot apply. */
  private execute(item: TrainingOp): void {
    const plant = this.current;
    switch (item.op) {
      case 'action':
        applyAction(plant, item.act, this.quality);
        return;
      case 'fire':
        this.pendingSlot(item.eventIndex).status = 'fired';
        this.fire(item.eventIndex);
        return;
      case 'skip':
        this.pendingSlot(item.eventIndex).status = 'skipped';
        return;
      case 'delay': {
        const slot = this.pendingSlot(item.eventIndex);
        plant.sim.scheduleAt(slot.event, slot.event.time + item.byS);
        return;
      }
      case 'clearBreakdown':
        clearEventBreakdown(plant, item.nodeId);
        return;
      case 'engine':
        if (this.opts.engineOp === undefined) throw new TrainingError('invalid', `${item.cmd.type}: not available here`);
        this.opts.engineOp(plant, item.cmd);
        return;
    }
  }

  /** Applies an op now and logs it. */
  apply(item: TrainingOp, by: string, role: string, wall: string): TrainingLogEntry {
    const plant = this.current;
    const entry: TrainingLogEntry = { seq: this.log.length, at: plant.now, ev: plant.sim.eventsFired, wall, by, role, item };
    this.execute(item);
    this.log.push(entry);
    return entry;
  }

  /**
   * Replays a stored log exactly: the plant's runUntil is wrapped (on this plant
   * instance only) so that whoever drives the clock — the live pacer in slices or
   * a batch loop — stops at each entry's event count, applies it, and goes on.
   */
  replayExact(entries: readonly TrainingLogEntry[]): void {
    const plant = this.current;
    this.pending = [...entries].sort((a, b) => a.seq - b.seq);
    this.cursor = 0;
    const base = plant.runUntil.bind(plant);
    const sim = plant.sim;
    plant.runUntil = (t: number, max = Number.POSITIVE_INFINITY): number => {
      let fired = 0;
      while (fired < max) {
        const next = this.pending[this.cursor];
        if (next === undefined || next.at > t) break;
        const ev = sim.eventsFired;
        if (ev < next.ev) {
          const n = base(next.at, Math.min(max - fired, next.ev - ev));
          fired += n;
          if (n === 0) throw new Error(`replay diverged: entry ${next.seq} expected event ${next.ev} by t = ${next.at}, the run has ${ev}`);
          continue;
        }
        if (ev > next.ev) throw new Error(`replay diverged: entry ${next.seq} expected at event ${next.ev}, the run is at ${ev}`);
        if (plant.now < next.at) base(next.at, 0); // the live clock had moved on without events
        this.cursor++;
        try {
          this.apply(next.item, next.by, next.role, next.wall);
        } catch (err) {
          if (!(err instanceof TrainingError)) throw err;
        }
      }
      return fired < max ? fired + base(t, max - fired) : fired;
    };
    // Single-event steps (the live `step` command) go through the same gate.
    sim.step = () => plant.runUntil(Number.POSITIVE_INFINITY, 1) > 0;
  }

  /** Entries of a replay not yet applied. */
  get replayPending(): number {
    return this.pending.length - this.cursor;
  }

  /**
   * Counterfactual runs (the debrief): ops applied by sim time alone, as events,
   * since the event counts of another run do not carry over. Ops that cannot
   * apply in this run are skipped.
   */
  scheduleByTime(items: readonly { at: number; item: TrainingOp; by: string; role: string }[]): void {
    const plant = this.current;
    for (const x of items) {
      const ev = plant.sim.event(() => {
        try {
          this.apply(x.item, x.by, x.role, '');
        } catch (err) {
          if (!(err instanceof TrainingError)) throw err;
        }
      }, 'training op');
      plant.sim.scheduleAt(ev, Math.max(x.at, plant.now));
    }
  }
}
