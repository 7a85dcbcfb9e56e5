import { UNITS, type Unit } from '../i18n/units.ts';

/** The axis of a bar chart: raw values (as results carry them) at round steps in the unit shown, and the digits their labels need. */
export interface ChartAxis {
  /** The axis's top, raw: the last tick. */
  top: number;
  /** Ticks from 0 to `top`, raw. */
  ticks: number[];
  /** Decimals a tick's label needs in the unit shown (0 for a step of 20 000, 1 for 0.5). */
  digits: number;
}

/**
 * Round ticks (1, 2, 2.5 or 5 × 10ⁿ in the unit shown) over [0, max], about four steps, so an
 * axis reads 0 · 20 000 · 40 000 … rather than quarters of the largest bar (0 · 20 251 · 40 501 …).
 */
export function chartAxis(maxRaw: number, unit: Unit): ChartAxis {
  const { scale } = UNITS[unit];
  const max = maxRaw * scale;
  if (!(max > 0) || !Number.isFinite(max)) return { top: 1 / scale, ticks: [0, 1 / scale], digits: 0 };
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough * (1 - 1e-9))!;
  const count = Math.ceil(max / step - 1e-9);
  const digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9) + (step / power === 2.5 ? 1 : 0));
  const ticks = Array.from({ length: count + 1 }, (_, i) => (i * step) / scale);
  return { top: ticks[count], ticks, digits };
}
