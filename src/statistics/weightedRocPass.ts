/**
 * The bootstrap's per-replicate kernel: every statistic of one model under one set of case
 * weights (bootstrap multiplicities, or the jackknife's 0/1), from a single pass over the
 * model's sorted scores instead of one pass per statistic, because the bootstrap runs it
 * for every model in each of thousands of replicates.
 *
 * The pass (`weightedRocPass`) walks the cases from the highest score down, filling the
 * weighted ROC curve (TP and FP at each distinct score value) and noting the curve's steps:
 * the values at which positives add weight (vertical steps) and those at which negatives do
 * (horizontal steps). A replicate leaves about a third of the cases out, and a statistic can
 * only change at a step, so each statistic is then summed over its steps alone: AUC, average
 * precision and maximum F1 over the vertical ones (`sumOverPositiveSteps`), the partial AUC
 * over a specificity range over the horizontal ones within it (`specificityPartialArea`).
 * Operating points and net benefits read the curve at their thresholds.
 *
 * The weights are integers (bootstrap multiplicities, the jackknife's 0/1), so the pass
 * counts in integer arithmetic: a running sum in doubles would chain each case's addition
 * to the last one's four-cycle latency. Every statistic is then computed with the same
 * floating-point operations as the single-purpose functions (`aucFromCurve`,
 * `averagePrecisionFromCurve`, `partialAreaRaw`, …), so the results are identical to theirs.
 */
import { segmentArea } from './partialAuc.js';
import type { RocCurve, SortedScores } from './rocCurve.js';

/** What the pass needs of one model, prepared once per bootstrap. */
export interface RocPassPlan {
  sorted: SortedScores;
  /**
   * The cases in ascending score order, each packed into one integer, so that the pass reads
   * one array instead of three: case index · 4 + 2 if it is the lowest of its tie group (the
   * pass, walking down, closes the group there) + 1 if it is positive.
   */
  packedCases: Uint32Array;
  /**
   * Whether the pass lists the horizontal steps, which only `specificityPartialArea` reads:
   * recording them costs a store per case.
   */
  negativeSteps: boolean;
}

export function planRocPass(
  sorted: SortedScores,
  labels: Uint8Array,
  options: { negativeSteps?: boolean; into?: Uint32Array } = {},
): RocPassPlan {
  const n = sorted.order.length;
  if (n >= 2 ** 30) throw new RangeError('weightedRocPass: too many cases');
  // `into`: n words of memory to pack into (the bootstrap's WebAssembly memory)
  const packedCases = options.into ?? new Uint32Array(n);
  for (let p = 0; p < n; p++) {
    const i = sorted.order[p] as number;
    packedCases[p] = i * 4 + (labels[i] === 1 ? 1 : 0);
  }
  for (let k = 0; k < sorted.values.length; k++) {
    const lowest = sorted.groupStart[k] as number;
    packedCases[lowest] = (packedCases[lowest] as number) + 2;
  }
  return { sorted, packedCases, negativeSteps: options.negativeSteps ?? true };
}

/** Output of `weightedRocPass`; allocated once (`rocPassOutput`) and refilled by every pass. */
export interface RocPassOutput {
  curve: RocCurve;
  /**
   * Value indices k, descending, at which positives add weight (the curve's vertical steps),
   * in the first `positiveStepCount` entries, and those at which negatives do (horizontal
   * steps) from entry `groups` on, `negativeStepCount` of them (−1 when the plan does not
   * record them): one array, so that the pass writes to one array less.
   */
  steps: Int32Array;
  positiveStepCount: number;
  negativeStepCount: number;
  /** Area under the ROC curve; NaN without both classes. */
  auc: number;
  /** Average precision; NaN without positives. */
  averagePrecision: number;
  /** Largest F1 over all thresholds; NaN without positives. */
  maximumF1: number;
}

/** The output arrays of a pass: `groups` doubles each, and 2·groups step indices. */
export interface RocPassArrays {
  truePositives: Float64Array;
  falsePositives: Float64Array;
  steps: Int32Array;
}

/** An output for passes of `plan`, in `arrays` when given (e.g. views of WebAssembly memory). */
export function rocPassOutput(plan: RocPassPlan, arrays?: RocPassArrays): RocPassOutput {
  const groups = plan.sorted.values.length;
  return {
    curve: {
      thresholds: plan.sorted.values,
      truePositives: arrays?.truePositives ?? new Float64Array(groups),
      falsePositives: arrays?.falsePositives ?? new Float64Array(groups),
      positives: 0,
      negatives: 0,
    },
    steps: arrays?.steps ?? new Int32Array(2 * groups),
    positiveStepCount: 0,
    negativeStepCount: 0,
    auc: Number.NaN,
    averagePrecision: Number.NaN,
    maximumF1: Number.NaN,
  };
}

/**
 * The fused pass: fills `out.curve` (weighted TP_k and FP_k of "score ≥ value k", k over the
 * distinct values) and the step lists, walking the cases from the highest score down, then
 * sums AUC, average precision and maximum F1 over the vertical steps (`sumOverPositiveSteps`).
 * `weights`: non-negative integer weight of each case, whose total stays below 2³¹.
 */
