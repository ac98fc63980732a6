/**
 * The bootstrap: B resamples of the cases (stratified by outcome by default, or of whole
 * clusters), each evaluated for every model on the same resample, so that differences
 * between models are paired. Each model's scores are sorted once; a replicate is one fused
 * pass with multiplicity weights (weightedRocPass.ts), never a re-sort. The replicate values
 * are stored statistic by statistic, so that each series to summarise is contiguous.
 *
 * The replicates come in blocks of REPLICATES_PER_BLOCK (100), each drawn from its own
 * stream: 32-bit Mersenne Twister MT19937 (Matsumoto & Nishimura 1998) seeded by
 * init_by_array([seed, block]), the stream of NumPy's `RandomState([seed, block])`. Blocks
 * are independent, so they can be evaluated by any number of threads (bootstrapThreads.ts)
 * with the same result. The cases arrive in canonical order (see canonicalOrder.ts), so the
 * resamples do not depend on the order of rows in the input file either.
 */
import { MersenneTwister } from '../statistics/resampling/mersenneTwister.js';
import { mcclishStandardised, partialAreaRaw } from '../statistics/partialAuc.js';
import { sortScores, thresholdIndex } from '../statistics/rocCurve.js';
import {
  planRocPass,
  rocPassOutput,
  specificityPartialArea,
  weightedRocPass,
  type RocPassOutput,
  type RocPassPlan,
} from '../statistics/weightedRocPass.js';
import {
  bcaInterval,
  percentileInterval,
  pValueFromCounts,
} from '../statistics/resampling/bootstrapIntervals.js';
import type { ThresholdRule } from '../results/results.js';
import { chooseThreshold } from './operatingPoints.js';

/**
 * Replicates per block. Block b holds replicates b·REPLICATES_PER_BLOCK onwards and draws
 * them from its own stream, MT19937 seeded by init_by_array([seed, b]) (NumPy's
 * `RandomState([seed, b])`), so that any thread can evaluate any block and the results do
 * not depend on how many threads run them, or which.
 */
export const REPLICATES_PER_BLOCK = 100;
export const BOOTSTRAP_RNG = `MT19937 (Mersenne Twister), one stream per block of ${REPLICATES_PER_BLOCK} replicates`;

/**
 * The operating-point measures each replicate yields, in a fixed layout: those given a
 * bootstrap interval (the likelihood ratios have their log-method intervals instead).
 */
export const OPERATING_POINT_MEASURES = [
  'sensitivity',
  'specificity',
  'ppv',
  'npv',
  'accuracy',
  'f1',
  'youdenJ',
] as const;
export type OperatingPointMeasure = (typeof OPERATING_POINT_MEASURES)[number];

export interface BootstrapInput {
  labels: Uint8Array;
  scores: Float64Array[];
  /** Threshold of each model (outer) at each operating point (inner), as applied to the data. */
  thresholds: number[][];
  /** Rules, for re-deriving data-driven thresholds in each replicate. */
  rules: ThresholdRule[];
  rederiveThresholds: boolean;
  partialAucRanges: { focus: 'specificity' | 'sensitivity'; from: number; to: number }[];
  decisionThresholds: number[];
  replicates: number;
  seed: number;
  stratified: boolean;
  clusters: Int32Array | null;
  withJackknife: boolean;
  /**
   * Summarise every series as part of the bootstrap's work (shared by its threads): the
   * percentile interval at `level`, p, SD and undefined share of each statistic of each model
   * and of each paired difference between the models of `pairs`.
   */
  percentileSummaries?: { level: number; pairs: readonly (readonly [number, number])[] };
  /**
   * Called as blocks complete: `done` of `total` resamples, the B replicates and then, for
   * BCa, the jackknife's leave-one-out fits.
   */
  onProgress?: (done: number, total: number) => void;
}

export interface ModelLayout {
  auc: number;
  averagePrecision: number;
  maximumF1: number;
  partialAuc: { raw: number; mcclish: number }[];
  operatingPoints: Record<OperatingPointMeasure, number>[];
  netBenefit: number[];
  width: number;
}

