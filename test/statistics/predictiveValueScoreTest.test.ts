import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import {
  predictiveValueScoreTest,
  type PairedCallsTable,
} from '../../src/statistics/paired/predictiveValueScoreTest.js';

interface ExpectedSide {
  pv1: number | null;
  pv2: number | null;
  difference: number | null;
  statistic: number | null;
  p: number | null;
}

interface ExpectedCase {
  name: string;
  table: PairedCallsTable;
  ppv: ExpectedSide;
  npv: ExpectedSide;
}

interface ExpectedFile {
  generated_by: string;
  published_checks: { case: string; which: 'ppv' | 'npv'; printed: { statistic: number; p: number } }[];
  cases: ExpectedCase[];
}

const expected = JSON.parse(
  readFileSync(new URL('../reference/expected/predictive_values.json', import.meta.url), 'utf8'),
) as ExpectedFile;

const TOL = 1e-9;

/** |actual − expected| ≤ 1e-9 · max(1, |expected|), and for p-values also relative to p. */
function expectClose(actual: number | null, wanted: number | null, relative = false): void {
  if (wanted === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  const a = actual as number;
  expect(Number.isFinite(a)).toBe(true);
  expect(Math.abs(a - wanted)).toBeLessThanOrEqual(TOL * Math.max(1, Math.abs(wanted)));
  if (relative) expect(Math.abs(a - wanted)).toBeLessThanOrEqual(TOL * Math.abs(wanted));
}

const table = (d: number[], h: number[]): PairedCallsTable => ({
  diseased: { bothPositive: d[0] ?? 0, firstOnly: d[1] ?? 0, secondOnly: d[2] ?? 0, bothNegative: d[3] ?? 0 },
  healthy: { bothPositive: h[0] ?? 0, firstOnly: h[1] ?? 0, secondOnly: h[2] ?? 0, bothNegative: h[3] ?? 0 },
});

describe('predictiveValueScoreTest (Kosinski 2013 WGS) against test/reference/predictive_values.R', () => {
  it('reads the reference file', () => {
    expect(expected.generated_by).toBe('test/reference/predictive_values.R');
    expect(expected.cases.length).toBeGreaterThanOrEqual(8);
  });

  for (const c of expected.cases) {
    for (const which of ['ppv', 'npv'] as const) {
      it(`${c.name}: ${which}`, () => {
        const want = c[which];
        const got = predictiveValueScoreTest(c.table, which);
        expect(got.df).toBe(1);
        expect(got.method).toBe(`score-test-${which}`);
        expectClose(got.statistic, want.statistic);
        expectClose(got.p, want.p, true);
        expectClose(got.difference, want.difference);
      });
    }
  }

  it('matches the pv.wgs() output DTComPair publishes for Paired1 (to its printed digits)', () => {
    const paired1 = expected.cases.find((c) => c.name === 'DTComPair Paired1');
    expect(paired1).toBeDefined();
    for (const check of expected.published_checks) {
      const got = predictiveValueScoreTest((paired1 as ExpectedCase).table, check.which);
      expect(got.statistic).toBeCloseTo(check.printed.statistic, 4);
      expect(Math.abs((got.p as number) - check.printed.p)).toBeLessThan(1e-6 * check.printed.p + 1e-12);
    }
  });
});

describe('predictiveValueScoreTest degenerate tables', () => {
  it('returns nulls when a test never makes the call (PV undefined)', () => {
    // test 1 has no positive call: PPV₁ undefined, NPV still defined
    const t = table([0, 0, 6, 4], [0, 0, 2, 9]);
    const ppv = predictiveValueScoreTest(t, 'ppv');
    expect(ppv).toMatchObject({ statistic: null, p: null, difference: null, df: 1 });
    const npv = predictiveValueScoreTest(t, 'npv');
    expect(npv.statistic).not.toBeNull();
    // test 2 never negative: NPV₂ undefined
    const noNeg = predictiveValueScoreTest(table([3, 0, 2, 0], [4, 0, 1, 0]), 'npv');
    expect(noNeg).toMatchObject({ statistic: null, p: null, difference: null });
  });

  it('returns null statistic and p (difference 0) when the calls are identical', () => {
    for (const which of ['ppv', 'npv'] as const) {
      const r = predictiveValueScoreTest(table([10, 0, 0, 5], [3, 0, 0, 12]), which);
      expect(r).toMatchObject({ statistic: null, p: null, difference: 0 });
    }
  });

  it('returns null statistic and p when all called subjects share one status (p̄ = 0 or 1)', () => {
    // no healthy subject is called positive: PPV₁ = PPV₂ = 1
    expect(predictiveValueScoreTest(table([8, 3, 2, 4], [0, 0, 0, 11]), 'ppv')).toMatchObject({
      statistic: null,
      p: null,
      difference: 0,
    });
    // no healthy subject is called negative: NPV₁ = NPV₂ = 0
    expect(predictiveValueScoreTest(table([1, 2, 3, 4], [5, 0, 0, 0]), 'npv')).toMatchObject({
      statistic: null,
      p: null,
      difference: 0,
    });
  });

  it('returns nulls for an empty table and never NaN', () => {
    const empty = table([0, 0, 0, 0], [0, 0, 0, 0]);
    for (const which of ['ppv', 'npv'] as const) {
      const r = predictiveValueScoreTest(empty, which);
      expect(r).toMatchObject({ statistic: null, p: null, difference: null });
    }
    // exhaustive small tables: every output is a finite number or null
    for (let mask = 0; mask < 256; mask++) {
      const cells = Array.from({ length: 8 }, (_, i) => ((mask >> i) & 1) * (i + 1));
      const t = table(cells.slice(0, 4), cells.slice(4));
      for (const which of ['ppv', 'npv'] as const) {
        const r = predictiveValueScoreTest(t, which);
        for (const v of [r.statistic, r.p, r.difference]) {
          if (v !== null) expect(Number.isFinite(v)).toBe(true);
        }
        if (r.statistic !== null) {
          expect(r.statistic).toBeGreaterThanOrEqual(0);
          expect(r.p).not.toBeNull();
        } else {
          expect(r.p).toBeNull();
        }
      }
    }
  });

  it('gives statistic 0 and p = 1 for equal predictive values', () => {
    const r = predictiveValueScoreTest(table([10, 5, 5, 4], [2, 3, 3, 8]), 'ppv');
    expect(r).toMatchObject({ statistic: 0, p: 1, difference: 0 });
  });

  it('is antisymmetric in the two tests: swapping them keeps T and negates the difference', () => {
    const t = table([120, 40, 10, 30], [15, 25, 5, 300]);
    const swapped = table([120, 10, 40, 30], [15, 5, 25, 300]);
    for (const which of ['ppv', 'npv'] as const) {
      const a = predictiveValueScoreTest(t, which);
      const b = predictiveValueScoreTest(swapped, which);
      expect(b.statistic as number).toBeCloseTo(a.statistic as number, 12);
      expect(b.difference as number).toBeCloseTo(-(a.difference as number), 15);
    }
  });

  it('rejects negative or non-finite counts', () => {
    expect(() => predictiveValueScoreTest(table([1, -1, 2, 3], [1, 2, 3, 4]), 'ppv')).toThrow(RangeError);
    expect(() => predictiveValueScoreTest(table([1, 1, 2, 3], [1, Number.NaN, 3, 4]), 'npv')).toThrow(
      RangeError,
    );
  });
});
