import { useEffect, useRef } from 'react';
import type { Speed } from '../../../server/protocol/messages.ts';
import { command } from '../net/connection.ts';
import { interpolatedSimTime, live } from '../state/live-frame.ts';
import { canControl, useUi } from '../state/ui-store.ts';
import { useFormat } from './hooks.ts';

const SPEEDS: Speed[] = [1, 10, 60, 100, 600, 3600, 'max'];

/** Writes the sim clock straight into the DOM every animation frame, bypassing React. */
function SimClock() {
  const f = useFormat();
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    let id = 0;
    const tick = () => {
      if (ref.current) ref.current.textContent = f.clock(interpolatedSimTime(live, performance.now()));
      id = requestAnimationFrame(tick);
    };
    id = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(id);
  }, [f]);
  return <span ref={ref} className="clock" data-testid="sim-time" />;
}

/** Play/pause/step/speed/reset; disabled (read-only) for viewers and for controllers while locked. */
export function Controls() {
  const f = useFormat();
  const control = useUi((s) => s.control);
  const allowed = useUi(canControl);
  const inSession = useUi((s) => s.session !== null);
  if (!inSession) return null;
  const speedValue = control.speed === 0 ? 'max' : String(control.speed);
  const off = !allowed;
  return (
    <section className="panel controls">
      <div className="row">
        <span className="muted">{f.t('simTime')}</span>
        <SimClock />
      </div>
      <div className="row" title={off ? f.t('readOnlyHint') : undefined}>
        {control.running ? (
          <button disabled={off} onClick={() => command({ type: 'pause' })}>
            {f.t('pause')}
          </button>
        ) : (
          <button disabled={off} onClick={() => command({ type: 'play' })}>
            {f.t('play')}
          </button>
        )}
        <button disabled={off} onClick={() => command({ type: 'step', dtS: 60 })}>
          {f.t('step')} +1 {f.t('unitMin')}
        </button>
        <button disabled={off} onClick={() => command({ type: 'reset' })}>
          {f.t('reset')}
        </button>
      </div>
      <label className="row">
        <span className="muted">{f.t('speed')}</span>
        <select
          disabled={off}
          value={SPEEDS.some((s) => String(s) === speedValue) ? speedValue : ''}
          onChange={(e) => command({ type: 'setSpeed', speed: e.target.value === 'max' ? 'max' : Number(e.target.value) })}
        >
          {!SPEEDS.some((s) => String(s) === speedValue) && <option value="">{f.num(control.speed, 1)}×</option>}
          {SPEEDS.map((s) => (
            <option key={String(s)} value={String(s)}>
              {s === 'max' ? f.t('max') : `${f.num(s, 0)}×`}
            </option>
          ))}
        </select>
      </label>
      {off && <p className="muted small">{control.locked ? f.t('locked') : f.t('readOnlyHint')}</p>}
    </section>
  );
}
