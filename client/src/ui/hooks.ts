import { useEffect, useState } from 'react';
import { formatter, type Formatter } from '../i18n/format.ts';
import { useUi } from '../state/ui-store.ts';

/** Translation and number formatting in the chosen language. */
export function useFormat(): Formatter {
  return formatter(useUi((s) => s.locale));
}

/**
 * Re-renders the caller every `ms` so panels can read the mutable live data at a human pace
 * (2–4 Hz) instead of once per frame.
 */
export function useTicker(ms: number): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setTick((t) => t + 1), ms);
    return () => clearInterval(id);
  }, [ms]);
  return tick;
}
