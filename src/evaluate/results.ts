/**
 * The typed results of one evaluation: the single source for results.json, the report
 * templates and the charts. Every interval has one shape (`Interval`), every test one shape
 * (`TestResult`), as pROC's `htest` does. Numbers that cannot be computed are `null`, and a
 * warning says why.
 */
import type { CurveThinning } from '../statistics/curveThinning.js';

export const RESULTS_SCHEMA = 'dxreport/results@1';

/** A confidence interval. */
export interface Interval {
  lower: number;
  upper: number;
  level: number;
  method: string;
}

/** A point estimate with an optional standard error and interval. */
export interface Estimate {
  estimate: number | null;
  se?: number | null;
  /** Absent when only a bootstrap could give it and none ran. */
  ci?: Interval | null;
  /** A second interval by the bootstrap, when it ran. */
  bootstrapCi?: Interval | null;
}

/** A proportion x/n with its interval. */
export interface Proportion extends Estimate {
  numerator: number;
  denominator: number;
}

/** A hypothesis test. */
export interface TestResult {
  statistic: number | null;
  df?: number;
  p: number | null;
  method: string;
}

/** A difference between two models (a − b) with its interval and test. */
export interface Difference extends TestResult {
  difference: number | null;
  ci?: Interval | null;
  /** p adjusted for the number of comparisons (Holm), when there are more than one. */
  pAdjusted?: number | null;
  /** A second interval by the paired bootstrap, when it ran and `ci` is analytic. */
  bootstrapCi?: Interval | null;
}

export interface Warning {
  code: string;
  message: string;
  /** Where it applies, as a results.json key path (e.g. `models[0].operatingPoints[1]`). */
  path: string;
}

export interface Counts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export type ThresholdRule =
  | { kind: 'minSensitivity'; value: number }
  | { kind: 'minSpecificity'; value: number }
  | { kind: 'youden' }
  | { kind: 'threshold'; value: number };

export interface OperatingPointResult {
  id: string;
  label: string;
  rule: ThresholdRule;
  /** The threshold applied (score >= threshold is positive); null when no score satisfies the rule. */
  threshold: number | null;
  /** "fixed": prespecified; "test": derived on this data; "validation": derived on the validation set. */
  thresholdSource: 'fixed' | 'test' | 'validation';
  counts: Counts;
  sensitivity: Proportion;
  specificity: Proportion;
  ppv: Proportion;
  npv: Proportion;
  accuracy: Proportion;
  f1: Estimate;
  youdenJ: Estimate;
  positiveLikelihoodRatio: Estimate;
  negativeLikelihoodRatio: Estimate;
  /** PPV and NPV recomputed at `targetPrevalence` by Bayes' theorem, when it is set. */
  atTargetPrevalence?: { prevalence: number; ppv: Estimate; npv: Estimate };
}

export interface PartialAucResult {
  focus: 'specificity' | 'sensitivity';
  range: [number, number];
  estimate: number;
  /** Null below the diagonal, where McClish's standardisation is not defined. */
  mcclish: number | null;
  ci?: Interval | null;
  mcclishCi?: Interval | null;
}

export interface RocPoint {
  threshold: number;
  sensitivity: number;
  specificity: number;
}

export interface PrecisionRecallPoint {
  threshold: number;
  recall: number;
  precision: number;
}

export interface DecisionCurvePoint {
  threshold: number;
  netBenefit: number;
  standardizedNetBenefit?: number | null;
  interventionsAvoidedPer100?: number | null;
  ci?: Interval | null;
}

export interface CalibrationBin {
  bin: number;
  n: number;
  meanPredicted: number;
  observed: Proportion;
}

export interface CalibrationCurvePoint {
  predicted: number;
  observed: number;
}

export interface CalibrationResult {
  brier: number;
  scaledBrier: number | null;
  brierCi?: Interval | null;
  intercept: Estimate & { converged: boolean };
  slope: Estimate & { converged: boolean };
  observedExpectedRatio: Estimate;
  spiegelhalter: TestResult;
  bins: CalibrationBin[];
  smooth?: {
    method: string;
    span: number;
    degree: number;
    points: CalibrationCurvePoint[];
    ici: number;
    e50: number;
    e90: number;
    emax: number;
  } | null;
}

