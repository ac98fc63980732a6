/**
 * evaluate, reader-study step: the reads of `study.readerStudy` → `ReaderStudyResult`.
 * Pure. Per reader × modality the empirical AUC (and, with `positiveFrom`, sensitivity and
 * specificity), their covariance (case jackknife or DeLong), the Obuchowski–Rockette–Hillis
 * analysis for the three generalisations, each reader's own differences, and each standalone
 * model against the readers of each modality.
 */
import type { Study } from '../load/loadStudy.js';
import type { ReaderStudyData } from '../load/readerStudy.js';
import { readerStudyUndefinedWarning, type WarningLog } from './warnings.js';
import {
  readerAuc,
  readerProportion,
  type AucFigure,
  type FigureOfMerit,
} from '../statistics/readers/figuresOfMerit.js';
import { delongCovariance, jackknifeCovariance } from '../statistics/readers/covariance.js';
import { obuchowskiRockette, type OrAnalysis } from '../statistics/readers/obuchowskiRockette.js';
import { zForLevel, twoSidedNormalP } from '../statistics/distributions.js';
import type {
  ReaderDifference,
  ReaderMetric,
  ReaderMetricResult,
  ReaderRocPoints,
  ReaderStudyResult,
} from '../results/readerStudy.js';
import type { MethodId } from '../results/methods.js';
import { standaloneComparisons } from './readerStudyStandalone.js';
import { ciOf, finite, pick, readerCases, type ReaderCases } from './readerStudyCases.js';
import { AnalysisShape } from './readerStudyShape.js';

const METRIC_METHODS: Record<ReaderMetric, string> = {
  auc: 'empirical (trapezoidal) AUC of the ratings',
  sensitivity: 'sensitivity of the calls rating ≥ positiveFrom',
  specificity: 'specificity of the calls rating < positiveFrom',
};

interface MetricFigures {
  /** figures[t][r] */
  figures: FigureOfMerit[][];
  covariance: Float64Array;
  covarianceName: string;
  covarianceMethodId: MethodId;
}

function covarianceOf(figures: FigureOfMerit[][], useDelong: boolean): Float64Array {
  const flat = figures.flat();
  return useDelong
    ? delongCovariance(flat.map((f) => (f as AucFigure).placements))
    : jackknifeCovariance(flat.map((f) => f.leaveOneOut));
}

function metricFigures(reads: ReaderStudyData, cases: ReaderCases, metric: ReaderMetric): MetricFigures {
  const positiveFrom = reads.settings.positiveFrom as number;
  const figures = reads.ratings.map((byReader) =>
    byReader.map((ratings): FigureOfMerit => {
      if (metric === 'auc') return readerAuc(pick(ratings, cases.positives), pick(ratings, cases.negatives));
      return metric === 'sensitivity'
        ? readerProportion(pick(ratings, cases.positives), positiveFrom, 'positive calls')
        : readerProportion(pick(ratings, cases.negatives), positiveFrom, 'negative calls');
    }),
  );
  const useDelong = metric === 'auc' && reads.settings.covariance === 'delong';
  return {
    figures,
    covariance: covarianceOf(figures, useDelong),
    covarianceName: useDelong ? 'DeLong' : 'case jackknife',
    covarianceMethodId: useDelong ? 'reader-delong-covariance' : 'reader-jackknife-covariance',
  };
}

/**
 * Each reader's own difference a − b (readers fixed, cases random): SE √(Var_a + Var_b − 2·Cov_ab)
 * of that reader's two figures, a normal interval. With two modalities this is MRMCaov's
 * `reader_test_diffs` (√(2·(Var_r − Cov1_r))); with more, the pair's own variances are used.
 */
function readerDifferences(
  reads: ReaderStudyData,
  estimates: number[][],
  covariance: Float64Array,
  a: number,
  b: number,
  level: number,
): ReaderDifference[] {
  const readers = reads.readers.length;
  const g = readers * reads.modalities.length;
  const c = (i: number, j: number) => covariance[i * g + j] as number;
  return reads.readers.map((id, r) => {
    const ia = a * readers + r;
    const ib = b * readers + r;
    const difference = (estimates[a]?.[r] as number) - (estimates[b]?.[r] as number);
    const se = Math.sqrt(c(ia, ia) + c(ib, ib) - 2 * c(ia, ib));
    const z = difference / se;
    const half = zForLevel(level) * se;
    return {
      id,
      difference,
      se: finite(se),
      ci: ciOf(difference - half, difference + half, level, 'or-reader-fixed'),
      z: finite(z),
      p: Number.isFinite(z) ? twoSidedNormalP(z) : null,
    };
  });
}

