import { create } from 'zustand';
import type { Model } from '../../../server/protocol/model.ts';
import type { Failure } from '../../../server/protocol/failures.ts';
import { withParam, type NodeInfo, type ParamEdit, type Role, type SessionInfo, type Snapshot } from '../../../server/protocol/messages.ts';
import type { Locale } from '../i18n/format.ts';
import { initialLocale, rememberLocale } from '../i18n/locale.ts';
import { buildLayout, type PlantLayout, type PresetId } from '../scene/layout.ts';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';
/** `training`: finished exercises and their debriefs (#/training/…), reached from the training panel. */
export type Page = 'live' | 'capacity' | 'experiments' | 'optimize' | 'training';

export interface UiError {
  id: number;
  message: string;
  problems?: string[];
  failure?: Failure;
  /** What failed ("Base layout"), said before the translated failure; the English message names it already. */
  prefix?: string;
}

/** Control state that changes rarely (play/pause, speed, lock); set from frames only when it differs. */
export interface ControlState {
  running: boolean;
  speed: number;
  locked: boolean;
}

export interface UiState {
  locale: Locale;
  page: Page;
  connection: ConnectionState;
  session: SessionInfo | null;
  clientId: string | null;
  role: Role | null;
  model: Model | null;
  layout: PlantLayout | null;
  nodeInfo: NodeInfo[];
  breakdowns: Record<string, number>;
  sessions: SessionInfo[];
  control: ControlState;
  selectedId: string | null;
  hoveredId: string | null;
  preset: PresetId;
  /** Bumped when the camera should move to the preset again, even if it is unchanged. */
  presetNonce: number;
  errors: UiError[];

  setLocale(locale: Locale): void;
  setPage(page: Page): void;
  setConnection(connection: ConnectionState): void;
  setSessions(sessions: SessionInfo[]): void;
  takeSnapshot(snap: Snapshot): void;
  leftSession(): void;
  setRole(role: Role): void;
  setControl(control: ControlState): void;
  setBreakdown(nodeId: string, servers: number): void;
  /** A live parameter edit (a `param` notice), applied as the server applies it. */
  applyParam(edit: ParamEdit): void;
  select(id: string | null): void;
  hover(id: string | null): void;
  setPreset(preset: PresetId): void;
  /** `failure`: the server's code for it, so the toast can say it in the reader's language (i18n/failure-text.ts); `prefix` names what failed. */
  pushError(message: string, problems?: string[], coded?: { failure?: Failure; prefix?: string }): void;
  dismissError(id: number): void;
}

/** Viewers never command; owners and controllers may, unless the owner locked the session. */
export function canControl(s: Pick<UiState, 'role' | 'control'>): boolean {
  if (s.role === 'owner') return true;
  return s.role === 'controller' && !s.control.locked;
}

let nextErrorId = 1;
const MAX_ERRORS = 6;

export const useUi = create<UiState>()((set, get) => ({
  locale: initialLocale(),
  page: 'live',
  connection: 'connecting',
  session: null,
  clientId: null,
  role: null,
  model: null,
  layout: null,
  nodeInfo: [],
  breakdowns: {},
  sessions: [],
  control: { running: false, speed: 1, locked: false },
  selectedId: null,
  hoveredId: null,
  preset: 'all',
  presetNonce: 0,
  errors: [],

  setLocale(locale) {
    rememberLocale(locale);
    set({ locale });
  },
  setPage: (page) => set({ page }),
  setConnection: (connection) => set({ connection }),
  setSessions: (sessions) => set({ sessions }),
  takeSnapshot(snap) {
    // The layout is rebuilt only when the model object changes, since a snapshot also follows role changes and resets.
    const same = get().model !== null && JSON.stringify(get().model) === JSON.stringify(snap.model);
    const selected = get().selectedId;
    set({
      session: snap.session,
      clientId: snap.clientId,
      role: snap.role,
      model: same ? get().model : snap.model,
      layout: same ? get().layout : buildLayout(snap.model),
      nodeInfo: snap.nodes,
      breakdowns: { ...snap.breakdowns },
      control: { running: snap.frame.r === 1, speed: snap.frame.x, locked: snap.frame.lk === 1 },
      selectedId: selected !== null && snap.model.nodes.some((n) => n.id === selected) ? selected : null,
    });
  },
  leftSession: () => set({ session: null, role: null, clientId: null, model: null, layout: null, nodeInfo: [], breakdowns: {}, selectedId: null, hoveredId: null }),
  setRole: (role) => set({ role }),
  setControl(control) {
    const c = get().control;
    if (c.running !== control.running || c.speed !== control.speed || c.locked !== control.locked) set({ control });
  },
  setBreakdown(nodeId, servers) {
    const breakdowns = { ...get().breakdowns };
    if (servers > 0) breakdowns[nodeId] = servers;
    else delete breakdowns[nodeId];
    set({ breakdowns });
  },
  applyParam(edit) {
    const model = get().model;
    if (!model || !model.nodes.some((n) => n.id === edit.nodeId)) return;
    // NodeInfo follows too, so "working now / N" shows the new count; the 3D layout keeps its drawing until the next join.
    const sized = edit.field === 'servers' || edit.field === 'capacity';
    const nodeInfo = sized ? get().nodeInfo.map((n) => (n.id === edit.nodeId ? { ...n, [edit.field]: edit.value } : n)) : get().nodeInfo;
    set({ model: withParam(model, edit), nodeInfo });
  },
  select: (selectedId) => set({ selectedId }),
  hover(hoveredId) {
    if (get().hoveredId !== hoveredId) set({ hoveredId });
  },
  setPreset: (preset) => set((s) => ({ preset, presetNonce: s.presetNonce + 1 })),
  pushError(message, problems, coded) {
    const errors = [...get().errors, { id: nextErrorId++, message, problems, ...coded }].slice(-MAX_ERRORS);
    set({ errors });
  },
  dismissError: (id) => set((s) => ({ errors: s.errors.filter((e) => e.id !== id) })),
}));
