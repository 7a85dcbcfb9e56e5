import { create } from 'zustand';
import type { FloorPoint, Model } from '../../../server/protocol/model.ts';
import { buildLayout, type PlantLayout } from '../scene/layout.ts';
import { changeCapacity, changeServers, setServers, moveNode, rotateNode, setConveyorPath, type EditOutcome, type Overlay } from './layout-edit.ts';
import { transportLegs, type TransportLeg } from './transport-legs.ts';

/**
 * UI state of the layout editor. Edits change only this store: the running
 * session keeps its model until the edit is saved as a scenario and run. The
 * edited layout keeps the camera presets of the session's layout, so the
 * camera does not glide back to the preset after every drag step.
 */
export interface EditState {
  active: boolean;
  modelId: string | null;
  base: Model | null;
  baseLayout: PlantLayout | null;
  overlay: Overlay;
  model: Model | null;
  layout: PlantLayout | null;
  legs: TransportLeg[];
  /** Why the last edit was refused; cleared by the next accepted one. */
  problems: string[];
  /** Node being dragged, if any (the camera is held still meanwhile). */
  dragging: string | null;
  /** Conveyor whose path is being drawn, and the points clicked so far. */
  drawing: string | null;
  draft: FloorPoint[];

  start(base: Model, modelId: string, baseLayout: PlantLayout): void;
  stop(): void;
  reset(): void;
  move(id: string, x: number, z: number): boolean;
  rotate(id: string): void;
  servers(id: string, delta: number): void;
  /** Sets the parallel machines to a typed count. */
  setServers(id: string, servers: number): void;
  capacity(id: string, delta: number): void;
  setDragging(id: string | null): void;
  startPath(id: string): void;
  addPoint(p: FloorPoint): void;
  finishPath(): void;
  clearPath(id: string): void;
  cancelPath(): void;
}

const idle = { modelId: null, base: null, baseLayout: null, overlay: {}, model: null, layout: null, legs: [], problems: [], dragging: null, drawing: null, draft: [] };

export const useEdit = create<EditState>()((set, get) => {
  /** Applies an outcome: accepted edits replace the model and layout, refused ones only report why. */
  const take = (r: EditOutcome): boolean => {
    if (!r.ok) {
      set({ problems: r.problems });
      return false;
    }
    const baseLayout = get().baseLayout;
    const layout = buildLayout(r.model);
    set({ overlay: r.overlay, model: r.model, layout: baseLayout ? { ...layout, presets: baseLayout.presets } : layout, legs: transportLegs(r.model), problems: [] });
    return true;
  };
  const ctx = () => {
    const { base, overlay, model } = get();
    return base && model ? { base, overlay, model } : null;
  };

  return {
    active: false,
    ...idle,
    start: (base, modelId, baseLayout) => set({ ...idle, active: true, base, modelId, baseLayout, model: base, layout: baseLayout, legs: transportLegs(base) }),
    stop: () => set({ ...idle, active: false }),
    reset() {
      const { base, baseLayout } = get();
      if (base && baseLayout) set({ overlay: {}, model: base, layout: baseLayout, legs: transportLegs(base), problems: [], drawing: null, draft: [] });
    },
    move(id, x, z) {
      const c = ctx();
      return c ? take(moveNode(c.base, c.overlay, c.model, id, x, z)) : false;
    },
    rotate(id) {
      const c = ctx();
      if (c) take(rotateNode(c.base, c.overlay, c.model, id));
    },
    servers(id, delta) {
      const c = ctx();
      if (c) take(changeServers(c.base, c.overlay, c.model, id, delta));
    },
    setServers(id, servers) {
      const c = ctx();
      if (c) take(setServers(c.base, c.overlay, c.model, id, servers));
    },
    capacity(id, delta) {
      const c = ctx();
      if (c) take(changeCapacity(c.base, c.overlay, c.model, id, delta));
    },
    setDragging: (dragging) => set({ dragging }),
    startPath: (drawing) => set({ drawing, draft: [], problems: [] }),
    addPoint: (p) => set((s) => ({ draft: [...s.draft, p] })),
    finishPath() {
      const { drawing, draft } = get();
      const c = ctx();
      if (!c || drawing === null) return;
      if (draft.length < 2) {
        set({ problems: [`set.${drawing}.path: must list at least two points; click the floor at each bend`] });
        return;
      }
      if (take(setConveyorPath(c.base, c.overlay, c.model, drawing, draft))) set({ drawing: null, draft: [] });
    },
    clearPath(id) {
      const c = ctx();
      if (c) take(setConveyorPath(c.base, c.overlay, c.model, id, null));
    },
    cancelPath: () => set({ drawing: null, draft: [] }),
  };
});
