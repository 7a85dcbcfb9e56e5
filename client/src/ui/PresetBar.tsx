import { useUi } from '../state/ui-store.ts';
import { useFormat } from './hooks.ts';

/** Camera jumps to the plant's areas; presets the model has no area for are disabled. */
export function PresetBar() {
  const f = useFormat();
  const presets = useUi((s) => s.layout?.presets ?? []);
  const current = useUi((s) => s.preset);
  const setPreset = useUi((s) => s.setPreset);
  return (
    <div className="preset-bar" role="toolbar" aria-label={f.t('view')}>
      {presets.map((p) => (
        <button key={p.id} className={current === p.id ? 'active' : ''} disabled={p.frame === null} onClick={() => setPreset(p.id)}>
          {f.t(`preset_${p.id}`)}
        </button>
      ))}
    </div>
  );
}