export interface ModelResult {
  id: string;
  name: string;
  scoreColumn: string;
  scoreKind: 'probability' | 'score';
  auc: Estimate & { se: number | null; variance: number | null; logitCi?: Interval | null };
  partialAuc: PartialAucResult[];
  roc: RocPoint[];
  averagePrecision?: Estimate;
  maxF1?: { estimate: number; threshold: number; ci?: Interval | null };
  precisionRecall?: PrecisionRecallPoint[];
  operatingPoints: OperatingPointResult[];
  /**
   * Present when `roc` or `precisionRecall` holds a thinned curve (more than 10,000 points):
   * the full length, the points kept and the error bound (see statistics/curveThinning.ts).
   */
  curveThinning?: { roc?: CurveThinning; precisionRecall?: CurveThinning };
  calibration?: CalibrationResult;
  decisionCurve?: DecisionCurvePoint[];
  /** Net benefit at `targetPrevalence` (sensitivity and specificity from the data, Bayes). */
  decisionCurveAtTargetPrevalence?: DecisionCurvePoint[];
}

export interface PairedProportionComparison extends Difference {
  /** Discordant pairs: b = correct by the first model only, c = by the second only. */
  discordant: { b: number; c: number };
  /** Cases in the class the proportion is computed on. */
  n: number;
}

export interface OperatingPointComparison {
  id: string;
  thresholds: [number | null, number | null];
  sensitivity: PairedProportionComparison;
  specificity: PairedProportionComparison;
  ppv: Difference & { scoreTest?: TestResult | null };
  npv: Difference & { scoreTest?: TestResult | null };
  /** Change in false positives and false negatives, model a minus model b. */
  falsePositivesChange: number;
  falseNegativesChange: number;
}

export interface ComparisonResult {
  models: [string, string];
  auc: Difference & { z: number | null; correlation: number | null };
  operatingPoints: OperatingPointComparison[];
  averagePrecision?: Difference;
  decisionCurve?: { threshold: number; difference: number; ci?: Interval | null }[];
}

export interface SampleSummary {
  n: number;
  positives: number;
  negatives: number;
  prevalence: number;
  dropped?: number;
  clusters?: number;
}

/** Accuracy at one operating point within a subgroup or on the validation set. */
export interface OperatingPointSummary {
  id: string;
  threshold: number | null;
  counts: Counts;
  sensitivity: Proportion;
  specificity: Proportion;
  ppv: Proportion;
  npv: Proportion;
}

export interface SubgroupModelResult {
  id: string;
  auc: Estimate & { se: number | null };
  operatingPoints: OperatingPointSummary[];
}

/** One value of one subgroup column, analysed with the thresholds of the whole analysis. */
export interface SubgroupResult {
  column: string;
  value: string;
  n: number;
  positives: number;
  negatives: number;
  models: SubgroupModelResult[];
}

/** The validation set on which data-driven thresholds were chosen (`thresholdsFrom`). */
export interface ValidationResult {
  data: string;
  sha256: string;
  sample: SampleSummary;
  models: SubgroupModelResult[];
}

export interface Results {
  schema: typeof RESULTS_SCHEMA;
  dxreport: { version: string };
  title: string;
  settings: ResolvedSettings;
  input: {
    data: string;
    sha256: string;
    rows: number;
    validation?: { data: string; sha256: string; rows: number };
  };
  sample: SampleSummary;
  models: ModelResult[];
  comparisons: ComparisonResult[];
  subgroups?: SubgroupResult[];
  validation?: ValidationResult;
  decisionCurve?: {
    treatAll: DecisionCurvePoint[];
    treatNone: DecisionCurvePoint[];
    treatAllAtTargetPrevalence?: DecisionCurvePoint[];
  };
  warnings: Warning[];
}

export interface ResolvedSettings {
  level: number;
  proportion: string;
  /** AUC interval: "delong" or "delong-logit". */
  auc: string;
  mcnemar: string;
  pairedDifference: string;
  missing: 'error' | 'drop';
  bootstrap: {
    replicates: number;
    seed: number;
    stratified: boolean;
    interval: string;
    rng: string;
    rederiveThresholds: boolean;
  };
  decisionCurve: { from: number; to: number; by: number };
  positive: string;
  targetPrevalence?: number;
}
