// AssemblyScript source of the bootstrap's WebAssembly kernel (compiled by scripts/build-wasm.mjs
// into src/evaluate/bootstrap/wasmBytes.ts; the JavaScript side is wasmMemory.ts, wasmPlan.ts and
// wasmBlocks.ts beside it).
//
// Why WebAssembly: a one-shot run evaluates the bootstrap once, and V8 runs JavaScript
// interpreted until TurboFan has compiled each hot loop, so the first bootstrap in a process
// cost ≈ 3–5× a warm one. WebAssembly runs compiled from its first call (V8's baseline compiler,
// Liftoff, compiles a function in well under a millisecond; hot ones move to TurboFan later).
//
// The parts: mersenneTwister.ts (seeding, draws, resamples), rocPass.ts (the fused pass),
// statistics.ts (a replicate's statistics), summaries.ts (percentile summaries); here, the
// call that evaluates every model of one replicate, and the exports.
//
// Every function is a line-by-line port of its JavaScript counterpart, with the same
// IEEE-754 double operations in the same order (WebAssembly's f64 arithmetic, floor, sqrt,
// min and max are those of JavaScript for the values met here: finite, or NaN), so the
// results are bit for bit those of the JavaScript kernel; test/evaluate/wasmKernel.test.ts
// compares the two. The counterparts:
// - MT19937 seeding, twist and draws: src/statistics/resampling/mersenneTwister.ts
// - the fused weighted ROC pass and its sums: src/statistics/weightedRocPass.ts
// - the statistics of a replicate: writeModelStatistics in src/evaluate/bootstrap/kernel.ts
// - the percentile summaries: summarise (src/evaluate/bootstrap/summaries.ts) and
//   percentileInterval (src/statistics/resampling/bootstrapIntervals.ts)
//
// Memory is laid out by the JavaScript glue (which passes byte addresses); nothing here
// allocates. Integer arrays are 32-bit, real arrays 64-bit.

import { i32At } from './memory';
import { rocPass } from './rocPass';
import { writePartialAucs, writeStatistics } from './statistics';

export { fillIndices, mtSeed, resample } from './mersenneTwister';
export { rocPass } from './rocPass';
export { writePartialAucs, writeStatistics } from './statistics';
export { summarise } from './summaries';

/**
 * Every model under the weights at `weights`: the pass, its statistics and partial AUCs into
 * row `row` of each model's block statistics (the JavaScript's evaluateWeighting, thresholds
 * fixed). The plan's record at `plan` (32-bit words): n, weights, models, points, pointBase,
 * gridCount, gridBase, odds, ranges, rangeCount, stride (bytes), then per model: packedCases,
 * truePositives, falsePositives, steps, groups, negativeSteps, result, pointIndices,
 * gridIndices, statistics.
 */
export function evaluateModels(plan: usize, row: i32): void {
  const n = i32At(plan, 0);
  const weights = <usize>i32At(plan, 1);
  const models = i32At(plan, 2);
  const stride = i32At(plan, 10);
  for (let m = 0; m < models; m++) {
    const model = plan + <usize>(44 + 40 * m);
    const truePositives = <usize>i32At(model, 1);
    const falsePositives = <usize>i32At(model, 2);
    const steps = <usize>i32At(model, 3);
    const groups = i32At(model, 4);
    const result = <usize>i32At(model, 6);
    const out = <usize>i32At(model, 9) + <usize>(8 * row);
    rocPass(<usize>i32At(model, 0), n, weights, truePositives, falsePositives, steps, groups, i32At(model, 5), result);
    writeStatistics(
      truePositives,
      falsePositives,
      groups,
      result,
      <usize>i32At(model, 7),
      i32At(plan, 3),
      i32At(plan, 4),
      <usize>i32At(model, 8),
      i32At(plan, 5),
      i32At(plan, 6),
      <usize>i32At(plan, 7),
      out,
      stride,
    );
    writePartialAucs(truePositives, falsePositives, groups, steps, result, <usize>i32At(plan, 8), i32At(plan, 9), out, stride);
  }
}

/** Where the JavaScript glue may lay out its arrays. */
export function heapBase(): usize {
  return __heap_base;
}
