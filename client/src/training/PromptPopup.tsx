import { useUi } from '../state/ui-store.ts';
import { trainingText } from './strings.ts';
import { useTraining } from './training-store.ts';

/** The instructor's prompt from the script, in the UI language, until the trainee dismisses it. */
export function PromptPopup() {
  const locale = useUi((s) => s.locale);
  const t = trainingText(locale);
  const prompt = useTraining((s) => s.prompts[0]);
  if (!prompt) return null;
  return (
    <div className="prompt-popup" role="dialog" aria-label={t('prompt')} data-testid="training-prompt">
      <strong>{t('prompt')}</strong>
      <p>{locale === 'ru' ? prompt.ru : prompt.en}</p>
      <button onClick={() => useTraining.getState().dismissPrompt()}>{t('ok')}</button>
    </div>
  );
}
