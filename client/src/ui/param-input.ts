import type { ParamField } from '../../../server/protocol/messages.ts';
import type { Distribution } from '../../../server/protocol/distribution.ts';

/** The live-editable fields of a node, as the protocol's setParam allows them (one list, in protocol/live-edit.ts). */
export { editableFields } from '../../../server/protocol/live-edit.ts';

/**
 * Turns what the user typed into a setParam value: JSON for distributions, a number for
 * yield, a whole number or empty (unbounded) for capacity. Throws with a readable message.
 */
export function parseParamInput(field: ParamField, text: string): unknown {
  const t = text.trim();
  if (field === 'capacity') {
    if (t === '' || t === 'null') return null;
    const n = Number(t.replace(',', '.'));
    if (!Number.isInteger(n)) throw new Error(`capacity: "${text}" is not a whole number`);
    return n;
  }
  if (field === 'yield') {
    const n = Number(t.replace(',', '.'));
    if (!Number.isFinite(n)) throw new Error(`yield: "${text}" is not a number`);
    return n;
  }
  try {
    return JSON.parse(t);
  } catch {
    throw new Error(`${field}: not valid JSON, e.g. {"dist":"constant","value":60}`);
  }
}

/** The distributions a form can build, with their arguments in order (empirical tables stay in the model file). */
export const DIST_ARGS = {
  constant: ['value'],
  exponential: ['mean'],
  uniform: ['min', 'max'],
  triangular: ['min', 'mode', 'max'],
  normal: ['mean', 'sd'],
  lognormal: ['mean', 'sd'],
  gamma: ['shape', 'scale'],
  weibull: ['shape', 'scale'],
  erlang: ['k', 'mean'],
} as const;
export type DistKind = keyof typeof DIST_ARGS;
export const DIST_KINDS = Object.keys(DIST_ARGS) as DistKind[];

/** Arguments that are times (typed in the chosen time unit); shape and k have no unit. */
export function isTimeArg(arg: string): boolean {
  return arg !== 'shape' && arg !== 'k';
}

export const TIME_UNITS = { s: 1, min: 60, h: 3600, d: 86400 } as const;
export type TimeUnit = keyof typeof TIME_UNITS;

/** The unit a duration reads best in: 45 s, 12 min, 6 h, 3 d. */
export function timeUnitFor(seconds: number): TimeUnit {
  const abs = Math.abs(seconds);
  if (abs >= 2 * 86400) return 'd';
  if (abs >= 2 * 3600) return 'h';
  if (abs >= 120) return 'min';
  return 's';
}

/** A number as people type it: "1 234,5" or "1,234.5" or "312"; NaN when it is not one. */
export function parseTypedNumber(text: string): number {
  const t = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (t === '') return Number.NaN;
  // One comma and no dot is a decimal comma (ru); otherwise commas group thousands (en).
  const normal = /^[-+]?\d*,\d+$/.test(t) ? t.replace(',', '.') : t.replace(/,/g, '');
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(normal) ? Number(normal) : Number.NaN;
}


/**
 * A distribution of another kind with the same mean, so switching the kind in
 * the form keeps the cycle time (±20 % spread where the kind needs one; gamma
 * shape 4; Weibull shape 1.5 with scale = mean / Γ(1 + 1/1.5) = mean / 0.9027).
 */
export function switchKind(mean: number, kind: DistKind): Distribution {
  switch (kind) {
    case 'constant':
      return { dist: kind, value: mean };
    case 'exponential':
      return { dist: kind, mean };
    case 'uniform':
      return { dist: kind, min: mean * 0.8, max: mean * 1.2 };
    case 'triangular':
      return { dist: kind, min: mean * 0.8, mode: mean, max: mean * 1.2 };
    case 'normal':
    case 'lognormal':
      return { dist: kind, mean, sd: mean * 0.1 };
    case 'gamma':
      return { dist: kind, shape: 4, scale: mean / 4 };
    case 'weibull':
      return { dist: kind, shape: 1.5, scale: mean / 0.9027452929509336 };
    case 'erlang':
      return { dist: kind, k: 2, mean };
  }
}

/**
 * The distribution from the form's typed fields: times in `unit` become seconds.
 * Throws naming the argument when a field is not a number (the server checks ranges).
 */
export function distributionFromForm(kind: DistKind, typed: Record<string, string>, unit: TimeUnit): Distribution {
  const out: Record<string, unknown> = { dist: kind };
  for (const arg of DIST_ARGS[kind]) {
    const v = parseTypedNumber(typed[arg] ?? '');
    if (!Number.isFinite(v)) throw new Error(`${arg}: "${typed[arg] ?? ''}"`);
    out[arg] = isTimeArg(arg) ? v * TIME_UNITS[unit] : v;
  }
  return out as Distribution;
}
