// The radix canonical order equals the comparator order it replaced (cluster, outcome, each
// model's score, subgroup values, id; ties by row), on generated data with many ties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arrangeCases,
  canonicalOrder,
  firstScoreOrder,
  inCanonicalOrder,
} from '../../src/evaluate/canonicalOrder.js';
import { ascendingOrder } from '../../src/statistics/ranks.js';
import {
  fixedPointKeys,
  sortByScore,
  sortedByScore,
  SortWorkspace,
} from '../../src/evaluate/fixedPointOrder.js';
import { groupSorted } from '../../src/statistics/confusion.js';
import { sortByDouble } from '../../src/statistics/radixSort.js';
import type { CaseData } from '../../src/load/loadStudy.js';

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The comparator sort that canonicalOrder used before the radix passes (the reference). */
function comparatorOrder(data: CaseData): number[] {
  const { clusters, labels, scores, ids } = data;
  const subgroupColumns = [...data.subgroupValues.values()];
  return Array.from({ length: data.labels.length }, (_, i) => i).sort((a, b) => {
    if (clusters) {
      const d = (clusters[a] as number) - (clusters[b] as number);
      if (d !== 0) return d;
    }
    const d = (labels[a] as number) - (labels[b] as number);
    if (d !== 0) return d;
    for (const s of scores) {
      const e = (s[a] as number) - (s[b] as number);
      if (e !== 0) return e;
    }
    for (const values of subgroupColumns) {
      const e = compareText(values[a] as string, values[b] as string);
      if (e !== 0) return e;
    }
    return ids ? compareText(ids[a] as string, ids[b] as string) : 0;
  });
}

/** Scores written with a fixed number of decimals (fixed-point keys, radixOrder.ts), −0 among them. */
const fixedPointColumn = (n: number) =>
  fc
    .record({
      decimals: fc.integer({ min: 0, max: 9 }),
      spread: fc.constantFrom(3, 1000, 2 ** 21, 2 ** 30),
      shift: fc.integer({ min: -5, max: 5 }),
    })
    .chain(({ decimals, spread, shift }) =>
      fc.array(
        fc.oneof(
          {
            weight: 20,
            arbitrary: fc.integer({ min: 0, max: spread }).map((k) => (k + shift) / 10 ** decimals),
          },
          { weight: 1, arbitrary: fc.constant(-0) },
        ),
        { minLength: n, maxLength: n },
      ),
    );

const score = fc.oneof(
  fc.constantFrom(0, -0, 1, 0.5, -1e308, 1e308, 5e-324, -5e-324),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -3, max: 3 }).map((v) => v / 4),
);

const cases = fc
  .record({
    n: fc.integer({ min: 1, max: 60 }),
    models: fc.integer({ min: 1, max: 3 }),
    clustered: fc.boolean(),
    withIds: fc.boolean(),
    subgroups: fc.integer({ min: 0, max: 2 }),
    seed: fc.integer(),
  })
  .chain(({ n, models, clustered, withIds, subgroups }) =>
    fc.record({
      labels: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
      scores: fc.array(fc.array(score, { minLength: n, maxLength: n }), {
        minLength: models,
        maxLength: models,
      }),
      clusters: clustered
        ? fc.array(fc.integer({ min: 0, max: 70_000 }), { minLength: n, maxLength: n })
        : fc.constant(null),
      ids: withIds
        ? fc.uniqueArray(fc.string({ maxLength: 4 }), { minLength: n, maxLength: n })
        : fc.constant(null),
      subgroups: fc.array(fc.array(fc.constantFrom('a', 'b', 'B', 'é', ''), { minLength: n, maxLength: n }), {
        minLength: subgroups,
        maxLength: subgroups,
      }),
    }),
  )
  .filter((c) => c.ids === null || c.ids.length === c.labels.length)
  .map((c): CaseData => ({
    file: 'f',
    sha256: '',
    rows: c.labels.length,
    dropped: 0,
    labels: Uint8Array.from(c.labels),
    ids: c.ids,
    scores: c.scores.map((s) => Float64Array.from(s)),
    clusters: c.clusters ? Int32Array.from(c.clusters) : null,
    subgroupValues: new Map(c.subgroups.map((values, k) => [`s${k}`, values])),
  }));

