import { useFormat } from '../ui/hooks.ts';
import { statusKey, statusLine } from '../i18n/strings-jobs.ts';
import { failureText } from '../i18n/failure-text.ts';
import { usePlannerText } from '../capacity/planner-strings.ts';
import { experimentProgressText } from './progress-text.ts';
import { experimentHash } from '../capacity/run-link.ts';
import { ExperimentForm } from './ExperimentForm.tsx';
import { ExperimentResults } from './ExperimentResults.tsx';
import { useExperiments } from './experiments-store.ts';
import '../capacity/planner.css';
import { RefusalBox } from '../ui/RefusalBox.tsx';
import { CancelRunButton } from '../ui/CancelRunButton.tsx';
import { progressFailure } from '../net/followed-job.ts';

/** Experiments in the browser: the form, progress pushed over the socket, and the results. */
export function ExperimentsPage() {
  const f = useFormat();
  const t = usePlannerText();
  const { id, progress, result, error, cancel } = useExperiments();
  const shownFailure = progress && progressFailure(progress, error);
  return (
    <main className="experiments">
      <ExperimentForm />
      <section className="panel" data-testid="experiment-panel">
        <div className="panel-head">
          <h3>{t('results')}</h3>
          {id && (
            <a href={experimentHash(id)} title={t('linkExperiment')}>
              {t('linkExperiment')}
            </a>
          )}
        </div>
        {!id && !error && <p className="muted">{t('noExperiment')}</p>}
        {error && <RefusalBox error={error} testId="experiment-error" />}
        {progress && (
          <div data-testid="experiment-progress">
            <div className="progress-line">
              <span data-testid="experiment-status">
                {t('progress')}: {statusLine(f.t(statusKey(progress.status)), experimentProgressText(f.locale, progress))}
              </span>
              <CancelRunButton status={progress.status} cancel={cancel} testId="experiment-cancel" />
            </div>
            <progress className="progress" max={Math.max(1, progress.total)} value={progress.done} />
            {shownFailure && <div className="field-error">{failureText(f.locale, shownFailure)}</div>}
          </div>
        )}
        {result && <ExperimentResults outcome={result} />}
        {!result && progress?.status === 'running' && <p className="muted">{f.t('running')}</p>}
      </section>
    </main>
  );
}
