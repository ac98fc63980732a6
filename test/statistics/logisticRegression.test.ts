import { describe, it, expect } from 'vitest';
import { fitLogistic, isUsableFit, type LogisticFit } from '../../src/statistics/logisticRegression.js';
import { clampedLogits } from '../../src/statistics/calibration.js';
import {
  CALIBRATION_SETS,
  duplicateRows,
  readCalibrationSet,
  readExpected,
  weightsFor,
  type CalibrationReference,
  type StatsmodelsReference,
} from './calibrationReferenceData.js';

const KINDS = ['unweighted', 'weighted'] as const;

function interceptFit(p: Float64Array, y: Uint8Array, weights?: Float64Array): LogisticFit {
  const { logits } = clampedLogits(p);
  return fitLogistic({ columns: [], outcome: y, offset: logits, intercept: true, weights, tolerance: 1e-14 });
}

function slopeFit(p: Float64Array, y: Uint8Array, weights?: Float64Array): LogisticFit {
  const { logits } = clampedLogits(p);
  return fitLogistic({ columns: [logits], outcome: y, intercept: true, weights, tolerance: 1e-14 });
}

describe.each(CALIBRATION_SETS)('logistic fits on calibration_%s against R glm and statsmodels', (name) => {
  const set = readCalibrationSet(name);
  const reference = readExpected<CalibrationReference>(`calibration_${name}.json`);
  const statsmodels = readExpected<StatsmodelsReference>(`calibration_statsmodels_${name}.json`);

  it.each(KINDS)('%s: y ~ 1 + offset(logit p)', (kind) => {
    const fit = interceptFit(set.p, set.y, weightsFor(set, kind));
    const r = reference[kind].intercept;
    expect(isUsableFit(fit)).toBe(true);
    expect(fit.separation).toBe(false);
    expect(Math.abs((fit.coefficients?.[0] as number) - r.estimate)).toBeLessThan(1e-9);
    // SE at the estimate to 1e-9; R's vcov() (one iteration earlier) to 1e-7
    expect(Math.abs((fit.standardErrors?.[0] as number) - r.se_at_estimate)).toBeLessThan(1e-9);
    expect(Math.abs((fit.standardErrors?.[0] as number) - r.se)).toBeLessThan(1e-7);
    const sm = statsmodels[kind].intercept;
    expect(Math.abs((fit.coefficients?.[0] as number) - (sm.coefficients?.[0] as number))).toBeLessThan(1e-9);
    // R's deviance is computed from its clamped μ; it differs where |η| > 30 (clamped p)
    if (reference[kind].clamped === 0) expect(Math.abs(fit.deviance - r.deviance)).toBeLessThan(1e-9);
    // R's "fitted probabilities numerically 0 or 1" warning ↔ fittedZeroOrOne
    expect(fit.fittedZeroOrOne).toBe(r.warnings.some((w) => w.includes('numerically 0 or 1')));
  });

  if (name === 'separation') {
    it.each(KINDS)('%s: y ~ logit p is separated: reported, not estimated', (kind) => {
      const fit = slopeFit(set.p, set.y, weightsFor(set, kind));
      expect(fit.separation).toBe(true);
      expect(isUsableFit(fit)).toBe(false);
      expect(fit.message).toMatch(/separation/);
      // R "converges" here with a huge slope and the 0/1 warning; statsmodels refuses
      expect(reference[kind].slope.warnings.some((w) => w.includes('numerically 0 or 1'))).toBe(true);
      expect(statsmodels[kind].slope.error).toMatch(/PerfectSeparation/);
      for (const value of fit.coefficients ?? []) expect(Number.isFinite(value)).toBe(true);
    });
    return;
  }

  it.each(KINDS)('%s: y ~ logit p', (kind) => {
    const fit = slopeFit(set.p, set.y, weightsFor(set, kind));
    const r = reference[kind].slope;
    expect(isUsableFit(fit)).toBe(true);
    const coefficients = fit.coefficients as number[];
    const standardErrors = fit.standardErrors as number[];
    expect(Math.abs((coefficients[0] as number) - (r.coefficients[0] as number))).toBeLessThan(1e-9);
    expect(Math.abs((coefficients[1] as number) - r.estimate)).toBeLessThan(1e-9);
    expect(Math.abs((standardErrors[1] as number) - r.se_at_estimate)).toBeLessThan(1e-9);
    expect(Math.abs((standardErrors[1] as number) - r.se)).toBeLessThan(1e-7);
    expect(Math.abs(fit.deviance - r.deviance)).toBeLessThan(1e-9);
    const sm = statsmodels[kind].slope;
    expect(Math.abs((coefficients[1] as number) - (sm.coefficients?.[1] as number))).toBeLessThan(1e-9);
    expect(Math.abs((standardErrors[1] as number) - (sm.se?.[1] as number))).toBeLessThan(1e-7);
  });

  it('integer weights equal duplicated rows', () => {
    const duplicated = duplicateRows(set);
    for (const fitOf of [interceptFit, slopeFit]) {
      const weighted = fitOf(set.p, set.y, set.w);
      const copies = fitOf(duplicated.p, duplicated.y);
      expect(weighted.separation).toBe(copies.separation);
      if (weighted.separation) continue;
      (weighted.coefficients ?? []).forEach((value, j) =>
        expect(Math.abs(value - (copies.coefficients?.[j] as number))).toBeLessThan(1e-10),
      );
      (weighted.standardErrors ?? []).forEach((value, j) =>
        expect(Math.abs(value - (copies.standardErrors?.[j] as number))).toBeLessThan(1e-10),
      );
      expect(Math.abs(weighted.deviance - copies.deviance)).toBeLessThan(1e-9);
    }
  });

  it('all-ones weights give the unweighted fit exactly', () => {
    const ones = new Float64Array(set.p.length).fill(1);
    expect(slopeFit(set.p, set.y, ones)).toEqual(slopeFit(set.p, set.y));
    expect(interceptFit(set.p, set.y, ones)).toEqual(interceptFit(set.p, set.y));
  });
});