export function modelLayout(
  operatingPoints: number,
  partialAucs: number,
  decisionThresholds: number,
): ModelLayout {
  let next = 0;
  const take = () => next++;
  const auc = take();
  const averagePrecision = take();
  const maximumF1 = take();
  const partial = Array.from({ length: partialAucs }, () => ({ raw: take(), mcclish: take() }));
  const points = Array.from({ length: operatingPoints }, () => {
    const entry = {} as Record<OperatingPointMeasure, number>;
    for (const measure of OPERATING_POINT_MEASURES) entry[measure] = take();
    return entry;
  });
  const netBenefit = Array.from({ length: decisionThresholds }, () => take());
  return {
    auc,
    averagePrecision,
    maximumF1,
    partialAuc: partial,
    operatingPoints: points,
    netBenefit,
    width: next,
  };
}

const ratio = (a: number, b: number) => (b === 0 ? Number.NaN : a / b);

/** What one model needs in every replicate, prepared once. */
interface ModelPreparation {
  plan: RocPassPlan;
  /** Reused output of the fused pass (the weighted curve and its summaries). */
  pass: RocPassOutput;
  /** Distinct-value index of each fixed operating-point threshold. */
  pointIndices: Int32Array;
  /** Distinct-value index of each decision-curve threshold. */
  gridIndices: Int32Array;
}

/** Net benefit's exchange rate t/(1 − t) at each decision threshold t (Vickers & Elkin 2006). */
function thresholdOdds(thresholds: readonly number[]): Float64Array {
  return Float64Array.from(thresholds, (t) => t / (1 - t));
}

/**
 * Every statistic of one model under one set of weights, from the fused pass's output:
 * statistic s (see ModelLayout) to out[offset + s].
 */
function writeModelStatistics(
  pass: RocPassOutput,
  pointIndices: Int32Array,
  gridIndices: Int32Array,
  odds: Float64Array,
  layout: ModelLayout,
  partialAucRanges: BootstrapInput['partialAucRanges'],
  out: Float64Array,
  offset: number,
): void {
  const curve = pass.curve;
  const P = curve.positives;
  const N = curve.negatives;
  const groups = curve.thresholds.length;
  const { truePositives, falsePositives } = curve;
  const bothClasses = P > 0 && N > 0;
  out[offset + layout.auc] = pass.auc;
  out[offset + layout.averagePrecision] = pass.averagePrecision;
  out[offset + layout.maximumF1] = pass.maximumF1;
  for (let r = 0; r < partialAucRanges.length; r++) {
    const range = partialAucRanges[r] as BootstrapInput['partialAucRanges'][number];
    const slot = layout.partialAuc[r] as { raw: number; mcclish: number };
    let raw = Number.NaN;
    if (bothClasses) {
      raw =
        range.focus === 'specificity'
          ? specificityPartialArea(pass, range.from, range.to)
          : partialAreaRaw(curve, range.focus, range.from, range.to);
    }
    out[offset + slot.raw] = raw;
    out[offset + slot.mcclish] = mcclishStandardised(raw, range.from, range.to);
  }
  for (let j = 0; j < pointIndices.length; j++) {
    const slot = layout.operatingPoints[j] as Record<OperatingPointMeasure, number>;
    const index = pointIndices[j] as number;
    const tp = index < groups ? (truePositives[index] as number) : 0;
    const fp = index < groups ? (falsePositives[index] as number) : 0;
    const fn = P - tp;
    const tn = N - fp;
    const sensitivity = ratio(tp, P);
    const specificity = ratio(tn, N);
    out[offset + slot.sensitivity] = sensitivity;
    out[offset + slot.specificity] = specificity;
    out[offset + slot.ppv] = ratio(tp, tp + fp);
    out[offset + slot.npv] = ratio(tn, tn + fn);
    out[offset + slot.accuracy] = ratio(tp + tn, P + N);
    out[offset + slot.f1] = ratio(2 * tp, 2 * tp + fp + fn);
    out[offset + slot.youdenJ] = sensitivity + specificity - 1;
  }
  const total = P + N;
  for (let g = 0; g < gridIndices.length; g++) {
    const index = gridIndices[g] as number;
    const tp = index < groups ? (truePositives[index] as number) : 0;
    const fp = index < groups ? (falsePositives[index] as number) : 0;
    out[offset + (layout.netBenefit[g] as number)] = (tp - fp * (odds[g] as number)) / total;
  }
}

