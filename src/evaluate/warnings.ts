/**
 * Warnings are data: collected during evaluation, written to results.json and listed in the
 * report. One rule for degenerate input everywhere: compute what is defined, set what is
 * not to null, and say why here.
 */
import type { Warning } from './results.js';

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
  | 'encoding-detected';

export class WarningLog {
  readonly list: Warning[] = [];

  add(code: WarningCode, message: string, path: string): void {
    this.list.push({ code, message, path });
  }
}
