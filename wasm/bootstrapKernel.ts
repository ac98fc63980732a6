// AssemblyScript source of the bootstrap's WebAssembly kernel (compiled by scripts/build-wasm.mjs
// into src/evaluate/bootstrap/wasmBytes.ts; glue in src/evaluate/bootstrap/wasmKernel.ts).
//
// Why WebAssembly: a one-shot run evaluates the bootstrap once, and V8 runs JavaScript
// interpreted until TurboFan has compiled each hot loop, so the first bootstrap in a process
// cost ≈ 3–5× a warm one. WebAssembly is compiled (Liftoff) before its first call.
//
// Every function here is a line-by-line port of its JavaScript counterpart, with the same
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

// ---------------------------------------------------------------------------------------
// MT19937 (Matsumoto & Nishimura 1998), seeded by init_by_array (their 2002 reference code)

const N: i32 = 624;
const M: i32 = 397;
const MATRIX_A: u32 = 0x9908b0df;

let mtState: usize = 0;
let mtBlock: usize = 0;
let mtIndex: i32 = N;

@inline function stateAt(i: i32): u32 {
  return load<u32>(mtState + (<usize>i << 2));
}
@inline function setState(i: i32, v: u32): void {
  store<u32>(mtState + (<usize>i << 2), v);
}

/** Seeds the generator in `state` (624 words; `block` 624 more) by init_by_array([key0, key1]). */
export function mtSeed(state: usize, block: usize, key0: u32, key1: u32): void {
  mtState = state;
  mtBlock = block;
  // init_genrand(19650218)
  setState(0, 19650218);
  for (let i = 1; i < N; i++) {
    const previous = stateAt(i - 1) ^ (stateAt(i - 1) >>> 30);
    setState(i, <u32>(1812433253 * previous + <u32>i));
  }
  let i = 1;
  let j = 0;
  for (let k = N; k > 0; k--) {
    const previous = stateAt(i - 1) ^ (stateAt(i - 1) >>> 30);
    const key = j === 0 ? key0 : key1;
    setState(i, (stateAt(i) ^ (previous * 1664525)) + key + <u32>j);
    i++;
    j++;
    if (i >= N) {
      setState(0, stateAt(N - 1));
      i = 1;
    }
    if (j >= 2) j = 0;
  }
  for (let k = N - 1; k > 0; k--) {
    const previous = stateAt(i - 1) ^ (stateAt(i - 1) >>> 30);
    setState(i, (stateAt(i) ^ (previous * 1566083941)) - <u32>i);
    i++;
    if (i >= N) {
      setState(0, stateAt(N - 1));
      i = 1;
    }
  }
  setState(0, 0x80000000);
  mtIndex = N;
}

@inline function twisted(word: u32, next: u32, far: u32): u32 {
  const y = (word & 0x80000000) | (next & 0x7fffffff);
  return far ^ (y >>> 1) ^ (<u32>-(<i32>(y & 1)) & MATRIX_A);
}

function refill(): void {
  let k = 0;
  for (; k < N - M; k++) setState(k, twisted(stateAt(k), stateAt(k + 1), stateAt(k + M)));
  for (; k < N - 1; k++) setState(k, twisted(stateAt(k), stateAt(k + 1), stateAt(k + M - N)));
  setState(N - 1, twisted(stateAt(N - 1), stateAt(0), stateAt(M - 1)));
  for (let i = 0; i < N; i++) {
    let y = stateAt(i);
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    store<u32>(mtBlock + (<usize>i << 2), y);
  }
  mtIndex = 0;
}

/** The draw ⌊u·size / 2³²⌋ of output u, in doubles as the JavaScript computes it. */
@inline function drawIndex(u: u32, size: i32): i32 {
  return <i32>Math.floor((<f64>u * <f64>size) / 4294967296.0);
}

/**
 * The same draw in integers, for pools of fewer than 2²¹ members: u·size < 2⁵³ is then exact
 * in doubles, and dividing by 2³² is exact too, so ⌊u·size / 2³²⌋ computed in doubles is
 * the integer (u·size) >> 32, without the double division and rounding.
 */
@inline function smallDrawIndex(u: u32, size: i32): i32 {
  return <i32>((<u64>u * <u64>size) >>> 32);
}

/** Pools below this size draw with smallDrawIndex. */
const SMALL_POOL: i32 = 1 << 21;

