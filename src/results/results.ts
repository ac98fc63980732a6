/**
 * The typed results of one evaluation: the single source for results.json, the report
 * templates and the charts. Every interval has one shape (`Interval`), every test one shape
 * (`TestResult`), as pROC's `htest` does; each carries a `methodId` (methods.ts) beside its
 * prose `method`. Numbers that cannot be computed are `null`, and a warning says why.
 *
 * The types are inferred from these zod schemas, which also give the JSON Schema of
 * results.json (`schema/results.schema.json`, written by scripts/write-schema.mjs). A number
 * that is not finite (an infinite likelihood ratio) is written as null in results.json; the
 * JSON Schema therefore allows null wherever a number may be infinite.
 */
import { z } from 'zod';
import { count, intervalSchema, maybe, methodId, real } from './primitives.js';
import { readerStudyResultSchema } from './readerStudy.js';
import { RESULTS_SCHEMA } from './schemaId.js';

export { intervalSchema, NULL_WHEN_NOT_FINITE, type Interval } from './primitives.js';
export { RESULTS_SCHEMA };

export const estimateSchema = z
  .object({
    estimate: maybe,
    se: maybe.optional(),
    /** Absent when only a bootstrap could give it and none ran. */
    ci: intervalSchema.nullable().optional(),
    /** A second interval by the bootstrap, when it ran. */
    bootstrapCi: intervalSchema.nullable().optional(),
  })
  .meta({ id: 'Estimate' });
/** A point estimate with an optional standard error and interval. */
export type Estimate = z.infer<typeof estimateSchema>;

export const proportionSchema = estimateSchema
  .extend({ numerator: count, denominator: count })
  .meta({ id: 'Proportion' });
/** A proportion x/n with its interval. */
export type Proportion = z.infer<typeof proportionSchema>;

export const testResultSchema = z
  .object({
    statistic: maybe,
    df: z.number().optional(),
    p: maybe,
    method: z.string(),
    methodId,
  })
  .meta({ id: 'TestResult' });
/** A hypothesis test. */
export type TestResult = z.infer<typeof testResultSchema>;

export const differenceSchema = testResultSchema
  .extend({
    difference: maybe,
    ci: intervalSchema.nullable().optional(),
    /** p adjusted for the number of comparisons (Holm), when there are more than one. */
    pAdjusted: maybe.optional(),
    /** A second interval by the paired bootstrap, when it ran and `ci` is analytic. */
    bootstrapCi: intervalSchema.nullable().optional(),
  })
  .meta({ id: 'Difference' });
/** A difference between two models (a − b) with its interval and test. */
export type Difference = z.infer<typeof differenceSchema>;

export const warningSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** Where it applies, as a results.json key path (e.g. `models[0].operatingPoints[1]`). */
  path: z.string(),
});
export type Warning = z.infer<typeof warningSchema>;

export const countsSchema = z.object({ tp: count, fp: count, tn: count, fn: count }).meta({ id: 'Counts' });
export type Counts = z.infer<typeof countsSchema>;

export const thresholdRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('minSensitivity'), value: z.number() }),
  z.object({ kind: z.literal('minSpecificity'), value: z.number() }),
  z.object({ kind: z.literal('youden') }),
  z.object({ kind: z.literal('threshold'), value: z.number() }),
]);
export type ThresholdRule = z.infer<typeof thresholdRuleSchema>;

export const operatingPointResultSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    rule: thresholdRuleSchema,
    /** The threshold applied (score >= threshold is positive); null when no score satisfies the rule. */
    threshold: maybe,
    /** "fixed": prespecified; "test": derived on this data; "validation": derived on the validation set. */
    thresholdSource: z.enum(['fixed', 'test', 'validation']),
    counts: countsSchema,
    sensitivity: proportionSchema,
    specificity: proportionSchema,
    ppv: proportionSchema,
    npv: proportionSchema,
    accuracy: proportionSchema,
    f1: estimateSchema,
    youdenJ: estimateSchema,
    positiveLikelihoodRatio: estimateSchema,
    negativeLikelihoodRatio: estimateSchema,
    /** PPV and NPV recomputed at `targetPrevalence` by Bayes' theorem, when it is set. */
    atTargetPrevalence: z
      .object({ prevalence: z.number(), ppv: estimateSchema, npv: estimateSchema })
      .optional(),
  })
  .meta({ id: 'OperatingPointResult' });
export type OperatingPointResult = z.infer<typeof operatingPointResultSchema>;

export const partialAucResultSchema = z.object({
  focus: z.enum(['specificity', 'sensitivity']),
  range: z.tuple([z.number(), z.number()]),
  estimate: real,
  /** Null below the diagonal, where McClish's standardisation is not defined. */
  mcclish: maybe,
  ci: intervalSchema.nullable().optional(),
  mcclishCi: intervalSchema.nullable().optional(),
});
export type PartialAucResult = z.infer<typeof partialAucResultSchema>;

