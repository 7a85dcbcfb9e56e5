/** `sim --period`: the CLI's --json gains periods[], windows from t = 0 that add up to the run. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../server/cli/sim.ts';

function capture(argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: main(argv), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('sim --period', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints periods[] of { startS, endS, sinks, kpis } from t = 0, whatever the warm-up', () => {
    const { code, out } = capture(['demo-line', '--horizon', '3h', '--warmup', '1h', '--period', '1h', '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.periods.map((p: { startS: number; endS: number }) => [p.startS, p.endS])).toEqual([[0, 3600], [3600, 7200], [7200, 10800]]);
    for (const p of doc.periods) {
      expect(p).toHaveProperty('sinks');
      expect(p).toHaveProperty('kpis');
    }
    // The run measures [1 h, 3 h]: the last two windows together.
    const sink = Object.keys(doc.sinks)[0];
    expect(doc.periods[1].sinks[sink].count + doc.periods[2].sinks[sink].count).toBe(doc.sinks[sink].count);
  });

  it('refuses a period that is not a positive duration', () => {
    const { code, err } = capture(['demo-line', '--horizon', '3h', '--period', '0', '--json']);
    expect(code).toBe(2);
    expect(err).toMatch(/period must be a positive duration/);
  });
});
