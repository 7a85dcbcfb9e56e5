import { nameOf } from '../i18n/format.ts';
import type { CatalogEntry } from '../net/catalog.ts';
import { useUi } from '../state/ui-store.ts';

/** The model picker shared by the session panel and the capacity page. */
export function ModelSelect({ models, value, onChange }: { models: CatalogEntry[]; value: string; onChange: (id: string) => void }) {
  const locale = useUi((s) => s.locale);
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)}>
      {models.map((m) => (
        <option key={m.id} value={m.id}>
          {nameOf(m, locale)}
        </option>
      ))}
    </select>
  );
}