/** MersenneTwister.tallyDraws: `size` draws from `pool`, tally[member] += 1 for each. */
function tallyDraws(pool: usize, size: i32, tally: usize): void {
  let k = 0;
  const small = size < SMALL_POOL;
  while (k < size) {
    if (mtIndex >= N) refill();
    const take = min(size - k, N - mtIndex);
    let at = mtIndex;
    const end = k + take;
    if (small) {
      for (; k < end; k++, at++) {
        const u = load<u32>(mtBlock + (<usize>at << 2));
        const slot = tally + (<usize>load<i32>(pool + (<usize>smallDrawIndex(u, size) << 2)) << 2);
        store<i32>(slot, load<i32>(slot) + 1);
      }
    } else {
      for (; k < end; k++, at++) {
        const u = load<u32>(mtBlock + (<usize>at << 2));
        const slot = tally + (<usize>load<i32>(pool + (<usize>drawIndex(u, size) << 2)) << 2);
        store<i32>(slot, load<i32>(slot) + 1);
      }
    }
    mtIndex = at;
  }
}

/** MersenneTwister.fillIndices: the next `count` draws in [0, size) into out. */
export function fillIndices(out: usize, count: i32, size: i32): void {
  let k = 0;
  while (k < count) {
    if (mtIndex >= N) refill();
    const take = min(count - k, N - mtIndex);
    let at = mtIndex;
    for (const end = k + take; k < end; k++, at++) {
      store<i32>(out + (<usize>k << 2), drawIndex(load<u32>(mtBlock + (<usize>at << 2)), size));
    }
    mtIndex = at;
  }
}

/**
 * A resample's multiplicities into `weights` (n words), as resampler.ts draws them without
 * clusters: stratified, the positives' draws then the negatives'; otherwise n draws from all.
 */
export function resample(
  weights: usize,
  n: i32,
  stratified: i32,
  positives: usize,
  positiveCount: i32,
  negatives: usize,
  negativeCount: i32,
  all: usize,
): void {
  memory.fill(weights, 0, <usize>n << 2);
  if (stratified) {
    tallyDraws(positives, positiveCount, weights);
    tallyDraws(negatives, negativeCount, weights);
  } else {
    tallyDraws(all, n, weights);
  }
}

// ---------------------------------------------------------------------------------------
// The fused weighted ROC pass (weightedRocPass.ts)

/** Fields of the pass's result record (doubles at `result`). */
const POSITIVES = 0;
const NEGATIVES = 1;
const AUC = 2;
const AVERAGE_PRECISION = 3;
const MAXIMUM_F1 = 4;
const POSITIVE_STEPS = 5;
const NEGATIVE_STEPS = 6;

@inline function f64At(base: usize, i: i32): f64 {
  return load<f64>(base + (<usize>i << 3));
}
@inline function setF64(base: usize, i: i32, v: f64): void {
  store<f64>(base + (<usize>i << 3), v);
}
@inline function i32At(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
}

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

// ---------------------------------------------------------------------------------------
// The statistics of a replicate (writeModelStatistics in kernel.ts), partial AUCs aside

@inline function ratio(a: f64, b: f64): f64 {
  return b === 0 ? NaN : a / b;
}

/**
 * Writes AUC, average precision, maximum F1 (statistics 0–2), the seven measures of each of
 * `points` operating points (from statistic `pointBase`, at the distinct-value indices
 * `pointIndices`) and the net benefit at each of `gridCount` decision thresholds (from
 * statistic `gridBase`, at `gridIndices`, exchange rates `odds`) of the curve just passed;
 * statistic s to out + s·stride bytes.
 */
