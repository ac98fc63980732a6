/**
 * The layout of a bootstrap plan in the WebAssembly kernel's memory (see wasmMemory.ts):
 * the case weights and resampling pools, the generator's state, and for each model its
 * packed cases, the pass's curve, steps and result record, its operating points' and
 * decision thresholds' indices, and a block's worth of its statistics, stat-major.
 */
import type { RocPassArrays } from '../../statistics/weightedRocPass.js';
import { JACKKNIFE_UNITS_PER_BLOCK, REPLICATES_PER_BLOCK, type BootstrapInput } from './input.js';
import type { ModelLayout } from './layout.js';
import { KernelMemory, RESULT_FIELDS } from './wasmMemory.js';

/** Rows (replicates or jackknife units) of a block's statistics: statistic s of row r at s·BLOCK_ROWS + r. */
export const BLOCK_ROWS = Math.max(REPLICATES_PER_BLOCK, JACKKNIFE_UNITS_PER_BLOCK);

/** Words of evaluateModels's record, and per model (see the kernel). */
const RECORD_WORDS = 11;
const MODEL_WORDS = 10;

/** One model's arrays in kernel memory: addresses, and views of them for the JavaScript. */
export interface WasmModel {
  groups: number;
  packedCases: number;
  truePositives: number;
  falsePositives: number;
  steps: number;
  result: number;
  pointIndices: number;
  gridIndices: number;
  /** The block's statistics: width × BLOCK_ROWS doubles. */
  statistics: number;
  packedView: Uint32Array;
  passArrays: RocPassArrays;
  pointView: Int32Array;
  gridView: Int32Array;
  resultView: Float64Array;
}

export interface WasmPlan {
  memory: KernelMemory;
  n: number;
  weights: number;
  weightsView: Int32Array;
  /** Case indices of the positives, the negatives and all cases (the resampling pools). */
  positives: number;
  positiveCount: number;
  negatives: number;
  negativeCount: number;
  all: number;
  mtState: number;
  mtBlock: number;
  /** The cases of each cluster, when whole clusters are resampled. */
  clusters: number[][] | null;
  /** Drawn clusters of one resample (as many as there are clusters). */
  drawn: number;
  drawnView: Int32Array;
  models: WasmModel[];
  odds: number;
  oddsView: Float64Array;
  rederived: number;
  rederivedView: Int32Array;
  /** The partial-AUC ranges: focus (0 specificity, 1 sensitivity), from, to, raw and McClish statistic. */
  ranges: number;
  /** The record the kernel's evaluateModels reads (see there): every address above, per model too. */
  record: number;
  /** Working space of the percentile summaries (B doubles each; `sample` 128, `out` 6). */
  summary: {
    series: number;
    minus: number;
    scratch: number;
    lowerTail: number;
    upperTail: number;
    sample: number;
    out: number;
  };
}

/**
 * Lays the bootstrap out in a new kernel instance; null where the kernel cannot run (the
 * JavaScript kernel then does). `groups`: each model's distinct score values.
 */
