/**
 * Result types of a reader study (multi-reader multi-case): `results.readerStudy`, as the
 * contract's "Reader studies" section lists its keys. Intervals have the project's one
 * interval shape; numbers that cannot be computed (e.g. no variation between readers) are
 * null, with a warning.
 */
import type { Interval } from '../evaluate/results.js';

export type ReaderMetric = 'auc' | 'sensitivity' | 'specificity';

/** A mean's standard error and interval under one generalisation. */
export interface ReaderInterval {
  se: number | null;
  ci: Interval | null;
}

export interface ReaderEstimate {
  id: string;
  estimate: number;
}

export interface ModalityResult {
  id: string;
  /** The readers' mean. */
  estimate: number;
  readers: ReaderEstimate[];
  /** Readers and cases random (Hillis df); that modality's data only. */
  randomReaders: ReaderInterval & { df: number | null };
  /** Readers fixed, cases random (normal interval). */
  fixedReaders: ReaderInterval;
  /** Cases fixed, readers random (t on R − 1 df). */
  fixedCases: ReaderInterval & { df: number };
}

/** One reader's own difference between the two modalities (readers fixed; MRMCaov `reader_test_diffs`). */
export interface ReaderDifference {
  id: string;
  difference: number;
  se: number | null;
  ci: Interval | null;
  z: number | null;
  p: number | null;
}

export interface ModalityComparison {
  /** [a, b]: the difference is a − b. */
  modalities: [string, string];
  difference: number;
  randomReaders: ReaderInterval & { df: number | null; t: number | null; p: number | null; method: string };
  fixedReaders: ReaderInterval & { z: number | null; p: number | null; method: string };
  fixedCases: ReaderInterval & { df: number; t: number | null; p: number | null; method: string };
  readers: ReaderDifference[];
}

export interface ModalityTest {
  randomReaders: {
    statistic: number | null;
    df1: number;
    df2: number | null;
    p: number | null;
    method: string;
  };
  fixedReaders: { statistic: number | null; df: number; p: number | null; method: string };
  fixedCases: { statistic: number | null; df1: number; df2: number; p: number | null; method: string };
}

export interface VarianceComponents {
  reader: number;
  modalityReader: number | null;
  error: number;
  cov1: number | null;
  cov2: number;
  cov3: number | null;
}

export interface ReaderMetricResult {
  /** How the figure of merit is computed, e.g. "empirical (trapezoidal) AUC". */
  method: string;
  /** "case jackknife" or "DeLong" (the covariance of the figures of merit). */
  covariance: string;
  modalities: ModalityResult[];
  comparisons: ModalityComparison[];
  /** The test of equal modalities; absent with one modality. */
  test?: ModalityTest;
  varianceComponents: VarianceComponents;
}

/** A standalone model against the readers of one modality (model − readers' mean). */
export interface ModelVersusReadersResult {
  readersMean: number;
  model: number;
  difference: number;
  se: number | null;
  df: number | null;
  ci: Interval | null;
  t: number | null;
  p: number | null;
  method: string;
}

/** Sensitivity or specificity of the model at the threshold matching the readers' mean of the other. */
export interface MatchedModelVersusReaders extends ModelVersusReadersResult {
  /** The model's threshold (score ≥ threshold is positive); null when no threshold reaches the target. */
  threshold: number | null;
  /** What was matched: the readers' mean specificity (for sensitivity) or sensitivity (for specificity). */
  matched: { measure: 'specificity' | 'sensitivity'; readersMean: number; model: number };
}

export interface StandaloneModality {
  modality: string;
  auc: ModelVersusReadersResult;
  sensitivity?: MatchedModelVersusReaders | null;
  specificity?: MatchedModelVersusReaders | null;
}

export interface StandaloneComparison {
  model: string;
  name: string;
  modalities: StandaloneModality[];
}

/** A reader's empirical ROC points in one modality (rating ≥ each distinct rating is positive). */
export interface ReaderRocPoints {
  reader: string;
  modality: string;
  fpr: number[];
  tpr: number[];
}

export interface ReaderStudyResult {
  input: { data: string; sha256: string; rows: number };
  cases: number;
  positives: number;
  negatives: number;
  readers: string[];
  modalities: string[];
  covariance: 'jackknife' | 'delong';
  positiveFrom?: number;
  auc: ReaderMetricResult;
  sensitivity?: ReaderMetricResult;
  specificity?: ReaderMetricResult;
  standalone: StandaloneComparison[];
  roc: ReaderRocPoints[];
}
