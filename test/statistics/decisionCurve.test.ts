import { describe, it, expect } from 'vitest';
import {
  decisionCurve,
  interventionsAvoidedPer100,
  netBenefit,
  netBenefitAtPrevalence,
  netBenefitAtTargetPrevalence,
  npvAtPrevalence,
  ppvAtPrevalence,
  standardizedNetBenefit,
  thresholdGrid,
  treatAllCurve,
  treatAllNetBenefit,
} from '../../src/statistics/decisionCurve.js';
import {
  CALIBRATION_SETS,
  duplicateRows,
  maxAbsDifference,
  readCalibrationSet,
  readExpected,
  weightsFor,
  type StatsmodelsReference,
} from './calibrationReferenceData.js';

interface DecisionPointReference {
  threshold: number;
  tp: number;
  fp: number;
  net_benefit: number;
  treat_all: number;
  standardized_net_benefit: number;
  interventions_avoided_per_100: number;
  net_benefit_target: number;
  treat_all_target: number;
  standardized_net_benefit_target: number;
  interventions_avoided_per_100_target: number;
}

interface DecisionMeasuresReference {
  n: number;
  prevalence: number;
  points: DecisionPointReference[];
  predictive_values: {
    threshold: number;
    sensitivity: number;
    specificity: number;
    ppv: number;
    npv: number;
  }[];
}

interface DecisionReference {
  generated_by: string;
  target_prevalence: number;
  unweighted: DecisionMeasuresReference;
  weighted: DecisionMeasuresReference;
}

const KINDS = ['unweighted', 'weighted'] as const;
const TOLERANCE = 1e-12;

describe.each(CALIBRATION_SETS)('decision curve of calibration_%s against calibration.R', (name) => {
  const set = readCalibrationSet(name);
  const reference = readExpected<DecisionReference>(`decision_curve_${name}.json`);
  const numpy = readExpected<StatsmodelsReference>(`calibration_statsmodels_${name}.json`);
  const grid = thresholdGrid(0.01, 0.99, 0.01);

  it('the threshold grid is R’s (1:99)/100, exactly', () => {
    expect(grid).toEqual(reference.unweighted.points.map((point) => point.threshold));
  });

  describe.each(KINDS)('%s', (kind) => {
    const weights = weightsFor(set, kind);
    const r = reference[kind];
    const column = (key: keyof DecisionPointReference): number[] => r.points.map((point) => point[key]);

    it('net benefit, treat-all, standardized net benefit, interventions avoided', () => {
      const curve = decisionCurve(set.p, set.y, grid, { weights });
      expect(
        maxAbsDifference(
          curve.map((point) => point.netBenefit),
          column('net_benefit'),
        ),
      ).toBeLessThan(TOLERANCE);
      expect(
        maxAbsDifference(
          curve.map((point) => point.netBenefit),
          numpy[kind].net_benefit,
        ),
      ).toBeLessThan(TOLERANCE);
      expect(
        maxAbsDifference(
          curve.map((point) => point.standardizedNetBenefit as number),
          column('standardized_net_benefit'),
        ),
      ).toBeLessThan(TOLERANCE);
      expect(
        maxAbsDifference(
          curve.map((point) => point.interventionsAvoidedPer100 as number),
          column('interventions_avoided_per_100'),
        ),
      ).toBeLessThan(1e-10);
      expect(
        maxAbsDifference(
          treatAllCurve(r.prevalence, grid).map((point) => point.netBenefit),
          column('treat_all'),
        ),
      ).toBeLessThan(TOLERANCE);
      // the single-threshold function agrees with the curve
      grid.forEach((t, k) => expect(netBenefit(set.p, set.y, t, weights)).toBe(curve[k]?.netBenefit));
    });

    it('at a target prevalence (dcurves’ `prevalence`)', () => {
      const prevalence = reference.target_prevalence;
      const curve = decisionCurve(set.p, set.y, grid, { weights, targetPrevalence: prevalence });
      expect(
        maxAbsDifference(
          curve.map((point) => point.netBenefit),
          column('net_benefit_target'),
        ),
      ).toBeLessThan(TOLERANCE);
      expect(
        maxAbsDifference(
          curve.map((point) => point.standardizedNetBenefit as number),
          column('standardized_net_benefit_target'),
        ),
      ).toBeLessThan(TOLERANCE);
      expect(
        maxAbsDifference(
          curve.map((point) => point.interventionsAvoidedPer100 as number),
          column('interventions_avoided_per_100_target'),
        ),
      ).toBeLessThan(1e-10);
      grid.forEach((t, k) =>
        expect(netBenefitAtTargetPrevalence(set.p, set.y, t, prevalence, weights)).toBe(curve[k]?.netBenefit),
      );
      expect(
        maxAbsDifference(
          grid.map((t) => treatAllNetBenefit(prevalence, t)),
          column('treat_all_target'),
        ),
      ).toBeLessThan(TOLERANCE);
    });

    it('at the sample prevalence, the target-prevalence formula is the ordinary net benefit', () => {
      const ordinary = decisionCurve(set.p, set.y, grid, { weights });
      const atSample = decisionCurve(set.p, set.y, grid, { weights, targetPrevalence: r.prevalence });
      expect(
        maxAbsDifference(
          ordinary.map((point) => point.netBenefit),
          atSample.map((point) => point.netBenefit),
        ),
      ).toBeLessThan(TOLERANCE);
    });

    it('PPV and NPV at the target prevalence by Bayes’ theorem', () => {
      for (const expected of r.predictive_values) {
        const ppv = ppvAtPrevalence(expected.sensitivity, expected.specificity, reference.target_prevalence);
        const npv = npvAtPrevalence(expected.sensitivity, expected.specificity, reference.target_prevalence);
        expect(Math.abs((ppv as number) - expected.ppv)).toBeLessThan(TOLERANCE);
        expect(Math.abs((npv as number) - expected.npv)).toBeLessThan(TOLERANCE);
      }
    });
  });

  it('integer weights equal duplicated rows; all-ones weights equal none', () => {
    const duplicated = duplicateRows(set);
    const weighted = decisionCurve(set.p, set.y, grid, { weights: set.w });
    const copies = decisionCurve(duplicated.p, duplicated.y, grid);
    expect(
      maxAbsDifference(
        weighted.map((point) => point.netBenefit),
        copies.map((point) => point.netBenefit),
      ),
    ).toBeLessThan(1e-15);
    const ones = new Float64Array(set.p.length).fill(1);
    expect(decisionCurve(set.p, set.y, grid, { weights: ones })).toEqual(decisionCurve(set.p, set.y, grid));
  });
});

