import { describe, it, expect } from 'vitest';
import { loessPredict, loessSmoother } from '../../src/statistics/loess.js';
import {
  CALIBRATION_SETS,
  duplicateRows,
  maxAbsDifference,
  readCalibrationSet,
  readExpected,
  type CalibrationReference,
} from './calibrationReferenceData.js';

// R: loess(y ~ p, span, degree = 2, family = "gaussian", surface = "direct"); the weighted
// reference is that call on the rows duplicated w times.
describe.each(CALIBRATION_SETS)('loess on calibration_%s against R (surface = "direct")', (name) => {
  const set = readCalibrationSet(name);
  const reference = readExpected<CalibrationReference>(`calibration_${name}.json`);
  const y = Float64Array.from(set.y);
  const duplicated = duplicateRows(set);

  it.each(reference.unweighted.loess.map((l) => [l.span, l] as const))(
    'unweighted, span %s',
    (span, expected) => {
      expect(maxAbsDifference(loessPredict(set.p, y, set.p, { span }), expected.fitted)).toBeLessThan(1e-8);
      expect(
        maxAbsDifference(loessPredict(set.p, y, expected.grid, { span }), expected.grid_fitted),
      ).toBeLessThan(1e-8);
    },
  );

  it.each(reference.weighted.loess.map((l) => [l.span, l] as const))(
    'weighted, span %s',
    (span, expected) => {
      const options = { span, weights: set.w };
      expect(maxAbsDifference(loessPredict(set.p, y, duplicated.p, options), expected.fitted)).toBeLessThan(
        1e-8,
      );
      expect(
        maxAbsDifference(loessPredict(set.p, y, expected.grid, options), expected.grid_fitted),
      ).toBeLessThan(1e-8);
    },
  );

  it('integer weights equal duplicated rows; all-ones weights equal none', () => {
    const grid = reference.weighted.loess[0]?.grid ?? [];
    const weighted = loessPredict(set.p, y, grid, { span: 0.75, weights: set.w });
    const copies = loessPredict(duplicated.p, Float64Array.from(duplicated.y), grid, { span: 0.75 });
    expect(maxAbsDifference(weighted, copies)).toBeLessThan(1e-12);
    const ones = new Float64Array(set.p.length).fill(1);
    expect(loessPredict(set.p, y, grid, { span: 0.75, weights: ones })).toEqual(
      loessPredict(set.p, y, grid, { span: 0.75 }),
    );
  });
});

describe('loess edge cases', () => {
  it('reproduces a quadratic exactly (degree 2)', () => {
    const x = Float64Array.from({ length: 30 }, (_, i) => i / 29);
    const y = Float64Array.from(x, (v) => 1 - 2 * v + 3 * v * v);
    const fitted = loessPredict(x, y, [0, 0.37, 1], { span: 0.5 });
    [0, 0.37, 1].forEach((v, i) => expect(fitted[i]).toBeCloseTo(1 - 2 * v + 3 * v * v, 12));
  });

  it('throws when the span leaves too few cases per neighbourhood', () => {
    const x = Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(() => loessSmoother(x, x, { span: 0.7 })).toThrow(/span too small/);
  });

  it('throws where the neighbourhood has zero width', () => {
    const x = Float64Array.from([0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.9]);
    const smoother = loessSmoother(x, x, { span: 0.75 });
    expect(() => smoother.predict(0.2)).toThrow(/zero width/);
  });

  it('rejects non-finite input and a non-positive span', () => {
    const x = Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(() => loessSmoother(x, Float64Array.from([1, 2, Number.NaN, 4, 5]), { span: 1 })).toThrow(
      RangeError,
    );
    expect(() => loessSmoother(x, x, { span: 0 })).toThrow(RangeError);
  });
});
