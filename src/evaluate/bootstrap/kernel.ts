/**
 * The replicate kernel: every model's statistics under one weighting of the cases (a
 * resample's multiplicities, or a jackknife's leave-one-out weights) from one fused pass
 * over its sorted scores, written a buffer of rows at a time into the stat-major series; and
 * the evaluation of one block of the plan's work. This JavaScript kernel runs where the
 * WebAssembly one (wasmBlocks.ts, the same values) cannot; tests compare the two.
 */
import { mcclishStandardised, partialAreaRaw } from '../../statistics/partialAuc.js';
import { thresholdIndex } from '../../statistics/rocCurve.js';
import { specificityPartialArea, weightedRocPass } from '../../statistics/weightedRocPass.js';
import { resampler } from '../../statistics/resampling/resampler.js';
import type { ThresholdRule } from '../../results/results.js';
import { chooseThreshold } from '../operatingPoints.js';
import {
  JACKKNIFE_UNITS_PER_BLOCK,
  REPLICATES_PER_BLOCK,
  type BootstrapInput,
  type BootstrapOutputs,
} from './input.js';
import type { OperatingPointMeasure } from './layout.js';
import { BUFFER_ROWS, dataBlocks, type BootstrapPlan, type ModelPreparation } from './plan.js';
import { summariseBlock } from './summaries.js';
import { evaluateWasmBlock } from './wasmBlocks.js';

const ratio = (a: number, b: number) => (b === 0 ? Number.NaN : a / b);

/**
 * Every statistic of one model under one set of weights, from the fused pass's output
 * (`preparation.pass`), at the operating points' distinct-value `pointIndices`: statistic s
 * (see ModelLayout) to out[offset + s].
 */
function writeModelStatistics(
  plan: BootstrapPlan,
  preparation: ModelPreparation,
  pointIndices: Int32Array,
  out: Float64Array,
  offset: number,
): void {
  const { pass, gridIndices } = preparation;
  const { layout, odds } = plan;
  const partialAucRanges = plan.input.partialAucRanges;
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

/**
 * Copies the `rows` rows of `buffer` (`width` values each) to entries first … first + rows − 1
 * of the stat-major `series` (statistic s of entry r at s·length + r).
 */
function copyBufferToSeries(
  from: { buffer: Float64Array; width: number; rows: number },
  to: { series: Float64Array; length: number; first: number },
): void {
  const { buffer, width, rows } = from;
  const { series, length, first } = to;
  for (let s = 0; s < width; s++) {
    const start = s * length + first;
    for (let j = 0, at = s; j < rows; j++, at += width) series[start + j] = buffer[at] as number;
  }
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
    writeModelStatistics(plan, preparation, indices, plan.buffers[m] as Float64Array, row * layout.width);
  }
}

/** The weightings a block evaluates, and the series they are written to. */
interface WeightingRange {
  /** Weightings first … first + count − 1; `weightsOf(i)` gives weighting i. */
  first: number;
  count: number;
  weightsOf: (i: number) => Int32Array;
  /** Stat-major series, one per model, `length` entries per statistic. */
  targets: Float64Array[];
  length: number;
}

/** Evaluates the weightings of `range` into their entries of the target series, BUFFER_ROWS at a time. */
function evaluateRange(plan: BootstrapPlan, range: WeightingRange): void {
  const { first, count, weightsOf, targets, length } = range;
  const width = plan.layout.width;
  for (let start = first; start < first + count; start += BUFFER_ROWS) {
    const rows = Math.min(BUFFER_ROWS, first + count - start);
    for (let j = 0; j < rows; j++) evaluateWeighting(plan, weightsOf(start + j), j);
    for (let m = 0; m < targets.length; m++) {
      copyBufferToSeries(
        { buffer: plan.buffers[m] as Float64Array, width, rows },
        { series: targets[m] as Float64Array, length, first: start },
      );
    }
  }
}

/**
 * Block `block` of the plan's work: a block of replicates (block < replicateBlocks) into
 * `values`, a block of jackknife units into `jackknife`, or (from `dataBlocks(plan)` on, once
 * every data block is done) a block of summaries. Blocks of each kind are independent: any
 * thread can evaluate any of them, in any order, with the same result.
 */
export function evaluateBootstrapBlock(plan: BootstrapPlan, block: number, outputs: BootstrapOutputs): void {
  if (plan.wasm) {
    evaluateWasmBlock(plan, plan.wasm, block, outputs);
    return;
  }
  const { input } = plan;
  if (block < plan.replicateBlocks) {
    const first = block * REPLICATES_PER_BLOCK;
    const count = Math.min(REPLICATES_PER_BLOCK, input.replicates - first);
    const resample = resampler(input.labels, input.clusters, input.stratified, input.seed, block);
    evaluateRange(plan, {
      first,
      count,
      weightsOf: () => resample(),
      targets: outputs.values,
      length: input.replicates,
    });
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
  evaluateRange(plan, {
    first,
    count,
    weightsOf: withoutUnit,
    targets: jackknife,
    length: plan.jackknifeUnits,
  });
}
