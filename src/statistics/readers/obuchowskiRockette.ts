/**
 * The Obuchowski–Rockette (1995) analysis of a factorial reader study — every reader reads
 * every case in every modality — with Hillis's (2007; Hillis, Berbaum & Metz 2008)
 * denominator degrees of freedom, for the three generalisations MRMCaov (Smith, Hillis &
 * Pesce) computes: random readers and random cases, fixed readers (random cases), fixed
 * cases (random readers). The formulas are MRMCaov 0.3.0's (`summary.mrmc`,
 * `summary.mrmc_tests_*`, `vcov_comps`):
 *
 * From the figures of merit θ_tr (T modalities × R readers) the two-way ANOVA mean squares
 * MS(T), MS(R), MS(T:R); from their covariance matrix the error variance (mean of the
 * diagonal) and Cov1 (same reader, different modalities), Cov2 (same modality, different
 * readers), Cov3 (both different), each the mean of those entries.
 *
 * - random readers/cases: F = MS(T)/[MS(T:R) + R·max(Cov2 − Cov3, 0)] on T − 1 and
 *   ddf_H = [MS(T:R) + R·max(Cov2 − Cov3, 0)]² / [MS(T:R)²/((T − 1)(R − 1))] df; a
 *   difference has SE √(2·denominator/R) and the same df; modality t alone:
 *   SE = √(MS_t(R)/R + max(Cov2_t, 0)), df = [MS_t(R) + R·max(Cov2_t, 0)]²/[MS_t(R)²/(R − 1)].
 * - fixed readers: χ² = (T − 1)·MS(T)/[Var − Cov1 + (R − 1)(Cov2 − Cov3)] on T − 1 df; a
 *   difference has SE √(2·that/R), normal intervals; modality t alone:
 *   SE = √((Var_t + (R − 1)·max(Cov2_t, 0))/R).
 * - fixed cases: F = MS(T)/MS(T:R) on T − 1 and (T − 1)(R − 1) df, difference SE √(2·MS(T:R)/R);
 *   modality t alone: SE = √(MS_t(R)/R) on R − 1 df.
 *
 * Intervals of a modality's own mean are cut to [0, 1] (the figures are proportions);
 * intervals of differences are not. Variance components (Hillis 2005's OR parameters):
 * σ²_R = (MS(R) − MS(T:R))/T − Cov1 + Cov3, σ²_TR = MS(T:R) − Var + Cov1 + (Cov2 − Cov3).
 */
import { chiSquareUpperTail, twoSidedNormalP, zForLevel } from '../distributions.js';
import { fUpperTail, tForLevel, twoSidedTP } from './distributions.js';

export interface OrInput {
  /** θ[t][r]: the figure of merit of reader r in modality t (T ≥ 1, R ≥ 2). */
  estimates: readonly (readonly number[])[];
  /** Covariance of the figures, (T·R)², row-major, figure index t·R + r. */
  covariance: Float64Array;
  level: number;
}

export interface OrInterval {
  se: number;
  lower: number;
  upper: number;
}

export interface OrModality {
  estimate: number;
  randomReaders: OrInterval & { df: number };
  fixedReaders: OrInterval;
  fixedCases: OrInterval & { df: number };
}

export interface OrComparison {
  /** Modality indices: the difference is θ̄_a − θ̄_b. */
  a: number;
  b: number;
  difference: number;
  randomReaders: OrInterval & { df: number; t: number; p: number };
  fixedReaders: OrInterval & { z: number; p: number };
  fixedCases: OrInterval & { df: number; t: number; p: number };
}

export interface OrGlobalTest {
  randomReaders: { statistic: number; df1: number; df2: number; p: number };
  fixedReaders: { statistic: number; df: number; p: number };
  fixedCases: { statistic: number; df1: number; df2: number; p: number };
}

export interface OrVarianceComponents {
  /** σ²_R; with one modality MS(R) − Var + Cov2. */
  reader: number;
  /** σ²_TR; null with one modality. */
  modalityReader: number | null;
  error: number;
  cov1: number | null;
  cov2: number;
  cov3: number | null;
}

