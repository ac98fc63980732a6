import { describe, it, expect } from 'vitest';
import {
  brierScore,
  calibrationBins,
  calibrationIntercept,
  calibrationSlope,
  calibrationSummary,
  clampedLogits,
  observedExpectedRatio,
  scaledBrier,
  smoothCalibration,
  spiegelhalterTest,
  type CalibrationWarning,
} from '../../src/statistics/calibration.js';
import { zForLevel } from '../../src/statistics/distributions.js';
import {
  CALIBRATION_SETS,
  duplicateRows,
  maxAbsDifference,
  readCalibrationSet,
  readExpected,
  weightsFor,
  type CalibrationReference,
} from './calibrationReferenceData.js';

const KINDS = ['unweighted', 'weighted'] as const;
const LEVEL = 0.95;
const TOLERANCE = 1e-9;

const near = (actual: number | null | undefined, expected: number, tolerance = TOLERANCE): void => {
  expect(actual).not.toBeNull();
  expect(actual).not.toBeUndefined();
  expect(Math.abs((actual as number) - expected)).toBeLessThan(tolerance);
};

describe.each(CALIBRATION_SETS)('calibration of calibration_%s against calibration.R', (name) => {
  const set = readCalibrationSet(name);
  const reference = readExpected<CalibrationReference>(`calibration_${name}.json`);
  const z = zForLevel(LEVEL);

  describe.each(KINDS)('%s', (kind) => {
    const weights = weightsFor(set, kind);
    const r = reference[kind];

    it('Brier and scaled Brier', () => {
      near(brierScore(set.p, set.y, weights), r.brier, 1e-12);
      near(scaledBrier(set.p, set.y, weights), r.scaled_brier, 1e-12);
    });

    it('calibration intercept (calibration-in-the-large) with its Wald interval', () => {
      const intercept = calibrationIntercept(set.p, set.y, LEVEL, weights);
      near(intercept.estimate, r.intercept.estimate);
      near(intercept.se, r.intercept.se_at_estimate);
      near(intercept.ci?.lower, r.intercept.estimate - z * r.intercept.se_at_estimate);
      near(intercept.ci?.upper, r.intercept.estimate + z * r.intercept.se_at_estimate);
      // R's confint.default uses vcov(), one IRLS iteration earlier: agrees to 1e-7
      near(intercept.ci?.lower, r.intercept.lower, 1e-7);
      near(intercept.ci?.upper, r.intercept.upper, 1e-7);
      expect(intercept.ci?.level).toBe(LEVEL);
      expect(intercept.converged).toBe(true);
    });

    it('calibration slope with its Wald interval', () => {
      const slope = calibrationSlope(set.p, set.y, LEVEL, weights);
      if (name === 'separation') {
        expect(slope.estimate).toBeNull();
        expect(slope.ci).toBeNull();
        expect(slope.separation).toBe(true);
        expect(slope.message).toMatch(/separation/);
        return;
      }
      near(slope.estimate, r.slope.estimate);
      near(slope.se, r.slope.se_at_estimate);
      near(slope.ci?.lower, r.slope.estimate - z * r.slope.se_at_estimate);
      near(slope.ci?.upper, r.slope.estimate + z * r.slope.se_at_estimate);
      near(slope.ci?.lower, r.slope.lower, 1e-7);
      near(slope.ci?.upper, r.slope.upper, 1e-7);
    });

    it('observed/expected ratio with its log-normal interval', () => {
      const ratio = observedExpectedRatio(set.p, set.y, LEVEL, weights);
      near(ratio.estimate, r.observed_expected.estimate, 1e-12);
      near(ratio.se, r.observed_expected.se, 1e-12);
      near(ratio.ci?.lower, r.observed_expected.lower, 1e-12);
      near(ratio.ci?.upper, r.observed_expected.upper, 1e-12);
    });

    it("Spiegelhalter's z test", () => {
      const test = spiegelhalterTest(set.p, set.y, weights);
      near(test.statistic, r.spiegelhalter.z, 1e-12);
      near(test.p, r.spiegelhalter.p, 1e-12);
    });

    it('quantile bins with Wilson intervals', () => {
      const bins = calibrationBins(set.p, set.y, reference.bins_groups, LEVEL, weights);
      expect(bins.length).toBe(r.bins.bins.length);
      bins.forEach((bin, k) => {
        const expected = r.bins.bins[k];
        if (expected === undefined) throw new Error('missing bin');
        expect(bin.bin).toBe(expected.bin);
        expect(bin.n).toBe(expected.n);
        expect(bin.observed.numerator).toBe(expected.events);
        near(bin.meanPredicted, expected.mean_predicted, 1e-12);
        near(bin.observed.estimate, expected.observed, 1e-12);
        near(bin.observed.ci?.lower, expected.lower, 1e-12);
        near(bin.observed.ci?.upper, expected.upper, 1e-12);
      });
    });

    it.each([0, 1, 2])('smoothed calibration curve, ICI, E50, E90, Emax (loess span #%i)', (index) => {
      const expected = r.loess[index];
      if (expected === undefined) throw new Error('missing loess reference');
      const smooth = smoothCalibration(set.p, set.y, { span: expected.span, weights, surface: 'direct' });
      near(smooth.ici, expected.ici);
      near(smooth.e50, expected.e50);
      near(smooth.e90, expected.e90);
      near(smooth.emax, expected.emax);
      expect(
        maxAbsDifference(
          smooth.points.map((point) => point.predicted),
          expected.grid,
        ),
      ).toBeLessThan(1e-12);
      expect(
        maxAbsDifference(
          smooth.points.map((point) => point.observed),
          expected.grid_fitted,
        ),
      ).toBeLessThan(1e-8);
    });

    it('the number of clamped probabilities', () => {
      const { clamped } = clampedLogits(set.p);
      expect(clamped).toBe(reference.unweighted.clamped);
    });
  });

  if (reference.val_prob !== null) {
    const valProb = reference.val_prob;
    it('agrees with rms::val.prob (Brier, S:z, S:p; slope where val.prob keeps every case)', () => {
      near(brierScore(set.p, set.y), valProb.Brier, 1e-12);
      const test = spiegelhalterTest(set.p, set.y);
      near(test.statistic, valProb.S_z, 1e-12);
      near(test.p, valProb.S_p, 1e-12);
      if (name === 'clamped' || name === 'separation') return;
      // lrm.fit stops at its own, looser convergence criterion
      near(calibrationSlope(set.p, set.y, LEVEL).estimate, valProb.Slope, 1e-7);
    });
  }

  it('integer weights equal duplicated rows', () => {
    const duplicated = duplicateRows(set);
    const weighted = calibrationSummary(set.p, set.y, { level: LEVEL, bins: 10, span: 0.75, weights: set.w });
    const copies = calibrationSummary(duplicated.p, duplicated.y, { level: LEVEL, bins: 10, span: 0.75 });
    near(weighted.brier, copies.brier, 1e-14);
    near(weighted.scaledBrier, copies.scaledBrier as number, 1e-13);
    if (copies.intercept.estimate !== null)
      near(weighted.intercept.estimate, copies.intercept.estimate, 1e-10);
    if (copies.slope.estimate !== null) near(weighted.slope.estimate, copies.slope.estimate, 1e-10);
    expect(weighted.slope.estimate === null).toBe(copies.slope.estimate === null);
    near(weighted.observedExpectedRatio.estimate, copies.observedExpectedRatio.estimate as number, 1e-13);
    near(weighted.spiegelhalter.statistic, copies.spiegelhalter.statistic as number, 1e-11);
    expect(weighted.bins.map((bin) => [bin.n, bin.observed.numerator])).toEqual(
      copies.bins.map((bin) => [bin.n, bin.observed.numerator]),
    );
    near(weighted.smooth?.ici, copies.smooth?.ici as number, 1e-12);
    near(weighted.smooth?.e90, copies.smooth?.e90 as number, 1e-12);
    near(weighted.smooth?.emax, copies.smooth?.emax as number, 1e-12);
  });

  it('all-ones weights give the unweighted summary exactly', () => {
    const options = { level: LEVEL, bins: 10, span: 0.75 };
    const ones = new Float64Array(set.p.length).fill(1);
    expect(calibrationSummary(set.p, set.y, { ...options, weights: ones })).toEqual(
      calibrationSummary(set.p, set.y, options),
    );
  });
});

