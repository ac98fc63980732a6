/**
 * Warnings are data: collected during evaluation, written to results.json and listed in the
 * report. One rule for degenerate input everywhere: compute what is defined, set what is
 * not to null, and say why. Every rule (when a warning is given and its wording) is here;
 * the pipeline's steps call them in order, so the list follows the results.
 */
import type { CalibrationWarning } from '../statistics/calibration.js';
import type { Counts, Warning } from '../results/results.js';

export type WarningCode =
  | 'rows-dropped'
  | 'small-class'
  | 'scores-not-probabilities'
  | 'probabilities-clamped'
  | 'perfect-separation'
  | 'auc-below-chance'
  | 'identical-models'
  | 'variance-undefined'
  | 'partial-auc-below-diagonal'
  | 'likelihood-ratio-infinite'
  | 'test-undefined'
  | 'undefined-proportion'
  | 'operating-point-unattainable'
  | 'calibration-not-converged'
  | 'single-outcome-class'
  | 'calibration-intercept-unavailable'
  | 'calibration-slope-unavailable'
  | 'smooth-calibration-unavailable'
  | 'bootstrap-undefined'
  | 'bootstrap-few-replicates'
  | 'subgroup-single-class'
  | 'decimal-comma-detected'
  | 'encoding-detected'
  | 'reader-study-undefined';

export class WarningLog {
  readonly list: Warning[] = [];

  add(code: WarningCode, message: string, path: string): void {
    this.list.push({ code, message, path });
  }
}

/** The analysed sample: dropped rows, a small class. */
export function sampleWarnings(
  log: WarningLog,
  sample: { dropped: number; positives: number; negatives: number },
): void {
  const { dropped, positives, negatives } = sample;
  if (dropped > 0) {
    log.add('rows-dropped', `${dropped} row(s) with a missing score were dropped (missing: drop)`, 'sample');
  }
  if (Math.min(positives, negatives) < 10) {
    log.add(
      'small-class',
      `only ${Math.min(positives, negatives)} ${positives < negatives ? 'positive' : 'negative'} case(s): intervals are wide and normal approximations may be poor`,
      'sample',
    );
  }
}

/** The likely causes of an AUC below 0.5, with the fix for each. */
function belowChanceCause(outcome: { positive: string; negative: string } | undefined): string {
  const direction =
    "this model's higher scores mean negative: give it a score column where higher means more likely positive (e.g. 1 − score)";
  if (!outcome) return `are higher scores really more likely positive? If not, ${direction}`;
  return (
    `is the outcome reversed? outcome.positive is ${JSON.stringify(outcome.positive)}; if ${JSON.stringify(outcome.negative)} is the disease, set outcome.positive to it in the study file. ` +
    `Otherwise ${direction}`
  );
}

/** A model's AUC: perfect separation, an undefined variance, below chance. */
export function aucWarnings(
  log: WarningLog,
  model: {
    name: string;
    path: string;
    clustered: boolean;
    /** The outcome's two values, so that a reversed outcome can be named with its fix. */
    outcome?: { positive: string; negative: string };
  },
  auc: { estimate: number | null; se: number | null | undefined },
): void {
  const { name, path, clustered } = model;
  if (auc.estimate === 1 || auc.estimate === 0) {
    log.add(
      'perfect-separation',
      `${name} separates the classes perfectly (AUC ${auc.estimate}); its standard error is 0 or undefined and the interval degenerate`,
      `${path}.auc`,
    );
  }
  if (auc.se === null || auc.se === undefined) {
    log.add(
      'variance-undefined',
      `${name}: the AUC's ${clustered ? 'clustered ' : ''}variance is undefined (too few positive or negative cases${clustered ? ', or clusters' : ''}); no interval`,
      `${path}.auc`,
    );
  } else if ((auc.estimate ?? 1) < 0.5) {
    log.add(
      'auc-below-chance',
      `${name} has AUC ${(auc.estimate as number).toFixed(3)} < 0.5: ${belowChanceCause(model.outcome)}`,
      `${path}.auc`,
    );
  }
}

/** A partial AUC below the diagonal, where McClish's standardisation is not defined. */
export function partialAucWarnings(
  log: WarningLog,
  model: { name: string; path: string },
  partialAucs: readonly { focus: string; range: [number, number]; mcclish: number | null }[],
): void {
  partialAucs.forEach((p, k) => {
    if (p.mcclish === null) {
      log.add(
        'partial-auc-below-diagonal',
        `${model.name}: the partial AUC over ${p.focus} ${p.range[0]}–${p.range[1]} is below the diagonal's; McClish's standardisation is not defined`,
        `${model.path}.partialAuc[${k}]`,
      );
    }
  });
}

/**
 * An operating point: a rule no score reaches, infinite likelihood ratios, and each of
 * sensitivity, specificity, PPV and NPV that is 0/0 at the threshold.
 */
