import { useEffect, useRef } from 'react';
import { canControl, useUi } from '../state/ui-store.ts';
import { useEdit } from './edit-store.ts';
import { useEditText } from './edit-strings.ts';

/** The "Edit layout" switch over the scene; only controllers (and owners) of the session see it. */
export function EditToggle() {
  const t = useEditText();
  const allowed = useUi((s) => canControl(s) && s.model !== null && s.session !== null);
  const sessionId = useUi((s) => s.session?.id ?? null);
  const active = useEdit((s) => s.active);

  // Losing the role (or the session) ends editing: a viewer never sees the editor, even half-way through.
  useEffect(() => {
    if (!allowed && useEdit.getState().active) useEdit.getState().stop();
  }, [allowed]);
  // Edits belong to the session's model: joining another session drops them (switching pages does not).
  const seen = useRef(sessionId);
  useEffect(() => {
    if (seen.current === sessionId) return;
    seen.current = sessionId;
    useEdit.getState().stop();
  }, [sessionId]);

  if (!allowed) return null;
  const toggle = () => {
    if (active) return useEdit.getState().stop();
    const { model, layout, session } = useUi.getState();
    if (model && layout && session) useEdit.getState().start(model, session.modelId, layout);
  };
  return (
    <button className={active ? 'edit-toggle active' : 'edit-toggle'} data-testid="edit-toggle" aria-pressed={active} onClick={toggle}>
      {active ? t('doneEditing') : t('editLayout')}
    </button>
  );
}
