/**
 * Replications reuse a compiled model: a thread compiles each model once (its
 * static structure: routes, transport geometry, calendars, feeder calendars)
 * and builds a fresh plant from it for every replication. Reuse must not change
 * a single number, and must really skip the compile.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCount, compiledFor } from '../../server/experiments/compiled-cache.ts';
import { runReplication } from '../../server/experiments/runner.ts';
import { runTask, type ReplicationTask } from '../../server/experiments/task.ts';
import { MODELS_DIR, loadModelFile } from '../../server/files/model-files.ts';
import { compileModel } from '../../server/plant/compiled-model.ts';
import { plantReport } from '../../server/plant/report.ts';
import { Plant } from '../../server/plant/plant.ts';

const model = loadModelFile(join(MODELS_DIR, 'default-plant.json'));
const settings = { horizonS: 3 * 86400, warmupS: 86400, seed: 4 };

/** A task as a worker thread receives it: a structured-clone copy of the model each time. */
const task = (replication: number, m = model): ReplicationTask => ({ kind: 'replication', point: 0, replication, model: structuredClone(m), ...settings, kpis: [] });

describe('compiled model reuse between replications', () => {
  it('a second replication of the same model does not compile it again', () => {
    const before = compileCount();
    runTask(task(0));
    expect(compileCount()).toBe(before + 1);
    runTask(task(1));
    runTask(task(2));
    expect(compileCount()).toBe(before + 1);
  });

  it('a model with other content is compiled on its own, not mistaken for a cached one', () => {
    const other = structuredClone(model);
    const buffer = other.nodes.find((n) => n.type === 'buffer')!;
    (buffer as { capacity?: number }).capacity = 7;
    const before = compileCount();
    runTask(task(0, other));
    expect(compileCount()).toBe(before + 1);
    expect(compiledFor(structuredClone(other)).model).not.toBe(compiledFor(structuredClone(model)).model);
  });

  it('gives exactly the numbers of a plant built from scratch', () => {
    const cached = compiledFor(structuredClone(model));
    for (const replication of [0, 1]) {
      const reused = runReplication(cached, settings, replication);
      const fresh = runReplication(structuredClone(model), settings, replication);
      expect(reused.report).toEqual(fresh.report);
      expect(reused.events).toBe(fresh.events);
    }
    // Two plants from one compiled model do not share state: the second runs as if alone.
    const compiled = compileModel(model);
    const a = new Plant(compiled, 9, 0);
    const b = new Plant(compiled, 9, 0);
    a.runUntil(86400);
    b.runUntil(86400);
    expect(plantReport(b)).toEqual(plantReport(a));
  });
});
