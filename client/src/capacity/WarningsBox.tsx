import { useFormat } from '../ui/hooks.ts';
import { warningText, type ShownWarning } from '../i18n/warning-text.ts';
import { usePlannerText } from './planner-strings.ts';

/**
 * A result's warnings (a run, an experiment, an optimisation), in the page's language where the
 * server gave a code, shown, not hidden; nothing when there are none. `nameOf` names what a
 * warning is about (an alternative) in the page's language.
 */
export function WarningsBox({ warnings, testId, nameOf }: { warnings: ShownWarning[]; testId: string; nameOf?: (of: string) => string }) {
  const f = useFormat();
  const t = usePlannerText();
  if (warnings.length === 0) return null;
  return (
    <div className="run-warnings" role="alert" data-testid={testId}>
      ⚠ {t('warnings')}:
      <ul>
        {warnings.map((w, i) => (
          <li key={i}>{warningText(f.locale, w, nameOf)}</li>
        ))}
      </ul>
    </div>
  );
}
