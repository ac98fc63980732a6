// The fused weighted ROC pass: a port of weightedRocPass and sumOverPositiveSteps in
// src/statistics/weightedRocPass.ts (see bootstrapKernel.ts for what a port means here).

import { f64At, i32At, setF64 } from './memory';

/** Fields of the pass's result record (doubles at `result`). */
export const POSITIVES = 0;
export const NEGATIVES = 1;
export const AUC = 2;
export const AVERAGE_PRECISION = 3;
export const MAXIMUM_F1 = 4;
export const POSITIVE_STEPS = 5;
export const NEGATIVE_STEPS = 6;


/**
 * weightedRocPass: the weighted curve (TP and FP at each of `groups` distinct values, into
 * `truePositives`, `falsePositives`) and its step lists (`steps`, 2·groups words), walking
 * the `n` packed cases from the highest score down; then AUC, average precision and maximum
 * F1 (sumOverPositiveSteps). Results to the record at `result`.
 */
export function rocPass(
  packedCases: usize,
  n: i32,
  weights: usize,
  truePositives: usize,
  falsePositives: usize,
  steps: usize,
  groups: i32,
  negativeSteps: i32,
  result: usize,
): void {
  let tp: i32 = 0;
  let fp: i32 = 0;
  let tpAbove: i32 = 0;
  let fpAbove: i32 = 0;
  let positiveStepCount: i32 = 0;
  let negativeStepEnd: i32 = groups;
  let k: i32 = groups - 1;
  for (let p = n - 1; p >= 0; p--) {
    const packed = load<u32>(packedCases + (<usize>p << 2));
    const w = load<i32>(weights + (<usize>(packed >>> 2) << 2));
    const positiveMask = -(<i32>(packed & 1));
    tp = tp + (w & positiveMask);
    fp = fp + (w & ~positiveMask);
    if ((packed & 2) === 0) continue;
    setF64(truePositives, k, <f64>tp);
    setF64(falsePositives, k, <f64>fp);
    store<i32>(steps + (<usize>positiveStepCount << 2), k);
    positiveStepCount += <i32>(tp > tpAbove);
    if (negativeSteps) {
      store<i32>(steps + (<usize>negativeStepEnd << 2), k);
      negativeStepEnd += <i32>(fp > fpAbove);
    }
    tpAbove = tp;
    fpAbove = fp;
    k--;
  }
  const positives = <f64>tp;
  const negatives = <f64>fp;
  // sumOverPositiveSteps
  let aucSum: f64 = 0;
  let apSum: f64 = 0;
  let previousRecall: f64 = 0;
  let bestF1: f64 = 0;
  for (let i = 0; i < positiveStepCount; i++) {
    const s = i32At(steps, i);
    const tpk = f64At(truePositives, s);
    const fpk = f64At(falsePositives, s);
    const positivesHere = tpk - (s + 1 < groups ? f64At(truePositives, s + 1) : 0.0);
    const negativesHere = fpk - (s + 1 < groups ? f64At(falsePositives, s + 1) : 0.0);
    aucSum += positivesHere * (negatives - fpk + negativesHere / 2);
    const recall = tpk / positives;
    apSum += (recall - previousRecall) * (tpk / (tpk + fpk));
    previousRecall = recall;
    const f1 = (2 * tpk) / (tpk + fpk + positives);
    if (f1 > bestF1) bestF1 = f1;
  }
  setF64(result, POSITIVES, positives);
  setF64(result, NEGATIVES, negatives);
  setF64(result, AUC, positives > 0 && negatives > 0 ? aucSum / (positives * negatives) : NaN);
  setF64(result, AVERAGE_PRECISION, positives > 0 ? apSum : NaN);
  setF64(result, MAXIMUM_F1, positives > 0 ? bestF1 : NaN);
  setF64(result, POSITIVE_STEPS, <f64>positiveStepCount);
  setF64(result, NEGATIVE_STEPS, negativeSteps ? <f64>(negativeStepEnd - groups) : -1);
}
