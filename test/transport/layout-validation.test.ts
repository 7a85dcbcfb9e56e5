/**
 * Invalid layouts and transport blocks are refused with the field named, and a
 * layout edit saved as a scenario overlay loads back unchanged.
 */
import { describe, expect, it } from 'vitest';
import { ModelSchema, type ModelInput } from '../../server/protocol/model.ts';
import { ScenarioSchema, applyScenario } from '../../server/protocol/scenario.ts';
import { modelProblems } from '../validation/helpers.ts';

/** A hall 40 x 20 m; src → m → agv → buf → belt → out. */
function plant(): ModelInput {
  return {
    name: 'layout',
    areas: [{ id: 'hall', layout: { x: 20, z: 0, w: 40, d: 20 } }],
    nodes: [
      { id: 'src', type: 'source', area: 'hall', to: 'm', layout: { x: 0, z: 0 } },
      { id: 'm', type: 'machine', area: 'hall', cycle: { dist: 'constant', value: 10 }, to: 'agv', layout: { x: 6, z: 0, w: 4, d: 4 } },
      { id: 'agv', type: 'vehicles', area: 'hall', count: 2, speedMps: 1, to: 'buf', layout: { x: 10, z: 8 } },
      { id: 'buf', type: 'buffer', area: 'hall', capacity: 5, to: 'belt', layout: { x: 20, z: 0 } },
      { id: 'belt', type: 'conveyor', area: 'hall', speedMps: 0.5, spacingM: 1, to: 'out', layout: { x: 24, z: 0 } },
      { id: 'out', type: 'sink', area: 'hall', layout: { x: 40, z: 5 } },
    ],
  };
}

const problems = modelProblems;

const edited = (edit: (nodes: Record<string, any>[]) => void) => {
  const m = plant();
  edit(m.nodes as Record<string, any>[]);
  return problems(m);
};

describe('layout validation', () => {
  it('accepts the plant: the fleet marker may overlap equipment, the sink dock sits on the hall wall', () => {
    expect(ModelSchema.safeParse(plant()).success).toBe(true);
  });

  it('refuses equipment overlapping other equipment of the same area', () => {
    expect(edited((n) => (n[3].layout = { x: 7, z: 1 }))).toEqual(['nodes[3].layout: overlaps "m" (nodes[1]) in area "hall"; move one of them']);
    // A buffer at x 8.5..10.5 clears the 4 x 4 machine (x 4..8), but not once the machine turns 45° (reaching x 8.83).
    const nearBuffer = (n: Record<string, any>[]) => (n[3].layout = { x: 9.5, z: 0 });
    expect(ModelSchema.safeParse({ ...plant(), nodes: plant().nodes.map((x) => (x.id === 'buf' ? { ...x, layout: { x: 9.5, z: 0 } } : x)) }).success).toBe(true);
    expect(edited((n) => (nearBuffer(n), (n[1].layout.rotation = 45)))).toEqual(['nodes[3].layout: overlaps "m" (nodes[1]) in area "hall"; move one of them']);
    // Stacked on a mezzanine above the machine (heights 0..2 and 2..4) is fine.
    expect(ModelSchema.safeParse({ ...plant(), nodes: plant().nodes.map((x) => (x.id === 'buf' ? { ...x, layout: { x: 6, z: 0, y: 2 } } : x)) }).success).toBe(true);
  });

  it('refuses equipment outside its hall', () => {
    expect(edited((n) => (n[1].layout.z = 9))).toEqual(['nodes[1].layout: lies (partly) outside the hall of area "hall" (x 0..40 m, z -10..10 m)']);
    expect(edited((n) => (n[5].layout.x = 41))).toEqual(['nodes[5].layout: its centre lies outside the hall of area "hall" (x 0..40 m, z -10..10 m)']);
  });

  it('refuses transport whose geometry cannot be derived, naming the field', () => {
    expect(edited((n) => delete n[3].layout)).toEqual([
      'nodes[2].to: "buf" has no layout, so the travel distance cannot be computed',
      'nodes[4].lengthM: its feeder "buf" has no layout, so the length cannot be derived from the layout; give lengthM or path',
    ]);
    expect(edited((n) => delete n[1].layout)).toEqual(['nodes[2]: its feeder "m" has no layout, so the travel distance cannot be computed']);
    expect(edited((n) => delete n[5].layout)).toEqual(['nodes[4].lengthM: its successor "out" has no layout, so the length cannot be derived from the layout; give lengthM or path']);
    expect(edited((n) => delete n[4].spacingM)).toEqual(['nodes[4].capacity: give capacity (parts it holds) or spacingM (distance between parts), or both']);
    expect(edited((n) => (n[4].spacingM = 30))).toEqual(['nodes[4].spacingM: must be <= the conveyor length (25 m)']);
    expect(edited((n) => (n[4].speedMps = 0))).toEqual(['nodes[4].speedMps: must be > 0']);
    expect(edited((n) => (n[2].paths = [{ from: 'src', to: 'buf', via: [{ x: 0, z: 5 }] }]))).toEqual(['nodes[2].paths[0].from: "src" is not a feeder, destination or this fleet (its depot)']);
    expect(edited((n) => ((n[2].park = 'home'), delete n[2].layout))).toEqual(['nodes[2].park: "home" needs a layout position for the depot; give layout or park "stay"']);
    expect(edited((n) => (n[1].to = [{ id: 'agv', p: 0.5 }, { id: 'belt', p: 0.5 }]))).toEqual([
      'nodes[4].lengthM: 2 nodes feed this conveyor (needs exactly one), so the length cannot be derived from the layout; give lengthM or path',
    ]);
  });

  it('still refuses unreachable nodes', () => {
    expect(edited((n) => (n[1].to = 'buf'))).toContain('nodes[2]: "agv" cannot be reached from any source');
  });
});

describe('a layout edit saved as a scenario', () => {
  it('round-trips through save and load unchanged', () => {
    const overlay = ScenarioSchema.parse({
      model: 'layout',
      question: 'Does moving the buffer next to the machine cut travel?',
      set: { buf: { layout: { x: 12, z: -4 } }, belt: { path: [{ x: 12, z: -4 }, { x: 40, z: -4 }, { x: 40, z: 5 }] } },
    });
    const applied = applyScenario(plant(), overlay);
    const saved = JSON.stringify(overlay, null, 2);
    const reloaded = applyScenario(plant(), ScenarioSchema.parse(JSON.parse(saved)));
    expect(reloaded).toEqual(applied);
    const buf = reloaded.nodes.find((n) => n.id === 'buf')!;
    // The merge patch moves the buffer and keeps its other layout fields at their defaults.
    expect(buf.layout).toEqual({ x: 12, y: 0, z: -4, w: 2, d: 2, h: 2, rotation: 0 });
    expect(ScenarioSchema.parse(JSON.parse(saved))).toEqual(overlay);
  });

  it('an edit that makes the layout invalid is refused against the scenario field', () => {
    const overlay = ScenarioSchema.parse({ model: 'layout', question: 'Put the buffer onto the machine?', set: { buf: { layout: { x: 6, z: 1 } } } });
    expect(() => applyScenario(plant(), overlay)).toThrow(/set\.buf\.layout: overlaps "m" \(nodes\[1\]\) in area "hall"/);
  });
});
