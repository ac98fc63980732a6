// MT19937 (Matsumoto & Nishimura 1998), seeded by init_by_array (their 2002 reference code),
// and the bootstrap's draws: a port of src/statistics/resampling/mersenneTwister.ts and of
// resampler.ts's unclustered resamples (see bootstrapKernel.ts for what a port means here).

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
