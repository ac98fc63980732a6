import { describe, expect, it } from 'vitest';
import { binaryGroups } from '../../src/statistics/binaryGroups.js';
import { calibrationSummary, type CalibrationSummary } from '../../src/statistics/calibration.js';
import { groupedCalibrationFits } from '../../src/statistics/calibrationGrouped.js';
import { countedOrderStatistics } from '../../src/statistics/countedSelection.js';
import { sortScores } from '../../src/statistics/confusion.js';
import { loessInterpolator } from '../../src/statistics/loessInterpolate.js';
import { fitGroupedLogistic, fitLogistic, isUsableFit } from '../../src/statistics/logisticRegression.js';
import {
  quantilesOfAscendingCounts,
  quantilesOfCounts,
  quantilesType7,
} from '../../src/statistics/quantile.js';
import { CALIBRATION_SETS, readCalibrationSet, readExpected } from './calibrationReferenceData.js';
import { generateCalibrationData, type GeneratorKind } from './loessGenerator.js';

// R: glm(y ~ 1, offset = logit p) and glm(y ~ logit p) on every case, at 10⁵–10⁶ cases with
// heavy ties and clamped p (test/reference/calibration_large.R).
interface GlmFit {
  coefficients: number[];
  se_at_estimate: number[];
}
interface LargeSet {
  name: string;
  generator: { kind: GeneratorKind; n: number; seed: number };
  n: number;
  events: number;
  distinct: number;
  clamped: number;
  intercept: GlmFit;
  slope: GlmFit;
}
const large = readExpected<{ sets: LargeSet[] }>('calibration_large.json');

/** |a − b| relative to max(1, |b|): coefficients near 0 are compared absolutely. */
function scaledDifference(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1, Math.abs(b));
}

describe.each(large.sets.map((s) => [s.name, s] as const))(
  'grouped calibration fits on %s against R glm',
  (_, set) => {
    const { p, y } = generateCalibrationData(set.generator.kind, set.generator.n, set.generator.seed);
    const groups = binaryGroups(p, y);
    const fits = groupedCalibrationFits(groups, { clamp: 1e-15, tolerance: 1e-14 });

    it('groups the cases by distinct p', () => {
      expect(groups.n).toBe(set.n);
      expect(groups.values.length).toBe(set.distinct);
      expect(groups.events.reduce((a, b) => a + b, 0)).toBe(set.events);
    });

    // R's slope fits of the ties sets stop at 100 iterations, not converged (rounding-limited)
    it('intercept and slope (and SEs at the estimate) agree with glm to 1e-9', () => {
      expect(isUsableFit(fits.intercept)).toBe(true);
      expect(isUsableFit(fits.slope)).toBe(true);
      const checks: [number[], number[]][] = [
        [fits.intercept.coefficients as number[], set.intercept.coefficients],
        [fits.slope.coefficients as number[], set.slope.coefficients],
        [fits.intercept.standardErrors as number[], set.intercept.se_at_estimate],
        [fits.slope.standardErrors as number[], set.slope.se_at_estimate],
      ];
      for (const [ours, r] of checks) {
        r.forEach((value, j) => expect(scaledDifference(ours[j] as number, value)).toBeLessThan(1e-9));
      }
    });

    // Only on continuous p: with 10⁵ tied cases the per-case fit's deviance (a sum of 10⁵ terms)
    // carries more rounding than the 1e-14 convergence test allows — it takes 86 iterations on
    // ties-200000 and does not converge in 100 on coarse-100000 — while the grouped fit converges
    // in 6 (closer to R there: |Δslope| 2e-11 against 1e-10 per case).
    it.runIf(set.generator.kind === 'continuous')('equal the per-case fits to 1e-12', () => {
      const logits = Float64Array.from(p, (q) => {
        const c = Math.min(Math.max(q, 1e-15), 1 - 1e-15);
        return Math.log(c / (1 - c));
      });
      const perCase = {
        intercept: fitLogistic({
          columns: [],
          offset: logits,
          outcome: y,
          intercept: true,
          tolerance: 1e-14,
        }),
        slope: fitLogistic({ columns: [logits], outcome: y, intercept: true, tolerance: 1e-14 }),
      };
      for (const which of ['intercept', 'slope'] as const) {
        const ours = fits[which];
        const theirs = perCase[which];
        (theirs.coefficients as number[]).forEach((value, j) =>
          expect(scaledDifference((ours.coefficients as number[])[j] as number, value)).toBeLessThan(1e-12),
        );
        (theirs.standardErrors as number[]).forEach((value, j) =>
          expect(Math.abs(((ours.standardErrors as number[])[j] as number) / value - 1)).toBeLessThan(1e-12),
        );
        expect(Math.abs(ours.deviance / theirs.deviance - 1)).toBeLessThan(1e-12);
      }
    });
  },
);

/** Every number of two calibration summaries, with the largest scaled difference. */
function largestDifference(a: CalibrationSummary, b: CalibrationSummary): number {
  let largest = 0;
  const walk = (x: unknown, y: unknown, path: string): void => {
    if (typeof x === 'number' && typeof y === 'number') {
      largest = Math.max(largest, scaledDifference(x, y));
    } else if (x !== null && typeof x === 'object' && y !== null && typeof y === 'object') {
      expect(Object.keys(x).sort(), path).toEqual(Object.keys(y).sort());
      for (const key of Object.keys(x)) walk((x as never)[key], (y as never)[key], `${path}.${key}`);
    } else expect(x, path).toEqual(y);
  };
  walk(a, b, 'summary');
  return largest;
}

