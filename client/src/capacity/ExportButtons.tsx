import { useUi } from '../state/ui-store.ts';
import { download, downloadCsv } from './export.ts';
import { usePlannerText } from './planner-strings.ts';

/** CSV and PNG downloads of one table or chart; `csv` gives the rows it shows, `png` renders it. */
export function ExportButtons({ name, csv, png }: { name: string; csv?: () => string[][]; png: () => Promise<Blob> }) {
  const t = usePlannerText();
  const savePng = () =>
    png()
      .then((blob) => download(`${name}.png`, blob))
      .catch((err: Error) => useUi.getState().pushError(`PNG: ${err.message}`));
  return (
    <span className="export-buttons" aria-label={t('exportTitle')}>
      {csv && (
        <button type="button" data-testid={`${name}-csv`} title={`${t('exportTitle')} CSV`} onClick={() => downloadCsv(name, csv())}>
          ⤓ {t('exportCsv')}
        </button>
      )}
      <button type="button" data-testid={`${name}-png`} title={`${t('exportTitle')} PNG`} onClick={() => void savePng()}>
        ⤓ {t('exportPng')}
      </button>
    </span>
  );
}