export interface BootstrapDistribution {
  layout: ModelLayout;
  replicates: number;
  /**
   * values[m][s·replicates + r]: statistic s of model m in replicate r. Stored statistic by
   * statistic, so that each series a summary reads is contiguous.
   */
  values: Float64Array[];
  /** Leave-one-out values, jackknife[m][s·cases + i], when BCa was asked for. */
  jackknife: Float64Array[] | null;
  /** Jackknife units: cases, or clusters when the bootstrap resamples clusters. */
  cases: number;
  /** The summaries asked for by `percentileSummaries` (see `precomputedSummary`), or null. */
  summaries: Float64Array | null;
  /** Models in the distribution; summaries of paired differences follow theirs. */
  models: number;
  /** Whether its memory may go to the next bootstrap once it is no longer needed (`releaseBootstrap`). */
  reusable: boolean;
}

/** Output arrays of a bootstrap, written by whichever thread evaluates a block. */
export interface BootstrapOutputs {
  values: Float64Array[];
  jackknife: Float64Array[] | null;
  /** SUMMARY_FIELDS numbers per summary entry (models × statistics, then pairs × statistics). */
  summaries: Float64Array | null;
}

/** lower, upper, p, undefined share, SD, and 1 when the summary exists (0: too many undefined). */
const SUMMARY_FIELDS = 6;
/** Summary entries per block of work. */
const SUMMARIES_PER_BLOCK = 24;

/** The cases of each cluster, clusters in order of their first case. */
function clusterMembers(clusters: Int32Array, order: readonly number[]): number[][] {
  const byCluster = new Map<number, number[]>();
  for (const i of order) {
    const c = clusters[i] as number;
    let list = byCluster.get(c);
    if (!list) byCluster.set(c, (list = []));
    list.push(i);
  }
  return [...byCluster.values()];
}

/** Jackknife units (leave-one-out fits) per block of work. */
export const JACKKNIFE_UNITS_PER_BLOCK = 100;

/**
 * The bootstrap's resampling of block `block`: each call returns the multiplicity weights of
 * the block's next replicate (the same array, refilled). Stratified: as many draws with
 * replacement from the positives as there are positives, and likewise for the negatives;
 * clustered: whole clusters drawn with replacement (stratification then not applied);
 * otherwise n draws from all cases. Cases are taken in the order given, which evaluate makes
 * canonical.
 */
export function resampler(
  labels: Uint8Array,
  clusters: Int32Array | null,
  stratified: boolean,
  seed: number,
  block = 0,
): () => Int32Array {
  const n = labels.length;
  const order = Array.from({ length: n }, (_, i) => i);
  const random = MersenneTwister.fromKey([seed, block]);
  const weights = new Int32Array(n);
  const positives = Int32Array.from(order.filter((i) => labels[i] === 1));
  const negatives = Int32Array.from(order.filter((i) => labels[i] !== 1));
  const all = Int32Array.from(order);
  const members = clusters ? clusterMembers(clusters, order) : null;
  /** Drawn clusters, a resample's worth at a time (`fillIndices`: no call per draw). */
  const drawn = new Int32Array(members ? members.length : 0);
  return () => {
    weights.fill(0);
    if (members) {
      random.fillIndices(drawn, members.length, members.length);
      for (let k = 0; k < members.length; k++) {
        const cluster = members[drawn[k] as number] as number[];
        for (const i of cluster) weights[i] = (weights[i] as number) + 1;
      }
    } else if (stratified) {
      random.tallyDraws(positives, weights);
      random.tallyDraws(negatives, weights);
    } else {
      random.tallyDraws(all, weights);
    }
    return weights;
  };
}

