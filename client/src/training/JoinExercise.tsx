import { useState } from 'react';
import { JoinResultSchema } from '../../../server/protocol/messages.ts';
import { enteredSession } from '../net/connection.ts';
import { useUi } from '../state/ui-store.ts';
import { trainingText } from './strings.ts';
import { refreshTraining, train } from './training-store.ts';

/** A trainee's way in: their name, the code the instructor shows, and a team when the exercise has teams. No account. */
export function JoinExercise() {
  const t = trainingText(useUi((s) => s.locale));
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [team, setTeam] = useState('');
  const join = async () => {
    const joined = await train({ type: 'joinTraining', code, name, ...(team.trim() ? { team: team.trim() } : {}) }, false, JoinResultSchema);
    if (!joined) return;
    enteredSession(joined.sessionId);
    await refreshTraining();
  };
  return (
    <form
      className="join-exercise"
      data-testid="join-exercise"
      onSubmit={(e) => {
        e.preventDefault();
        void join();
      }}
    >
      <h4>{t('join')}</h4>
      <div className="row">
        <label>
          {t('yourName')}
          <input value={name} onChange={(e) => setName(e.target.value)} size={12} maxLength={40} name="trainee-name" />
        </label>
        <label>
          {t('code')}
          <input value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} size={7} maxLength={6} name="join-code" autoCapitalize="characters" />
        </label>
        <label>
          {t('team')}
          <input value={team} onChange={(e) => setTeam(e.target.value)} size={8} maxLength={40} name="team" />
        </label>
        <button type="submit" disabled={!name.trim() || code.trim().length !== 6}>
          {t('joinGo')}
        </button>
      </div>
    </form>
  );
}