export interface OrAnalysis {
  modalities: OrModality[];
  comparisons: OrComparison[];
  /** The test of equal modalities; null with one modality. */
  test: OrGlobalTest | null;
  varianceComponents: OrVarianceComponents;
  meanSquares: { modality: number | null; reader: number; modalityReader: number | null };
}

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

interface CovarianceMeans {
  variance: number;
  cov1: number;
  cov2: number;
  cov3: number;
}

/** Mean variance and Cov1–3 over the figures whose modality is in `modalities`. */
function covarianceMeans(
  covariance: Float64Array,
  readers: number,
  modalities: readonly number[],
): CovarianceMeans {
  const g = Math.round(Math.sqrt(covariance.length));
  const sums = [0, 0, 0, 0];
  const counts = [0, 0, 0, 0];
  for (const t of modalities) {
    for (const u of modalities) {
      for (let r = 0; r < readers; r++) {
        for (let s = 0; s < readers; s++) {
          const kind = t === u ? (r === s ? 0 : 2) : r === s ? 1 : 3;
          sums[kind] =
            (sums[kind] as number) + (covariance[(t * readers + r) * g + u * readers + s] as number);
          counts[kind] = (counts[kind] as number) + 1;
        }
      }
    }
  }
  const at = (kind: number) =>
    (counts[kind] as number) > 0 ? (sums[kind] as number) / (counts[kind] as number) : 0;
  return { variance: at(0), cov1: at(1), cov2: at(2), cov3: at(3) };
}

function interval(estimate: number, se: number, multiplier: number, bounded: boolean): OrInterval {
  let lower = estimate - multiplier * se;
  let upper = estimate + multiplier * se;
  if (bounded) {
    lower = Math.max(0, lower);
    upper = Math.min(1, upper);
  }
  return { se, lower, upper };
}

/** One modality's mean with its three intervals (that modality's figures and covariances only). */
function modalityResult(
  row: readonly number[],
  covariance: Float64Array,
  t: number,
  level: number,
): OrModality {
  const readers = row.length;
  const estimate = mean(row);
  const msReader = row.reduce((s, v) => s + (v - estimate) ** 2, 0) / (readers - 1);
  const { variance, cov2 } = covarianceMeans(covariance, readers, [t]);
  const cov2Plus = Math.max(cov2, 0);
  const randomSe = Math.sqrt(msReader / readers + cov2Plus);
  const randomDf = (msReader + readers * cov2Plus) ** 2 / (msReader ** 2 / (readers - 1));
  const fixedReadersSe = Math.sqrt((variance + (readers - 1) * cov2Plus) / readers);
  const fixedCasesSe = Math.sqrt(msReader / readers);
  return {
    estimate,
    randomReaders: { ...interval(estimate, randomSe, tForLevel(level, randomDf), true), df: randomDf },
    fixedReaders: interval(estimate, fixedReadersSe, zForLevel(level), true),
    fixedCases: { ...interval(estimate, fixedCasesSe, tForLevel(level, readers - 1), true), df: readers - 1 },
  };
}

interface MeanSquares {
  modality: number;
  reader: number;
  modalityReader: number;
}

/** Two-way ANOVA mean squares of θ[t][r] with one observation per cell. */
function meanSquares(estimates: readonly (readonly number[])[]): MeanSquares {
  const modalities = estimates.length;
  const readers = (estimates[0] as readonly number[]).length;
  const modalityMeans = estimates.map(mean);
  const readerMeans = Array.from({ length: readers }, (_, r) =>
    mean(estimates.map((row) => row[r] as number)),
  );
  const grand = mean(modalityMeans);
  let interaction = 0;
  estimates.forEach((row, t) =>
    row.forEach((v, r) => {
      interaction += (v - (modalityMeans[t] as number) - (readerMeans[r] as number) + grand) ** 2;
    }),
  );
  return {
    modality: (readers * modalityMeans.reduce((s, v) => s + (v - grand) ** 2, 0)) / (modalities - 1),
    reader: (modalities * readerMeans.reduce((s, v) => s + (v - grand) ** 2, 0)) / (readers - 1),
    modalityReader: interaction / ((modalities - 1) * (readers - 1)),
  };
}