/**
 * Replicates are evaluated into a small replicate-major buffer (row j: the `width` statistics
 * of one replicate) and copied to the stat-major series a buffer at a time: writing every
 * replicate straight into `width` series far apart in memory would touch as many memory
 * pages per replicate, which costs more than computing the statistics.
 */
const BUFFER_ROWS = 16;

/**
 * Copies the `rows` rows of `buffer` to entries first … first + rows − 1 of the stat-major
 * `series` (statistic s of entry r at s·length + r).
 */
function copyBufferToSeries(
  buffer: Float64Array,
  width: number,
  rows: number,
  series: Float64Array,
  length: number,
  first: number,
): void {
  for (let s = 0; s < width; s++) {
    const start = s * length + first;
    for (let j = 0, at = s; j < rows; j++, at += width) series[start + j] = buffer[at] as number;
  }
}

/**
 * A bootstrap prepared for evaluation in blocks: each model's scores sorted once, its
 * thresholds located on them, and the scratch space of one evaluating thread.
 */
export interface BootstrapPlan {
  input: BootstrapInput;
  layout: ModelLayout;
  preparations: ModelPreparation[];
  odds: Float64Array;
  rederived: Int32Array;
  buffers: Float64Array[];
  /** Blocks of replicates, then blocks of jackknife units (when BCa was asked for). */
  replicateBlocks: number;
  jackknifeBlocks: number;
  /** Jackknife units: each case, or the cases of each cluster when clusters are resampled. */
  jackknifeUnits: number;
  clusterUnits: number[][] | null;
  /** Blocks of summaries, after the others (they need every replicate: see bootstrapThreads.ts). */
  summaryBlocks: number;
  summaryEntries: number;
}

export function planBootstrap(input: BootstrapInput): BootstrapPlan {
  const n = input.labels.length;
  const layout = modelLayout(
    input.rules.length,
    input.partialAucRanges.length,
    input.decisionThresholds.length,
  );
  const preparations: ModelPreparation[] = input.scores.map((scores, m) => {
    const sorted = sortScores(scores);
    const plan = planRocPass(sorted, input.labels, {
      negativeSteps: input.partialAucRanges.some((range) => range.focus === 'specificity'),
    });
    const indexOf = (t: number) => thresholdIndex(sorted.values, t);
    return {
      plan,
      pass: rocPassOutput(plan),
      pointIndices: Int32Array.from((input.thresholds[m] as number[]).map(indexOf)),
      gridIndices: Int32Array.from(input.decisionThresholds.map(indexOf)),
    };
  });
  // the jackknife leaves out one resampling unit at a time: a case, or a whole cluster
  const clusterUnits =
    input.withJackknife && input.clusters
      ? clusterMembers(
          input.clusters,
          Array.from({ length: n }, (_, i) => i),
        )
      : null;
  const jackknifeUnits = clusterUnits ? clusterUnits.length : n;
  const summaryEntries = input.percentileSummaries
    ? (input.scores.length + input.percentileSummaries.pairs.length) * layout.width
    : 0;
  return {
    input,
    layout,
    preparations,
    odds: thresholdOdds(input.decisionThresholds),
    rederived: new Int32Array(input.rules.length),
    buffers: input.scores.map(() => new Float64Array(layout.width * BUFFER_ROWS)),
    replicateBlocks: Math.ceil(input.replicates / REPLICATES_PER_BLOCK),
    jackknifeBlocks: input.withJackknife ? Math.ceil(jackknifeUnits / JACKKNIFE_UNITS_PER_BLOCK) : 0,
    jackknifeUnits,
    clusterUnits,
    summaryBlocks: Math.ceil(summaryEntries / SUMMARIES_PER_BLOCK),
    summaryEntries,
  };
}

