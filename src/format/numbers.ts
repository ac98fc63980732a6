/**
 * Number formatting, decided once for the report and the charts. Every number the HTML, the
 * tables, the key-results sentences and the charts' labels and captions show goes through
 * these functions; templates never format.
 *
 * - p-values: "< 0.001" below 0.001; two significant digits from 0.001 up ("0.53",
 *   "0.037", "0.0077", "0.050"); "> 0.99" when two digits would round to 1.0.
 * - AUC and other 0–1 indices: 3 decimals.
 * - Proportions: decimals (default 3) or percentages (default 1 decimal).
 * - Intervals: "0.937–0.970" with an en dash; when a bound is negative, "−0.083 to −0.019"
 *   (an en dash between negative numbers reads as a minus sign).
 * - Negative numbers carry a true minus sign "−" (U+2212), never a hyphen.
 * - Counts: "242/268"; signed counts "+24", "−4", "0".
 * - Missing values (null, NaN) are "—"; infinities "∞" / "−∞".
 */

/** What a missing value (null, undefined, NaN) is shown as. */
export const MISSING = '—';
/** The true minus sign. */
export const MINUS = '\u2212';
/** The en dash between interval bounds. */
export const EN_DASH = '\u2013';

export type ProportionStyle = 'decimal' | 'percent';

export interface NumberStyle {
  /** Proportions as decimals ("0.903") or percentages ("90.3%"). Default decimal. */
  proportions?: ProportionStyle;
  /** Decimals of a proportion: default 3 as decimals, 1 as percentages. */
  decimals?: number;
}

export interface IntervalLike {
  lower: number;
  upper: number;
}

function isNumber(x: number | null | undefined): x is number {
  return typeof x === 'number' && !Number.isNaN(x);
}

/** Replaces a leading hyphen-minus by the true minus sign; "−0.000" becomes "0.000". */
function withMinus(text: string): string {
  if (!text.startsWith('-')) return text;
  const rest = text.slice(1);
  return /^[0.]*$/.test(rest.replace('%', '')) ? rest : `${MINUS}${rest}`;
}

/** `x` with a fixed number of decimals and a true minus sign. */
export function formatFixed(x: number | null | undefined, decimals: number): string {
  if (!isNumber(x)) return MISSING;
  if (!Number.isFinite(x)) return x > 0 ? '∞' : `${MINUS}∞`;
  return withMinus(x.toFixed(decimals));
}

/** `x` with an explicit sign: "+0.012", "−0.051", "0.000". */
export function formatSigned(x: number | null | undefined, decimals: number): string {
  const text = formatFixed(x, decimals);
  if (!isNumber(x) || text === MISSING) return text;
  if (text.startsWith(MINUS) || /^[0.]*$/.test(text)) return text;
  return `+${text}`;
}

/** A number with `digits` significant digits (at most), trailing zeros kept: 0.0077, 0.037. */
export function formatSignificant(x: number | null | undefined, digits: number): string {
  if (!isNumber(x)) return MISSING;
  if (!Number.isFinite(x)) return x > 0 ? '∞' : `${MINUS}∞`;
  if (x === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(x)));
  let decimals = Math.max(0, digits - 1 - magnitude);
  // rounding can carry into the next power of ten (0.0996 → 0.10): recompute once
  const rounded = Number(x.toFixed(decimals));
  if (rounded !== 0 && Math.floor(Math.log10(Math.abs(rounded))) > magnitude) {
    decimals = Math.max(0, decimals - 1);
  }
  return withMinus(x.toFixed(decimals));
}

/** A p-value without "p": "< 0.001", "0.0077", "0.037", "0.53", "> 0.99". */
export function formatPValue(p: number | null | undefined): string {
  if (!isNumber(p)) return MISSING;
  if (p < 0.001) return '< 0.001';
  const text = formatSignificant(p, 2);
  if (Number(text) >= 1) return '> 0.99';
  return text;
}

/** A p-value for running text: "p < 0.001", "p = 0.037", "p > 0.99". */
export function formatP(p: number | null | undefined): string {
  const text = formatPValue(p);
  if (text === MISSING) return `p ${MISSING}`;
  return text.startsWith('<') || text.startsWith('>') ? `p ${text}` : `p = ${text}`;
}

/** AUC (and other 0–1 indices such as average precision): 3 decimals. */
export function formatAuc(x: number | null | undefined): string {
  return formatFixed(x, 3);
}

function proportionDecimals(style: NumberStyle): number {
  return style.decimals ?? (style.proportions === 'percent' ? 1 : 3);
}