function metricResult(
  reads: ReaderStudyData,
  cases: ReaderCases,
  metric: ReaderMetric,
  level: number,
  warnings: WarningLog,
): ReaderMetricResult {
  const { figures, covariance, covarianceName, covarianceMethodId } = metricFigures(reads, cases, metric);
  const estimates = figures.map((row) => row.map((f) => f.estimate));
  const analysis: OrAnalysis = obuchowskiRockette({ estimates, covariance, level });
  const shape = new AnalysisShape(level);
  const comparisons = analysis.comparisons.map((c) => ({
    ...shape.comparison(c, reads.modalities),
    readers: readerDifferences(reads, estimates, covariance, c.b, c.a, level),
  }));
  const test = analysis.test ? shape.test(analysis.test) : undefined;
  const modalities = analysis.modalities.map((m, t) => ({
    ...shape.modality(m, reads.modalities[t] as string),
    readers: reads.readers.map((id, r) => ({ id, estimate: estimates[t]?.[r] as number })),
  }));
  readerStudyUndefinedWarning(warnings, metric, shape.undefinedParts);
  return {
    method: METRIC_METHODS[metric],
    covariance: covarianceName,
    covarianceMethodId,
    modalities: modalities.map(({ id, estimate, readers, ...rest }) => ({ id, estimate, readers, ...rest })),
    comparisons,
    ...(test ? { test } : {}),
    varianceComponents: analysis.varianceComponents,
  };
}

/**
 * One reader's empirical ROC points: rating ≥ each distinct rating is positive, from the highest
 * rating down (one sort and one sweep), starting at (0, 0).
 */
function rocPointsOf(positives: Float64Array, negatives: Float64Array): { fpr: number[]; tpr: number[] } {
  const cases = [
    ...Array.from(positives, (rating) => ({ rating, positive: true })),
    ...Array.from(negatives, (rating) => ({ rating, positive: false })),
  ].sort((x, y) => y.rating - x.rating);
  const fpr = [0];
  const tpr = [0];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < cases.length;) {
    const rating = (cases[i] as { rating: number }).rating;
    while (i < cases.length && (cases[i] as { rating: number }).rating === rating) {
      if ((cases[i] as { positive: boolean }).positive) tp++;
      else fp++;
      i++;
    }
    fpr.push(fp / negatives.length);
    tpr.push(tp / positives.length);
  }
  return { fpr, tpr };
}

/** Each reader's empirical ROC points per modality. */
function readerRocPoints(reads: ReaderStudyData, cases: ReaderCases): ReaderRocPoints[] {
  return reads.ratings.flatMap((byReader, t) =>
    byReader.map((ratings, r) => ({
      reader: reads.readers[r] as string,
      modality: reads.modalities[t] as string,
      ...rocPointsOf(pick(ratings, cases.positives), pick(ratings, cases.negatives)),
    })),
  );
}

/** The reader-study results of `study` (which must have `readerStudy`). */
export function evaluateReaderStudy(study: Study, level: number, warnings: WarningLog): ReaderStudyResult {
  const reads = study.readerStudy as ReaderStudyData;
  const cases = readerCases(study);
  const hasCalls = reads.settings.positiveFrom !== undefined;
  const auc = metricResult(reads, cases, 'auc', level, warnings);
  const sensitivity = hasCalls ? metricResult(reads, cases, 'sensitivity', level, warnings) : undefined;
  const specificity = hasCalls ? metricResult(reads, cases, 'specificity', level, warnings) : undefined;
  return {
    input: { data: reads.settings.data, sha256: reads.sha256, rows: reads.rows },
    cases: cases.positives.length + cases.negatives.length,
    positives: cases.positives.length,
    negatives: cases.negatives.length,
    readers: reads.readers,
    modalities: reads.modalities,
    covariance: reads.settings.covariance,
    ...(hasCalls ? { positiveFrom: reads.settings.positiveFrom as number } : {}),
    auc,
    ...(sensitivity ? { sensitivity } : {}),
    ...(specificity ? { specificity } : {}),
    standalone: standaloneComparisons({ study, reads, cases, level, sensitivity, specificity, warnings }),
    roc: readerRocPoints(reads, cases),
  };
}
