import { describe, it, expect } from 'vitest';
import { quantileType7, quantilesType7 } from '../../src/statistics/quantile.js';
import {
  CALIBRATION_SETS,
  duplicateRows,
  readCalibrationSet,
  readExpected,
  type CalibrationReference,
} from './calibrationReferenceData.js';

// calibration.R records unique(quantile(p, (0:10)/10, type = 7)) as the bin cut points,
// for p and for p with rows duplicated w times
describe.each(CALIBRATION_SETS)('type-7 quantiles of calibration_%s against R', (name) => {
  const set = readCalibrationSet(name);
  const reference = readExpected<CalibrationReference>(`calibration_${name}.json`);
  const probabilities = Array.from(
    { length: reference.bins_groups + 1 },
    (_, k) => k / reference.bins_groups,
  );

  it('unweighted', () => {
    expect([...new Set(quantilesType7(set.p, probabilities))]).toEqual(reference.unweighted.bins.breaks);
  });

  it('weighted = duplicated rows', () => {
    expect([...new Set(quantilesType7(set.p, probabilities, set.w))]).toEqual(reference.weighted.bins.breaks);
    expect(quantilesType7(set.p, probabilities, set.w)).toEqual(
      quantilesType7(duplicateRows(set).p, probabilities),
    );
  });
});

describe('type-7 quantile definition', () => {
  it('interpolates between order statistics, 1 + (n − 1)·prob', () => {
    const values = Float64Array.from([4, 1, 3, 2]);
    expect(quantilesType7(values, [0, 0.5, 1, 0.9])).toEqual([1, 2.5, 4, 3 + 0.7 * (4 - 3)]);
  });

  it('ignores zero-weight cases and rejects empty samples or bad probabilities', () => {
    const values = Float64Array.from([10, 1, 2]);
    expect(quantileType7(values, 1, Float64Array.from([0, 1, 1]))).toBe(2);
    expect(() => quantileType7(values, 0.5, Float64Array.from([0, 0, 0]))).toThrow(RangeError);
    expect(() => quantileType7(values, 1.5)).toThrow(RangeError);
  });
});
