import { describe, expect, it, vi } from 'vitest';
import { runHeading } from '../../client/src/capacity/run-headings.ts';
import { pageText, renderIn, storeShowing } from './render-in-locale.ts';
import { runEntry } from './result-fixtures.ts';

/**
 * A run opened by link knows only its scenario's id; the scenario list arrives after it. The
 * comparison used to be headed by the id (`demo-line-rub`) until the list came, then by the name
 * («Демолиния в рублях»). Now it is headed by the name from the start: until the list is known
 * the comparison waits.
 */
const scenarios = [{ id: 'demo-line-rub', name: 'Demo line in roubles', nameRu: 'Демолиния в рублях' }];
const opened = { scenario: 'demo-line-rub', label: 'demo-line-rub' };

describe('the heading of a run in the capacity comparison', () => {
  it('is the scenario’s name in the page’s language once the list is known', () => {
    expect(runHeading(opened, scenarios, 'ru', 'Базовая модель')).toBe('Демолиния в рублях');
    expect(runHeading(opened, scenarios, 'en', 'Base model')).toBe('Demo line in roubles');
    expect(runHeading({ scenario: null, label: 'x' }, null, 'en', 'Base model')).toBe('Base model');
  });

  it('is not known (null, not the id) before the list arrives, and the id for a scenario the list lacks', () => {
    expect(runHeading(opened, null, 'ru', 'Базовая модель')).toBeNull();
    expect(runHeading({ scenario: 'gone', label: 'gone' }, scenarios, 'ru', 'Базовая модель')).toBe('gone');
  });

  it('the page holds the comparison while the scenario list has not arrived, without a flash of ids', async () => {
    // Rendered on the server: the page's effects (which fetch the list) never run, as before the list arrives.
    const html = await renderIn('ru', async () => {
      storeShowing('../../client/src/capacity/capacity-store.ts', 'useCapacity', {
        runs: [{ ...runEntry('demo-line-rub', [{ path: 'cellsPerDay', value: 3000, ci: 12 }], 'RUB'), scenario: 'demo-line-rub' }],
      });
      const { CapacityPage } = await import('../../client/src/capacity/CapacityPage.tsx');
      return <CapacityPage />;
    });
    vi.doUnmock('../../client/src/capacity/capacity-store.ts');
    expect(html).toContain('data-testid="comparison-waiting"');
    expect(pageText(html)).toContain('Загрузка…');
    expect(html).not.toContain('demo-line-rub');
  });
});