export function writeStatistics(
  truePositives: usize,
  falsePositives: usize,
  groups: i32,
  result: usize,
  pointIndices: usize,
  points: i32,
  pointBase: i32,
  gridIndices: usize,
  gridCount: i32,
  gridBase: i32,
  odds: usize,
  out: usize,
  stride: i32,
): void {
  const P = f64At(result, POSITIVES);
  const Nn = f64At(result, NEGATIVES);
  const st = <usize>stride;
  store<f64>(out, f64At(result, AUC));
  store<f64>(out + st, f64At(result, AVERAGE_PRECISION));
  store<f64>(out + 2 * st, f64At(result, MAXIMUM_F1));
  let at = out + <usize>pointBase * st;
  for (let j = 0; j < points; j++) {
    const index = i32At(pointIndices, j);
    const tp = index < groups ? f64At(truePositives, index) : 0.0;
    const fp = index < groups ? f64At(falsePositives, index) : 0.0;
    const fn = P - tp;
    const tn = Nn - fp;
    const sensitivity = ratio(tp, P);
    const specificity = ratio(tn, Nn);
    store<f64>(at, sensitivity);
    store<f64>(at + st, specificity);
    store<f64>(at + 2 * st, ratio(tp, tp + fp));
    store<f64>(at + 3 * st, ratio(tn, tn + fn));
    store<f64>(at + 4 * st, ratio(tp + tn, P + Nn));
    store<f64>(at + 5 * st, ratio(2 * tp, 2 * tp + fp + fn));
    store<f64>(at + 6 * st, sensitivity + specificity - 1);
    at += 7 * st;
  }
  const total = P + Nn;
  at = out + <usize>gridBase * st;
  for (let g = 0; g < gridCount; g++) {
    const index = i32At(gridIndices, g);
    const tp = index < groups ? f64At(truePositives, index) : 0.0;
    const fp = index < groups ? f64At(falsePositives, index) : 0.0;
    store<f64>(at, (tp - fp * f64At(odds, g)) / total);
    at += st;
  }
}

// ---------------------------------------------------------------------------------------
// Partial AUCs (partialAuc.ts: segmentArea, partialAreaRaw, mcclishStandardised; and
// specificityPartialArea in weightedRocPass.ts)

@inline function segmentArea(x0: f64, y0: f64, x1: f64, y1: f64, from: f64, to: f64): f64 {
  if (x1 <= x0) return 0;
  const lo = from > x0 ? from : x0;
  const hi = to < x1 ? to : x1;
  if (hi <= lo) return 0;
  const slope = (y1 - y0) / (x1 - x0);
  return ((y0 + slope * (lo - x0) + y0 + slope * (hi - x0)) / 2) * (hi - lo);
}

/** specificityPartialArea: over the horizontal steps (from entry `groups` of `steps`). */
function specificityPartialArea(
  truePositives: usize,
  falsePositives: usize,
  groups: i32,
  steps: usize,
  negativeStepCount: i32,
  positives: f64,
  negatives: f64,
  from: f64,
  to: f64,
): f64 {
  let count = 0;
  while (count < negativeStepCount) {
    const above = i32At(steps, groups + count) + 1;
    if ((above < groups ? 1 - f64At(falsePositives, above) / negatives : 1.0) <= from) break;
    count++;
  }
  let area: f64 = 0;
  for (let i = count - 1; i >= 0; i--) {
    const j = i32At(steps, groups + i);
    const x0 = 1 - f64At(falsePositives, j) / negatives;
    const y0 = f64At(truePositives, j) / positives;
    const x1 = j + 1 < groups ? 1 - f64At(falsePositives, j + 1) / negatives : 1.0;
    const y1 = j + 1 < groups ? f64At(truePositives, j + 1) / positives : 0.0;
    area += segmentArea(x0, y0, x1, y1, from, to);
  }
  return area;
}

/** partialAreaRaw(curve, 'sensitivity', from, to). */
function sensitivityPartialArea(
  truePositives: usize,
  falsePositives: usize,
  groups: i32,
  positives: f64,
  negatives: f64,
  from: f64,
  to: f64,
): f64 {
  let area: f64 = 0;
  let previousX: f64 = 0;
  let previousY: f64 = 1;
  for (let k = groups - 1; k >= -1; k--) {
    const x = k >= 0 ? f64At(truePositives, k) / positives : 1.0;
    const y = k >= 0 ? 1 - f64At(falsePositives, k) / negatives : 0.0;
    area += segmentArea(previousX, previousY, x, y, from, to);
    if (x >= to) break;
    previousX = x;
    previousY = y;
  }
  return area;
}

/** mcclishStandardised (DIAGONAL_TOLERANCE 1e-10). */
@inline function mcclishStandardised(raw: f64, from: f64, to: f64): f64 {
  const maximum = to - from;
  const minimum = to - from - (to * to - from * from) / 2;
  if (Math.abs(raw - minimum) <= 1e-10 * maximum) return 0.5;
  if (raw < minimum) return NaN;
  return (1 + (raw - minimum) / (maximum - minimum)) / 2;
}

