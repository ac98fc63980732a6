/**
 * The bootstrap: B resamples of the cases (stratified by outcome by default, or of whole
 * clusters), each evaluated for every model on the same resample, so that differences
 * between models are paired. Each model's scores are sorted once; a replicate is a weighted
 * pass with multiplicity weights, never a re-sort.
 *
 * Pseudorandom numbers: 32-bit Mersenne Twister MT19937 (Matsumoto & Nishimura 1998),
 * seeded with `bootstrap.seed`; its `normalized()` stream equals NumPy's `RandomState(seed)`.
 * The cases arrive in canonical order (see canonicalOrder.ts), so the resamples do not
 * depend on the order of rows in the input file. It runs in one thread.
 */
import { MersenneTwister } from '../statistics/mersenneTwister.js';
import { mcclishStandardised, partialAreaRaw } from '../statistics/partialAuc.js';
import {
  aucFromCurve,
  averagePrecisionFromCurve,
  sortScores,
  thresholdIndex,
  weightedRocCurve,
  type RocCurve,
  type SortedScores,
} from '../statistics/rocCurve.js';
import {
  bcaInterval,
  bootstrapPValue,
  finiteValues,
  percentileInterval,
} from '../statistics/bootstrapIntervals.js';
import type { ThresholdRule } from './results.js';
import { chooseThreshold } from './operatingPoints.js';

export const BOOTSTRAP_RNG = 'MT19937 (Mersenne Twister)';

/** The per-model statistics one replicate yields, in a fixed layout. */
export const OPERATING_POINT_MEASURES = [
  'sensitivity',
  'specificity',
  'ppv',
  'npv',
  'accuracy',
  'f1',
  'youdenJ',
  'positiveLikelihoodRatio',
  'negativeLikelihoodRatio',
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
  sorted: SortedScores;
  /** Distinct-value index of each fixed operating-point threshold. */
  pointIndices: Int32Array;
  /** Distinct-value index of each decision-curve threshold. */
  gridIndices: Int32Array;
  buffers: { truePositives: Float64Array; falsePositives: Float64Array };
}

/** Every statistic of one model under one set of weights, written into `out`. */
function evaluateModel(
  curve: RocCurve,
  pointIndices: Int32Array,
  gridIndices: Int32Array,
  layout: ModelLayout,
  input: BootstrapInput,
  out: Float64Array,
  offset: number,
): void {
  const P = curve.positives;
  const N = curve.negatives;
  const groups = curve.thresholds.length;
  const { truePositives, falsePositives } = curve;
  const bothClasses = P > 0 && N > 0;
  out[offset + layout.auc] = bothClasses ? aucFromCurve(curve) : Number.NaN;
  out[offset + layout.averagePrecision] = P > 0 ? averagePrecisionFromCurve(curve) : Number.NaN;
  let bestF1 = 0;
  for (let k = 0; k < groups; k++) {
    const tp = truePositives[k] as number;
    const f1 = (2 * tp) / (tp + (falsePositives[k] as number) + P);
    if (f1 > bestF1) bestF1 = f1;
  }
  out[offset + layout.maximumF1] = P > 0 ? bestF1 : Number.NaN;
  for (let r = 0; r < input.partialAucRanges.length; r++) {
    const range = input.partialAucRanges[r] as BootstrapInput['partialAucRanges'][number];
    const slot = layout.partialAuc[r] as { raw: number; mcclish: number };
    const raw = bothClasses ? partialAreaRaw(curve, range.focus, range.from, range.to) : Number.NaN;
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
    out[offset + slot.positiveLikelihoodRatio] = ratio(sensitivity, 1 - specificity);
    out[offset + slot.negativeLikelihoodRatio] = ratio(1 - sensitivity, specificity);
  }
  const total = P + N;
  for (let g = 0; g < gridIndices.length; g++) {
    const t = input.decisionThresholds[g] as number;
    const index = gridIndices[g] as number;
    const tp = index < groups ? (truePositives[index] as number) : 0;
    const fp = index < groups ? (falsePositives[index] as number) : 0;
    out[offset + (layout.netBenefit[g] as number)] = tp / total - (fp / total) * (t / (1 - t));
  }
}

