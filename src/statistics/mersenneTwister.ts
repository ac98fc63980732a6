/**
 * MT19937, the 32-bit Mersenne Twister (Matsumoto & Nishimura 1998, ACM TOMACS 8:3–30),
 * seeded with `init_genrand`, and its 53-bit uniform on [0, 1) built from two outputs as
 * (a >>> 5, b >>> 6) → (a·2²⁶ + b) / 2⁵³ — the same stream as NumPy's `RandomState(seed)
 * .random_sample()` and stdlib's `mt19937.normalized()` (checked in a test).
 * Written out here because the bootstrap draws millions of numbers and a call through a
 * generic generator costs more than the draw itself.
 */
const N = 624;
const M = 397;

export class MersenneTwister {
  private readonly state = new Uint32Array(N);
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

  private twist(): void {
    const mt = this.state;
    let k = 0;
    for (; k < N - M; k++) {
      const y = ((mt[k] as number) & 0x80000000) | ((mt[k + 1] as number) & 0x7fffffff);
      mt[k] = (mt[k + M] as number) ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    for (; k < N - 1; k++) {
      const y = ((mt[k] as number) & 0x80000000) | ((mt[k + 1] as number) & 0x7fffffff);
      mt[k] = (mt[k + M - N] as number) ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    const y = ((mt[N - 1] as number) & 0x80000000) | ((mt[0] as number) & 0x7fffffff);
    mt[N - 1] = (mt[M - 1] as number) ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    this.index = 0;
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    if (this.index >= N) this.twist();
    let y = this.state[this.index++] as number;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A uniform double on [0, 1) with 53 random bits. */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
}
