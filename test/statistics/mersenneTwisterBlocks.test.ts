// Block generation in MersenneTwister: `fillIndices` must hand out the same draws, in the
// same order, as one `nextUint32` call per draw mapped by ⌊u·size / 2³²⌋ (the bootstrap's
// resamples, and so every result, depend on it), across block boundaries and interleaved
// with the other draws.
import { describe, expect, it } from 'vitest';
import { MersenneTwister } from '../../src/statistics/resampling/mersenneTwister.js';

/**
 * The textbook MT19937 (genrand_int32, one tempered output per call, twisting with a branch),
 * written out plainly: the reference for the block generation beyond the 200 outputs per seed
 * checked against NumPy.
 */
function textbook(seed: number): () => number {
  const mt = new Uint32Array(624);
  mt[0] = seed >>> 0;
  for (let i = 1; i < 624; i++) {
    const previous = (mt[i - 1] as number) ^ ((mt[i - 1] as number) >>> 30);
    mt[i] = (Math.imul(1812433253, previous) + i) >>> 0;
  }
  let index = 624;
  return () => {
    if (index >= 624) {
      for (let k = 0; k < 624; k++) {
        const y = ((mt[k] as number) & 0x80000000) | ((mt[(k + 1) % 624] as number) & 0x7fffffff);
        mt[k] = (mt[(k + 397) % 624] as number) ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      index = 0;
    }
    let y = mt[index++] as number;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  };
}

describe('MersenneTwister block generation', () => {
  it('gives the textbook stream over many blocks', () => {
    for (const seed of [0, 42, 4294967295]) {
      const random = new MersenneTwister(seed);
      const reference = textbook(seed);
      const n = 624 * 5 + 17;
      expect(Array.from({ length: n }, () => random.nextUint32())).toEqual(
        Array.from({ length: n }, reference),
      );
    }
  });
});

const byCalls = (random: MersenneTwister, count: number, size: number) =>
  Array.from({ length: count }, () => Math.floor((random.nextUint32() * size) / 4294967296));

describe('MersenneTwister.fillIndices', () => {
  it('equals one nextUint32 per draw, across block boundaries', () => {
    for (const seed of [0, 1, 42, 4294967295]) {
      const blocks = new MersenneTwister(seed);
      const calls = new MersenneTwister(seed);
      const out = new Int32Array(2000);
      // sizes and counts that straddle the 624-output blocks in different places
      for (const [count, size] of [
        [248, 248],
        [495, 495],
        [1, 1],
        [623, 7],
        [2000, 1_000_000],
        [0, 5],
        [700, 2 ** 21],
      ] as const) {
        blocks.fillIndices(out, count, size);
        expect(Array.from(out.subarray(0, count))).toEqual(byCalls(calls, count, size));
      }
    }
  });

  it('keeps the stream when mixed with nextUint32 and nextDouble', () => {
    const mixed = new MersenneTwister(7);
    const plain = new MersenneTwister(7);
    const out = new Int32Array(600);
    for (let round = 0; round < 5; round++) {
      expect(mixed.nextUint32()).toBe(plain.nextUint32());
      mixed.fillIndices(out, 600, 743);
      expect(Array.from(out)).toEqual(byCalls(plain, 600, 743));
      expect(mixed.nextDouble()).toBe(plain.nextDouble());
    }
  });

  it('refuses more draws than the output holds', () => {
    expect(() => new MersenneTwister(1).fillIndices(new Int32Array(3), 4, 10)).toThrow(RangeError);
  });
});

describe('MersenneTwister.tallyDraws', () => {
  it('tallies the members drawn by one nextUint32 per draw, across block boundaries', () => {
    const tallied = new MersenneTwister(3);
    const calls = new MersenneTwister(3);
    for (const size of [248, 495, 1, 623, 1500]) {
      // a pool of case indices out of order, as the bootstrap's strata are
      const pool = Int32Array.from({ length: size }, (_, i) => (i * 7919) % 2000);
      const tally = new Int32Array(2000);
      tallied.tallyDraws(pool, tally);
      const expected = new Int32Array(2000);
      for (const position of byCalls(calls, size, size)) expected[pool[position] as number]! += 1;
      expect(Array.from(tally)).toEqual(Array.from(expected));
    }
  });
});
