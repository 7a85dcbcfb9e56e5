import { formatter } from '../i18n/format.ts';
import { useUi } from '../state/ui-store.ts';
import { useCapacity } from './capacity-store.ts';
import { useExperiments } from '../experiments/experiments-store.ts';
import { useOptimize } from '../optimize/optimize-store.ts';
import { useExercises } from '../training/exercises-store.ts';
import { capacityHash, experimentHash, optimizeHash, parseRoute, showRoute, trainingHash } from './run-link.ts';

/**
 * Opens what a link names (#/capacity/run/<ids>, #/experiments/<id>, #/optimize/<id>, #/training/debrief/<id>): switches the
 * page and loads the runs into their stores. Listens for later hash changes too
 * (a pasted link, the back button). Returns the unsubscribe for an effect.
 */
export function followPlannerLinks(): () => void {
  const apply = () => {
    const route = parseRoute(window.location.hash);
    if (!route) return;
    // Before the page switch: the switch writes the page's own address, which names the debrief shown.
    if (route.page === 'training') useExercises.getState().show(route.debriefOf);
    useUi.getState().setPage(route.page);
    if (route.page === 'capacity' && route.runIds.length > 0) {
      void useCapacity.getState().openRuns(route.runIds, (scenario) => scenario ?? formatter(useUi.getState().locale).t('baseModel'));
    }
    if (route.page === 'experiments' && route.experimentId) void useExperiments.getState().open(route.experimentId);
    if (route.page === 'optimize' && route.optimizationId) void useOptimize.getState().open(route.optimizationId);
  };
  apply();
  window.addEventListener('hashchange', apply);
  // The address follows the page: the live plant has no hash; the planner pages name what they show.
  const unsubscribe = useUi.subscribe((s, prev) => {
    if (s.page === prev.page) return;
    if (s.page === 'live') showRoute('');
    if (s.page === 'experiments') showRoute(experimentHash(useExperiments.getState().id));
    if (s.page === 'optimize') showRoute(optimizeHash(useOptimize.getState().id));
    if (s.page === 'training') showRoute(trainingHash(useExercises.getState().debriefOf));
    if (s.page === 'capacity') showRoute(capacityHash(useCapacity.getState().runs.flatMap((r) => (r.runId ? [r.runId] : []))));
  });
  return () => {
    window.removeEventListener('hashchange', apply);
    unsubscribe();
  };
}
