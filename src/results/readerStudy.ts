/**
 * Result schemas of a reader study (multi-reader multi-case): `results.readerStudy`, as the
 * contract's "Reader studies" section lists its keys. Intervals have the project's one
 * interval shape and every interval and test a `methodId` (methods.ts); numbers that cannot
 * be computed (e.g. no variation between readers) are null, with a warning.
 */
import { z } from 'zod';
import { count, intervalSchema, maybe, methodId, real } from './primitives.js';

export type ReaderMetric = 'auc' | 'sensitivity' | 'specificity';

/** A mean's standard error and interval under one generalisation. */
const readerIntervalSchema = z.object({ se: maybe, ci: intervalSchema.nullable() });
export type ReaderInterval = z.infer<typeof readerIntervalSchema>;

const readerEstimateSchema = z.object({ id: z.string(), estimate: real });
export type ReaderEstimate = z.infer<typeof readerEstimateSchema>;

export const modalityResultSchema = z.object({
  id: z.string(),
  /** The readers' mean. */
  estimate: real,
  readers: z.array(readerEstimateSchema),
  /** Readers and cases random (Hillis df); that modality's data only. */
  randomReaders: readerIntervalSchema.extend({ df: maybe }),
  /** Readers fixed, cases random (normal interval). */
  fixedReaders: readerIntervalSchema,
  /** Cases fixed, readers random (t on R − 1 df). */
  fixedCases: readerIntervalSchema.extend({ df: count }),
});
export type ModalityResult = z.infer<typeof modalityResultSchema>;

/** One reader's own difference between the two modalities (readers fixed; MRMCaov `reader_test_diffs`). */
const readerDifferenceSchema = z.object({
  id: z.string(),
  difference: real,
  se: maybe,
  ci: intervalSchema.nullable(),
  z: maybe,
  p: maybe,
});
export type ReaderDifference = z.infer<typeof readerDifferenceSchema>;

const tested = { p: maybe, method: z.string(), methodId };

export const modalityComparisonSchema = z.object({
  /** [a, b]: the difference is a − b. */
  modalities: z.tuple([z.string(), z.string()]),
  difference: real,
  randomReaders: readerIntervalSchema.extend({ df: maybe, t: maybe, ...tested }),
  fixedReaders: readerIntervalSchema.extend({ z: maybe, ...tested }),
  fixedCases: readerIntervalSchema.extend({ df: count, t: maybe, ...tested }),
  readers: z.array(readerDifferenceSchema),
});
export type ModalityComparison = z.infer<typeof modalityComparisonSchema>;

export const modalityTestSchema = z.object({
  randomReaders: z.object({ statistic: maybe, df1: count, df2: maybe, ...tested }),
  fixedReaders: z.object({ statistic: maybe, df: count, ...tested }),
  fixedCases: z.object({ statistic: maybe, df1: count, df2: count, ...tested }),
});
export type ModalityTest = z.infer<typeof modalityTestSchema>;

const varianceComponentsSchema = z.object({
  reader: real,
  modalityReader: maybe,
  error: real,
  cov1: maybe,
  cov2: real,
  cov3: maybe,
});
export type VarianceComponents = z.infer<typeof varianceComponentsSchema>;

export const readerMetricResultSchema = z.object({
  /** How the figure of merit is computed, e.g. "empirical (trapezoidal) AUC". */
  method: z.string(),
  /** "case jackknife" or "DeLong" (the covariance of the figures of merit). */
  covariance: z.string(),
  covarianceMethodId: methodId,
  modalities: z.array(modalityResultSchema),
  comparisons: z.array(modalityComparisonSchema),
  /** The test of equal modalities; absent with one modality. */
  test: modalityTestSchema.optional(),
  varianceComponents: varianceComponentsSchema,
});
export type ReaderMetricResult = z.infer<typeof readerMetricResultSchema>;

/** A standalone model against the readers of one modality (model − readers' mean). */
const modelVersusReadersSchema = z.object({
  readersMean: real,
  model: real,
  difference: real,
  se: maybe,
  df: maybe,
  ci: intervalSchema.nullable(),
  t: maybe,
  ...tested,
});
export type ModelVersusReadersResult = z.infer<typeof modelVersusReadersSchema>;

/** Sensitivity or specificity of the model at the threshold matching the readers' mean of the other. */
const matchedModelVersusReadersSchema = modelVersusReadersSchema.extend({
  /** The model's threshold (score ≥ threshold is positive); null when no threshold reaches the target. */
  threshold: maybe,
  /** What was matched: the readers' mean specificity (for sensitivity) or sensitivity (for specificity). */
  matched: z.object({ measure: z.enum(['specificity', 'sensitivity']), readersMean: real, model: real }),
});
export type MatchedModelVersusReaders = z.infer<typeof matchedModelVersusReadersSchema>;

const standaloneModalitySchema = z.object({
  modality: z.string(),
  auc: modelVersusReadersSchema,
  sensitivity: matchedModelVersusReadersSchema.nullable().optional(),
  specificity: matchedModelVersusReadersSchema.nullable().optional(),
});
export type StandaloneModality = z.infer<typeof standaloneModalitySchema>;

const standaloneComparisonSchema = z.object({
  model: z.string(),
  name: z.string(),
  modalities: z.array(standaloneModalitySchema),
});
export type StandaloneComparison = z.infer<typeof standaloneComparisonSchema>;

/** A reader's empirical ROC points in one modality (rating ≥ each distinct rating is positive). */
const readerRocPointsSchema = z.object({
  reader: z.string(),
  modality: z.string(),
  fpr: z.array(real),
  tpr: z.array(real),
});
export type ReaderRocPoints = z.infer<typeof readerRocPointsSchema>;

export const readerStudyResultSchema = z
  .object({
    input: z.object({ data: z.string(), sha256: z.string(), rows: count }),
    cases: count,
    positives: count,
    negatives: count,
    readers: z.array(z.string()),
    modalities: z.array(z.string()),
    covariance: z.enum(['jackknife', 'delong']),
    positiveFrom: z.number().optional(),
    auc: readerMetricResultSchema,
    sensitivity: readerMetricResultSchema.optional(),
    specificity: readerMetricResultSchema.optional(),
    standalone: z.array(standaloneComparisonSchema),
    roc: z.array(readerRocPointsSchema),
  })
  .meta({ id: 'ReaderStudy' });
export type ReaderStudyResult = z.infer<typeof readerStudyResultSchema>;
