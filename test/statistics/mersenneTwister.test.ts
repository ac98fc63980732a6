// The bootstrap's MT19937 against NumPy's RandomState (values written by
// test/reference/mersenne_twister.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MersenneTwister } from '../../src/statistics/resampling/mersenneTwister.js';

const reference = JSON.parse(readFileSync('test/reference/expected/mersenne_twister.json', 'utf8')) as {
  seeds: { seed: number; uint32: number[]; doubles: number[] }[];
  keys: { key: number[]; uint32: number[] }[];
};

describe('MersenneTwister reproduces NumPy RandomState', () => {
  for (const { seed, uint32, doubles } of reference.seeds) {
    it(`seed ${seed}`, () => {
      const raw = new MersenneTwister(seed);
      expect(uint32.map(() => raw.nextUint32())).toEqual(uint32);
      const uniform = new MersenneTwister(seed);
      expect(doubles.map(() => uniform.nextDouble())).toEqual(doubles);
    });
  }
});

describe('MersenneTwister.fromKey reproduces NumPy RandomState(array) (init_by_array)', () => {
  for (const { key, uint32 } of reference.keys) {
    it(`key [${key.join(', ')}]`, () => {
      const raw = MersenneTwister.fromKey(key);
      expect(uint32.map(() => raw.nextUint32())).toEqual(uint32);
    });
  }
});
