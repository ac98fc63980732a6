// The written-out IRLS passes for an intercept with at most one covariate (irlsPassesSmall.ts)
// must give the bits of the general Householder passes (irlsPasses.ts): every field of the fit,
// on the calibration reference sets and on generated data with ties, offsets, weights (zeros
// included), extreme predictions, separation and a constant covariate.
import { describe, expect, it } from 'vitest';
import { fitLogistic, type LogisticRegressionInput } from '../../src/statistics/logisticRegression.js';
import { clampedLogits } from '../../src/statistics/calibration.js';
import { CALIBRATION_SETS, readCalibrationSet } from './calibrationReferenceData.js';

function bothWays(input: LogisticRegressionInput): void {
  const small = fitLogistic(input);
  const general = fitLogistic({ ...input, passes: 'general' });
  expect(small).toEqual(general);
}

/** A seeded 32-bit linear congruential generator (uniform in (0, 1)). */
function uniforms(seed: number): () => number {
  let state = seed;
  return () => {
    state = (69069 * state + 1) % 4294967296;
    return (state + 0.5) / 4294967296;
  };
}

interface Generated {
  x: Float64Array;
  y: Uint8Array;
  w: Float64Array;
  offset: Float64Array;
}

function generated(n: number, seed: number, options: { spread: number; decimals: number }): Generated {
  const u = uniforms(seed);
  const x = new Float64Array(n);
  const y = new Uint8Array(n);
  const w = new Float64Array(n);
  const offset = new Float64Array(n);
  const scale = 10 ** options.decimals;
  for (let i = 0; i < n; i++) {
    const latent = options.spread * (u() - 0.5);
    x[i] = Math.round(latent * scale) / scale;
    y[i] = u() < 1 / (1 + Math.exp(-0.8 * latent)) ? 1 : 0;
    w[i] = Math.floor(u() * 3);
    offset[i] = 0.5 * latent + (u() - 0.5);
  }
  return { x, y, w, offset };
}

describe('IRLS passes for one or two coefficients equal the general passes bit for bit', () => {
  describe.each(CALIBRATION_SETS)('calibration_%s', (name) => {
    const set = readCalibrationSet(name);
    const { logits } = clampedLogits(set.p);
    it.each([undefined, set.w])('intercept with offset and slope (weights %#)', (weights) => {
      bothWays({ columns: [], outcome: set.y, offset: logits, intercept: true, weights, tolerance: 1e-14 });
      bothWays({ columns: [logits], outcome: set.y, intercept: true, weights, tolerance: 1e-14 });
    });
  });

  it.each([
    { n: 2000, seed: 1, spread: 4, decimals: 6 },
    { n: 2000, seed: 2, spread: 4, decimals: 1 },
    { n: 500, seed: 3, spread: 80, decimals: 3 },
    { n: 50, seed: 4, spread: 200, decimals: 0 },
    { n: 3, seed: 5, spread: 2, decimals: 2 },
  ])('generated data: n $n, spread $spread, $decimals decimals', ({ n, seed, spread, decimals }) => {
    const data = generated(n, seed, { spread, decimals });
    for (const weights of [undefined, data.w]) {
      for (const offset of [undefined, data.offset]) {
        bothWays({ columns: [], outcome: data.y, offset, intercept: true, weights });
        bothWays({ columns: [data.x], outcome: data.y, offset, intercept: true, weights });
      }
    }
  });

  it('tied cases next to each other (as in the canonical order)', () => {
    const data = generated(3000, 9, { spread: 4, decimals: 1 });
    const order = Array.from(data.x.keys()).sort(
      (a, b) =>
        (data.y[a] as number) - (data.y[b] as number) || (data.x[a] as number) - (data.x[b] as number),
    );
    const x = Float64Array.from(order, (i) => data.x[i] as number);
    const y = Uint8Array.from(order, (i) => data.y[i] as number);
    const offset = Float64Array.from(x, (v) => 0.5 * v);
    for (const weights of [undefined, Float64Array.from(order, (i) => data.w[i] as number)]) {
      bothWays({ columns: [], outcome: y, offset, intercept: true, weights });
      bothWays({ columns: [x], outcome: y, intercept: true, weights });
      bothWays({ columns: [x], outcome: y, offset, intercept: true, weights });
    }
  });

  it('separation, a single class, a constant covariate and a single case', () => {
    const x = (values: number[]): Float64Array => Float64Array.from(values);
    const y = (values: number[]): Uint8Array => Uint8Array.from(values);
    bothWays({ columns: [x([1, 2, 3, 3, 4, 5])], outcome: y([0, 0, 0, 1, 1, 1]), intercept: true });
    bothWays({ columns: [x([1, 2, 3, 4])], outcome: y([0, 0, 1, 1]), intercept: true });
    bothWays({ columns: [], outcome: y([0, 0, 0, 0]), offset: x([-1, 0, 1, 2]), intercept: true });
    bothWays({ columns: [x([2, 2, 2, 2])], outcome: y([0, 1, 0, 1]), intercept: true });
    bothWays({ columns: [x([0.4])], outcome: y([1]), intercept: true });
    bothWays({ columns: [], outcome: y([1]), intercept: true, maxIterations: 0 });
    bothWays({
      columns: [x([-40, 35, 0.5, 1])],
      outcome: y([0, 1, 0, 1]),
      intercept: true,
      maxIterations: 3,
    });
  });
});
