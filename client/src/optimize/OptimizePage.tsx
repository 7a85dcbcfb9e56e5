import { useFormat } from '../ui/hooks.ts';
import { statusKey, statusLine } from '../i18n/strings-jobs.ts';
import { failureText } from '../i18n/failure-text.ts';
import { optimizeHash } from '../capacity/run-link.ts';
import { OptimizeForm } from './OptimizeForm.tsx';
import { OptimizeResults } from './OptimizeResults.tsx';
import { useOptimizeText } from './optimize-strings.ts';
import { optimizeProgressText } from './progress-text.ts';
import { useOptimize } from './optimize-store.ts';
import '../capacity/planner.css';
import './optimize.css';
import { RefusalBox } from '../ui/RefusalBox.tsx';
import { CancelRunButton } from '../ui/CancelRunButton.tsx';
import { progressFailure } from '../net/followed-job.ts';

/** The optimiser in the browser: the file as a form, progress pushed over the socket, the candidates and the Pareto chart. */
export function OptimizePage() {
  const f = useFormat();
  const t = useOptimizeText();
  const { id, progress, result, error, cancel } = useOptimize();
  const shownFailure = progress && progressFailure(progress, error);
  return (
    <main className="experiments">
      <OptimizeForm />
      <section className="panel" data-testid="optimize-panel">
        <div className="panel-head">
          <h3>{t('results')}</h3>
          {id && <a href={optimizeHash(id)}>{t('link')}</a>}
        </div>
        {!id && !error && <p className="muted">{t('noOptimization')}</p>}
        {error && <RefusalBox error={error} testId="optimize-error" />}
        {progress && (
          <div data-testid="optimize-progress">
            <div className="progress-line">
              <span data-testid="optimize-status">
                {t('progress')}: {statusLine(f.t(statusKey(progress.status)), optimizeProgressText(f.locale, t, progress))}
              </span>
              <CancelRunButton status={progress.status} cancel={cancel} testId="optimize-cancel" />
            </div>
            <progress className="progress" max={Math.max(1, progress.budget)} value={progress.evaluated} />
            {shownFailure && <div className="field-error">{failureText(f.locale, shownFailure)}</div>}
          </div>
        )}
        {result && <OptimizeResults outcome={result} />}
        {!result && progress?.status === 'running' && <p className="muted">{f.t('running')}</p>}
      </section>
    </main>
  );
}