/**
 * The partial AUCs of the curve just passed, as writeModelStatistics writes them: `count`
 * ranges at `ranges`, 5 doubles each (focus: 0 specificity, 1 sensitivity; from; to; the raw
 * and the McClish statistic's index), statistic s to out + s·stride bytes.
 */
export function writePartialAucs(
  truePositives: usize,
  falsePositives: usize,
  groups: i32,
  steps: usize,
  result: usize,
  ranges: usize,
  count: i32,
  out: usize,
  stride: i32,
): void {
  const positives = f64At(result, POSITIVES);
  const negatives = f64At(result, NEGATIVES);
  const negativeStepCount = <i32>f64At(result, NEGATIVE_STEPS);
  for (let r = 0; r < count; r++) {
    const range = ranges + <usize>(40 * r);
    const from = f64At(range, 1);
    const to = f64At(range, 2);
    let raw: f64 = NaN;
    if (positives > 0 && negatives > 0) {
      raw =
        f64At(range, 0) === 0
          ? specificityPartialArea(
              truePositives,
              falsePositives,
              groups,
              steps,
              negativeStepCount,
              positives,
              negatives,
              from,
              to,
            )
          : sensitivityPartialArea(truePositives, falsePositives, groups, positives, negatives, from, to);
    }
    store<f64>(out + <usize>(<i32>f64At(range, 3) * stride), raw);
    store<f64>(out + <usize>(<i32>f64At(range, 4) * stride), mcclishStandardised(raw, from, to));
  }
}

// ---------------------------------------------------------------------------------------
// One weighting of the cases, every model

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

// ---------------------------------------------------------------------------------------
// Percentile summaries (summarise in summaries.ts, percentileInterval in bootstrapIntervals.ts)

const TAIL_MINIMUM_VALUES: i32 = 256;
const TAIL_SAMPLE_SIZE: i32 = 128;
const MAX_UNDEFINED_SHARE: f64 = 0.01;