describe('decision-curve helpers', () => {
  it('thresholdGrid returns exact decimals', () => {
    expect(thresholdGrid(0, 1, 0.1)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(thresholdGrid(0.05, 0.5, 0.05)[5]).toBe(0.3);
    expect(thresholdGrid(0.005, 0.03, 0.01)).toEqual([0.005, 0.015, 0.025]);
    expect(thresholdGrid(0.1, 0.1, 0.05)).toEqual([0.1]);
    expect(thresholdGrid(1e-7, 3e-7, 1e-7)).toEqual([1e-7, 2e-7, 3e-7]);
    expect(() => thresholdGrid(0.5, 0.1, 0.1)).toThrow(RangeError);
    expect(() => thresholdGrid(0.1, 0.5, 0)).toThrow(RangeError);
  });

  it('a case is treated when p >= t exactly at a tied threshold', () => {
    const p = Float64Array.from([0.3, 0.3, 0.1]);
    const y = Uint8Array.from([1, 0, 0]);
    // TP 1, FP 1 at t = 0.3: 1/3 − 1/3 · 0.3/0.7
    expect(netBenefit(p, y, thresholdGrid(0.1, 0.3, 0.1)[2] as number)).toBe(1 / 3 - (1 / 3) * (0.3 / 0.7));
  });

  it('undefined quantities are null, invalid thresholds throw', () => {
    expect(standardizedNetBenefit(0.1, 0)).toBeNull();
    expect(interventionsAvoidedPer100(0.1, 0.1, 0)).toBeNull();
    expect(ppvAtPrevalence(0, 1, 0.2)).toBeNull();
    expect(npvAtPrevalence(1, 0, 0.2)).toBeNull();
    expect(() => treatAllNetBenefit(0.2, 1)).toThrow(RangeError);
    expect(() => netBenefitAtPrevalence(0.9, 0.8, 0.2, -0.1)).toThrow(RangeError);
    expect(() =>
      decisionCurve(Float64Array.from([0.2]), Uint8Array.from([0]), [0.1], { targetPrevalence: 0.2 }),
    ).toThrow(RangeError);
  });
});
