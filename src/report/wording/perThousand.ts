/**
 * What an operating point means for 1,000 patients: the expected numbers of true positives,
 * missed positives (false negatives), false positives and true negatives at a given
 * prevalence π, from the estimated sensitivity and specificity (the natural-frequency
 * presentation of Gigerenzer & Hoffrage 1995; e.g. the "per 1,000 patients" rows of GRADE
 * evidence profiles, Schünemann et al. BMJ 2008;336:1106):
 *
 *   positives = 1000 π,  TP = positives · sensitivity,  FN = positives − TP,
 *   negatives = 1000 − positives,  FP = negatives · (1 − specificity),  TN = negatives − FP.
 *
 * Whole patients are shown, so the counts are rounded so that each class adds up: positives
 * is 1000 π rounded, TP is positives · sensitivity rounded (half up) and FN the rest; likewise
 * FP and TN. Intervals scale the interval of sensitivity (or specificity) by the same class
 * size, π being fixed. A pure function: the report only formats what it returns.
 */

export interface PerThousandInput {
  /** The prevalence the counts are stated at (the study's, or `targetPrevalence`). */
  prevalence: number;
  sensitivity: number | null;
  specificity: number | null;
  /** Intervals of sensitivity and specificity, when there are any. */
  sensitivityCi?: { lower: number; upper: number } | null | undefined;
  specificityCi?: { lower: number; upper: number } | null | undefined;
}

export interface CountRange {
  lower: number;
  upper: number;
}

export interface PerThousand {
  prevalence: number;
  positives: number;
  negatives: number;
  /** null where the measure it comes from is undefined. */
  truePositives: number | null;
  falseNegatives: number | null;
  falsePositives: number | null;
  trueNegatives: number | null;
  /** The true positives' and false negatives' range from the sensitivity's interval. */
  truePositivesCi: CountRange | null;
  falseNegativesCi: CountRange | null;
  /** The false positives' range from the specificity's interval. */
  falsePositivesCi: CountRange | null;
}

/** Rounds half up (away from zero for these non-negative counts), after removing float noise. */
function roundCount(x: number): number {
  return Math.round(Number(x.toPrecision(12)));
}

function scaled(size: number, ci: { lower: number; upper: number } | null | undefined, complement: boolean) {
  if (!ci) return null;
  const lo = complement ? 1 - ci.upper : ci.lower;
  const hi = complement ? 1 - ci.lower : ci.upper;
  return { lower: roundCount(size * lo), upper: roundCount(size * hi) };
}

/** Expected counts per 1,000 patients at `prevalence` (see the file's comment for the formulas). */
export function perThousand(input: PerThousandInput): PerThousand {
  const { prevalence, sensitivity, specificity } = input;
  if (!(prevalence >= 0 && prevalence <= 1)) throw new RangeError(`per 1,000: prevalence ${prevalence}`);
  const positives = roundCount(1000 * prevalence);
  const negatives = 1000 - positives;
  const truePositives = sensitivity === null ? null : roundCount(positives * sensitivity);
  const trueNegatives = specificity === null ? null : roundCount(negatives * specificity);
  return {
    prevalence,
    positives,
    negatives,
    truePositives,
    falseNegatives: truePositives === null ? null : positives - truePositives,
    trueNegatives,
    falsePositives: trueNegatives === null ? null : negatives - trueNegatives,
    truePositivesCi: scaled(positives, input.sensitivityCi, false),
    falseNegativesCi: scaled(positives, input.sensitivityCi, true),
    falsePositivesCi: scaled(negatives, input.specificityCi, true),
  };
}