/** A proportion: "0.903" or "90.3%". */
export function formatProportion(x: number | null | undefined, style: NumberStyle = {}): string {
  const decimals = proportionDecimals(style);
  if (style.proportions === 'percent') {
    const text = formatFixed(isNumber(x) ? x * 100 : x, decimals);
    return text === MISSING ? text : `${text}%`;
  }
  return formatFixed(x, decimals);
}

/** A signed difference of proportions: "+0.008", "−0.051" or "+0.8 pp" as percentage points. */
export function formatProportionDifference(x: number | null | undefined, style: NumberStyle = {}): string {
  const decimals = proportionDecimals(style);
  if (style.proportions === 'percent') {
    const text = formatSigned(isNumber(x) ? x * 100 : x, decimals);
    return text === MISSING ? text : `${text} pp`;
  }
  return formatSigned(x, decimals);
}

/** Two formatted bounds as a range: "0.937–0.970", or "−0.083 to −0.019" when a bound is negative. */
export function joinRange(lower: string, upper: string): string {
  if (lower === MISSING || upper === MISSING) return MISSING;
  const negative = lower.startsWith(MINUS) || upper.startsWith(MINUS);
  return negative ? `${lower} to ${upper}` : `${lower}${EN_DASH}${upper}`;
}

/** An interval with a bound formatter; "—" when there is none. */
export function formatInterval(
  ci: IntervalLike | null | undefined,
  formatBound: (x: number) => string = (x) => formatFixed(x, 3),
): string {
  if (!ci) return MISSING;
  return joinRange(formatBound(ci.lower), formatBound(ci.upper));
}

/** An interval of a proportion: "0.862–0.933" or "86.2%–93.3%". */
export function formatProportionInterval(
  ci: IntervalLike | null | undefined,
  style: NumberStyle = {},
): string {
  return formatInterval(ci, (x) => formatProportion(x, style));
}

/** An interval of a difference of proportions: "−0.083 to −0.019" (or percentage points). */
export function formatDifferenceInterval(
  ci: IntervalLike | null | undefined,
  style: NumberStyle = {},
): string {
  if (!ci) return MISSING;
  const decimals = proportionDecimals(style);
  const scale = style.proportions === 'percent' ? 100 : 1;
  const range = joinRange(formatFixed(ci.lower * scale, decimals), formatFixed(ci.upper * scale, decimals));
  return style.proportions === 'percent' && range !== MISSING ? `${range} pp` : range;
}

/** An estimate with its interval in parentheses: "0.903 (0.862–0.933)"; "0.903" without one. */
export function withInterval(estimate: string, interval: string): string {
  if (estimate === MISSING || interval === MISSING) return estimate;
  return `${estimate} (${interval})`;
}

/** A count over a total: "242/268". */
export function formatCount(numerator: number, denominator: number): string {
  return `${formatInteger(numerator)}/${formatInteger(denominator)}`;
}

/** An integer with a true minus sign (no thousands separator: "12500"). */
export function formatInteger(x: number | null | undefined): string {
  if (!isNumber(x)) return MISSING;
  return formatFixed(x, 0);
}

/** A signed count: "+24", "−4", "0". */
export function formatSignedInteger(x: number | null | undefined): string {
  return formatSigned(x, 0);
}

/** A ratio such as a likelihood ratio: 2 decimals, "∞" when infinite. */
export function formatRatio(x: number | null | undefined): string {
  return formatFixed(x, 2);
}

/** A test statistic: 2 decimals. */
export function formatStatistic(x: number | null | undefined): string {
  return formatFixed(x, 2);
}

/**
 * A score threshold as found in the data: 4 decimals (4 significant digits below 0.001),
 * no exponent, no trailing zeros ("0.2398", "27.19", "4", "0.0001235").
 */
export function formatThreshold(x: number | null | undefined): string {
  if (!isNumber(x)) return MISSING;
  if (!Number.isFinite(x)) return x > 0 ? '∞' : `${MINUS}∞`;
  if (Number.isInteger(x)) return withMinus(String(x));
  const magnitude = Math.floor(Math.log10(Math.abs(x)));
  const decimals = Math.min(12, Math.max(4, 3 - magnitude));
  return withMinus(x.toFixed(decimals).replace(/\.?0+$/, ''));
}

/** A confidence level as a percentage: 0.95 → "95%", 0.975 → "97.5%", 0.99999 → "99.999%". */
export function formatLevel(level: number): string {
  return `${Number((level * 100).toFixed(4))}%`;
}

/** A general number, up to 6 significant digits, no exponent for moderate values ("0.01", "2000"). */
export function formatNumber(x: number | null | undefined): string {
  if (!isNumber(x)) return MISSING;
  if (!Number.isFinite(x)) return x > 0 ? '∞' : `${MINUS}∞`;
  return withMinus(String(Number(x.toPrecision(6))));
}

/** A Date as an ISO calendar date (UTC): "2025-03-14". */
export function formatIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