const ascending = (values: Float64Array, sort: (order: Uint32Array) => void) => {
  const order = Uint32Array.from(values, (_, i) => i);
  sort(order);
  return Array.from(order);
};

describe('fixed-point keys', () => {
  it('sort as the doubles sort (stable, −0 as +0), in one to three passes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }).chain((n) => fixedPointColumn(n)),
        (column) => {
          const values = Float64Array.from(column);
          const order = Uint32Array.from(values, (_, i) => i);
          const workspace = new SortWorkspace(values.length);
          expect(fixedPointKeys(values, order, workspace.key)).not.toBeNull();
          expect(ascending(values, (o) => sortByScore(o, values, workspace))).toEqual(
            ascending(values, (o) => sortByDouble(o, values)),
          );
          expect(sortedByScore(values, workspace)).toEqual(groupSorted(values, ascendingOrder(values)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('are refused for full-precision doubles, 5e-324 and spans of 2^31 or more', () => {
    const refused = [
      [0.1 + 0.2, 0.5],
      [5e-324, 1],
      [0, 2 ** 31],
      [1e308, -1e308],
    ];
    for (const column of refused) {
      const values = Float64Array.from(column);
      expect(fixedPointKeys(values, Uint32Array.of(0, 1), new Uint32Array(2))).toBeNull();
      expect(ascending(values, (o) => sortByScore(o, values, new SortWorkspace(2)))).toEqual(
        ascending(values, (o) => sortByDouble(o, values)),
      );
      expect(sortedByScore(values, new SortWorkspace(2))).toEqual(
        groupSorted(values, ascendingOrder(values)),
      );
    }
  });
});

describe('canonicalOrder', () => {
  it('equals the comparator order with fixed-point scores (many ties)', () => {
    const fixedCases = cases.chain((data) =>
      fc
        .array(fixedPointColumn(data.labels.length), {
          minLength: data.scores.length,
          maxLength: data.scores.length,
        })
        .map((columns) => ({ ...data, scores: columns.map((c) => Float64Array.from(c)) })),
    );
    fc.assert(
      fc.property(fixedCases, (data) => {
        const order = canonicalOrder(data);
        expect(Array.from(order)).toEqual(comparatorOrder(data));
        // the outcomes and first scores read back from the sorted keys are the cases' own (−0 kept)
        const { data: arranged, firstSorted } = arrangeCases(data);
        const firstScores = arranged.scores[0] as Float64Array;
        if (!data.clusters) {
          const merged = firstScoreOrder(arranged) as Uint32Array;
          expect(firstSorted ?? groupSorted(firstScores, merged)).toEqual(groupSorted(firstScores, merged));
        }
        if (firstSorted) expect(firstSorted).toEqual(groupSorted(firstScores, ascendingOrder(firstScores)));
        const signed = (v: number) => (Object.is(v, -0) ? '-0' : v);
        expect(Array.from(arranged.labels)).toEqual(Array.from(order, (i) => data.labels[i]));
        arranged.scores.forEach((s, m) => {
          const own = data.scores[m] as Float64Array;
          expect(Array.from(s, signed)).toEqual(Array.from(order, (i) => signed(own[i] as number)));
        });
      }),
      { numRuns: 120 },
    );
  });

  it('equals the comparator order (stable, −0 as +0, ties broken by id, then by row)', () => {
    fc.assert(
      fc.property(cases, (data) => {
        const order = canonicalOrder(data);
        expect(Array.from(order)).toEqual(comparatorOrder(data));
        const signed = (v: number) => (Object.is(v, -0) ? '-0' : v);
        inCanonicalOrder(data).scores.forEach((s, m) => {
          const own = data.scores[m] as Float64Array;
          expect(Array.from(s, signed)).toEqual(Array.from(order, (i) => signed(own[i] as number)));
        });
      }),
      { numRuns: 120 },
    );
  });

  it("gives the first model's sort order by merging the outcome runs (no clusters)", () => {
    fc.assert(
      fc.property(cases, (data) => {
        const canonical = inCanonicalOrder(data);
        const merged = firstScoreOrder(canonical);
        if (data.clusters) return;
        expect(merged).not.toBeNull();
        expect(merged).toEqual(ascendingOrder(canonical.scores[0] as Float64Array));
      }),
      { numRuns: 120 },
    );
  });
});
