import type { CatalogEntry } from '../net/catalog.ts';

/** The model picker shared by the session panel and the capacity page. */
export function ModelSelect({ models, value, onChange }: { models: CatalogEntry[]; value: string; onChange: (id: string) => void }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)}>
      {models.map((m) => (
        <option key={m.id} value={m.id}>
          {m.name}
        </option>
      ))}
    </select>
  );
}
