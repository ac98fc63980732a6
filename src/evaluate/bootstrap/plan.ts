/**
 * A bootstrap prepared once before its blocks run: each model's scores sorted once
 * (weightedRocPass.ts), its thresholds located on them, the scratch space of one thread, and
 * how many blocks of each kind there are.
 */
import { sortScores, thresholdIndex } from '../../statistics/rocCurve.js';
import {
  planRocPass,
  rocPassOutput,
  type RocPassOutput,
  type RocPassPlan,
} from '../../statistics/weightedRocPass.js';
import { clusterMembers } from '../../statistics/resampling/resampler.js';
import { JACKKNIFE_UNITS_PER_BLOCK, REPLICATES_PER_BLOCK, type BootstrapInput } from './input.js';
import { modelLayout, type ModelLayout } from './layout.js';
import { SUMMARIES_PER_BLOCK } from './summaries.js';
import { kernelLayout, planWasmKernel, type WasmPlan } from './wasmPlan.js';

/** What one model needs in every replicate, prepared once. */
export interface ModelPreparation {
  plan: RocPassPlan;
  /** Reused output of the fused pass (the weighted curve and its summaries). */
  pass: RocPassOutput;
  /** Distinct-value index of each fixed operating-point threshold. */
  pointIndices: Int32Array;
  /** Distinct-value index of each decision-curve threshold. */
  gridIndices: Int32Array;
}

/** Net benefit's exchange rate t/(1 − t) at each decision threshold t (Vickers & Elkin 2006). */
function thresholdOdds(thresholds: readonly number[], into?: Float64Array): Float64Array {
  const odds = into ?? new Float64Array(thresholds.length);
  for (let g = 0; g < thresholds.length; g++)
    odds[g] = (thresholds[g] as number) / (1 - (thresholds[g] as number));
  return odds;
}

/**
 * Replicates are evaluated into a small replicate-major buffer (row j: the `width` statistics
 * of one replicate) and copied to the stat-major series a buffer at a time: writing every
 * replicate straight into `width` series far apart in memory would touch as many memory
 * pages per replicate, which costs more than computing the statistics.
 */
export const BUFFER_ROWS = 16;

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
  /**
   * The WebAssembly kernel's instance and memory (wasmPlan.ts), which the arrays above then
   * live in; null: the JavaScript kernel runs (same results).
   */
  wasm: WasmPlan | null;
  /** Where the operating points' and the net benefits' statistics begin (for the WebAssembly kernel). */
  pointBase: number;
  gridBase: number;
}

export function planBootstrap(input: BootstrapInput): BootstrapPlan {
  const n = input.labels.length;
  const layout = modelLayout(
    input.rules.length,
    input.partialAucRanges.length,
    input.decisionThresholds.length,
  );
  const sortedScores = input.scores.map((scores, m) => input.sorted?.[m] ?? sortScores(scores));
  const negativeSteps = input.partialAucRanges.some((range) => range.focus === 'specificity');
  const bases = kernelLayout(layout);
  // the cases of each cluster (resampled whole; the jackknife leaves one out at a time)
  const members = input.clusters
    ? clusterMembers(
        input.clusters,
        Array.from({ length: n }, (_, i) => i),
      )
    : null;
  const wasm = bases
    ? planWasmKernel(
        input,
        sortedScores.map((sorted) => sorted.values.length),
        layout,
        members,
        bases,
      )
    : null;
  const preparations: ModelPreparation[] = sortedScores.map((sorted, m) => {
    const space = wasm?.models[m];
    const plan = planRocPass(sorted, input.labels, {
      negativeSteps,
      ...(space ? { into: space.packedView } : {}),
    });
    const indexOf = (t: number) => thresholdIndex(sorted.values, t);
    const indices = (into: Int32Array | undefined, values: readonly number[]) => {
      const array = into ?? new Int32Array(values.length);
      for (let j = 0; j < values.length; j++) array[j] = indexOf(values[j] as number);
      return array;
    };
    return {
      plan,
      pass: rocPassOutput(plan, space?.passArrays),
      pointIndices: indices(space?.pointView, input.thresholds[m] as number[]),
      gridIndices: indices(space?.gridView, input.decisionThresholds),
    };
  });
  // the jackknife leaves out one resampling unit at a time: a case, or a whole cluster
  const clusterUnits = input.withJackknife ? members : null;
  const jackknifeUnits = clusterUnits ? clusterUnits.length : n;
  const summaryEntries = input.percentileSummaries
    ? (input.scores.length + input.percentileSummaries.pairs.length) * layout.width
    : 0;
  return {
    input,
    layout,
    preparations,
    odds: thresholdOdds(input.decisionThresholds, wasm?.oddsView),
    rederived: wasm ? wasm.rederivedView : new Int32Array(input.rules.length),
    buffers: input.scores.map(() => new Float64Array(layout.width * BUFFER_ROWS)),
    replicateBlocks: Math.ceil(input.replicates / REPLICATES_PER_BLOCK),
    jackknifeBlocks: input.withJackknife ? Math.ceil(jackknifeUnits / JACKKNIFE_UNITS_PER_BLOCK) : 0,
    jackknifeUnits,
    clusterUnits,
    summaryBlocks: Math.ceil(summaryEntries / SUMMARIES_PER_BLOCK),
    summaryEntries,
    wasm,
    pointBase: bases?.pointBase ?? -1,
    gridBase: bases?.gridBase ?? -1,
  };
}

/** Blocks of replicates and of jackknife units: the work before the summaries. */
export function dataBlocks(plan: BootstrapPlan): number {
  return plan.replicateBlocks + plan.jackknifeBlocks;
}

/** All blocks of the plan's work: data blocks, then summary blocks. */
export function allBlocks(plan: BootstrapPlan): number {
  return dataBlocks(plan) + plan.summaryBlocks;
}
