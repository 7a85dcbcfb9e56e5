/**
 * Item 8 of issue 13: the two-shift scenario's answer must be one the plant can
 * reach. With every staffed station on the same weekly calendar (and ovens and
 * formation racks finishing their cycles off shift), a full simulated year after
 * a 30-day warm-up (plant-data §12.6: warm-up ≥ 30 d) must reach at least
 * 97.5 % of the static bound computed by `sim --capacity`.
 *
 * Why 97.5 % and not 100 %: the bound is the stackers' rate on shift (A·P of the
 * data) and ignores the starving and blocking that random failures cause between
 * finite buffers; a year of 24 stackers is ~4 M cycles, so its sampling error is
 * well under 1 %. A simulated year can exceed the bound by that sampling error.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capacity, simulate } from '../../server/cli/sim.ts';
import { SCENARIOS_DIR } from '../../server/files/model-files.ts';

describe('two-shift scenario: a full year reaches its static bound', () => {
  it('GWh/yr over 365 d after a 30 d warm-up ≥ 97.5 % of sim --capacity', () => {
    const scenario = join(SCENARIOS_DIR, 'two-shift.json');
    const opts = { scenario, horizon: 395 * 86400, warmup: 30 * 86400, replications: 1, seed: 1, json: true };
    const bound = JSON.parse(capacity('default-plant', opts)).capacity.gwhPerYear as number;
    const year = simulate('default-plant', opts).kpis.gwhPerYear!;
    expect(bound).toBeGreaterThan(1.5); // two shifts, five days: about half of the 24/7 plant's 4.4
    expect(year / bound).toBeGreaterThanOrEqual(0.975);
  }, 180_000);
});
