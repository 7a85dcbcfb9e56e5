import type { Speed } from '../../../server/protocol/messages.ts';
import { command } from '../net/connection.ts';
import { canControl, useUi } from '../state/ui-store.ts';
import { useDebriefText } from './debrief-strings.ts';
import { REPLAY_SPEEDS } from './replay.ts';

/** The speed of a replay while it plays (1× … 600×, max); the replay's controller may change it. */
export function ReplaySpeed() {
  const t = useDebriefText();
  const speed = useUi((s) => s.control.speed);
  const allowed = useUi(canControl);
  const value = speed === 0 ? 'max' : String(speed);
  return (
    <label className="replay-speed">
      {t('replaySpeed')}
      <select
        data-testid="replay-speed"
        disabled={!allowed}
        value={REPLAY_SPEEDS.some((s) => String(s) === value) ? value : ''}
        onChange={(e) => void command({ type: 'setSpeed', speed: speedOfChoice(e.target.value) })}
      >
        {!REPLAY_SPEEDS.some((s) => String(s) === value) && <option value="">{value}×</option>}
        <ReplaySpeedOptions />
      </select>
    </label>
  );
}

/** The replay speeds as the options of a select (here, and where a finished exercise is replayed). */
export function ReplaySpeedOptions() {
  return REPLAY_SPEEDS.map((s) => (
    <option key={String(s)} value={String(s)}>
      {s === 'max' ? 'max' : `${s}×`}
    </option>
  ));
}

/** The speed an option of ReplaySpeedOptions stands for. */
export function speedOfChoice(value: string): Speed {
  return value === 'max' ? 'max' : (Number(value) as Speed);
}
