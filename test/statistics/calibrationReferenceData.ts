/**
 * Reading the calibration reference data sets (test/reference/data/calibration_*.csv, from
 * make_calibration_data.R) and the committed expected values (test/reference/expected/).
 */
import { readFileSync } from 'node:fs';

export const CALIBRATION_SETS = [
  'well',
  'overconfident',
  'ties',
  'imbalanced',
  'clamped',
  'separation',
] as const;
export type CalibrationSetName = (typeof CALIBRATION_SETS)[number];

export interface CalibrationSet {
  p: Float64Array;
  y: Uint8Array;
  /** Bootstrap-like case multiplicities. */
  w: Float64Array;
}

export function readCalibrationSet(name: CalibrationSetName): CalibrationSet {
  const text = readFileSync(new URL(`../reference/data/calibration_${name}.csv`, import.meta.url), 'utf8');
  const lines = text.trim().split(/\r?\n/);
  const header = (lines[0] as string).split(',');
  const column = (key: string): number => {
    const index = header.indexOf(key);
    if (index < 0) throw new Error(`calibration_${name}.csv has no column ${key}`);
    return index;
  };
  const [pIndex, yIndex, wIndex] = [column('p'), column('y'), column('w')];
  const rows = lines.slice(1).map((line) => line.split(','));
  return {
    p: Float64Array.from(rows, (row) => Number(row[pIndex])),
    y: Uint8Array.from(rows, (row) => Number(row[yIndex])),
    w: Float64Array.from(rows, (row) => Number(row[wIndex])),
  };
}

/** The set with row i repeated w[i] times (what the weighted results must equal). */
export function duplicateRows(set: CalibrationSet): { p: Float64Array; y: Uint8Array } {
  const p: number[] = [];
  const y: number[] = [];
  set.w.forEach((w, i) => {
    for (let k = 0; k < w; k++) {
      p.push(set.p[i] as number);
      y.push(set.y[i] as number);
    }
  });
  return { p: Float64Array.from(p), y: Uint8Array.from(y) };
}

export function readExpected<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(`../reference/expected/${file}`, import.meta.url), 'utf8')) as T;
}

/** Largest |a[i] − b[i]|; throws when the lengths differ. */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] as number) - (b[i] as number)));
  return max;
}

/** A glm fit in calibration_<set>.json (calibration.R). */
export interface GlmReference {
  estimate: number;
  /** From R's vcov(), evaluated at the weights of the last IRLS iteration. */
  se: number;
  /** √diag((XᵀWX)⁻¹) at the final coefficients. */
  se_at_estimate: number;
  /** confint.default() (uses `se`). */
  lower: number;
  upper: number;
  coefficients: number[];
  converged: boolean;
  iterations: number;
  deviance: number;
  warnings: string[];
}

export interface LoessReference {
  span: number;
  fitted: number[];
  ici: number;
  e50: number;
  e90: number;
  emax: number;
  grid: number[];
  grid_fitted: number[];
  warnings: string[];
}

export interface BinReference {
  bin: number;
  n: number;
  mean_predicted: number;
  events: number;
  observed: number;
  lower: number;
  upper: number;
}

export interface CalibrationMeasuresReference {
  n: number;
  events: number;
  expected: number;
  clamped: number;
  brier: number;
  scaled_brier: number;
  intercept: GlmReference;
  slope: GlmReference;
  observed_expected: { estimate: number; se: number; lower: number; upper: number };
  spiegelhalter: { z: number; p: number };
  bins: { breaks: number[]; bins: BinReference[] };
  loess: LoessReference[];
}

export interface CalibrationReference {
  generated_by: string;
  level: number;
  clamp: number;
  bins_groups: number;
  unweighted: CalibrationMeasuresReference;
  weighted: CalibrationMeasuresReference;
  val_prob: {
    Brier: number;
    Intercept: number;
    Slope: number;
    S_z: number;
    S_p: number;
    Eavg: number;
    Emax: number;
    E90: number;
    warnings: string[];
  } | null;
}

export interface StatsmodelsGlm {
  coefficients?: number[];
  se?: number[];
  converged?: boolean;
  error?: string;
}

export interface StatsmodelsReference {
  unweighted: { intercept: StatsmodelsGlm; slope: StatsmodelsGlm; net_benefit: number[] };
  weighted: { intercept: StatsmodelsGlm; slope: StatsmodelsGlm; net_benefit: number[] };
}

/** Weights for a reference variant: none for "unweighted", the set's w for "weighted". */
export function weightsFor(set: CalibrationSet, kind: 'unweighted' | 'weighted'): Float64Array | undefined {
  return kind === 'weighted' ? set.w : undefined;
}
