/**
 * MT19937, the 32-bit Mersenne Twister (Matsumoto & Nishimura 1998, ACM TOMACS 8:3–30),
 * seeded with `init_genrand`, and its 53-bit uniform on [0, 1) built from two outputs as
 * (a >>> 5, b >>> 6) → (a·2²⁶ + b) / 2⁵³ — the same stream as NumPy's `RandomState(seed)
 * .random_sample()` and stdlib's `mt19937.normalized()` (checked in a test).
 * Written out here because the bootstrap draws millions of numbers and a call through a
 * generic generator costs more than the draw itself.
 *
 * Block generation: the same stream, fewer calls. Each twist regenerates all 624 state
 * words; they are tempered at once into `block`, from which the outputs are handed out in
 * order, so a draw is one array read. `fillIndices` hands out a whole run of draws at once.
 */
const N = 624;
const M = 397;
/** The twist's matrix A, applied when the low bit of y is set. */
const MATRIX_A = 0x9908b0df;

/**
 * One step of the twist: state word k from words k, k + 1 (`next`) and k + M (`far`).
 * Branchless: −(y & 1) is all ones when the low bit is set (and 0 when not), so the `&`
 * selects MATRIX_A exactly when the reference `y & 1 ? MATRIX_A : 0` does; a branch on a
 * random bit is mispredicted half the time.
 */
function twisted(word: number, next: number, far: number): number {
  const y = (word & 0x80000000) | (next & 0x7fffffff);
  return (far ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A)) >>> 0;
}

export class MersenneTwister {
  private readonly state = new Uint32Array(N);
  /** The tempered outputs of the current state, handed out from `index` on. */
  private readonly block = new Uint32Array(N);
  private index = N;

  constructor(seed: number) {
    const mt = this.state;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const previous = (mt[i - 1] as number) ^ ((mt[i - 1] as number) >>> 30);
      // 1812433253 · previous + i, in 32-bit arithmetic
      mt[i] = (Math.imul(1812433253, previous) + i) >>> 0;
    }
  }

  /**
   * A generator seeded from a key of 32-bit words by `init_by_array` (Matsumoto & Nishimura's
   * 2002 reference code): the stream of NumPy's `RandomState(key)` for an array key. The
   * bootstrap keys each block of replicates by [seed, block], so that blocks are independent
   * streams that any thread can draw.
   */
  static fromKey(key: readonly number[]): MersenneTwister {
    if (key.length === 0) throw new RangeError('MersenneTwister.fromKey: empty key');
    const generator = new MersenneTwister(19650218);
    const mt = generator.state;
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const previous = (mt[i - 1] as number) ^ ((mt[i - 1] as number) >>> 30);
      // (mt[i] ^ (previous · 1664525)) + key[j] + j, in 32-bit arithmetic
      mt[i] = (((mt[i] as number) ^ Math.imul(previous, 1664525)) + ((key[j] as number) >>> 0) + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1] as number;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const previous = (mt[i - 1] as number) ^ ((mt[i - 1] as number) >>> 30);
      mt[i] = (((mt[i] as number) ^ Math.imul(previous, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1] as number;
        i = 1;
      }
    }
    mt[0] = 0x80000000; // most significant bit set: a non-zero state
    return generator;
  }

  /** Regenerates the state (the twist) and tempers all of it into `block`. */
  private refill(): void {
    const mt = this.state;
    let k = 0;
    for (; k < N - M; k++) mt[k] = twisted(mt[k] as number, mt[k + 1] as number, mt[k + M] as number);
    for (; k < N - 1; k++) mt[k] = twisted(mt[k] as number, mt[k + 1] as number, mt[k + M - N] as number);
    mt[N - 1] = twisted(mt[N - 1] as number, mt[0] as number, mt[M - 1] as number);
    const block = this.block;
    for (let i = 0; i < N; i++) {
      let y = mt[i] as number;
      y ^= y >>> 11;
      y ^= (y << 7) & 0x9d2c5680;
      y ^= (y << 15) & 0xefc60000;
      y ^= y >>> 18;
      block[i] = y; // the Uint32Array store takes it modulo 2³²
    }
    this.index = 0;
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    if (this.index >= N) this.refill();
    return this.block[this.index++] as number;
  }

  /** A uniform double on [0, 1) with 53 random bits. */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /**
   * Draws `pool.length` members of `pool` with replacement, counting each draw in `tally`
   * (tally[member] += 1): the draws of `fillIndices(out, pool.length, pool.length)`, tallied
   * as they are made instead of stored first, because the bootstrap makes millions of them.
   */
  tallyDraws(pool: Int32Array, tally: Int32Array): void {
    const size = pool.length;
    const block = this.block;
    let k = 0;
    while (k < size) {
      if (this.index >= N) this.refill();
      const take = Math.min(size - k, N - this.index);
      let at = this.index;
      for (const end = k + take; k < end; k++, at++) {
        const member = pool[Math.floor(((block[at] as number) * size) / 4294967296)] as number;
        tally[member] = (tally[member] as number) + 1;
      }
      this.index = at;
    }
  }

  /**
   * The next `count` outputs u mapped to indices ⌊u·size / 2³²⌋ in [0, size) (the
   * multiply-shift map; its bias is below size/2³²), into out[0 … count − 1]: the same
   * draws, in the same order, as `count` calls of `nextUint32`, without a call per draw.
   */
  fillIndices(out: Int32Array, count: number, size: number): void {
    if (count > out.length) throw new RangeError('fillIndices: count exceeds out');
    const block = this.block;
    let k = 0;
    while (k < count) {
      if (this.index >= N) this.refill();
      const take = Math.min(count - k, N - this.index);
      let at = this.index;
      for (const end = k + take; k < end; k++, at++) {
        out[k] = Math.floor(((block[at] as number) * size) / 4294967296);
      }
      this.index = at;
    }
  }
}
