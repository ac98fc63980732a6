/**
 * Warnings as the report's reader reads them. `warnings[].message` in results.json and on the
 * console is written for whoever runs dxreport (with the setting to change); the report says
 * what the reader needs to know about the results instead, with no configuration advice and
 * no codes. One text per warning code (the record's type makes a missing code a compile error;
 * a test checks it against src/evaluate/warnings.ts too).
 */
import type { WarningCode } from '../../evaluate/warnings.js';

export interface ReaderWarningInput {
  /** Where the warning applies, in words ("YOLO-TL, Sensitivity ≥ 0.9, PPV"). */
  where: string;
  /** The model it concerns, when there is one. */
  model: string | null;
  /** The console message (for the facts that are safe to restate, such as counts). */
  message: string;
}

/** The first number in the console message ("12 row(s) …" → "12"), when the fact is a count. */
function leadingCount(message: string): string | null {
  return /(\d+)/.exec(message)?.[1] ?? null;
}

function subject(w: ReaderWarningInput): string {
  return w.model ?? 'One model';
}

export const READER_WARNINGS: Record<WarningCode, (w: ReaderWarningInput) => string> = {
  'rows-dropped': (w) => {
    const n = leadingCount(w.message);
    return `Cases without a model score${n ? ` (${n})` : ''} were left out of the analysis.`;
  },
  'small-class': (w) =>
    `Only ${leadingCount(w.message) ?? 'a few'} cases are in the smaller outcome class, so the intervals are wide and approximate.`,
  'scores-not-probabilities': (w) =>
    `Scores of ${subject(w)} are not probabilities, so calibration and net benefit are not shown for it.`,
  'probabilities-clamped': (w) =>
    `Some predicted probabilities of ${subject(w)} are exactly 0 or 1; they were moved minimally inside (0, 1) to fit the calibration intercept and slope.`,
  'perfect-separation': (w) =>
    `${subject(w)} separates positive and negative cases perfectly, so its AUC has no meaningful confidence interval.`,
  'auc-below-chance': (w) =>
    `${subject(w)} ranks cases worse than chance (AUC below 0.5); its scores may be reversed, so its results should not be interpreted as they stand.`,
  'identical-models': (w) =>
    `${w.where}: the two models gave identical scores, so they cannot be told apart.`,
  'variance-undefined': (w) =>
    `The AUC of ${subject(w)} has no confidence interval: too few positive or negative cases to estimate its variance.`,
  'partial-auc-below-diagonal': (w) =>
    `The partial AUC of ${subject(w)} is below chance over the stated range, so its standardised value is not given.`,
  'likelihood-ratio-infinite': (w) =>
    `${w.where}: the likelihood ratio is infinite (a zero count in the denominator), so no value is given.`,
  'test-undefined': (w) =>
    `${w.where}: the difference could not be tested (too few cases to estimate its variance).`,
  'undefined-proportion': (w) => `${w.where}: not defined at this threshold (no cases in the denominator).`,
  'operating-point-unattainable': (w) =>
    `${w.where}: no threshold reaches this operating point's target, so every case is counted as negative there.`,
  'calibration-not-converged': (w) =>
    `The calibration model of ${subject(w)} did not converge; its calibration intercept and slope are not given.`,
  'single-outcome-class': (w) =>
    `Only one outcome class is present, so calibration of ${subject(w)} can be described only in part.`,
  'calibration-intercept-unavailable': (w) =>
    `The calibration intercept of ${subject(w)} could not be estimated from these data.`,
  'calibration-slope-unavailable': (w) =>
    `The calibration slope of ${subject(w)} could not be estimated from these data.`,
  'smooth-calibration-unavailable': (w) =>
    `A smoothed calibration curve of ${subject(w)} could not be estimated from these data; only the grouped calibration is shown.`,
  'bootstrap-undefined': (w) =>
    `${w.where}: the bootstrap interval is not given, because the measure was undefined in more than 1% of resamples.`,
  'bootstrap-few-replicates': (w) =>
    `Bootstrap intervals rest on only ${leadingCount(w.message) ?? 'a few'} resamples and are less precise than usual (about 1,000 or more are customary).`,
  'subgroup-single-class': (w) =>
    `${w.where}: the subgroup has cases of one outcome class only, so no AUC is given for it.`,
  'decimal-comma-detected': () =>
    'The data file used decimal commas; scores such as “0,83” were read as 0.83.',
  'encoding-detected': () =>
    'The data file’s text encoding was detected automatically; check that names read correctly.',
  'reader-study-undefined': (w) =>
    `${w.where}: some reader-study results are undefined (no variation between readers or cases) and are not given.`,
};

/** The reader's text of a warning; an unknown code (a newer results file) keeps its message. */
export function readerWarning(code: string, input: ReaderWarningInput): string {
  const text = (READER_WARNINGS as Record<string, ((w: ReaderWarningInput) => string) | undefined>)[code];
  return text ? text(input) : input.message;
}
