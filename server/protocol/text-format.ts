/**
 * How the server's text reports print (the CLI's tables, the experiment report, the
 * capacity and KPI summaries): one table layout, one number style, and one spelling
 * for a value that is missing or not a number. The client has its own, localised
 * formatter (client/src/i18n/format.ts) and spells a missing value the same way.
 */

/** What every text report prints for a missing, NaN or infinite value. */
export const NO_VALUE = '—';

/** True for a number worth printing (not null/undefined/NaN/±Infinity). */
export function hasValue(x: number | null | undefined): x is number {
  return x !== null && x !== undefined && Number.isFinite(x);
}

/**
 * A number for a terminal: integers as they are, large values rounded to whole
 * units, others to 5 significant digits without trailing zeros (0.95, 63.333).
 */
export function formatNumber(x: number | null | undefined): string {
  if (!hasValue(x)) return NO_VALUE;
  if (Number.isInteger(x)) return String(x);
  if (Math.abs(x) >= 1e4) return x.toFixed(0);
  return String(Number(x.toPrecision(5)));
}

/** A number to at most `digits` decimals with thousands separators (1,234.5), for headline figures. */
export function formatFixed(x: number | null | undefined, digits = 1): string {
  return hasValue(x) ? x.toLocaleString('en-US', { maximumFractionDigits: digits }) : NO_VALUE;
}

/** `value ± ci` when a CI half-width is known, else the value alone. */
export function formatWithCi(value: number | null | undefined, ci: number | null | undefined): string {
  return hasValue(ci) ? `${formatNumber(value)} ± ${formatNumber(ci)}` : formatNumber(value);
}

/**
 * Rows as a fixed-width text table: the first column left-aligned, the rest right-aligned,
 * a rule of dashes under the header; numbers go through formatNumber.
 */
export function formatTable(header: string[], rows: (string | number | null | undefined)[][], indent = ''): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'string' ? c : formatNumber(c))))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => indent + r.map((c, i) => (i === 0 ? (c ?? '').padEnd(widths[i]) : (c ?? '').padStart(widths[i]))).join('  ');
  return [line(cells[0]), indent + widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