export interface BootstrapDistribution {
  layout: ModelLayout;
  replicates: number;
  /** values[m][r·width + s]: statistic s of model m in replicate r. */
  values: Float64Array[];
  /** Leave-one-out values, jackknife[m][i·width + s], when BCa was asked for. */
  jackknife: Float64Array[] | null;
  cases: number;
}

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

/**
 * The bootstrap's resampling: each call returns the multiplicity weights of the next
 * replicate (the same array, refilled). Stratified: as many draws with replacement from the
 * positives as there are positives, and likewise for the negatives; clustered: whole
 * clusters drawn with replacement (stratification then not applied); otherwise n draws from
 * all cases. Cases are taken in the order given, which evaluate makes canonical.
 */
export function resampler(
  labels: Uint8Array,
  clusters: Int32Array | null,
  stratified: boolean,
  seed: number,
): () => Float64Array {
  const n = labels.length;
  const order = Array.from({ length: n }, (_, i) => i);
  const random = new MersenneTwister(seed);
  const weights = new Float64Array(n);
  const positives = order.filter((i) => labels[i] === 1);
  const negatives = order.filter((i) => labels[i] !== 1);
  const members = clusters ? clusterMembers(clusters, order) : null;
  const draw = (pool: readonly number[]) => {
    const size = pool.length;
    for (let k = 0; k < size; k++) {
      const i = pool[randomIndex(random, size)] as number;
      weights[i] = (weights[i] as number) + 1;
    }
  };
  return () => {
    weights.fill(0);
    if (members) {
      for (let k = 0; k < members.length; k++) {
        const cluster = members[randomIndex(random, members.length)] as number[];
        for (const i of cluster) weights[i] = (weights[i] as number) + 1;
      }
    } else if (stratified) {
      draw(positives);
      draw(negatives);
    } else {
      draw(order);
    }
    return weights;
  };
}

/**
 * A uniform index in [0, size): ⌊u·size / 2³²⌋ from one 32-bit output (the multiply-shift
 * map; its bias is below size/2³², under 10⁻⁶ for a million cases).
 */
function randomIndex(random: MersenneTwister, size: number): number {
  return Math.floor((random.nextUint32() * size) / 4294967296);
}

export function runBootstrap(input: BootstrapInput): BootstrapDistribution {
  const n = input.labels.length;
  const B = input.replicates;
  const models = input.scores.length;
  const layout = modelLayout(
    input.rules.length,
    input.partialAucRanges.length,
    input.decisionThresholds.length,
  );
  const preparations: ModelPreparation[] = input.scores.map((scores, m) => {
    const sorted = sortScores(scores);
    const indexOf = (t: number) => thresholdIndex(sorted.values, t);
    return {
      sorted,
      pointIndices: Int32Array.from((input.thresholds[m] as number[]).map(indexOf)),
      gridIndices: Int32Array.from(input.decisionThresholds.map(indexOf)),
      buffers: {
        truePositives: new Float64Array(sorted.values.length),
        falsePositives: new Float64Array(sorted.values.length),
      },
    };
  });
  const values = input.scores.map(() => new Float64Array(layout.width * B));
  const rederived = new Int32Array(input.rules.length);

  const evaluateAll = (weights: Float64Array, targets: Float64Array[], offset: number) => {
    for (let m = 0; m < models; m++) {
      const preparation = preparations[m] as ModelPreparation;
      const curve = weightedRocCurve(preparation.sorted, input.labels, weights, preparation.buffers);
      let indices = preparation.pointIndices;
      if (input.rederiveThresholds) {
        input.rules.forEach((rule, j) => {
          rederived[j] =
            rule.kind === 'threshold'
              ? (preparation.pointIndices[j] as number)
              : thresholdIndex(curve.thresholds, chooseThreshold(rule, curve));
        });
        indices = rederived;
      }
      evaluateModel(
        curve,
        indices,
        preparation.gridIndices,
        layout,
        input,
        targets[m] as Float64Array,
        offset,
      );
    }
  };

  // the cases come in canonical order (evaluate sorts them), so resamples do not depend on the file's row order
  const progressEvery = Math.max(1, Math.floor(B / 100));
  const resample = resampler(input.labels, input.clusters, input.stratified, input.seed);
  for (let r = 0; r < B; r++) {
    const weights = resample();
    evaluateAll(weights, values, r * layout.width);
    if (input.onProgress && ((r + 1) % progressEvery === 0 || r + 1 === B)) input.onProgress(r + 1, B);
  }

  let jackknife: Float64Array[] | null = null;
  if (input.withJackknife) {
    jackknife = input.scores.map(() => new Float64Array(layout.width * n));
    const leaveOneOut = new Float64Array(n).fill(1);
    for (let i = 0; i < n; i++) {
      leaveOneOut[i] = 0;
      evaluateAll(leaveOneOut, jackknife, i * layout.width);
      leaveOneOut[i] = 1;
    }
  }
  return { layout, replicates: B, values, jackknife, cases: n };
}

