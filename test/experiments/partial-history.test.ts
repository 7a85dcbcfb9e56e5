import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startExperiments } from '../../server/api/experiments-wiring.ts';
import type { ExperimentRun } from '../../server/experiments/manager.ts';
import { HistoryStore } from '../../server/store/history-store.ts';
import { mm1Model } from './mm1.ts';

describe('the run history keeps a cancelled experiment’s partial result', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bpt-partial-history-'));
  const history = new HistoryStore(join(dir, 'twin.db'));
  const { manager, close } = startExperiments(history, 1);
  afterAll(async () => {
    await close();
    history.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stored as stopped, with the result marked partial (what GET /api/runs/:id and the page read after a restart)', async () => {
    const twoDone = new Promise<void>((resolve) => {
      const watch = (run: ExperimentRun) => run.progress.done >= 2 && (manager.off('progress', watch), resolve());
      manager.on('progress', watch);
    });
    const kept = new Promise<ExperimentRun>((resolve) => manager.once('kept', resolve));
    const { run } = manager.start({ name: 'stored', model: mm1Model(), horizon: 200_000, warmup: 100, replications: 100, warmupReport: false, scenarios: [{ name: 'base' }] });
    await twoDone;
    manager.cancel(run.id);
    await kept;
    const stored = history.get(run.id)!;
    expect(stored.status).toBe('stopped');
    expect(stored.error).toBe('cancelled while running');
    // The code is stored too, so a Russian page read after a restart says «Отменено во время расчёта».
    expect(stored.failure).toEqual({ code: 'cancelled', params: { when: 'running' } });
    expect(history.list().find((r) => r.id === run.id)?.failure).toEqual(stored.failure);
    const result = stored.result as { partial: { stoppedBy: string; finished: number[] }; points: { replications: number }[] };
    expect(result.partial.stoppedBy).toBe('cancelled');
    expect(result.partial.finished[0]).toBeGreaterThanOrEqual(2);
    expect(result.points[0].replications).toBe(result.partial.finished[0]);
  });
});