export function weightedRocPass(plan: RocPassPlan, weights: Int32Array, out: RocPassOutput): void {
  const { packedCases, negativeSteps } = plan;
  const { truePositives, falsePositives } = out.curve;
  const steps = out.steps;
  const groups = truePositives.length | 0; // | 0: an int32 to V8, so the step counters stay integers
  let tp = 0;
  let fp = 0;
  let tpAbove = 0; // TP and FP of the value above the one being read
  let fpAbove = 0;
  let positiveStepCount = 0;
  let negativeStepEnd = groups;
  let k = groups - 1;
  // one loop over the cases, not one per group inside one over groups: ties are rare
  for (let p = packedCases.length - 1; p >= 0; p--) {
    const packed = packedCases[p] as number;
    const w = weights[packed >>> 2] as number;
    // w to TP when the case is positive (mask all ones), else to FP: no branch on the label
    const positiveMask = -(packed & 1);
    tp = (tp + (w & positiveMask)) | 0;
    fp = (fp + (w & ~positiveMask)) | 0;
    if ((packed & 2) === 0) continue; // more cases share this score
    truePositives[k] = tp;
    falsePositives[k] = fp;
    // note k as a step without branching: whether a case was drawn is unpredictable
    steps[positiveStepCount] = k;
    positiveStepCount += +(tp > tpAbove);
    if (negativeSteps) {
      steps[negativeStepEnd] = k;
      negativeStepEnd += +(fp > fpAbove);
    }
    tpAbove = tp;
    fpAbove = fp;
    k--;
  }
  const curve = out.curve;
  curve.positives = tp;
  curve.negatives = fp;
  out.positiveStepCount = positiveStepCount;
  out.negativeStepCount = negativeSteps ? negativeStepEnd - groups : -1;
  sumOverPositiveSteps(out);
}

/**
 * AUC, average precision and maximum F1 of the curve in `out`, from its vertical steps k
 * (descending), each adding positive weight p_k (and perhaps negative weight n_k):
 *
 * - AUC (Mann–Whitney, ties counting ½): Σ p_k·(N − FP_k + n_k/2) / (P·N);
 * - average precision (scikit-learn's step rule): Σ (R_k − R_prev)·TP_k/(TP_k + FP_k), with
 *   recall R_k = TP_k/P;
 * - maximum F1 = max 2·TP_k/(TP_k + FP_k + P).
 *
 * Values without positive weight add nothing to the first two, and cannot hold the maximum
 * F1 (same TP as the value above, no fewer FP).
 */
function sumOverPositiveSteps(out: RocPassOutput): void {
  const { truePositives, falsePositives, positives, negatives } = out.curve;
  const { steps, positiveStepCount } = out;
  const groups = truePositives.length;
  let aucSum = 0;
  let apSum = 0;
  let previousRecall = 0;
  let bestF1 = 0;
  for (let i = 0; i < positiveStepCount; i++) {
    const k = steps[i] as number;
    const tp = truePositives[k] as number;
    const fp = falsePositives[k] as number;
    const positivesHere = tp - (k + 1 < groups ? (truePositives[k + 1] as number) : 0);
    const negativesHere = fp - (k + 1 < groups ? (falsePositives[k + 1] as number) : 0);
    aucSum += positivesHere * (negatives - fp + negativesHere / 2);
    const recall = tp / positives;
    apSum += (recall - previousRecall) * (tp / (tp + fp));
    previousRecall = recall;
    const f1 = (2 * tp) / (tp + fp + positives);
    if (f1 > bestF1) bestF1 = f1;
  }
  out.auc = positives > 0 && negatives > 0 ? aucSum / (positives * negatives) : Number.NaN;
  out.averagePrecision = positives > 0 ? apSum : Number.NaN;
  out.maximumF1 = positives > 0 ? bestF1 : Number.NaN;
}

/**
 * Raw partial AUC over specificity ∈ [from, to] of the curve in `out`: the same value, bit
 * for bit, as `partialAreaRaw(curve, 'specificity', from, to)` (straight segments between
 * the empirical points, specificity rising with the value index k), summed over the
 * segments that can add area: those with a horizontal step, from point j (value j holds
 * negative weight) to point j + 1, and of those only the ones reaching above `from`; the
 * vertical ones add none. They are summed in ascending j, as `partialAreaRaw` sums them.
 */
export function specificityPartialArea(out: RocPassOutput, from: number, to: number): number {
  const { truePositives, falsePositives, positives, negatives } = out.curve;
  const { steps, negativeStepCount } = out;
  if (negativeStepCount < 0)
    throw new Error('specificityPartialArea: the pass was planned without negative steps');
  const groups = truePositives.length;
  // the steps are in descending j, so specificity falls along the list: keep those whose upper end is above from
  let count = 0;
  while (count < negativeStepCount) {
    const above = (steps[groups + count] as number) + 1;
    if ((above < groups ? 1 - (falsePositives[above] as number) / negatives : 1) <= from) break;
    count++;
  }
  let area = 0;
  for (let i = count - 1; i >= 0; i--) {
    const j = steps[groups + i] as number;
    const x0 = 1 - (falsePositives[j] as number) / negatives;
    const y0 = (truePositives[j] as number) / positives;
    // point j + 1; point `groups` calls nobody positive: (1, 0)
    const x1 = j + 1 < groups ? 1 - (falsePositives[j + 1] as number) / negatives : 1;
    const y1 = j + 1 < groups ? (truePositives[j + 1] as number) / positives : 0;
    area += segmentArea(x0, y0, x1, y1, from, to);
  }
  return area;
}
