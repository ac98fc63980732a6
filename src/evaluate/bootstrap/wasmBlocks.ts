/**
 * A block of the plan's work on the WebAssembly kernel (wasmPlan.ts): the same blocks as
 * kernel.ts's `evaluateBootstrapBlock`, with the same values. The kernel draws the resample,
 * runs the fused ROC pass and writes every statistic straight into the block's stat-major
 * rows in its memory, from where each statistic's run of the block is copied into its series
 * (one `set` per statistic). What stays in JavaScript is rare or cheap: clustered draws'
 * tally, re-derived thresholds (chosen on views of the kernel's curve), and the jackknife's
 * weights.
 */
import { thresholdIndex } from '../../statistics/rocCurve.js';
import type { RocPassOutput } from '../../statistics/weightedRocPass.js';
import type { ThresholdRule } from '../../results/results.js';
import { chooseThreshold } from '../operatingPoints.js';
import { JACKKNIFE_UNITS_PER_BLOCK, REPLICATES_PER_BLOCK, type BootstrapOutputs } from './input.js';
import { dataBlocks, type BootstrapPlan, type ModelPreparation } from './plan.js';
import { forEachSummaryEntry, SUMMARY_FIELDS } from './summaries.js';
import { BLOCK_ROWS, type WasmModel, type WasmPlan } from './wasmPlan.js';

/** Copies the pass's scalars from the kernel's result record to `pass`, for the JavaScript that reads it. */
function syncPass(result: Float64Array, pass: RocPassOutput): void {
  pass.curve.positives = result[0] as number;
  pass.curve.negatives = result[1] as number;
  pass.auc = result[2] as number;
  pass.averagePrecision = result[3] as number;
  pass.maximumF1 = result[4] as number;
  pass.positiveStepCount = result[5] as number;
  pass.negativeStepCount = result[6] as number;
}

/** The thresholds' indices re-chosen on the pass's own curve (the slower mode), into `wasm.rederivedView`. */
function rederive(plan: BootstrapPlan, wasm: WasmPlan, preparation: ModelPreparation): void {
  const rules = plan.input.rules;
  const curve = preparation.pass.curve;
  for (let j = 0; j < rules.length; j++) {
    const rule = rules[j] as ThresholdRule;
    wasm.rederivedView[j] =
      rule.kind === 'threshold'
        ? (preparation.pointIndices[j] as number)
        : thresholdIndex(curve.thresholds, chooseThreshold(rule, curve));
  }
}

/**
 * Every model under the weights in kernel memory, as row `row` of each model's block
 * statistics: one call into the kernel, or with re-derived thresholds, the pass, the
 * thresholds' choice on its curve here, and the statistics, model by model.
 */
function evaluateWeighting(plan: BootstrapPlan, wasm: WasmPlan, row: number): void {
  const kernel = wasm.memory.exports;
  if (!plan.input.rederiveThresholds) {
    kernel.evaluateModels(wasm.record, row);
    return;
  }
  const stride = 8 * BLOCK_ROWS;
  for (let m = 0; m < wasm.models.length; m++) {
    const model = wasm.models[m] as WasmModel;
    const preparation = plan.preparations[m] as ModelPreparation;
    const { truePositives, falsePositives, steps, groups, result } = model;
    const negativeSteps = preparation.plan.negativeSteps ? 1 : 0;
    kernel.rocPass(
      model.packedCases,
      wasm.n,
      wasm.weights,
      truePositives,
      falsePositives,
      steps,
      groups,
      negativeSteps,
      result,
    );
    syncPass(model.resultView, preparation.pass);
    rederive(plan, wasm, preparation);
    const out = model.statistics + 8 * row;
    const points = model.pointView.length;
    const grid = model.gridView.length;
    const { pointBase, gridBase } = plan;
    kernel.writeStatistics(
      truePositives,
      falsePositives,
      groups,
      result,
      wasm.rederived,
      points,
      pointBase,
      model.gridIndices,
      grid,
      gridBase,
      wasm.odds,
      out,
      stride,
    );
    const ranges = plan.input.partialAucRanges.length;
    kernel.writePartialAucs(
      truePositives,
      falsePositives,
      groups,
      steps,
      result,
      wasm.ranges,
      ranges,
      out,
      stride,
    );
  }
}

/** Copies rows 0 … count − 1 of each model's block statistics to entries first … of its stat-major series. */
function copyOut(
  plan: BootstrapPlan,
  wasm: WasmPlan,
  targets: Float64Array[],
  first: number,
  count: number,
  length: number,
) {
  const f64 = wasm.memory.f64;
  for (let m = 0; m < targets.length; m++) {
    const target = targets[m] as Float64Array;
    const base = (wasm.models[m] as WasmModel).statistics / 8;
    for (let s = 0; s < plan.layout.width; s++) {
      const from = base + s * BLOCK_ROWS;
      target.set(f64.subarray(from, from + count), s * length + first);
    }
  }
}