export function operatingPointWarnings(
  log: WarningLog,
  point: { path: string; counts: Counts; unattainable: boolean; ruleText: string },
): void {
  const { path, unattainable, ruleText } = point;
  const { tp, fp, tn, fn } = point.counts;
  if (unattainable) {
    log.add(
      'operating-point-unattainable',
      `no score value reaches ${ruleText.toLowerCase()}; every case is called negative`,
      path,
    );
  }
  if (fp === 0 && tp > 0 && tn > 0) {
    log.add(
      'likelihood-ratio-infinite',
      'LR+ is infinite: no false positives at this threshold',
      `${path}.positiveLikelihoodRatio`,
    );
  }
  if (tn === 0 && fn > 0 && tp + fp > 0) {
    log.add(
      'likelihood-ratio-infinite',
      'LR− is infinite: no true negatives at this threshold',
      `${path}.negativeLikelihoodRatio`,
    );
  }
  const denominators = { sensitivity: tp + fn, specificity: tn + fp, ppv: tp + fp, npv: tn + fn };
  for (const [what, n] of Object.entries(denominators)) {
    if (n === 0) {
      log.add('undefined-proportion', `${what} is undefined (0/0) at this threshold`, `${path}.${what}`);
    }
  }
}

/** A condition the calibration statistics reported. */
export function calibrationWarning(
  log: WarningLog,
  model: { name: string; path: string },
  warning: CalibrationWarning,
): void {
  log.add(warning.code, `${model.name}: ${warning.message}`, `${model.path}.calibration`);
}

/** Scores that are not probabilities: no calibration or net benefit. */
export function notProbabilitiesWarning(
  log: WarningLog,
  model: { name: string; path: string; scores: Float64Array },
): void {
  // scores all in [0, 100] are likely percentages, which `scores: percent` reads ÷ 100; the
  // advice never points back at `scores: probability`, which would refuse these scores
  const advice = percentScale(model.scores)
    ? 'if they are percentages, set scores: percent'
    : 'set scores: score to say they are not probabilities';
  log.add(
    'scores-not-probabilities',
    `${model.name}'s scores are not all in [0, 1]: calibration and net benefit are omitted (${advice})`,
    model.path,
  );
}

function percentScale(scores: Float64Array): boolean {
  for (const v of scores) if (v < 0 || v > 100) return false;
  return true;
}

/** A comparison: identical models, an undefined AUC test, undefined paired tests. */
export function comparisonWarnings(
  log: WarningLog,
  comparison: {
    names: string;
    path: string;
    identical: boolean;
    auc: { p: number | null; difference: number | null };
    operatingPoints: readonly Record<'sensitivity' | 'specificity', { p: number | null; n: number }>[];
  },
): void {
  const { names, path } = comparison;
  if (comparison.identical)
    log.add('identical-models', `${names}: the two models have identical scores`, path);
  if (comparison.auc.p === null) {
    log.add(
      'test-undefined',
      `${names}: the variance of the AUC difference is ${comparison.auc.difference === 0 ? 'undefined' : 'zero or undefined'}; no test or interval`,
      `${path}.auc`,
    );
  }
  comparison.operatingPoints.forEach((point, j) => {
    for (const measure of ['sensitivity', 'specificity'] as const) {
      if (point[measure].p === null && point[measure].n > 0) {
        log.add(
          'test-undefined',
          `${names}: the paired ${measure} test is undefined (fewer than two clusters hold ${measure === 'sensitivity' ? 'positive' : 'negative'} cases)`,
          `${path}.operatingPoints[${j}].${measure}`,
        );
      }
    }
  });
}

/** Few bootstrap replicates. */
export function bootstrapReplicatesWarning(log: WarningLog, replicates: number): void {
  if (replicates < 1000) {
    log.add(
      'bootstrap-few-replicates',
      `${replicates} bootstrap replicates: percentile limits are unstable below about 1000`,
      'settings.bootstrap',
    );
  }
}

/** A statistic undefined in too many replicates for a bootstrap interval. */
export function bootstrapUndefinedWarning(log: WarningLog, path: string): void {
  log.add(
    'bootstrap-undefined',
    'undefined in more than 1% of bootstrap replicates (e.g. no case called positive): no bootstrap interval',
    path,
  );
}

/** A subgroup holding one outcome class only. */
export function subgroupWarning(
  log: WarningLog,
  subgroup: { column: string; value: string; positives: number; n: number; path: string },
): void {
  const { column, value, positives, n, path } = subgroup;
  if (positives === 0 || positives === n) {
    log.add(
      'subgroup-single-class',
      `subgroup ${column} = ${value} has only ${positives === 0 ? 'negative' : 'positive'} cases: no AUC`,
      path,
    );
  }
}

/**
 * A reader-study analysis with values that are not defined (no variation between readers or
 * cases makes a denominator zero): those values are null.
 */
export function readerStudyUndefinedWarning(
  log: WarningLog,
  metric: string,
  undefinedParts: ReadonlySet<string>,
): void {
  if (undefinedParts.size === 0) return;
  log.add(
    'reader-study-undefined',
    `${metric}: some ${[...undefinedParts].join(', ')} results are undefined (no variation between readers or cases): they are null`,
    `readerStudy.${metric}`,
  );
}

/** A standalone model whose scores reach no threshold matching the readers' mean. */
export function readerStudyUnmatchedWarning(
  log: WarningLog,
  input: { model: string; measure: 'sensitivity' | 'specificity'; modality: string },
): void {
  log.add(
    'operating-point-unattainable',
    `model ${input.model}: no threshold reaches the readers' mean ${input.measure} in modality ${input.modality}`,
    'readerStudy.standalone',
  );
}
