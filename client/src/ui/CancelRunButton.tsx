import { useState } from 'react';
import { useCan } from '../net/account.ts';
import { jobIsLive } from '../net/followed-job.ts';
import { useFormat } from './hooks.ts';

/**
 * Stops a queued or running experiment or optimisation. Offered only to those who may start
 * one (planner): a viewer cannot cancel, so the button is not shown at all. The request's
 * outcome, a refusal included, lands in the page's store (followed-job.ts).
 */
export function CancelRunButton({ status, cancel, testId }: { status: string; cancel: () => Promise<void>; testId: string }) {
  const f = useFormat();
  const mayCancel = useCan('planner');
  const [sending, setSending] = useState(false);
  if (!mayCancel || !jobIsLive(status)) return null;
  const click = () => {
    setSending(true);
    void cancel().finally(() => setSending(false));
  };
  return (
    <button type="button" className="cancel-run" onClick={click} disabled={sending} title={f.t('cancelRunHint')} data-testid={testId}>
      {f.t('cancelRun')}
    </button>
  );
}