/** The Obuchowski–Rockette–Hillis analysis of T modalities read by the same R readers. */
export function obuchowskiRockette(input: OrInput): OrAnalysis {
  const { estimates, covariance, level } = input;
  const modalities = estimates.length;
  const readers = (estimates[0] as readonly number[]).length;
  const perModality = estimates.map((row, t) => modalityResult(row, covariance, t, level));
  if (modalities === 1) {
    const row = estimates[0] as readonly number[];
    const m = mean(row);
    const msReader = row.reduce((s, v) => s + (v - m) ** 2, 0) / (readers - 1);
    const { variance, cov2 } = covarianceMeans(covariance, readers, [0]);
    return {
      modalities: perModality,
      comparisons: [],
      test: null,
      varianceComponents: {
        reader: msReader - variance + cov2,
        modalityReader: null,
        error: variance,
        cov1: null,
        cov2,
        cov3: null,
      },
      meanSquares: { modality: null, reader: msReader, modalityReader: null },
    };
  }
  const ms = meanSquares(estimates);
  const all = Array.from({ length: modalities }, (_, t) => t);
  const { variance, cov1, cov2, cov3 } = covarianceMeans(covariance, readers, all);
  const df1 = modalities - 1;
  const interactionDf = (modalities - 1) * (readers - 1);

  const randomDenominator = ms.modalityReader + readers * Math.max(cov2 - cov3, 0);
  const randomDf = randomDenominator ** 2 / (ms.modalityReader ** 2 / interactionDf);
  const fixedReadersDenominator = variance - cov1 + (readers - 1) * (cov2 - cov3);
  const randomF = ms.modality / randomDenominator;
  const chiSquare = (df1 * ms.modality) / fixedReadersDenominator;
  const fixedCasesF = ms.modality / ms.modalityReader;

  const randomSe = Math.sqrt((2 * randomDenominator) / readers);
  const fixedReadersSe = Math.sqrt((2 * fixedReadersDenominator) / readers);
  const fixedCasesSe = Math.sqrt((2 * ms.modalityReader) / readers);
  const comparisons: OrComparison[] = [];
  for (let a = 0; a < modalities; a++) {
    for (let b = a + 1; b < modalities; b++) {
      const difference = (perModality[a] as OrModality).estimate - (perModality[b] as OrModality).estimate;
      const t = difference / randomSe;
      const z = difference / fixedReadersSe;
      const tFixedCases = difference / fixedCasesSe;
      comparisons.push({
        a,
        b,
        difference,
        randomReaders: {
          ...interval(difference, randomSe, tForLevel(level, randomDf), false),
          df: randomDf,
          t,
          p: twoSidedTP(t, randomDf),
        },
        fixedReaders: {
          ...interval(difference, fixedReadersSe, zForLevel(level), false),
          z,
          p: twoSidedNormalP(z),
        },
        fixedCases: {
          ...interval(difference, fixedCasesSe, tForLevel(level, interactionDf), false),
          df: interactionDf,
          t: tFixedCases,
          p: twoSidedTP(tFixedCases, interactionDf),
        },
      });
    }
  }
  return {
    modalities: perModality,
    comparisons,
    test: {
      randomReaders: { statistic: randomF, df1, df2: randomDf, p: fUpperTail(randomF, df1, randomDf) },
      fixedReaders: { statistic: chiSquare, df: df1, p: chiSquareUpperTail(chiSquare, df1) },
      fixedCases: {
        statistic: fixedCasesF,
        df1,
        df2: interactionDf,
        p: fUpperTail(fixedCasesF, df1, interactionDf),
      },
    },
    varianceComponents: {
      reader: (ms.reader - ms.modalityReader) / modalities - cov1 + cov3,
      modalityReader: ms.modalityReader - variance + cov1 + (cov2 - cov3),
      error: variance,
      cov1,
      cov2,
      cov3,
    },
    meanSquares: ms,
  };
}
