/**
 * An unlimited source that alone feeds a station is pulled from (a ready part waits at the
 * source instead of in its outlet): it must behave exactly as a held part does, including
 * through a material shortage. Worked by hand on src → m (one server, 10 s constant) → out:
 * - parts leave the source at t = 0, 10, …; one is always ready, so the source holds 1 part
 *   and the machine has 1 blocked feeder while it works;
 * - supply stopped at t = 95 (the part started at 90 is in work): the ready part still leaves,
 *   at 100, as a held part would, and is done at 110; then nothing: 11 parts by t = 200;
 * - supply restarted at t = 200: a part leaves at once and then every 10 s: parts done at
 *   210 … 250, so 16 parts by t = 250 inclusive.
 */
import { describe, expect, it } from 'vitest';
import { Plant } from '../../server/plant/plant.ts';
import type { Sink } from '../../server/plant/sink.ts';
import type { Source } from '../../server/plant/source.ts';
import { buildModel, constant } from './helpers.ts';

describe('an unlimited source pulled by the station it alone feeds', () => {
  const plant = new Plant(buildModel([
    { id: 'src', type: 'source', to: 'm' },
    { id: 'm', type: 'machine', cycle: constant(10), to: 'out' },
    { id: 'out', type: 'sink' },
  ]));
  const src = plant.node('src') as Source;
  const out = plant.node('out') as Sink;
  const m = plant.node('m')!;

  it('is pulled from (PullFeeder), and its ready part counts as held while the machine works', () => {
    expect(m.intake.pullFeeder).toBe(src);
    plant.runUntil(95);
    expect(out.count).toBe(9);
    expect(src.contents).toBe(1);
    expect(m.blockedFeeders).toBe(1);
  });

  it('through a shortage, the ready part still leaves; afterwards nothing does', () => {
    src.setSupplyStopped(true);
    plant.runUntil(200);
    expect(out.count).toBe(11);
    expect(src.completed).toBe(11);
    expect(src.contents).toBe(0);
    expect(m.blockedFeeders).toBe(0);
  });

  it('after the shortage, supply resumes at once', () => {
    src.setSupplyStopped(false);
    plant.runUntil(250);
    expect(out.count).toBe(16);
    expect(src.contents).toBe(1);
  });
});
