/**
 * The bootstrap: B resamples of the cases (stratified by outcome by default, or of whole
 * clusters), each evaluated for every model on the same resample, so that differences
 * between models are paired. Each model's scores are sorted once; a replicate is a weighted
 * pass with multiplicity weights, never a re-sort.
 *
 * Pseudorandom numbers: 32-bit Mersenne Twister MT19937 (Matsumoto & Nishimura 1998),
 * seeded with `bootstrap.seed`; its `normalized()` stream equals NumPy's `RandomState(seed)`.
 * Resampling draws from the cases in a canonical order (sorted by cluster, outcome and
 * scores), so the result does not depend on the order of rows in the input file. It runs
 * in one thread.
 */
import mt19937 from '@stdlib/random-base-mt19937';
import { partialAuc } from '../statistics/partialAuc.js';
import {
  aucFromCurve,
  averagePrecisionFromCurve,
  countsAt,
  sortScores,
  thresholdIndex,
  weightedRocCurve,
  type RocCurve,
  type SortedScores,
} from '../statistics/rocCurve.js';
import {
  bcaInterval,
  bootstrapPValue,
  finiteSorted,
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

/** Every statistic of one model under one set of weights, written into `out` at `offset`. */
function evaluateModel(
  curve: RocCurve,
  thresholdIndices: number[],
  layout: ModelLayout,
  input: BootstrapInput,
  out: Float64Array,
  offset: number,
): void {
  const P = curve.positives;
  const N = curve.negatives;
  out[offset + layout.auc] = P > 0 && N > 0 ? aucFromCurve(curve) : Number.NaN;
  out[offset + layout.averagePrecision] = P > 0 ? averagePrecisionFromCurve(curve) : Number.NaN;
  let bestF1 = 0;
  for (let k = 0; k < curve.thresholds.length; k++) {
    const tp = curve.truePositives[k] as number;
    const f1 = (2 * tp) / (tp + (curve.falsePositives[k] as number) + P);
    if (f1 > bestF1) bestF1 = f1;
  }
  out[offset + layout.maximumF1] = P > 0 ? bestF1 : Number.NaN;
  input.partialAucRanges.forEach((range, r) => {
    const slot = layout.partialAuc[r] as { raw: number; mcclish: number };
    if (P > 0 && N > 0) {
      const value = partialAuc(curve, range.focus, [range.from, range.to]);
      out[offset + slot.raw] = value.raw;
      out[offset + slot.mcclish] = value.mcclish;
    } else {
      out[offset + slot.raw] = Number.NaN;
      out[offset + slot.mcclish] = Number.NaN;
    }
  });
  thresholdIndices.forEach((index, j) => {
    const slot = layout.operatingPoints[j] as Record<OperatingPointMeasure, number>;
    const { tp, fp } = countsAt(curve, index);
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
  });
  const total = P + N;
  input.decisionThresholds.forEach((t, g) => {
    const { tp, fp } = countsAt(curve, thresholdIndex(curve.thresholds, t));
    out[offset + (layout.netBenefit[g] as number)] = tp / total - (fp / total) * (t / (1 - t));
  });
}

export interface BootstrapDistribution {
  layout: ModelLayout;
  replicates: number;
  /** values[m][s·B + r]: statistic s of model m in replicate r. */
  values: Float64Array[];
  /** Leave-one-out values, jackknife[m][s·n + i], when BCa was asked for. */
  jackknife: Float64Array[] | null;
  cases: number;
}

/** A canonical order of the cases, independent of the input row order. */
function canonicalOrder(input: BootstrapInput): Uint32Array {
  const n = input.labels.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const { clusters, labels, scores } = input;
  order.sort((a, b) => {
    if (clusters) {
      const d = (clusters[a] as number) - (clusters[b] as number);
      if (d !== 0) return d;
    }
    const d = (labels[a] as number) - (labels[b] as number);
    if (d !== 0) return d;
    for (const s of scores) {
      const e = (s[a] as number) - (s[b] as number);
      if (e !== 0) return e;
    }
    return 0;
  });
  return order;
}

/** Canonical cluster numbering: by each cluster's first case in canonical order. */
function clusterMembers(clusters: Int32Array, order: Uint32Array): number[][] {
  // clusters are numbered by first appearance in the file; renumber canonically by content
  const byCluster = new Map<number, number[]>();
  for (const i of order) {
    const c = clusters[i] as number;
    let list = byCluster.get(c);
    if (!list) byCluster.set(c, (list = []));
    list.push(i);
  }
  return [...byCluster.values()];
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
  const sorted: SortedScores[] = input.scores.map((s) => sortScores(s));
  const fixedIndices = input.thresholds.map((perPoint, m) =>
    perPoint.map((t) => thresholdIndex((sorted[m] as SortedScores).values, t)),
  );
  const values = input.scores.map(() => new Float64Array(layout.width * B));
  const row = new Float64Array(layout.width);

  const evaluateAll = (weights: Float64Array, store: (m: number, row: Float64Array) => void) => {
    for (let m = 0; m < models; m++) {
      const curve = weightedRocCurve(sorted[m] as SortedScores, input.labels, weights);
      let indices = fixedIndices[m] as number[];
      if (input.rederiveThresholds) {
        indices = input.rules.map((rule, j) =>
          rule.kind === 'threshold'
            ? (indices[j] as number)
            : thresholdIndex(curve.thresholds, chooseThreshold(rule, curve)),
        );
      }
      evaluateModel(curve, indices, layout, input, row, 0);
      store(m, row);
    }
  };

  const order = canonicalOrder(input);
  // the typings omit `normalized` (uniform on [0, 1) with 53-bit resolution), which the generator has
  const random = mt19937.factory({ seed: input.seed }) as unknown as { normalized: () => number };
  const weights = new Float64Array(n);
  const positives: number[] = [];
  const negatives: number[] = [];
  for (const i of order) (input.labels[i] === 1 ? positives : negatives).push(i);
  const members = input.clusters ? clusterMembers(input.clusters, order) : null;
  const draw = (pool: readonly number[], count: number) => {
    for (let k = 0; k < count; k++) {
      const i = pool[Math.floor(random.normalized() * pool.length)] as number;
      weights[i] = (weights[i] as number) + 1;
    }
  };
  const progressEvery = Math.max(1, Math.floor(B / 100));
  for (let r = 0; r < B; r++) {
    weights.fill(0);
    if (members) {
      for (let k = 0; k < members.length; k++) {
        const cluster = members[Math.floor(random.normalized() * members.length)] as number[];
        for (const i of cluster) weights[i] = (weights[i] as number) + 1;
      }
    } else if (input.stratified) {
      draw(positives, positives.length);
      draw(negatives, negatives.length);
    } else {
      draw(order as unknown as number[], n);
    }
    evaluateAll(weights, (m, values_) => {
      const target = values[m] as Float64Array;
      for (let s = 0; s < layout.width; s++) target[s * B + r] = values_[s] as number;
    });
    if (input.onProgress && ((r + 1) % progressEvery === 0 || r + 1 === B)) input.onProgress(r + 1, B);
  }

  let jackknife: Float64Array[] | null = null;
  if (input.withJackknife) {
    jackknife = input.scores.map(() => new Float64Array(layout.width * n));
    const leaveOneOut = new Float64Array(n).fill(1);
    for (let i = 0; i < n; i++) {
      leaveOneOut[i] = 0;
      evaluateAll(leaveOneOut, (m, values_) => {
        const target = (jackknife as Float64Array[])[m] as Float64Array;
        for (let s = 0; s < layout.width; s++) target[s * n + i] = values_[s] as number;
      });
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
 * Interval (percentile or BCa) and p for one series of replicate values; null when too
 * many replicates left the statistic undefined.
 */
export function summarise(
  series: Float64Array,
  estimate: number | null,
  level: number,
  kind: 'percentile' | 'bca',
  jackknife: Float64Array | null,
): BootstrapSummary | null {
  const sorted = finiteSorted(series);
  const undefinedShare = 1 - sorted.length / series.length;
  if (sorted.length === 0 || undefinedShare > MAX_UNDEFINED_SHARE) return null;
  let bounds = percentileInterval(sorted, level);
  if (kind === 'bca' && jackknife && estimate !== null)
    bounds = bcaInterval(sorted, estimate, jackknife, level) ?? bounds;
  let mean = 0;
  for (const v of sorted) mean += v;
  mean /= sorted.length;
  let squares = 0;
  for (const v of sorted) squares += (v - mean) ** 2;
  return {
    ...bounds,
    p: bootstrapPValue(sorted),
    undefinedShare,
    sd: Math.sqrt(squares / Math.max(1, sorted.length - 1)),
  };
}

/** Replicate values of statistic `slot` of model m. */
export function seriesOf(distribution: BootstrapDistribution, m: number, slot: number): Float64Array {
  const B = distribution.replicates;
  return (distribution.values[m] as Float64Array).subarray(slot * B, (slot + 1) * B);
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
  const out = new Float64Array(x.length);
  for (let r = 0; r < x.length; r++) out[r] = (x[r] as number) - (y[r] as number);
  return out;
}

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
  return x.map((v, i) => v - (y[i] as number));
}