export function planWasmKernel(
  input: BootstrapInput,
  groups: readonly number[],
  layout: ModelLayout,
  clusters: number[][] | null,
  bases: { pointBase: number; gridBase: number },
): WasmPlan | null {
  const clusterCount = clusters ? clusters.length : 0;
  const memory = KernelMemory.create();
  if (!memory) return null;
  const n = input.labels.length;
  const ints = (count: number) => memory.take(4 * count);
  const doubles = (count: number) => memory.take(8 * count);
  let positiveCount = 0;
  for (let i = 0; i < n; i++) positiveCount += input.labels[i] === 1 ? 1 : 0;
  const B = input.replicates;
  const at = {
    weights: ints(n),
    positives: ints(positiveCount),
    negatives: ints(n - positiveCount),
    all: ints(n),
    mtState: ints(624),
    mtBlock: ints(624),
    drawn: ints(clusterCount),
    odds: doubles(input.decisionThresholds.length),
    rederived: ints(input.rules.length),
    ranges: doubles(5 * input.partialAucRanges.length),
    record: ints(RECORD_WORDS + MODEL_WORDS * groups.length),
    summary: {
      series: doubles(B),
      minus: doubles(B),
      scratch: doubles(B),
      lowerTail: doubles(B),
      upperTail: doubles(B),
      sample: doubles(128),
      out: doubles(6),
    },
  };
  const models = groups.map((g) => ({
    groups: g,
    packedCases: ints(n),
    truePositives: doubles(g),
    falsePositives: doubles(g),
    steps: ints(2 * g),
    result: doubles(RESULT_FIELDS),
    pointIndices: ints(input.rules.length),
    gridIndices: ints(input.decisionThresholds.length),
    statistics: doubles(layout.width * BLOCK_ROWS),
  }));
  if (!memory.open()) return null;
  const ranges = memory.doubles(at.ranges, 5 * input.partialAucRanges.length);
  input.partialAucRanges.forEach((range, r) => {
    const slot = layout.partialAuc[r] as { raw: number; mcclish: number };
    ranges.set([range.focus === 'specificity' ? 0 : 1, range.from, range.to, slot.raw, slot.mcclish], 5 * r);
  });
  const negativeSteps = input.partialAucRanges.some((range) => range.focus === 'specificity') ? 1 : 0;
  const record = memory.ints(at.record, RECORD_WORDS + MODEL_WORDS * groups.length);
  record.set([n, at.weights, groups.length, input.rules.length, bases.pointBase]);
  record.set(
    [input.decisionThresholds.length, bases.gridBase, at.odds, at.ranges, input.partialAucRanges.length],
    5,
  );
  record[10] = 8 * BLOCK_ROWS;
  models.forEach((model, m) => {
    const { packedCases, truePositives, falsePositives, steps, result, pointIndices, gridIndices } = model;
    const words = [packedCases, truePositives, falsePositives, steps, model.groups, negativeSteps, result];
    record.set([...words, pointIndices, gridIndices, model.statistics], RECORD_WORDS + MODEL_WORDS * m);
  });
  // the resampling pools, in case order (as resampler.ts builds them)
  const positives = memory.ints(at.positives, positiveCount);
  const negatives = memory.ints(at.negatives, n - positiveCount);
  const all = memory.ints(at.all, n);
  for (let i = 0, p = 0, q = 0; i < n; i++) {
    all[i] = i;
    if (input.labels[i] === 1) positives[p++] = i;
    else negatives[q++] = i;
  }
  return {
    memory,
    n,
    ...at,
    clusters,
    positiveCount,
    negativeCount: n - positiveCount,
    weightsView: memory.ints(at.weights, n),
    drawnView: memory.ints(at.drawn, clusterCount),
    oddsView: memory.doubles(at.odds, input.decisionThresholds.length),
    rederivedView: memory.ints(at.rederived, input.rules.length),
    models: models.map((model) => ({
      ...model,
      packedView: memory.words(model.packedCases, n),
      passArrays: {
        truePositives: memory.doubles(model.truePositives, model.groups),
        falsePositives: memory.doubles(model.falsePositives, model.groups),
        steps: memory.ints(model.steps, 2 * model.groups),
      },
      pointView: memory.ints(model.pointIndices, input.rules.length),
      gridView: memory.ints(model.gridIndices, input.decisionThresholds.length),
      resultView: memory.doubles(model.result, RESULT_FIELDS),
    })),
  };
}

/** Whether the layout is the one the kernel's writeStatistics assumes (see layout.ts). */
export function kernelLayout(layout: ModelLayout): { pointBase: number; gridBase: number } | null {
  const pointBase = 3 + 2 * layout.partialAuc.length;
  const gridBase = pointBase + 7 * layout.operatingPoints.length;
  const ok =
    layout.auc === 0 &&
    layout.averagePrecision === 1 &&
    layout.maximumF1 === 2 &&
    layout.operatingPoints.every(
      (slot, j) =>
        slot.sensitivity === pointBase + 7 * j &&
        slot.specificity === pointBase + 7 * j + 1 &&
        slot.ppv === pointBase + 7 * j + 2 &&
        slot.npv === pointBase + 7 * j + 3 &&
        slot.accuracy === pointBase + 7 * j + 4 &&
        slot.f1 === pointBase + 7 * j + 5 &&
        slot.youdenJ === pointBase + 7 * j + 6,
    ) &&
    layout.netBenefit.every((slot, g) => slot === gridBase + g) &&
    layout.width === gridBase + layout.netBenefit.length;
  return ok ? { pointBase, gridBase } : null;
}