/** Every model under `weights`, written as row `row` of each model's buffer. */
function evaluateWeighting(plan: BootstrapPlan, weights: Int32Array, row: number): void {
  const { input, layout, rederived } = plan;
  for (let m = 0; m < plan.preparations.length; m++) {
    const preparation = plan.preparations[m] as ModelPreparation;
    const pass = preparation.pass;
    weightedRocPass(preparation.plan, weights, pass);
    let indices = preparation.pointIndices;
    if (input.rederiveThresholds) {
      // the slower mode: each replicate re-chooses its thresholds on its own curve
      for (let j = 0; j < input.rules.length; j++) {
        const rule = input.rules[j] as ThresholdRule;
        rederived[j] =
          rule.kind === 'threshold'
            ? (preparation.pointIndices[j] as number)
            : thresholdIndex(pass.curve.thresholds, chooseThreshold(rule, pass.curve));
      }
      indices = rederived;
    }
    writeModelStatistics(
      pass,
      indices,
      preparation.gridIndices,
      plan.odds,
      layout,
      input.partialAucRanges,
      plan.buffers[m] as Float64Array,
      row * layout.width,
    );
  }
}

/**
 * Evaluates weightings first … first + count − 1 (`weightsOf(i)` gives weighting i) into
 * entries first … of the stat-major series `targets` (one per model, `length` entries per
 * statistic), BUFFER_ROWS at a time.
 */
function evaluateRange(
  plan: BootstrapPlan,
  first: number,
  count: number,
  weightsOf: (i: number) => Int32Array,
  targets: Float64Array[],
  length: number,
): void {
  const width = plan.layout.width;
  for (let start = first; start < first + count; start += BUFFER_ROWS) {
    const rows = Math.min(BUFFER_ROWS, first + count - start);
    for (let j = 0; j < rows; j++) evaluateWeighting(plan, weightsOf(start + j), j);
    for (let m = 0; m < targets.length; m++) {
      copyBufferToSeries(
        plan.buffers[m] as Float64Array,
        width,
        rows,
        targets[m] as Float64Array,
        length,
        start,
      );
    }
  }
}

/** Blocks of replicates and of jackknife units: the work before the summaries. */
export function dataBlocks(plan: BootstrapPlan): number {
  return plan.replicateBlocks + plan.jackknifeBlocks;
}

/** All blocks of the plan's work: data blocks, then summary blocks. */
export function allBlocks(plan: BootstrapPlan): number {
  return dataBlocks(plan) + plan.summaryBlocks;
}

/**
 * Block `block` of the plan's work: a block of replicates (block < replicateBlocks) into
 * `values`, a block of jackknife units into `jackknife`, or (from `dataBlocks(plan)` on, once
 * every data block is done) a block of summaries. Blocks of each kind are independent: any
 * thread can evaluate any of them, in any order, with the same result.
 */
export function evaluateBootstrapBlock(plan: BootstrapPlan, block: number, outputs: BootstrapOutputs): void {
  const { input } = plan;
  if (block < plan.replicateBlocks) {
    const first = block * REPLICATES_PER_BLOCK;
    const count = Math.min(REPLICATES_PER_BLOCK, input.replicates - first);
    const resample = resampler(input.labels, input.clusters, input.stratified, input.seed, block);
    evaluateRange(plan, first, count, () => resample(), outputs.values, input.replicates);
    return;
  }
  if (block >= dataBlocks(plan)) {
    summariseBlock(plan, block - dataBlocks(plan), outputs);
    return;
  }
  const jackknife = outputs.jackknife;
  if (!jackknife) throw new Error('evaluateBootstrapBlock: jackknife block without jackknife output');
  const first = (block - plan.replicateBlocks) * JACKKNIFE_UNITS_PER_BLOCK;
  const count = Math.min(JACKKNIFE_UNITS_PER_BLOCK, plan.jackknifeUnits - first);
  const units = plan.clusterUnits;
  const weights = new Int32Array(input.labels.length).fill(1);
  let leftOut: readonly number[] = [];
  const withoutUnit = (u: number) => {
    for (const i of leftOut) weights[i] = 1;
    leftOut = units ? (units[u] as number[]) : [u];
    for (const i of leftOut) weights[i] = 0;
    return weights;
  };
  evaluateRange(plan, first, count, withoutUnit, jackknife, plan.jackknifeUnits);
}

