import type { TeamKpis, TraineeInfo, TrainingSelf } from '../protocol/training-messages.ts';
import { refusal } from '../protocol/training-refusals.ts';
import { TrainingError } from '../training/effects.ts';

/** One trainee of an exercise, by the name they gave; kept after they leave (their actions count for the team). */
export interface Trainee {
  clientId: string;
  name: string;
  team: string | null;
  granted: boolean;
  present: boolean;
  actions: number;
  refused: number;
}

/**
 * The people of one exercise: trainees who joined by name (and team, when the
 * script has teams), their grants, and what they did. A trainee who reconnects
 * under the same name takes their place back (grant and team kept); a name in
 * use by someone present is refused.
 */
export class TrainingRoster {
  private readonly byClient = new Map<string, Trainee>();

  constructor(readonly teams: readonly string[] | null) {}

  get(clientId: string): Trainee | undefined {
    return this.byClient.get(clientId);
  }

  /** Trainees present now. */
  get size(): number {
    let n = 0;
    for (const t of this.byClient.values()) if (t.present) n++;
    return n;
  }

  join(clientId: string, name: string, team: string | undefined): Trainee {
    const teams = this.teams;
    if (teams !== null && team === undefined) throw new TrainingError('invalid', `team: pick one of ${teams.join(', ')}`, refusal('teamRequired', { teams: teams.join(', ') }));
    if (team !== undefined && (teams === null || !teams.includes(team))) {
      throw new TrainingError('invalid', `team: "${team}" is not a team of this exercise${teams ? ` (${teams.join(', ')})` : ''}`, refusal('unknownTeam', { team, teams: teams?.join(', ') ?? '' }));
    }
    const lower = name.toLocaleLowerCase();
    const same = [...this.byClient.values()].find((t) => t.name.toLocaleLowerCase() === lower);
    if (same !== undefined && same.present && same.clientId !== clientId) throw new TrainingError('conflict', `name: "${name}" is taken in this exercise`, refusal('nameTaken', { name }));
    if (same !== undefined) this.byClient.delete(same.clientId);
    const trainee: Trainee = { clientId, name, team: team ?? null, granted: same?.granted ?? false, present: true, actions: same?.actions ?? 0, refused: same?.refused ?? 0 };
    this.byClient.set(clientId, trainee);
    return trainee;
  }

  /** Marks trainees who are no longer in the session; true when someone left. */
  keepPresent(inSession: (clientId: string) => boolean): boolean {
    let changed = false;
    for (const t of this.byClient.values()) {
      if (t.present && !inSession(t.clientId)) {
        t.present = false;
        changed = true;
      }
    }
    return changed;
  }

  /** Grants or revokes one trainee (by client id) or a whole team; returns those changed. */
  grant(target: { clientId?: string; team?: string }, granted: boolean): Trainee[] {
    let chosen: Trainee[];
    if (target.clientId !== undefined) {
      const t = this.byClient.get(target.clientId);
      if (t === undefined) throw new TrainingError('not_found', `clientId: no trainee "${target.clientId}" in this exercise`);
      chosen = [t];
    } else {
      if (this.teams === null || !this.teams.includes(target.team ?? '')) throw new TrainingError('not_found', `team: no team "${target.team}" in this exercise`);
      chosen = [...this.byClient.values()].filter((t) => t.team === target.team);
    }
    for (const t of chosen) t.granted = granted;
    return chosen;
  }

  counted(clientId: string, ok: boolean): void {
    const t = this.byClient.get(clientId);
    if (t === undefined) return;
    if (ok) t.actions++;
    else t.refused++;
  }

  /** The instructor's list: trainees present. */
  list(): TraineeInfo[] {
    return [...this.byClient.values()].filter((t) => t.present).map((t) => this.info(t));
  }

  info(t: Trainee): TraineeInfo {
    return { clientId: t.clientId, user: t.name, role: 'trainee', granted: t.granted, team: t.team };
  }

  self(t: Trainee): TrainingSelf {
    return { clientId: t.clientId, name: t.name, role: 'trainee', team: t.team, granted: t.granted };
  }

  /** Per team: members present, granted, actions and refused actions (everyone who ever joined counts). */
  teamKpis(): TeamKpis[] {
    return (this.teams ?? []).map((team) => {
      const all = [...this.byClient.values()].filter((t) => t.team === team);
      const here = all.filter((t) => t.present);
      return {
        team,
        members: here.length,
        granted: here.filter((t) => t.granted).length,
        actions: all.reduce((a, t) => a + t.actions, 0),
        refused: all.reduce((a, t) => a + t.refused, 0),
      };
    });
  }

  /** Names and teams of everyone who joined, for the debrief's scoreboard. */
  teamsByName(): [string, string | null][] {
    return [...this.byClient.values()].map((t) => [t.name, t.team]);
  }
}