export const rocPointSchema = z.object({ threshold: z.number(), sensitivity: real, specificity: real });
export type RocPoint = z.infer<typeof rocPointSchema>;

export const precisionRecallPointSchema = z.object({ threshold: z.number(), recall: real, precision: real });
export type PrecisionRecallPoint = z.infer<typeof precisionRecallPointSchema>;

export const decisionCurvePointSchema = z
  .object({
    threshold: z.number(),
    netBenefit: real,
    standardizedNetBenefit: maybe.optional(),
    interventionsAvoidedPer100: maybe.optional(),
    ci: intervalSchema.nullable().optional(),
  })
  .meta({ id: 'DecisionCurvePoint' });
export type DecisionCurvePoint = z.infer<typeof decisionCurvePointSchema>;

export const calibrationBinSchema = z.object({
  bin: z.number(),
  n: z.number(),
  meanPredicted: real,
  observed: proportionSchema,
});
export type CalibrationBin = z.infer<typeof calibrationBinSchema>;

export const calibrationCurvePointSchema = z.object({ predicted: real, observed: real });
export type CalibrationCurvePoint = z.infer<typeof calibrationCurvePointSchema>;

const fittedEstimateSchema = estimateSchema.extend({ converged: z.boolean() });

export const calibrationResultSchema = z.object({
  brier: real,
  scaledBrier: maybe,
  brierCi: intervalSchema.nullable().optional(),
  intercept: fittedEstimateSchema,
  slope: fittedEstimateSchema,
  observedExpectedRatio: estimateSchema,
  spiegelhalter: testResultSchema,
  bins: z.array(calibrationBinSchema),
  smooth: z
    .object({
      method: z.string(),
      methodId,
      span: z.number(),
      degree: z.number(),
      points: z.array(calibrationCurvePointSchema),
      ici: real,
      e50: real,
      e90: real,
      emax: real,
    })
    .nullable()
    .optional(),
});
export type CalibrationResult = z.infer<typeof calibrationResultSchema>;

/** How a curve of more points than results.json holds was thinned (statistics/curveThinning.ts). */
const curveThinningSchema = z.object({
  points: z.number(),
  kept: z.number(),
  maxError: z.number(),
  method: z.string(),
});

export const modelResultSchema = z.object({
  id: z.string(),
  name: z.string(),
  scoreColumn: z.string(),
  scoreKind: z.enum(['probability', 'score']),
  auc: estimateSchema.extend({ se: maybe, variance: maybe, logitCi: intervalSchema.nullable().optional() }),
  partialAuc: z.array(partialAucResultSchema),
  roc: z.array(rocPointSchema),
  averagePrecision: estimateSchema.optional(),
  maxF1: z.object({ estimate: real, threshold: real, ci: intervalSchema.nullable().optional() }).optional(),
  precisionRecall: z.array(precisionRecallPointSchema).optional(),
  operatingPoints: z.array(operatingPointResultSchema),
  /**
   * Present when `roc` or `precisionRecall` holds a thinned curve (more than 10,000 points):
   * the full length, the points kept and the error bound.
   */
  curveThinning: z
    .object({ roc: curveThinningSchema.optional(), precisionRecall: curveThinningSchema.optional() })
    .optional(),
  calibration: calibrationResultSchema.optional(),
  decisionCurve: z.array(decisionCurvePointSchema).optional(),
  /** Net benefit at `targetPrevalence` (sensitivity and specificity from the data, Bayes). */
  decisionCurveAtTargetPrevalence: z.array(decisionCurvePointSchema).optional(),
});
export type ModelResult = z.infer<typeof modelResultSchema>;

export const pairedProportionComparisonSchema = differenceSchema
  .extend({
    /** Discordant pairs: b = correct by the first model only, c = by the second only. */
    discordant: z.object({ b: count, c: count }),
    /** Cases in the class the proportion is computed on. */
    n: count,
  })
  .meta({ id: 'PairedProportionComparison' });
export type PairedProportionComparison = z.infer<typeof pairedProportionComparisonSchema>;

const predictiveValueComparisonSchema = differenceSchema.extend({
  scoreTest: testResultSchema.nullable().optional(),
});
export type PredictiveValueComparison = z.infer<typeof predictiveValueComparisonSchema>;