/** Summary entries of block `block` (see BootstrapOutputs.summaries), percentile intervals. */
function summariseBlock(plan: BootstrapPlan, block: number, outputs: BootstrapOutputs): void {
  const request = plan.input.percentileSummaries;
  const table = outputs.summaries;
  if (!request || !table) throw new Error('summariseBlock: no summaries asked for');
  const { width } = plan.layout;
  const B = plan.input.replicates;
  const models = plan.input.scores.length;
  const series = (m: number, slot: number) =>
    (outputs.values[m] as Float64Array).subarray(slot * B, (slot + 1) * B);
  const end = Math.min(plan.summaryEntries, (block + 1) * SUMMARIES_PER_BLOCK);
  for (let entry = block * SUMMARIES_PER_BLOCK; entry < end; entry++) {
    const slot = entry % width;
    const row = Math.floor(entry / width);
    let summary: BootstrapSummary | null;
    if (row < models) {
      summary = summarise(series(row, slot), null, request.level, 'percentile', null);
    } else {
      const [a, b] = request.pairs[row - models] as readonly [number, number];
      summary = summarise(series(a, slot), null, request.level, 'percentile', null, series(b, slot));
    }
    const at = entry * SUMMARY_FIELDS;
    table[at] = summary?.lower ?? NaN;
    table[at + 1] = summary?.upper ?? NaN;
    table[at + 2] = summary?.p ?? NaN;
    table[at + 3] = summary?.undefinedShare ?? NaN;
    table[at + 4] = summary?.sd ?? NaN;
    table[at + 5] = summary ? 1 : 0;
  }
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

/** A bootstrap's blocks being run: `finish` completes them, `cancel` abandons them. */
export interface RunningBlocks {
  /**
   * Evaluates whatever is left in this thread, waits for blocks running elsewhere, and calls
   * `onBlockDone` once per block. Returns whether every block ran normally, so that no other
   * thread can still write to the outputs (false after a worker was lost).
   */
  finish(onBlockDone: (block: number) => void): boolean;
  /** Tells other threads to stop taking blocks (a run that will not be finished). */
  cancel(): void;
  /** Blocks completed so far, by any thread. */
  blocksDone(): number;
}

/**
 * How the blocks of a bootstrap are run. `shared`: whether the outputs must be in shared
 * memory (worker threads write them); `start` may set other threads to work at once.
 */
export interface BlockRunner {
  shared: boolean;
  start(plan: BootstrapPlan, outputs: BootstrapOutputs): RunningBlocks;
}

/** Runs every block in this thread, in order, when finished. */
export const runBlocksInThisThread: BlockRunner = {
  shared: false,
  start: (plan, outputs) => {
    let done = 0;
    return {
      finish: (onBlockDone) => {
        const blocks = allBlocks(plan);
        for (let block = 0; block < blocks; block++) {
          evaluateBootstrapBlock(plan, block, outputs);
          done++;
          onBlockDone(block);
        }
        return true;
      },
      cancel: () => undefined,
      blocksDone: () => done,
    };
  },
};

/**
 * Memory of finished bootstraps, kept for the next (see `releaseBootstrap`): a fresh
 * allocation of the megabytes a bootstrap fills costs a page fault per 4 KiB, which on some
 * virtual machines takes longer than computing the values written there. Blocks overwrite
 * every value, so reused memory needs no clearing.
 */
const spareMemory: { shared: SharedArrayBuffer[]; local: ArrayBuffer[] } = { shared: [], local: [] };
/** Most bytes kept in `spareMemory`. */
const MAXIMUM_SPARE_BYTES = 256 * 2 ** 20;

/** `count` arrays of `size` doubles, in shared memory when threads write them. */
function doubles(count: number, size: number, shared: boolean): Float64Array[] {
  const bytes = size * Float64Array.BYTES_PER_ELEMENT;
  const spare: ArrayBufferLike[] = shared ? spareMemory.shared : spareMemory.local;
  return Array.from({ length: count }, () => {
    // the smallest spare buffer that is large enough
    let best = -1;
    for (let k = 0; k < spare.length; k++) {
      const length = (spare[k] as ArrayBufferLike).byteLength;
      if (length >= bytes && (best < 0 || length < (spare[best] as ArrayBufferLike).byteLength)) best = k;
    }
    if (best >= 0) return new Float64Array(spare.splice(best, 1)[0] as ArrayBufferLike, 0, size);
    return new Float64Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  });
}

/**
 * Hands the memory of a distribution that is no longer needed to the next bootstrap; the
 * distribution must not be read afterwards. Memory that another thread might still write
 * (a run that lost a worker) is not kept.
 */
export function releaseBootstrap(distribution: BootstrapDistribution): void {
  if (!distribution.reusable) return;
  const arrays = [...distribution.values, ...(distribution.jackknife ?? [])];
  if (distribution.summaries) arrays.push(distribution.summaries);
  for (const array of arrays) {
    const buffer = array.buffer;
    const spare: ArrayBufferLike[] =
      buffer instanceof SharedArrayBuffer ? spareMemory.shared : spareMemory.local;
    if (!spare.includes(buffer)) spare.push(buffer);
  }
  // keep the most recent buffers up to the limit
  for (const spare of [spareMemory.shared, spareMemory.local] as ArrayBufferLike[][]) {
    let total = 0;
    for (let k = spare.length - 1; k >= 0; k--) {
      total += (spare[k] as ArrayBufferLike).byteLength;
      if (total > MAXIMUM_SPARE_BYTES) spare.splice(k, 1);
    }
  }
  distribution.reusable = false;
}

/** A bootstrap under way (see `startBootstrap`). */
export interface StartedBootstrap {
  finish: () => BootstrapDistribution;
  cancel: () => void;
  /** Blocks completed so far, by any thread (with worker threads, before `finish` too). */
  blocksDone: () => number;
}

/**
 * Starts a bootstrap: with worker threads, they begin evaluating its blocks while this thread
 * does other work; `finish` then completes it (in this thread too) and returns the
 * distribution; `cancel` abandons it (call it when `finish` will not be).
 */
export function startBootstrap(
  input: BootstrapInput,
  runner: BlockRunner = runBlocksInThisThread,
): StartedBootstrap {
  const shared = runner.shared;
  const plan = planBootstrap(input);
  const B = input.replicates;
  const models = input.scores.length;
  const width = plan.layout.width;
  const outputs: BootstrapOutputs = {
    values: doubles(models, width * B, shared),
    jackknife: input.withJackknife ? doubles(models, width * plan.jackknifeUnits, shared) : null,
    summaries:
      plan.summaryEntries > 0 ? (doubles(1, plan.summaryEntries * SUMMARY_FIELDS, shared)[0] ?? null) : null,
  };
  const running = runner.start(plan, outputs);
  return {
    cancel: () => running.cancel(),
    blocksDone: () => running.blocksDone(),
    finish: () => {
      const onProgress = input.onProgress;
      const jackknifeFits = plan.jackknifeBlocks > 0 ? plan.jackknifeUnits : 0;
      let done = 0;
      const clean = running.finish((block) => {
        if (!onProgress || block >= dataBlocks(plan)) return;
        done +=
          block < plan.replicateBlocks
            ? Math.min(REPLICATES_PER_BLOCK, B - block * REPLICATES_PER_BLOCK)
            : Math.min(
                JACKKNIFE_UNITS_PER_BLOCK,
                jackknifeFits - (block - plan.replicateBlocks) * JACKKNIFE_UNITS_PER_BLOCK,
              );
        onProgress(done, B + jackknifeFits);
      });
      return {
        reusable: clean,
        layout: plan.layout,
        replicates: B,
        values: outputs.values,
        jackknife: outputs.jackknife,
        cases: plan.jackknifeUnits,
        summaries: outputs.summaries,
        models,
      };
    },
  };
}

/** The whole bootstrap at once: `startBootstrap(…).finish()`. */
export function runBootstrap(
  input: BootstrapInput,
  runner: BlockRunner = runBlocksInThisThread,
): BootstrapDistribution {
  return startBootstrap(input, runner).finish();
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
export function summarise(
  series: Float64Array,
  estimate: number | null,
  level: number,
  kind: 'percentile' | 'bca',
  jackknife: Float64Array | null,
  minus?: Float64Array,
): BootstrapSummary | null {
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
