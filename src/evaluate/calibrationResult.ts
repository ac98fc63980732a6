/**
 * The calibration block of a model's results: the statistics' calibration summary with its
 * methods named (prose and id) for results.json.
 */
import type {
  CalibrationEstimate,
  CalibrationInterval,
  CalibrationSummary,
} from '../statistics/calibration.js';
import { withMethodName } from '../results/methods.js';
import type { CalibrationResult, Estimate, Interval } from '../results/results.js';

function namedInterval(ci: CalibrationInterval | null | undefined): Interval | null | undefined {
  return ci ? withMethodName(ci) : ci;
}

function namedEstimate<T extends CalibrationEstimate>(estimate: T): Omit<T, 'ci'> & Pick<Estimate, 'ci'> {
  return { ...estimate, ci: namedInterval(estimate.ci) };
}

export function calibrationResult(summary: CalibrationSummary): CalibrationResult {
  return {
    ...summary,
    intercept: namedEstimate(summary.intercept),
    slope: namedEstimate(summary.slope),
    observedExpectedRatio: namedEstimate(summary.observedExpectedRatio),
    spiegelhalter: withMethodName(summary.spiegelhalter),
    bins: summary.bins.map((bin) => ({ ...bin, observed: namedEstimate(bin.observed) })),
    smooth: summary.smooth ? withMethodName(summary.smooth) : null,
  };
}