describe('calibration summary over groups and over cases', () => {
  const options = { level: 0.95, bins: 10, span: 0.75 };

  it.each(CALIBRATION_SETS.filter((name) => name !== 'separation'))(
    'calibration_%s: the same summary to 1e-12 (and the same warnings)',
    (name) => {
      const { p, y } = readCalibrationSet(name);
      const warnings: { grouped: string[]; cases: string[] } = { grouped: [], cases: [] };
      const grouped = calibrationSummary(p, y, {
        ...options,
        groupedFrom: 0,
        onWarning: (w) => warnings.grouped.push(w.code),
      });
      const cases = calibrationSummary(p, y, {
        ...options,
        groupedFrom: Infinity,
        onWarning: (w) => warnings.cases.push(w.code),
      });
      expect(warnings.grouped).toEqual(warnings.cases);
      expect(largestDifference(grouped, cases)).toBeLessThan(1e-12);
    },
  );

  it('separation is reported the same way', () => {
    const { p, y } = readCalibrationSet('separation');
    const codes = (groupedFrom: number): string[] => {
      const found: string[] = [];
      calibrationSummary(p, y, { ...options, groupedFrom, onWarning: (w) => found.push(w.code) });
      return found;
    };
    expect(codes(0)).toEqual(codes(Infinity));
  });

  it('ties at 10⁵ cases (with clamped p, the direct surface too): the same summary to 1e-12', () => {
    const { p, y } = generateCalibrationData('coarse', 100_000, 11);
    const sorted = sortScores(p);
    for (const surface of ['interpolate', 'direct'] as const) {
      const grouped = calibrationSummary(p, y, { ...options, surface, sorted });
      const cases = calibrationSummary(p, y, { ...options, surface, sorted, groupedFrom: Infinity });
      expect(largestDifference(grouped, cases)).toBeLessThan(1e-12);
    }
  });
});

describe('the grouped logistic fit', () => {
  it('fails the way the per-case fit does: singular design, single outcome class', () => {
    const one = Float64Array.of(1);
    const constant = fitGroupedLogistic({
      covariate: Float64Array.of(0.3),
      offset: null,
      cases: Float64Array.of(5),
      events: Float64Array.of(2),
    });
    expect(constant.singular).toBe(true);
    const single = fitGroupedLogistic({
      covariate: null,
      offset: Float64Array.of(0.1, -0.2),
      cases: Float64Array.of(3, 4),
      events: Float64Array.of(3, 4),
    });
    expect(single.separation).toBe(true);
    expect(isUsableFit(single)).toBe(false);
    expect(() =>
      fitGroupedLogistic({ covariate: null, offset: null, cases: one, events: Float64Array.of(2) }),
    ).toThrow(RangeError);
  });
});

describe('order statistics and quantiles of counted values', () => {
  // a deterministic sample with ties: values on a coarse grid, counts 1–4
  const values = Float64Array.from(
    { length: 5000 },
    (_, k) => Math.round(Math.abs(Math.sin(k * 0.7)) * 300) / 300,
  );
  const counts = Float64Array.from({ length: 5000 }, (_, k) => 1 + (k % 4));
  const expanded = Float64Array.from(
    Array.from(values).flatMap((value, k) => new Array<number>(counts[k] as number).fill(value)),
  );
  const sortedExpanded = Float64Array.from(expanded).sort();

  it('x₍ⱼ₎ of the counted sample is that of the expanded sample', () => {
    const positions = [1, 2, 777, 6000, 6001, 12_499, sortedExpanded.length];
    expect(countedOrderStatistics(values, counts, positions)).toEqual(
      positions.map((j) => sortedExpanded[j - 1] as number),
    );
  });

  it('quantilesOfCounts equals quantilesType7 with the counts as weights and on the expanded sample', () => {
    const probabilities = [0, 0.1, 0.5, 0.9, 0.975, 1];
    const ours = quantilesOfCounts(values, counts, probabilities);
    expect(ours).toEqual(quantilesType7(values, probabilities, counts));
    expect(ours).toEqual(quantilesType7(expanded, probabilities));
  });

  it('quantilesOfAscendingCounts equals quantilesType7 on distinct ascending values with counts', () => {
    const distinct = Float64Array.from(new Set(Array.from(values).sort((a, b) => a - b)));
    const weights = Float64Array.from(distinct, (_, k) => 1 + ((k * 7) % 5));
    const probabilities = Array.from({ length: 11 }, (_, k) => k / 10);
    expect(quantilesOfAscendingCounts(distinct, weights, probabilities)).toEqual(
      quantilesType7(distinct, probabilities, weights),
    );
    expect(() => quantilesOfAscendingCounts(Float64Array.of(2, 1), Float64Array.of(1, 1), [0.5])).toThrow(
      RangeError,
    );
  });

  it('a constant sample', () => {
    expect(quantilesOfCounts(Float64Array.of(0.25, 0.25), Float64Array.of(2, 3), [0.5, 0.9])).toEqual([
      0.25, 0.25,
    ]);
  });
});

describe('loess interpolation at ascending points', () => {
  it('predictAscending gives predict at every point, bit for bit', () => {
    const { p, y } = generateCalibrationData('continuous', 3000, 9);
    const smoother = loessInterpolator(p, Float64Array.from(y), { span: 0.75 });
    const at = Float64Array.from(p).sort();
    const out = new Float64Array(at.length);
    smoother.predictAscending(at, out);
    expect(Array.from(out)).toEqual(Array.from(at, (z) => smoother.predict(z)));
    // the vertices themselves (leaf boundaries) too
    const vertices = smoother.vertices;
    const atVertices = new Float64Array(vertices.length);
    smoother.predictAscending(vertices, atVertices);
    expect(Array.from(atVertices)).toEqual(Array.from(vertices, (z) => smoother.predict(z)));
  });
});