export const operatingPointComparisonSchema = z.object({
  id: z.string(),
  thresholds: z.tuple([maybe, maybe]),
  sensitivity: pairedProportionComparisonSchema,
  specificity: pairedProportionComparisonSchema,
  ppv: predictiveValueComparisonSchema,
  npv: predictiveValueComparisonSchema,
  /** Change in false positives and false negatives, model a minus model b. */
  falsePositivesChange: z.number(),
  falseNegativesChange: z.number(),
});
export type OperatingPointComparison = z.infer<typeof operatingPointComparisonSchema>;

export const comparisonResultSchema = z.object({
  models: z.tuple([z.string(), z.string()]),
  auc: differenceSchema.extend({ z: maybe, correlation: maybe }),
  operatingPoints: z.array(operatingPointComparisonSchema),
  averagePrecision: differenceSchema.optional(),
  decisionCurve: z
    .array(z.object({ threshold: z.number(), difference: real, ci: intervalSchema.nullable().optional() }))
    .optional(),
});
export type ComparisonResult = z.infer<typeof comparisonResultSchema>;

export const sampleSummarySchema = z
  .object({
    n: count,
    positives: count,
    negatives: count,
    prevalence: real,
    dropped: count.optional(),
    clusters: count.optional(),
  })
  .meta({ id: 'SampleSummary' });
export type SampleSummary = z.infer<typeof sampleSummarySchema>;

/** Accuracy at one operating point within a subgroup or on the validation set. */
export const operatingPointSummarySchema = z
  .object({
    id: z.string(),
    threshold: maybe,
    counts: countsSchema,
    sensitivity: proportionSchema,
    specificity: proportionSchema,
    ppv: proportionSchema,
    npv: proportionSchema,
  })
  .meta({ id: 'OperatingPointSummary' });
export type OperatingPointSummary = z.infer<typeof operatingPointSummarySchema>;

export const subgroupModelResultSchema = z
  .object({
    id: z.string(),
    auc: estimateSchema.extend({ se: maybe }),
    operatingPoints: z.array(operatingPointSummarySchema),
  })
  .meta({ id: 'SubgroupModelResult' });
export type SubgroupModelResult = z.infer<typeof subgroupModelResultSchema>;

/** One value of one subgroup column, analysed with the thresholds of the whole analysis. */
export const subgroupResultSchema = z.object({
  column: z.string(),
  value: z.string(),
  n: count,
  positives: count,
  negatives: count,
  models: z.array(subgroupModelResultSchema),
});
export type SubgroupResult = z.infer<typeof subgroupResultSchema>;

/** The validation set on which data-driven thresholds were chosen (`thresholdsFrom`). */
export const validationResultSchema = z.object({
  data: z.string(),
  sha256: z.string(),
  sample: sampleSummarySchema,
  models: z.array(subgroupModelResultSchema),
});
export type ValidationResult = z.infer<typeof validationResultSchema>;

export const resolvedSettingsSchema = z.object({
  level: z.number(),
  proportion: z.string(),
  /** AUC interval: "delong" or "delong-logit". */
  auc: z.string(),
  mcnemar: z.string(),
  pairedDifference: z.string(),
  missing: z.enum(['error', 'drop']),
  bootstrap: z.object({
    replicates: z.number(),
    seed: z.number(),
    stratified: z.boolean(),
    interval: z.string(),
    rng: z.string(),
    rederiveThresholds: z.boolean(),
  }),
  decisionCurve: z.object({ from: z.number(), to: z.number(), by: z.number() }),
  positive: z.string(),
  targetPrevalence: z.number().optional(),
});
export type ResolvedSettings = z.infer<typeof resolvedSettingsSchema>;

export const resultsSchema = z.object({
  schema: z.literal(RESULTS_SCHEMA),
  dxreport: z.object({ version: z.string() }),
  title: z.string(),
  settings: resolvedSettingsSchema,
  input: z.object({
    data: z.string(),
    sha256: z.string(),
    rows: count,
    validation: z.object({ data: z.string(), sha256: z.string(), rows: count }).optional(),
    /** The study file itself: its name and the SHA-256 of its bytes. */
    study: z.object({ file: z.string(), sha256: z.string() }).optional(),
  }),
  sample: sampleSummarySchema,
  models: z.array(modelResultSchema),
  comparisons: z.array(comparisonResultSchema),
  subgroups: z.array(subgroupResultSchema).optional(),
  validation: validationResultSchema.optional(),
  decisionCurve: z
    .object({
      treatAll: z.array(decisionCurvePointSchema),
      treatNone: z.array(decisionCurvePointSchema),
      treatAllAtTargetPrevalence: z.array(decisionCurvePointSchema).optional(),
    })
    .optional(),
  /** A multi-reader multi-case study, when the study file has `readerStudy`. */
  readerStudy: readerStudyResultSchema.optional(),
  warnings: z.array(warningSchema),
});
export type Results = z.infer<typeof resultsSchema>;
