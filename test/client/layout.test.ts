import { describe, expect, it } from 'vitest';
import { buildLayout, pointAlong, presetOfArea } from '../../client/src/scene/layout.ts';
import { shapeKindOf } from '../../client/src/scene/shape-kind.ts';
import { demoLine, testModel } from './fixtures.ts';

describe('buildLayout', () => {
  it('places every node of the demo line where its layout says, in model order', () => {
    const model = demoLine();
    const layout = buildLayout(model);
    expect(layout.nodes.map((n) => n.id)).toEqual(model.nodes.map((n) => n.id));
    const stacker = layout.byId.get('stacker')!;
    expect([stacker.x, stacker.z, stacker.w, stacker.d, stacker.h]).toEqual([12, 0, 6, 3, 2.5]);
    expect(stacker.index).toBe(2);
  });

  it('draws one path per route and finds it by from>to', () => {
    const layout = buildLayout(demoLine());
    expect(layout.edges).toHaveLength(7);
    const i = layout.edgeIndex.get('formation>aging')!;
    expect(layout.edges[i]).toMatchObject({ from: 'formation', to: 'aging' });
  });

  it('gives recognisable shapes from hints, types and ids', () => {
    const kinds = Object.fromEntries(buildLayout(demoLine()).nodes.map((n) => [n.id, n.kind]));
    expect(kinds).toMatchObject({ kits: 'dock', 'stack-buffer': 'buffer', stacker: 'machine', formation: 'rack', aging: 'rackField', shipping: 'dock' });
    expect(shapeKindOf({ id: 'coater-a', type: 'machine', layout: undefined })).toBe('line');
    expect(shapeKindOf({ id: 'x', type: 'machine', layout: { x: 0, y: 0, z: 0, w: 1, d: 1, h: 1, rotation: 0, shape: 'tank' } })).toBe('tank');
    expect(shapeKindOf({ id: 'cathode-mixer', type: 'machine', layout: undefined })).toBe('tank');
    expect(shapeKindOf({ id: 'x', type: 'machine', layout: { x: 0, y: 0, z: 0, w: 1, d: 1, h: 1, rotation: 0, shape: 'vacuum oven' } })).toBe('oven');
  });

  it('lays out nodes without a layout in columns by distance from the source', () => {
    const layout = buildLayout(testModel());
    const stacker = layout.byId.get('stacker')!;
    // coils(0) → coater(1) → buf(2) → stacker(3): auto column 3, 9 m apart
    expect(stacker.x).toBe(27);
    expect(stacker.w).toBe(2);
  });

  it('derives an area floor from its nodes when the area has no layout, with a margin', () => {
    const layout = buildLayout(testModel());
    const fin = layout.areas.find((a) => a.id === 'finishing')!;
    // nodes from x 39..67 (formation at 40 ± 1, out at 66 ± 1), margin 2 each side
    expect(fin.x).toBeCloseTo(53);
    expect(fin.w).toBeCloseTo(32);
    const electrode = layout.areas.find((a) => a.id === 'electrode')!;
    expect(electrode).toMatchObject({ x: 10, w: 24, d: 10 });
  });

  it('turns rotation degrees into radians', () => {
    const model = testModel();
    model.nodes[1].layout!.rotation = 90;
    expect(buildLayout(model).byId.get('coater')!.rotation).toBeCloseTo(Math.PI / 2);
  });

  it('offers a camera preset for each kind of area the model has, and none for the others', () => {
    const layout = buildLayout(testModel());
    const frame = (id: string) => layout.presets.find((p) => p.id === id)!.frame;
    expect(frame('all')).not.toBeNull();
    expect(frame('electrode')).toMatchObject({ x: 10, w: 24 });
    expect(frame('assembly')).not.toBeNull();
    expect(frame('finishing')).not.toBeNull();
    expect(frame('module')).toBeNull();
  });

  it('matches areas to presets most specific first', () => {
    expect(presetOfArea({ id: 'pack', label: 'Module and pack assembly' })).toBe('module');
    expect(presetOfArea({ id: 'a1', label: 'Cell assembly' })).toBe('assembly');
    expect(presetOfArea({ id: 'x', labelRu: 'Формирование' })).toBe('finishing');
    expect(presetOfArea({ id: 'canteen' })).toBeUndefined();
  });
});

describe('pointAlong', () => {
  it('walks an L-shaped path by arc length', () => {
    const layout = buildLayout(testModel());
    const path = layout.edges[layout.edgeIndex.get('coater>buf')!];
    // coater outfeed at x 16, z 0; buf infeed at x 23, z 4: 3.5 + 4 + 3.5 = 11 m with two corners
    expect(path.points).toHaveLength(4);
    expect(path.cumulative.at(-1)).toBeCloseTo(11);
    const p = { x: 0, y: 0, z: 0 };
    pointAlong(path, 0.5, p);
    expect(p.x).toBeCloseTo(19.5);
    expect(p.z).toBeCloseTo(2);
    pointAlong(path, 1.5, p);
    expect(p).toMatchObject({ x: 23, z: 4 });
  });
});
