import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { MODELS_DIR, loadModelFile } from '../../server/files/model-files.ts';
import { ScenarioSchema, applyScenario } from '../../server/protocol/scenario.ts';
import { changeCapacity, changeServers, setServers, fileSafeId, moveNode, rotateNode, setConveyorPath, snap, toScenario, type Overlay } from '../../client/src/edit/layout-edit.ts';
import { transportLegs } from '../../client/src/edit/transport-legs.ts';

// The default plant: its pack line feeds a conveyor whose length is derived from the layout.
const base = loadModelFile(join(MODELS_DIR, 'default-plant.json'));
const none: Overlay = {};
const layoutOf = (m: typeof base, id: string) => m.nodes.find((n) => n.id === id)!.layout!;

describe('layout edit: snapping', () => {
  it('snaps to the 0.5 m grid, halves included, without float noise', () => {
    expect(snap(3.24)).toBe(3);
    expect(snap(3.26)).toBe(3.5);
    expect(snap(-1.74)).toBe(-1.5);
    expect(snap(0.31, 0.1)).toBe(0.3);
  });

  it('moves a node to the snapped point and only that field is in the overlay', () => {
    const r = moveNode(base, none, base, 'pack-line', 384.26, 3.1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.overlay).toEqual({ 'pack-line': { layout: { x: 384.5, z: 3 } } });
    expect(layoutOf(r.model, 'pack-line')).toMatchObject({ x: 384.5, z: 3, w: 10, d: 20 });
  });

  it('drops a node dragged back to where it stood from the overlay', () => {
    const moved = moveNode(base, none, base, 'pack-line', 384, 0);
    if (!moved.ok) throw new Error(moved.problems.join('; '));
    const back = moveNode(base, moved.overlay, moved.model, 'pack-line', 388, 0);
    expect(back.ok && back.overlay).toEqual({});
  });
});

describe('layout edit: refusals name the field and the reason', () => {
  it('refuses an overlap and names both nodes', () => {
    // 391..401 m reaches into the dock at 400..404 m, still inside the hall (up to 402 m).
    const r = moveNode(base, none, base, 'pack-line', 396, 0);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual(['packs-shipped.layout: overlaps "pack-line" in area "module-pack"; move one of them']);
  });

  it('refuses leaving the hall and names the hall', () => {
    const r = moveNode(base, none, base, 'pack-line', 374, 40);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.join('\n')).toContain('set.pack-line.layout: lies (partly) outside the hall of area "module-pack"');
  });

  it('refuses removing the last machine and shrinking a buffer below one slot', () => {
    const machine = base.nodes.find((n) => n.type === 'machine' && n.servers === 1)!;
    const r = changeServers(base, none, base, machine.id, -1);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toContain(`set.${machine.id}.servers: must be >= 1`);
    const sink = changeCapacity(base, none, base, 'packs-shipped', 1);
    expect(sink.ok).toBe(false);
  });

  it('sets a typed number of parallel machines in one step, within the model limit (1 … 10 000)', () => {
    const batch = base.nodes.find((n) => n.type === 'batch')!;
    const r = setServers(base, none, base, batch.id, 312);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.overlay[batch.id]).toMatchObject({ servers: 312 });
      expect(r.model.nodes.find((n) => n.id === batch.id)).toMatchObject({ servers: 312 });
    }
    const half = setServers(base, none, base, batch.id, 2.5);
    expect(!half.ok && half.problems[0]).toBe(`set.${batch.id}.servers: must be a whole number`);
    const huge = setServers(base, none, base, batch.id, 10_001);
    expect(!huge.ok && huge.problems.join('\n')).toContain('must be <= 10000');
  });
});

describe('layout edit: transport distances follow the layout', () => {
  it('the pack conveyor gets longer when the pack line moves away from the dock', () => {
    const before = transportLegs(base).find((l) => l.key === 'pack-conveyor')!;
    expect(before.distanceM).toBe(14);
    expect(before.travelS).toBeCloseTo(70, 9);
    const r = moveNode(base, none, base, 'pack-line', 384, 0);
    if (!r.ok) throw new Error(r.problems.join('; '));
    const after = transportLegs(r.model).find((l) => l.key === 'pack-conveyor')!;
    expect(after.distanceM).toBe(18);
    expect(after.travelS).toBeCloseTo(90, 9);
  });

  it('a drawn conveyor path sets the length; removing it falls back to the Manhattan distance', () => {
    const drawn = setConveyorPath(base, none, base, 'pack-conveyor', [{ x: 393, z: 0 }, { x: 393, z: 6 }, { x: 402, z: 6 }, { x: 402, z: 2 }]);
    if (!drawn.ok) throw new Error(drawn.problems.join('; '));
    expect(transportLegs(drawn.model).find((l) => l.key === 'pack-conveyor')!.distanceM).toBe(19);
    const cleared = setConveyorPath(base, drawn.overlay, drawn.model, 'pack-conveyor', null);
    if (!cleared.ok) throw new Error(cleared.problems.join('; '));
    expect(transportLegs(cleared.model).find((l) => l.key === 'pack-conveyor')!.distanceM).toBe(14);
  });

  it('vehicle legs are distance / speed between the fleet feeders and destinations', () => {
    const legs = transportLegs(base).filter((l) => l.nodeId === 'rack-agv');
    const fleet = base.nodes.find((n) => n.id === 'rack-agv')!;
    expect(legs.length).toBeGreaterThan(0);
    for (const l of legs) expect(l.travelS).toBeCloseTo(l.distanceM / (fleet as { speedMps: number }).speedMps, 9);
  });
});

describe('layout edit: the overlay is a scenario', () => {
  it('round-trips through ScenarioSchema + applyScenario to the same model', () => {
    let overlay: Overlay = {};
    let model = base;
    const steps = [
      (m: typeof base, o: Overlay) => moveNode(base, o, m, 'pack-line', 384, 0),
      (m: typeof base, o: Overlay) => rotateNode(base, o, m, 'packs-shipped'),
      (m: typeof base, o: Overlay) => changeServers(base, o, m, base.nodes.find((n) => n.type === 'machine')!.id, 1),
    ];
    for (const step of steps) {
      const r = step(model, overlay);
      if (!r.ok) throw new Error(r.problems.join('; '));
      overlay = r.overlay;
      model = r.model;
    }
    const file = JSON.parse(JSON.stringify(toScenario('default-plant', 'Does a longer pack conveyor matter?', overlay)));
    expect(applyScenario(base, ScenarioSchema.parse(file))).toEqual(model);
    expect(Object.keys(file.set)).toHaveLength(3);
  });

  it('makes file-safe ids from free text', () => {
    expect(fileSafeId('  Pack line 8 m west!')).toBe('Pack-line-8-m-west');
    expect(fileSafeId('../etc/passwd')).toBe('etc-passwd');
  });
});
