import { create } from 'zustand';
import type { SessionInfo } from '../../../server/protocol/messages.ts';
import { useUi } from '../state/ui-store.ts';
import { getJson } from './api.ts';

/**
 * The front door: a tab that opens the page with no session of its own joins the
 * public plant as a viewer, without a click. While the server is still warming the
 * public plant up (it simulates its first weeks at boot), the page says so and
 * keeps asking until the plant is there.
 */
export type FrontDoorStatus = 'idle' | 'joining' | 'warming' | 'absent';

interface FrontDoorState {
  status: FrontDoorStatus;
  /** Simulated seconds the server runs the public plant before showing it. */
  warmupS: number | null;
}

export const useFrontDoor = create<FrontDoorState>()(() => ({ status: 'idle', warmupS: null }));

interface HealthBody {
  publicPlant?: { status: string; warmupS?: number };
}

const POLL_MS = 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function enterFrontDoor(list: () => Promise<SessionInfo[] | null>, join: (id: string) => Promise<void>): Promise<void> {
  const set = useFrontDoor.setState;
  for (;;) {
    const ui = useUi.getState();
    // Someone chose a session meanwhile, or the socket dropped (the next connect comes back here).
    if (ui.session !== null || ui.connection !== 'connected') return set({ status: 'idle' });
    set({ status: 'joining' });
    const sessions = await list();
    const open = sessions?.find((s) => s.public);
    if (open) {
      await join(open.id);
      return set({ status: 'idle' });
    }
    const health = await getJson<HealthBody>('/api/health').catch(() => null);
    const status = health?.publicPlant?.status;
    if (status !== 'warming') return set({ status: 'absent' });
    set({ status: 'warming', warmupS: health?.publicPlant?.warmupS ?? null });
    await sleep(POLL_MS);
  }
}
