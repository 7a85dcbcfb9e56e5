import { live } from './state/live-frame.ts';
import { useUi } from './state/ui-store.ts';
import { sceneStats } from './scene/scene-stats.ts';
import { headlineOf, type Headline } from './state/headline.ts';

/** What browser tests may read; a snapshot copy each time, so a test cannot change the app through it. */
export interface TwinTestHook {
  readonly counts: Record<string, number>;
  readonly simTime: number;
  readonly frame: number;
  readonly connection: string;
  readonly sessionId: string | null;
  readonly role: string | null;
  readonly renderedFrames: number;
  readonly errors: string[];
  /** The headline KPIs as the page shows them (state/headline.ts): cellsPerDay, gwhPerYear, yield, … */
  readonly kpis: Headline;
  /** `<html lang>` and the language the UI speaks. */
  readonly locale: string;
}

declare global {
  interface Window {
    __twin?: TwinTestHook;
  }
}

export function installTestHook(): void {
  const hook = Object.freeze({
    get counts() {
      return { ...sceneStats.counts };
    },
    get simTime() {
      return live.t;
    },
    get frame() {
      return live.n;
    },
    get connection() {
      return useUi.getState().connection;
    },
    get sessionId() {
      return useUi.getState().session?.id ?? null;
    },
    get role() {
      return useUi.getState().role;
    },
    get renderedFrames() {
      return sceneStats.renderedFrames;
    },
    get errors() {
      return useUi.getState().errors.map((e) => e.message);
    },
    get kpis() {
      return structuredClone(headlineOf(live.plantKpis));
    },
    get locale() {
      return useUi.getState().locale;
    },
  });
  Object.defineProperty(window, '__twin', { value: hook, writable: false, configurable: false });
}