describe('calibrationSummary', () => {
  it('returns the calibration summary and warns about clamping', () => {
    const set = readCalibrationSet('clamped');
    const warnings: CalibrationWarning[] = [];
    const result = calibrationSummary(set.p, set.y, {
      level: LEVEL,
      bins: 10,
      span: 0.75,
      onWarning: (warning) => warnings.push(warning),
    });
    expect(warnings.map((w) => w.code)).toEqual(['probabilities-clamped']);
    expect(warnings[0]?.message).toMatch(/^5 predicted probabilities/);
    expect(result.intercept.converged).toBe(true);
    expect(result.intercept.ci?.method).toBe('wald');
    expect(result.smooth?.points).toHaveLength(100);
    expect(result.smooth?.degree).toBe(2);
    expect(result.bins.length).toBe(10);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result); // nothing non-finite or undefined
  });

  it('separation: the slope is null with a warning, the rest is reported', () => {
    const set = readCalibrationSet('separation');
    const warnings: CalibrationWarning[] = [];
    const result = calibrationSummary(set.p, set.y, {
      level: LEVEL,
      bins: 5,
      span: 0.75,
      onWarning: (warning) => warnings.push(warning),
    });
    expect(warnings.map((w) => w.code)).toEqual(['calibration-slope-unavailable']);
    expect(result.slope).toEqual({ estimate: null, se: null, ci: null, converged: true });
    expect(result.intercept.estimate).not.toBeNull();
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('a single outcome class: no scaled Brier, intercept or slope, with warnings', () => {
    const p = Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
    const y = new Uint8Array(6);
    const warnings: CalibrationWarning[] = [];
    const result = calibrationSummary(p, y, {
      level: LEVEL,
      bins: 3,
      span: 1,
      onWarning: (w) => warnings.push(w),
    });
    expect(result.scaledBrier).toBeNull();
    expect(result.intercept.estimate).toBeNull();
    expect(result.slope.estimate).toBeNull();
    expect(result.observedExpectedRatio.estimate).toBe(0);
    expect(warnings.map((w) => w.code)).toEqual([
      'single-outcome-class',
      'calibration-intercept-unavailable',
      'calibration-slope-unavailable',
    ]);
  });

  it('too few cases for the loess: no smooth curve, a warning', () => {
    const p = Float64Array.from([0.1, 0.4, 0.6, 0.9]);
    const y = Uint8Array.from([0, 1, 0, 1]);
    const warnings: CalibrationWarning[] = [];
    const result = calibrationSummary(p, y, {
      level: LEVEL,
      bins: 2,
      span: 0.75,
      onWarning: (w) => warnings.push(w),
    });
    expect(result.smooth).toBeNull();
    expect(warnings.map((w) => w.code)).toContain('smooth-calibration-unavailable');
  });

  it('identical predictions: one bin, no slope (singular design)', () => {
    const p = new Float64Array(20).fill(0.3);
    const y = Uint8Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const warnings: CalibrationWarning[] = [];
    const result = calibrationSummary(p, y, {
      level: LEVEL,
      bins: 10,
      span: 0.75,
      onWarning: (w) => warnings.push(w),
    });
    expect(result.bins).toHaveLength(1);
    expect(result.bins[0]?.n).toBe(20);
    expect(result.slope.estimate).toBeNull();
    expect(result.intercept.estimate).not.toBeNull();
    expect(warnings.map((w) => w.code)).toEqual([
      'calibration-slope-unavailable',
      'smooth-calibration-unavailable',
    ]);
  });

  it('rejects probabilities outside [0, 1]', () => {
    expect(() => brierScore(Float64Array.from([1.2]), Uint8Array.from([1]))).toThrow(RangeError);
  });
});
