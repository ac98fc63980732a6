/**
 * Summaries of replicate series: the percentile or BCa interval, the p-value by inverting
 * the percentile interval, the SD and the share of replicates in which a statistic was
 * undefined — computed on demand (`summarise`) or, for percentile intervals, by the
 * bootstrap's own threads as summary blocks (`summariseBlock`, `precomputedSummary`).
 */
import {
  bcaInterval,
  percentileInterval,
  pValueFromCounts,
} from '../../statistics/resampling/bootstrapIntervals.js';
import type { BootstrapDistribution, BootstrapOutputs } from './input.js';
import type { BootstrapPlan } from './plan.js';

/** lower, upper, p, undefined share, SD, and 1 when the summary exists (0: too many undefined). */
export const SUMMARY_FIELDS = 6;

/** Summary entries per block of work. */
export const SUMMARIES_PER_BLOCK = 24;

/** One summary entry of a block: statistic `slot` of model `model`, less model `minus` for a paired difference. */
export interface SummaryEntry {
  entry: number;
  slot: number;
  model: number;
  minus: number | null;
}

/**
 * Visits the summary entries of block `block` (see BootstrapOutputs.summaries) in order, for
 * both kernels; returns the table they are written to and the interval level.
 */
export function forEachSummaryEntry(
  plan: BootstrapPlan,
  block: number,
  outputs: BootstrapOutputs,
  visit: (entry: SummaryEntry) => void,
): { table: Float64Array; level: number } {
  const request = plan.input.percentileSummaries;
  const table = outputs.summaries;
  if (!request || !table) throw new Error('summariseBlock: no summaries asked for');
  const { width } = plan.layout;
  const models = plan.input.scores.length;
  const end = Math.min(plan.summaryEntries, (block + 1) * SUMMARIES_PER_BLOCK);
  for (let entry = block * SUMMARIES_PER_BLOCK; entry < end; entry++) {
    const slot = entry % width;
    const row = Math.floor(entry / width);
    const pair = row < models ? null : (request.pairs[row - models] as readonly [number, number]);
    visit({ entry, slot, model: pair ? pair[0] : row, minus: pair ? pair[1] : null });
  }
  return { table, level: request.level };
}

/** Summary entries of block `block` (see BootstrapOutputs.summaries), percentile intervals. */
export function summariseBlock(plan: BootstrapPlan, block: number, outputs: BootstrapOutputs): void {
  const B = plan.input.replicates;
  const level = plan.input.percentileSummaries?.level as number;
  const series = (m: number, slot: number) =>
    (outputs.values[m] as Float64Array).subarray(slot * B, (slot + 1) * B);
  const table = outputs.summaries as Float64Array;
  forEachSummaryEntry(plan, block, outputs, ({ entry, slot, model, minus }) => {
    const summary: BootstrapSummary | null = summarise(series(model, slot), {
      level,
      kind: 'percentile',
      ...(minus === null ? {} : { minus: series(minus, slot) }),
    });
    const at = entry * SUMMARY_FIELDS;
    table[at] = summary?.lower ?? NaN;
    table[at + 1] = summary?.upper ?? NaN;
    table[at + 2] = summary?.p ?? NaN;
    table[at + 3] = summary?.undefinedShare ?? NaN;
    table[at + 4] = summary?.sd ?? NaN;
    table[at + 5] = summary ? 1 : 0;
  });
}

/**
 * The summary of statistic `slot` of model m (`pair` null) or of the paired difference
 * between the models of `percentileSummaries.pairs[pair]`, as computed with the bootstrap;
 * undefined when the bootstrap did not compute summaries.
 */
export function precomputedSummary(
  distribution: BootstrapDistribution,
  m: number,
  pair: number | null,
  slot: number,
): BootstrapSummary | null | undefined {
  const table = distribution.summaries;
  if (!table) return undefined;
  const row = pair === null ? m : distribution.models + pair;
  const at = (row * distribution.layout.width + slot) * SUMMARY_FIELDS;
  if (table[at + 5] !== 1) return null;
  return {
    lower: table[at] as number,
    upper: table[at + 1] as number,
    p: table[at + 2] as number,
    undefinedShare: table[at + 3] as number,
    sd: table[at + 4] as number,
    kind: 'percentile',
  };
}

