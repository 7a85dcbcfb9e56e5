import { z } from 'zod';

const UNIT_SECONDS: Record<string, number> = { s: 1, sec: 1, min: 60, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };

/**
 * Parses a duration: plain seconds (`3600`) or a number with a unit
 * (`45s`, `90min`, `8h`, `30d`, `2w`, `1y` = 365 d). Returns seconds, or throws
 * a RangeError that says what was wrong.
 */
export function parseDuration(text: string | number): number {
  if (typeof text === 'number') {
    if (!Number.isFinite(text) || text < 0) throw new RangeError(`duration must be a non-negative number of seconds, got ${text}`);
    return text;
  }
  const match = /^\s*(\d+(?:\.\d+)?(?:e\d+)?)\s*(s|sec|min|m|h|d|w|y)?\s*$/i.exec(text);
  if (match === null) throw new RangeError(`"${text}" is not a duration (use seconds or a number with s, min, h, d, w or y, e.g. 8h)`);
  return Number(match[1]) * UNIT_SECONDS[(match[2] ?? 's').toLowerCase()];
}

/** A duration field in a request body: seconds or a string such as "8h". */
export const DurationSchema = z.union([z.number(), z.string()]).transform((v, ctx) => {
  try {
    return parseDuration(v);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
});