/** Share of replicates in which a statistic is undefined above which no interval is given. */
export const MAX_UNDEFINED_SHARE = 0.01;

export interface BootstrapSummary {
  lower: number;
  upper: number;
  p: number;
  undefinedShare: number;
  sd: number;
}

/**
 * Interval (percentile or BCa) and p for one series of replicate values (rearranged in
 * place); null when too many replicates left the statistic undefined.
 */
export function summarise(
  series: Float64Array,
  estimate: number | null,
  level: number,
  kind: 'percentile' | 'bca',
  jackknife: Float64Array | null,
): BootstrapSummary | null {
  const total = series.length;
  const finite = finiteValues(series);
  const undefinedShare = 1 - finite.length / total;
  if (finite.length === 0 || undefinedShare > MAX_UNDEFINED_SHARE) return null;
  let mean = 0;
  for (let i = 0; i < finite.length; i++) mean += finite[i] as number;
  mean /= finite.length;
  let squares = 0;
  for (let i = 0; i < finite.length; i++) squares += ((finite[i] as number) - mean) ** 2;
  const p = bootstrapPValue(finite);
  let bounds: { lower: number; upper: number } | null = null;
  if (kind === 'bca' && jackknife && estimate !== null)
    bounds = bcaInterval(finite.sort(), estimate, jackknife, level);
  bounds ??= percentileInterval(finite, level);
  return { ...bounds, p, undefinedShare, sd: Math.sqrt(squares / Math.max(1, finite.length - 1)) };
}

/** Every `width`-th value of `values` from `slot`: one statistic across replicates. */
function column(values: Float64Array, width: number, slot: number, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let r = 0, at = slot; r < count; r++, at += width) out[r] = values[at] as number;
  return out;
}

/** Replicate values of statistic `slot` of model m. */
export function seriesOf(distribution: BootstrapDistribution, m: number, slot: number): Float64Array {
  return column(
    distribution.values[m] as Float64Array,
    distribution.layout.width,
    slot,
    distribution.replicates,
  );
}

/** Replicate differences a − b of statistic `slot` (paired: the same resample). */
export function differenceSeries(
  distribution: BootstrapDistribution,
  a: number,
  b: number,
  slot: number,
): Float64Array {
  const x = seriesOf(distribution, a, slot);
  const y = seriesOf(distribution, b, slot);
  for (let r = 0; r < x.length; r++) x[r] = (x[r] as number) - (y[r] as number);
  return x;
}

export function jackknifeOf(
  distribution: BootstrapDistribution,
  m: number,
  slot: number,
): Float64Array | null {
  if (!distribution.jackknife) return null;
  return column(
    distribution.jackknife[m] as Float64Array,
    distribution.layout.width,
    slot,
    distribution.cases,
  );
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
  return x.map((v, i) => v - (y[i] as number));
}