describe('logistic regression failure paths', () => {
  const x = (values: number[]): Float64Array => Float64Array.from(values);
  const y = (values: number[]): Uint8Array => Uint8Array.from(values);

  it('quasi-complete separation (overlap at a single value) is reported', () => {
    const fit = fitLogistic({
      columns: [x([1, 2, 3, 3, 4, 5])],
      outcome: y([0, 0, 0, 1, 1, 1]),
      intercept: true,
    });
    expect(fit.separation).toBe(true);
    expect(isUsableFit(fit)).toBe(false);
  });

  it('a single outcome class makes the intercept diverge', () => {
    const fit = fitLogistic({
      columns: [],
      outcome: y([0, 0, 0, 0]),
      offset: x([-1, 0, 1, 2]),
      intercept: true,
    });
    expect(fit.separation).toBe(true);
    expect(isUsableFit(fit)).toBe(false);
  });

  it('a constant covariate with an intercept is singular: no coefficients', () => {
    const fit = fitLogistic({ columns: [x([2, 2, 2, 2])], outcome: y([0, 1, 0, 1]), intercept: true });
    expect(fit.singular).toBe(true);
    expect(fit.coefficients).toBeNull();
    expect(fit.standardErrors).toBeNull();
    expect(isUsableFit(fit)).toBe(false);
  });

  it('collinear covariates are singular', () => {
    const a = [0.1, 0.5, 0.2, 0.9, 0.4];
    const fit = fitLogistic({
      columns: [x(a), x(a.map((v) => 3 * v - 1))],
      outcome: y([0, 1, 0, 1, 1]),
      intercept: true,
    });
    expect(fit.singular).toBe(true);
  });

  it('near-separation (one overlapping case) is a proper fit satisfying the score equations', () => {
    const covariate = x([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const outcome = y([0, 0, 0, 0, 1, 0, 1, 1, 1, 1]);
    const fit = fitLogistic({ columns: [covariate], outcome, intercept: true });
    expect(isUsableFit(fit)).toBe(true);
    const [a, b] = fit.coefficients as [number, number];
    let score0 = 0;
    let score1 = 0;
    covariate.forEach((value, i) => {
      const residual = (outcome[i] as number) - 1 / (1 + Math.exp(-(a + b * value)));
      score0 += residual;
      score1 += residual * value;
    });
    expect(Math.abs(score0)).toBeLessThan(1e-10);
    expect(Math.abs(score1)).toBeLessThan(1e-10);
  });

  it('zero weights are the same as leaving the cases out', () => {
    const covariate = [0.3, -1.2, 0.8, 2.1, -0.4, 1.5, 0.1, -2.0];
    const outcome = [1, 0, 1, 1, 0, 0, 1, 0];
    const weights = x([1, 0, 2, 1, 0, 1, 3, 1]);
    const weighted = fitLogistic({ columns: [x(covariate)], outcome: y(outcome), intercept: true, weights });
    const keep = [0, 2, 3, 5, 6, 7];
    const dropped = fitLogistic({
      columns: [x(keep.map((i) => covariate[i] as number))],
      outcome: y(keep.map((i) => outcome[i] as number)),
      intercept: true,
      weights: x(keep.map((i) => weights[i] as number)),
    });
    expect(weighted.coefficients).toEqual(dropped.coefficients);
    expect(weighted.standardErrors).toEqual(dropped.standardErrors);
  });

  it('rejects non-finite covariates or offsets, bad outcomes and bad weights', () => {
    expect(() => fitLogistic({ columns: [x([1, Number.NaN])], outcome: y([0, 1]), intercept: true })).toThrow(
      RangeError,
    );
    expect(() =>
      fitLogistic({
        columns: [],
        outcome: y([0, 1]),
        offset: x([0, Number.POSITIVE_INFINITY]),
        intercept: true,
      }),
    ).toThrow(RangeError);
    expect(() => fitLogistic({ columns: [], outcome: y([0, 2]), intercept: true })).toThrow(RangeError);
    expect(() =>
      fitLogistic({ columns: [], outcome: y([0, 1]), intercept: true, weights: x([1, -1]) }),
    ).toThrow(RangeError);
    expect(() =>
      fitLogistic({ columns: [], outcome: y([0, 1]), intercept: true, weights: x([0, 0]) }),
    ).toThrow(RangeError);
  });
});
