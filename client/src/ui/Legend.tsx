import { SERVER_STATES } from '../../../server/protocol/messages.ts';
import { STATE_COLORS } from '../scene/palette.ts';
import { useFormat } from './hooks.ts';

export function Legend() {
  const f = useFormat();
  return (
    <section className="panel legend">
      <h3>{f.t('legend')}</h3>
      <ul>
        {SERVER_STATES.map((s) => (
          <li key={s}>
            <span className="swatch" style={{ background: STATE_COLORS[s] }} />
            {f.t(`state_${s}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}
