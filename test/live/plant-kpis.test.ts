import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { computeKpis } from '../../server/kpi/index.ts';
import { FrameBuilder } from '../../server/live/frame-builder.ts';
import { livePlantKpis } from '../../server/live/plant-kpis.ts';
import { moduleFeedCells } from '../../server/live/output-window.ts';
import { SessionEngine } from '../../server/live/session-engine.ts';
import { Plant } from '../../server/plant/plant.ts';
import { plantReport } from '../../server/plant/report.ts';
import { PlantKpisSchema, type ControlResult, type PlantKpis, type Snapshot } from '../../server/protocol/messages.ts';
import { ModelSchema } from '../../server/protocol/model.ts';
import { useLiveTestServer } from './test-server.ts';

const DAY = 86400;
const demoLine = () => ModelSchema.parse(JSON.parse(readFileSync(new URL('../../models/demo-line.json', import.meta.url), 'utf8')));

describe('plant KPIs of a live plant', () => {
  it('are computeKpis over the plant report, reshaped per node in plant order', () => {
    const model = demoLine();
    const engine = new SessionEngine(model, 5, 'max');
    engine.execute({ type: 'step', dtS: 12 * DAY }, 0);
    const pk = PlantKpisSchema.parse(engine.plantKpis());
    const k = computeKpis(model, { ...plantReport(engine.plant), horizonS: engine.plant.now, warmupS: 0 });
    expect(pk.simTimeS).toBe(12 * DAY);
    expect(pk.gwhPerYear).toBe(k.gwhPerYear);
    expect(pk.gwhPerYear).toBeGreaterThan(0);
    expect(pk.cellsPerDay).toBe(k.cellsPerDay);
    expect(pk.yield.overall).toBe(k.yield.overall);
    expect(pk.bottleneck?.id).toBe(k.bottleneck?.id);
    expect(model.nodes.map((n) => n.id)).toContain(pk.bottleneck?.id);
    const ids = engine.sampler.nodes.map((n) => n.id);
    ids.forEach((id, i) => {
      expect(pk.nodes.oee[i]).toBe(k.oee[id]?.oee ?? null);
      expect(pk.nodes.scrapped[i]).toBe(k.scrapByNode[id]?.units ?? 0);
      expect(pk.nodes.yield[i]).toBe(k.yield.byNode[id] ?? null);
    });
    // Per-area yields multiply back to the chain yield: the demo line has a single input.
    expect(pk.yieldByArea.map((a) => a.area)).toEqual(['assembly', 'finishing']);
    expect(pk.yieldByArea.reduce((a, b) => a * b.yield, 1)).toBeCloseTo(pk.yield.overall, 12);
  });

  it('carry the energy metered from the state times, as the run KPIs do', () => {
    const model = ModelSchema.parse(JSON.parse(readFileSync(new URL('../../models/default-plant.json', import.meta.url), 'utf8')));
    const engine = new SessionEngine(model, 5, 'max');
    engine.execute({ type: 'step', dtS: DAY }, 0);
    const pk = PlantKpisSchema.parse(engine.plantKpis());
    const k = computeKpis(model, { ...plantReport(engine.plant), horizonS: engine.plant.now, warmupS: 0 });
    expect(k.energy).not.toBeNull();
    expect(pk.energy?.kwh).toBe(k.energy!.kwh);
    expect(pk.energy!.kwh).toBeGreaterThan(0);
    // Every kWh belongs to one area: the areas sum to the total (float sums, so to 1e-9 relative).
    const sum = Object.values(pk.energy!.byArea).reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - pk.energy!.kwh) / pk.energy!.kwh).toBeLessThan(1e-9);
    // The demo line has no power data: no energy figures.
    expect(PlantKpisSchema.parse(livePlantKpis(demoLine(), new Plant(demoLine(), 1, 0))).energy).toBeNull();
  });

  it('states missing values as null, never NaN, before any part is finished', () => {
    const model = demoLine();
    const pk = PlantKpisSchema.parse(livePlantKpis(model, new Plant(model, 1, 0)));
    expect(pk.leadTimeS.mean).toBeNull();
    expect(JSON.stringify(pk)).not.toMatch(/NaN/);
  });

  it('ride on fresh deltas only, and on every keyframe until a restart', () => {
    const engine = new SessionEngine(demoLine(), 1, 'max');
    const frames = new FrameBuilder();
    const pk = engine.plantKpis();
    const first = frames.build(engine.sample(), true, 'max', pk);
    expect(first.delta.pk).toBe(pk);
    const second = frames.build(engine.sample(), true, 'max');
    expect(second.delta.pk).toBeUndefined();
    expect(second.key.pk).toBe(pk);
    frames.restart();
    expect(frames.build(engine.sample(), true, 'max').key.pk).toBeUndefined();
  });
});

describe('plant KPIs over Socket.IO', () => {
  const liveServer = useLiveTestServer({ publicSession: false });

  it('a snapshot and the frame after a step carry the KPIs of exactly that state', async () => {
    const owner = await liveServer.client();
    await owner.ok({ type: 'createSession', model: 'demo-line', seed: 7, play: false });
    await owner.until(() => owner.snapshots.length > 0, 10_000, 'the first snapshot');
    expect(owner.snapshots[0].plantKpis?.simTimeS).toBe(0);

    const stepped = await owner.ok<ControlResult>({ type: 'step', dtS: 12 * DAY });
    await owner.until(() => owner.frames.some((a) => a.frame.pk?.simTimeS === stepped.simTimeS), 10_000, 'a frame with the KPIs after the step');
    const fromFrame = owner.frames.find((a) => a.frame.pk?.simTimeS === stepped.simTimeS)!.frame.pk!;
    await owner.ok({ type: 'snapshot' }); // the snapshot comes as its own event
    await owner.until(() => owner.snapshots.length > 1, 10_000, 'the requested snapshot');
    const snap: Snapshot = owner.snapshots.at(-1)!;
    const live: PlantKpis = PlantKpisSchema.parse(snap.plantKpis);
    expect(live).toEqual(fromFrame);
    expect(snap.frame.pk).toEqual(live);

    // The same plant, run here to the same time, gives the same KPIs.
    const model = demoLine();
    const plant = new Plant(model, 7, 0);
    plant.start();
    plant.runUntil(12 * DAY);
    const { output, ...rest } = live;
    expect(rest).toEqual(JSON.parse(JSON.stringify(livePlantKpis(model, plant))));
    // The headline's window: the last 7 of the 12 days, counted on the same plant at day 5 and day 12
    // (the demo line's cell step ships to its only sink, so every good cell counts).
    const at12 = moduleFeedCells(model, plant)!;
    const again = new Plant(model, 7, 0);
    again.runUntil(5 * DAY);
    expect(output!.windowS).toBe(7 * DAY);
    expect(output!.cells).toBe(at12 - moduleFeedCells(model, again)!);
    expect(live.gwhPerYear).toBeGreaterThan(0);
    expect(snap.model.nodes.map((n) => n.id)).toContain(live.bottleneck?.id);
    expect(live.nodes.oee).toHaveLength(snap.nodes.length);
  });
});
