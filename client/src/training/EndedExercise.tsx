import { useEffect, useState } from 'react';
import { DebriefSchema } from '../../../server/protocol/training-messages.ts';
import { parsed } from '../net/edge.ts';
import { useUi } from '../state/ui-store.ts';
import { trainingText } from './strings.ts';
import { useTraining } from './training-store.ts';
import { DebriefView } from './DebriefView.tsx';

/**
 * What everyone sees once the exercise has ended: its run id, the debrief of the stored
 * run (computed on the server from the history; it may take a few seconds) and a replay.
 */
export function EndedExercise({ runId, replay }: { runId: string; replay: (runId: string) => Promise<void> }) {
  const t = trainingText(useUi((s) => s.locale));
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setFailed(null);
    void fetch(`/api/training/${encodeURIComponent(runId)}/debrief`)
      .then(async (r) => {
        const body: unknown = await r.json();
        if (!live) return;
        const debrief = r.ok ? parsed(DebriefSchema, body) : null;
        if (debrief) useTraining.getState().setDebrief(debrief);
        else setFailed((body as { error?: string } | null)?.error ?? `HTTP ${r.status}`);
      })
      .catch((err: unknown) => live && setFailed(String(err)));
    return () => {
      live = false;
    };
  }, [runId]);
  return (
    <div className="ended-exercise" data-testid="exercise-ended">
      <p>
        {t('exerciseOver')} <code data-testid="ended-run-id">{runId}</code>
      </p>
      <div className="row">
        <button onClick={() => void replay(runId)}>{t('replayThis')}</button>
        <button onClick={() => useTraining.getState().clearEnded()}>{t('ok')}</button>
      </div>
      {failed && <p className="muted">{failed}</p>}
      <DebriefView runId={runId} />
    </div>
  );
}
