import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loessInterpolator } from '../../src/statistics/loessInterpolate.js';
import { smoothCalibration } from '../../src/statistics/calibration.js';
import {
  CALIBRATION_SETS,
  duplicateRows,
  maxAbsDifference,
  readCalibrationSet,
} from './calibrationReferenceData.js';
import { generateCalibrationData, type GeneratorKind } from './loessGenerator.js';

// R: loess(y ~ p, span, degree = 2, family = "gaussian") with its default surface =
// "interpolate", cell = 0.2 (test/reference/loess_interpolate.R).
interface InterpolateReference {
  name: string;
  n: number;
  span: number;
  vertices: number[];
  values: number[];
  slopes: number[];
  sample: number[];
  fitted: number[];
  grid: number[];
  grid_fitted: number[];
  ici: number;
  e50: number;
  e90: number;
  emax: number;
  generator?: { kind: GeneratorKind; n: number; seed: number };
}

const reference = JSON.parse(
  readFileSync(new URL('../reference/expected/loess_interpolate.json', import.meta.url), 'utf8'),
) as { sets: InterpolateReference[] };

function dataOf(set: InterpolateReference): { p: Float64Array; y: Uint8Array; weights?: Float64Array } {
  if (set.generator !== undefined)
    return generateCalibrationData(set.generator.kind, set.generator.n, set.generator.seed);
  const name = CALIBRATION_SETS.find((s) => set.name === s || set.name === `${s}-weighted`);
  if (name !== undefined) {
    const data = readCalibrationSet(name);
    return set.name.endsWith('-weighted') ? { p: data.p, y: data.y, weights: data.w } : data;
  }
  if (set.name === 'well-span-0.4') return generateCalibrationData('continuous', 400, 7);
  throw new Error(`unknown reference set ${set.name}`);
}

const TOLERANCE = 1e-9;

describe.each(reference.sets.map((s) => [s.name, s] as const))(
  'loess interpolate on %s against R',
  (_, set) => {
    const data = dataOf(set);
    const options = { span: set.span, weights: data.weights };
    const smoother = loessInterpolator(data.p, Float64Array.from(data.y), options);

    it('has R’s k-d tree vertices, vertex values and slopes', () => {
      expect(Array.from(smoother.vertices)).toEqual(set.vertices);
      expect(maxAbsDifference(smoother.values, set.values)).toBeLessThan(TOLERANCE);
      // slopes scale with 1/bandwidth: compare relative to the largest
      const scale = Math.max(1, ...set.slopes.map(Math.abs));
      expect(maxAbsDifference(smoother.slopes, set.slopes) / scale).toBeLessThan(TOLERANCE);
    });

    it('fitted values and grid predictions agree to 1e-9', () => {
      // for weighted sets R saw the rows duplicated: its i-th case is the expanded data's
      const cases = data.weights === undefined ? data.p : duplicateRows({ ...data, w: data.weights }).p;
      const at = set.sample.map((i) => cases[i - 1] as number);
      expect(
        maxAbsDifference(
          Float64Array.from(at, (p) => smoother.predict(p)),
          set.fitted,
        ),
      ).toBeLessThan(TOLERANCE);
      expect(
        maxAbsDifference(
          Float64Array.from(set.grid, (p) => smoother.predict(p)),
          set.grid_fitted,
        ),
      ).toBeLessThan(TOLERANCE);
    });

    it('ICI, E50, E90 and Emax of the default smoothed calibration equal R’s', () => {
      const smooth = smoothCalibration(data.p, data.y, { span: set.span, weights: data.weights });
      expect(Math.abs(smooth.ici - set.ici)).toBeLessThan(TOLERANCE);
      expect(Math.abs(smooth.e50 - set.e50)).toBeLessThan(TOLERANCE);
      expect(Math.abs(smooth.e90 - set.e90)).toBeLessThan(TOLERANCE);
      expect(Math.abs(smooth.emax - set.emax)).toBeLessThan(TOLERANCE);
      expect(
        maxAbsDifference(
          Float64Array.from(smooth.points, (q) => q.observed),
          set.grid_fitted,
        ),
      ).toBeLessThan(TOLERANCE);
    });
  },
);