/** selectInPlace: the k-th smallest of the `length` values at `values` (Hoare, median of three). */
function selectInPlace(values: usize, length: i32, k: i32): f64 {
  let lo = 0;
  let hi = length - 1;
  while (hi > lo) {
    const mid = <i32>(<u32>(lo + hi) >>> 1);
    let a = f64At(values, lo);
    let b = f64At(values, mid);
    const c = f64At(values, hi);
    if (a > b) {
      const t = a;
      a = b;
      b = t;
    }
    const pivot = c < a ? a : c > b ? b : c;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (f64At(values, i) < pivot) i++;
      while (f64At(values, j) > pivot) j--;
      if (i <= j) {
        const t = f64At(values, i);
        setF64(values, i, f64At(values, j));
        setF64(values, j, t);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return f64At(values, k);
  }
  return f64At(values, k);
}

/** quantileOfPart: the type-7 quantile at h of n values from a part holding ranks skipped onwards. */
function quantileOfPart(part: usize, length: i32, skipped: i32, h: f64, n: i32): f64 {
  const lo = Math.floor(h);
  const k = <i32>lo - skipped;
  const low = selectInPlace(part, length, k);
  if (lo + 1 >= <f64>n || h === lo) return low;
  let high = Infinity;
  for (let i = k + 1; i < length; i++) if (f64At(part, i) < high) high = f64At(part, i);
  return low + (h - lo) * (high - low);
}

function cutOffRank(depth: f64, n: i32): i32 {
  const expected = (<f64>TAIL_SAMPLE_SIZE * depth) / <f64>n;
  const rank = Math.ceil(expected + 3 * Math.sqrt(expected) + 1);
  return depth <= <f64>n / 8 && rank < <f64>TAIL_SAMPLE_SIZE ? <i32>rank : -1;
}

let lowerBound: f64 = 0;
let upperBound: f64 = 0;

/**
 * percentileInterval of the n values at `values` (rearranged), with `sample` (128 doubles),
 * `lowerTail` and `upperTail` (n doubles each) as working space: to lowerBound, upperBound.
 */
function percentileInterval(
  values: usize,
  n: i32,
  level: f64,
  sample: usize,
  lowerTail: usize,
  upperTail: usize,
): void {
  const alpha = 1 - level;
  const hLower = <f64>(n - 1) * (alpha / 2);
  const hUpper = <f64>(n - 1) * (1 - alpha / 2);
  const lowerDepth = min(<f64>n, Math.floor(hLower) + 2);
  const upperDepth = <f64>n - Math.floor(hUpper);
  const lowerRank = n < TAIL_MINIMUM_VALUES ? -1 : cutOffRank(lowerDepth, n);
  const upperRank = n < TAIL_MINIMUM_VALUES ? -1 : cutOffRank(upperDepth, n);
  let lowerCount = 0;
  let upperCount = 0;
  if (lowerRank >= 0 || upperRank >= 0) {
    for (let j = 0; j < TAIL_SAMPLE_SIZE; j++) {
      setF64(sample, j, f64At(values, <i32>Math.floor((<f64>j * <f64>n) / <f64>TAIL_SAMPLE_SIZE)));
    }
    const lowerCut = lowerRank >= 0 ? selectInPlace(sample, TAIL_SAMPLE_SIZE, lowerRank) : -Infinity;
    const upperCut =
      upperRank >= 0 ? selectInPlace(sample, TAIL_SAMPLE_SIZE, TAIL_SAMPLE_SIZE - 1 - upperRank) : Infinity;
    for (let i = 0; i < n; i++) {
      const v = f64At(values, i);
      setF64(lowerTail, lowerCount, v);
      lowerCount += <i32>(v <= lowerCut);
      setF64(upperTail, upperCount, v);
      upperCount += <i32>(v >= upperCut);
    }
  }
  lowerBound =
    <f64>lowerCount >= lowerDepth
      ? quantileOfPart(lowerTail, lowerCount, 0, hLower, n)
      : quantileOfPart(values, n, 0, hLower, n);
  upperBound =
    <f64>upperCount >= upperDepth
      ? quantileOfPart(upperTail, upperCount, n - upperCount, hUpper, n)
      : quantileOfPart(values, n, 0, hUpper, n);
}

/**
 * summarise(series [− minus], { level, kind: 'percentile' }) of `total` values, written as
 * summariseBlock writes it: lower, upper, p, undefined share, SD, 1 (or NaN × 5, 0 when the
 * summary is null) to `out`. `hasMinus` 0: no second series. `scratch` holds total doubles,
 * `lowerTail`, `upperTail` as many, `sample` 128.
 */
export function summarise(
  series: usize,
  minus: usize,
  hasMinus: i32,
  total: i32,
  level: f64,
  scratch: usize,
  sample: usize,
  lowerTail: usize,
  upperTail: usize,
  out: usize,
): void {
  const first = total > 0 ? f64At(series, 0) - (hasMinus ? f64At(minus, 0) : 0.0) : 0.0;
  const shift = first - first === 0 ? first : 0.0;
  let count = 0;
  let sum: f64 = 0;
  let squares: f64 = 0;
  let atOrBelow = 0;
  let atOrAbove = 0;
  for (let i = 0; i < total; i++) {
    const v = hasMinus ? f64At(series, i) - f64At(minus, i) : f64At(series, i);
    if (v - v !== 0) continue;
    setF64(scratch, count++, v);
    const d = v - shift;
    sum += d;
    squares += d * d;
    atOrBelow += <i32>(v <= 0);
    atOrAbove += <i32>(v >= 0);
  }
  const undefinedShare = 1 - <f64>count / <f64>total;
  if (count === 0 || undefinedShare > MAX_UNDEFINED_SHARE) {
    for (let f = 0; f < 5; f++) setF64(out, f, NaN);
    setF64(out, 5, 0);
    return;
  }
  // pValueFromCounts
  const p = min(1.0, max(1.0, 2 * <f64>min(atOrBelow, atOrAbove)) / <f64>count);
  percentileInterval(scratch, count, level, sample, lowerTail, upperTail);
  const c = <f64>count;
  const variance = max(0.0, (squares - (sum * sum) / c) / max(1.0, c - 1));
  setF64(out, 0, lowerBound);
  setF64(out, 1, upperBound);
  setF64(out, 2, p);
  setF64(out, 3, undefinedShare);
  setF64(out, 4, Math.sqrt(variance));
  setF64(out, 5, 1);
}

/** Where the JavaScript glue may lay out its arrays. */
export function heapBase(): usize {
  return __heap_base;
}
