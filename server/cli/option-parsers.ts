import { InvalidArgumentError } from 'commander';
import { parseDuration } from '../protocol/duration.ts';

/** Commander parser for a duration flag (`8h`, `30d`, seconds); the error names the flag. */
export const durationOption = (flag: string) => (value: string) => {
  try {
    return parseDuration(value);
  } catch (err) {
    throw new InvalidArgumentError(`${flag}: ${(err as Error).message}`);
  }
};

/** Commander parser for a whole-number flag with a lower bound. */
export const wholeNumberOption = (flag: string, min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`${flag} must be a whole number >= ${min}, got "${value}"`);
  return n;
};

/** Commander parser for --warmup: a duration, or `auto` (MSER-5 on the run's output). */
export const warmupOption = (flag: string) => (value: string): number | 'auto' => (value === 'auto' ? 'auto' : durationOption(flag)(value));
