/**
 * Links to stored runs: `#/capacity/run/<id>[,<id>…]` opens the capacity page with
 * those runs (the first is the base), `#/experiments/<id>` an experiment,
 * `#/optimize/<id>` an optimisation, `#/training/exercises` the finished training exercises,
 * `#/training/debrief/<runId>` one exercise's debrief. Kept in
 * the hash so the server serves the same index.html for every link.
 */
export type PlannerRoute =
  | { page: 'capacity'; runIds: string[] }
  | { page: 'experiments'; experimentId: string | null }
  | { page: 'optimize'; optimizationId: string | null }
  | { page: 'training'; debriefOf: string | null }
  | null;

const ID = /^[A-Za-z0-9_-]{1,80}$/;

export function parseRoute(hash: string): PlannerRoute {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'capacity') {
    const runIds = parts[1] === 'run' && parts[2] ? parts[2].split(',').filter((id) => ID.test(id)) : [];
    return { page: 'capacity', runIds };
  }
  if (parts[0] === 'experiments') return { page: 'experiments', experimentId: parts[1] && ID.test(parts[1]) ? parts[1] : null };
  if (parts[0] === 'optimize') return { page: 'optimize', optimizationId: parts[1] && ID.test(parts[1]) ? parts[1] : null };
  if (parts[0] === 'training') return { page: 'training', debriefOf: parts[1] === 'debrief' && parts[2] && ID.test(parts[2]) ? parts[2] : null };
  return null;
}

export function capacityHash(runIds: readonly string[]): string {
  return runIds.length === 0 ? '#/capacity' : `#/capacity/run/${runIds.map(encodeURIComponent).join(',')}`;
}

export function experimentHash(id: string | null): string {
  return id ? `#/experiments/${encodeURIComponent(id)}` : '#/experiments';
}

export function optimizeHash(id: string | null): string {
  return id ? `#/optimize/${encodeURIComponent(id)}` : '#/optimize';
}

/** A finished exercise's debrief (the run id is the exercise's session id), or the list of exercises. */
export function trainingHash(debriefOf: string | null): string {
  return debriefOf ? `#/training/debrief/${encodeURIComponent(debriefOf)}` : '#/training/exercises';
}

/** Puts the route in the address bar without a new history entry per run added. */
export function showRoute(hash: string): void {
  if (typeof window === 'undefined' || window.location.hash === hash || (hash === '' && window.location.hash === '')) return;
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${hash}`);
}