/** The next resample's multiplicities into kernel memory (resampler.ts's draws). */
function resampleInto(plan: BootstrapPlan, wasm: WasmPlan): void {
  const clusters = wasm.clusters;
  if (!clusters) {
    const { input } = plan;
    wasm.memory.exports.resample(
      wasm.weights,
      wasm.n,
      input.stratified ? 1 : 0,
      wasm.positives,
      wasm.positiveCount,
      wasm.negatives,
      wasm.negativeCount,
      wasm.all,
    );
    return;
  }
  const weights = wasm.weightsView;
  weights.fill(0);
  wasm.memory.exports.fillIndices(wasm.drawn, clusters.length, clusters.length);
  for (let k = 0; k < clusters.length; k++) {
    const cluster = clusters[wasm.drawnView[k] as number] as number[];
    for (const i of cluster) weights[i] = (weights[i] as number) + 1;
  }
}

function replicateBlock(plan: BootstrapPlan, wasm: WasmPlan, block: number, outputs: BootstrapOutputs): void {
  const { input } = plan;
  const first = block * REPLICATES_PER_BLOCK;
  const count = Math.min(REPLICATES_PER_BLOCK, input.replicates - first);
  // the block's stream: init_by_array([seed, block]), each word taken modulo 2³² (MersenneTwister.fromKey)
  wasm.memory.exports.mtSeed(wasm.mtState, wasm.mtBlock, input.seed >>> 0, block >>> 0);
  for (let r = 0; r < count; r++) {
    resampleInto(plan, wasm);
    evaluateWeighting(plan, wasm, r);
  }
  copyOut(plan, wasm, outputs.values, first, count, input.replicates);
}

function jackknifeBlock(plan: BootstrapPlan, wasm: WasmPlan, block: number, outputs: BootstrapOutputs): void {
  const jackknife = outputs.jackknife;
  if (!jackknife) throw new Error('evaluateBootstrapBlock: jackknife block without jackknife output');
  const first = (block - plan.replicateBlocks) * JACKKNIFE_UNITS_PER_BLOCK;
  const count = Math.min(JACKKNIFE_UNITS_PER_BLOCK, plan.jackknifeUnits - first);
  const units = plan.clusterUnits;
  const weights = wasm.weightsView.fill(1);
  for (let r = 0; r < count; r++) {
    const leftOut = units ? (units[first + r] as number[]) : [first + r];
    for (const i of leftOut) weights[i] = 0;
    evaluateWeighting(plan, wasm, r);
    for (const i of leftOut) weights[i] = 1;
  }
  copyOut(plan, wasm, jackknife, first, count, plan.jackknifeUnits);
}

/** summariseBlock (summaries.ts) on the kernel: each series copied into its memory and summarised there. */
function summaryBlock(plan: BootstrapPlan, wasm: WasmPlan, block: number, outputs: BootstrapOutputs): void {
  const B = plan.input.replicates;
  const level = plan.input.percentileSummaries?.level as number;
  const f64 = wasm.memory.f64;
  const space = wasm.summary;
  const copy = (m: number, slot: number, to: number) =>
    f64.set((outputs.values[m] as Float64Array).subarray(slot * B, (slot + 1) * B), to / 8);
  const table = outputs.summaries as Float64Array;
  forEachSummaryEntry(plan, block, outputs, ({ entry, slot, model, minus }) => {
    copy(model, slot, space.series);
    if (minus !== null) copy(minus, slot, space.minus);
    wasm.memory.exports.summarise(
      space.series,
      space.minus,
      minus === null ? 0 : 1,
      B,
      level,
      space.scratch,
      space.sample,
      space.lowerTail,
      space.upperTail,
      space.out,
    );
    table.set(f64.subarray(space.out / 8, space.out / 8 + SUMMARY_FIELDS), entry * SUMMARY_FIELDS);
  });
}

/** evaluateBootstrapBlock on the WebAssembly kernel. */
export function evaluateWasmBlock(
  plan: BootstrapPlan,
  wasm: WasmPlan,
  block: number,
  outputs: BootstrapOutputs,
): void {
  if (block < plan.replicateBlocks) replicateBlock(plan, wasm, block, outputs);
  else if (block >= dataBlocks(plan)) summaryBlock(plan, wasm, block - dataBlocks(plan), outputs);
  else jackknifeBlock(plan, wasm, block, outputs);
}
