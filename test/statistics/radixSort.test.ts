// The radix sort of doubles (radixSort.ts) must give exactly the permutation of a stable
// comparator sort: ties (−0 and +0 included) keep their input order.
import { describe, expect, it } from 'vitest';
import { sortByDouble } from '../../src/statistics/radixSort.js';
import { ascendingOrder, midranks } from '../../src/statistics/ranks.js';

function comparatorOrder(values: ArrayLike<number>): Uint32Array {
  const order = Uint32Array.from({ length: values.length }, (_, i) => i);
  return order.sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
}

/** A seeded 32-bit linear congruential generator (uniform in (0, 1)). */
function uniforms(seed: number): () => number {
  let state = seed;
  return () => {
    state = (69069 * state + 1) % 4294967296;
    return (state + 0.5) / 4294967296;
  };
}

function generated(n: number, seed: number, kind: 'probabilities' | 'wide' | 'few'): Float64Array {
  const u = uniforms(seed);
  const special = [0, -0, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE];
  return Float64Array.from({ length: n }, () => {
    if (kind === 'probabilities') return Math.round(u() * 1e4) / 1e4;
    if (kind === 'few') return Math.floor(u() * 5) - 2;
    const r = u();
    if (r < 0.01) return special[Math.floor(u() * special.length)] as number;
    return (u() - 0.5) * 10 ** Math.floor(u() * 40 - 20);
  });
}

describe('radix sort of doubles', () => {
  it.each([
    { n: 20000, kind: 'probabilities' },
    { n: 20000, kind: 'wide' },
    { n: 20000, kind: 'few' },
    { n: 5000, kind: 'wide' },
    // below RADIX_FROM: the comparator path
    { n: 743, kind: 'probabilities' },
    { n: 743, kind: 'wide' },
    { n: 743, kind: 'few' },
    { n: 7, kind: 'wide' },
    { n: 0, kind: 'few' },
  ] as const)('$n $kind values: the stable comparator order', ({ n, kind }) => {
    const values = generated(n, n + kind.length, kind);
    const expected = comparatorOrder(values);
    const order = Uint32Array.from({ length: n }, (_, i) => i);
    sortByDouble(order, values);
    expect(order).toEqual(expected);
    expect(ascendingOrder(values)).toEqual(expected);
  });

  it.each([10000, 1000])('sorts an existing order of %i stably (ties keep their order in it)', (n) => {
    const values = generated(n, 11, 'few');
    const start = Uint32Array.from({ length: values.length }, (_, i) => values.length - 1 - i);
    const order = start.slice();
    sortByDouble(order, values);
    const expected = Array.from(start).sort(
      (a, b) => (values[a] as number) - (values[b] as number) || start.indexOf(a) - start.indexOf(b),
    );
    expect(Array.from(order)).toEqual(expected);
  });

  it('midranks of a large array with ties equal those from the comparator order', () => {
    const values = generated(30000, 5, 'probabilities');
    const order = comparatorOrder(values);
    const expected = new Float64Array(values.length);
    for (let i = 0; i < values.length;) {
      let j = i;
      while (j + 1 < values.length && values[order[j + 1] as number] === values[order[i] as number]) j++;
      for (let k = i; k <= j; k++) expected[order[k] as number] = (i + j) / 2 + 1;
      i = j + 1;
    }
    expect(midranks(values)).toEqual(expected);
  });
});
