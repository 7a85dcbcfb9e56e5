import { create } from 'zustand';
import { hasRole, type AccountRole } from '../../../server/protocol/access.ts';
import { LOGIN_PAGE, MeSchema, type Me } from '../../../server/protocol/accounts.ts';
import { ApiError, getJson, postJson } from './api.ts';

interface AccountState {
  /** Who the server says this browser is; null until it answered. */
  me: Me | null;
  dialogOpen: boolean;
  load(): Promise<void>;
  /** Resolves on success (then reloads the page, so the live socket reconnects with the cookie); throws the ApiError. */
  login(name: string, password: string): Promise<void>;
  logout(): Promise<void>;
  setDialogOpen(open: boolean): void;
}

/** The cookie changes what the socket handshake carries: a fresh page is the simplest reconnect. */
const reload = () => {
  if (window.location.hash === LOGIN_PAGE.slice(1)) window.history.replaceState(null, '', window.location.pathname + window.location.search);
  window.location.reload();
};

export const useAccount = create<AccountState>((set) => ({
  me: null,
  dialogOpen: false,
  async load() {
    try {
      set({ me: MeSchema.parse(await getJson('/api/auth/me')) });
    } catch {
      // An older server without accounts: nothing to show; its refusals still arrive as messages.
    }
  },
  async login(name, password) {
    const me = MeSchema.parse(await postJson('/api/auth/login', { name, password }));
    set({ me, dialogOpen: false });
    reload();
  },
  async logout() {
    await postJson('/api/auth/logout', {}).catch((err: unknown) => {
      if (!(err instanceof ApiError)) throw err;
    });
    reload();
  },
  setDialogOpen(open) {
    set({ dialogOpen: open });
  },
}));

/** Whether this browser's account may act as `role`; true until the server answered (it refuses anyway). */
export function useCan(role: AccountRole): boolean {
  const me = useAccount((s) => s.me);
  return me === null || hasRole(me, role);
}

/** Opens the login dialog when the address is the login page (`/#/login`, named in the server's refusals). */
export function followLoginLink(): () => void {
  const apply = () => {
    if (window.location.hash === LOGIN_PAGE.slice(1)) useAccount.getState().setDialogOpen(true);
  };
  apply();
  window.addEventListener('hashchange', apply);
  return () => window.removeEventListener('hashchange', apply);
}