/** Share of replicates in which a statistic is undefined above which no interval is given. */
export const MAX_UNDEFINED_SHARE = 0.01;

export interface BootstrapSummary {
  lower: number;
  upper: number;
  p: number;
  undefinedShare: number;
  sd: number;
  /** Which interval this is: BCa falls back to percentile where it is not defined. */
  kind: 'percentile' | 'bca';
}

/** Working copy for `summarise`, grown on demand and reused, so that summaries allocate nothing. */
let summaryScratch = new Float64Array(0);

/**
 * Interval (percentile or BCa) and p for one series of replicate values, or for the paired
 * differences series − `minus` when `minus` is given (computed on the fly, not stored); null
 * when too many replicates left the statistic undefined. The series are left unchanged: the
 * finite values are copied to a reused scratch buffer, where the selections rearrange them.
 */
export interface SummaryOptions {
  level: number;
  kind: 'percentile' | 'bca';
  /** The estimate on the data, which BCa needs (with the jackknife). */
  estimate?: number | null;
  /** Leave-one-out values, for BCa. */
  jackknife?: Float64Array | null;
  /** A second series: summarise the paired differences series − minus. */
  minus?: Float64Array;
}

export function summarise(series: Float64Array, options: SummaryOptions): BootstrapSummary | null {
  const { level, kind, estimate = null, jackknife = null, minus } = options;
  const total = series.length;
  if (summaryScratch.length < total) summaryScratch = new Float64Array(total);
  // one pass copies the finite values, counts the signs the p-value needs, and sums them
  // and their squares about a shift (the first value), which keeps the variance accurate
  const first = total > 0 ? (series[0] as number) - (minus ? (minus[0] as number) : 0) : 0;
  const shift = first - first === 0 ? first : 0;
  let count = 0;
  let sum = 0;
  let squares = 0;
  let atOrBelow = 0;
  let atOrAbove = 0;
  for (let i = 0; i < total; i++) {
    const v = minus ? (series[i] as number) - (minus[i] as number) : (series[i] as number);
    if (v - v !== 0) continue; // NaN or ±Infinity: undefined in this replicate
    summaryScratch[count++] = v;
    const d = v - shift;
    sum += d;
    squares += d * d;
    atOrBelow += +(v <= 0);
    atOrAbove += +(v >= 0);
  }
  const finite = summaryScratch.subarray(0, count);
  const undefinedShare = 1 - count / total;
  if (count === 0 || undefinedShare > MAX_UNDEFINED_SHARE) return null;
  const p = pValueFromCounts(atOrBelow, atOrAbove, count);
  let bounds: { lower: number; upper: number } | null = null;
  if (kind === 'bca' && jackknife && estimate !== null)
    bounds = bcaInterval(finite.sort(), estimate, jackknife, level);
  const used = bounds ? 'bca' : 'percentile';
  bounds ??= percentileInterval(finite, level);
  const variance = Math.max(0, (squares - (sum * sum) / count) / Math.max(1, count - 1));
  return { ...bounds, p, undefinedShare, sd: Math.sqrt(variance), kind: used };
}

/**
 * Replicate values of statistic `slot` of model m: a view into the distribution (no copy),
 * to be read, not modified (`summarise` leaves it unchanged).
 */
export function seriesOf(distribution: BootstrapDistribution, m: number, slot: number): Float64Array {
  const B = distribution.replicates;
  return (distribution.values[m] as Float64Array).subarray(slot * B, (slot + 1) * B);
}

/** Leave-one-out values of statistic `slot` of model m (a view, to be read), when BCa was asked for. */
export function jackknifeOf(
  distribution: BootstrapDistribution,
  m: number,
  slot: number,
): Float64Array | null {
  if (!distribution.jackknife) return null;
  const n = distribution.cases;
  return (distribution.jackknife[m] as Float64Array).subarray(slot * n, (slot + 1) * n);
}

export function jackknifeDifference(
  distribution: BootstrapDistribution,
  a: number,
  b: number,
  slot: number,
): Float64Array | null {
  const x = jackknifeOf(distribution, a, slot);
  const y = jackknifeOf(distribution, b, slot);
  if (!x || !y) return null;
  return difference(x, y);
}

/** Element-wise x − y, in a new array. */
function difference(x: Float64Array, y: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let r = 0; r < x.length; r++) out[r] = (x[r] as number) - (y[r] as number);
  return out;
}
