/**
 * The bootstrap's memory, estimated before it starts: every replicate keeps each model's
 * statistics (AUC, average precision, maximum F1, partial AUCs, the measures of each
 * operating point, net benefit at each decision threshold) as 8-byte numbers, and BCa adds one
 * leave-one-out fit per case (or cluster); re-derived thresholds double it. A study whose
 * bootstrap would not fit is refused before any work, naming the key that sets its size.
 */
import { InvalidArgumentError } from 'commander';
import { modelLayout } from '../evaluate/bootstrap.js';
import { InputError } from '../load/errors.js';
import type { Study } from '../load/loadStudy.js';
import { thresholdGrid } from '../statistics/decisionCurve.js';

/** Default limit on the bootstrap's memory, in gigabytes (10⁹ bytes); `--bootstrap-memory` raises it. */
export const DEFAULT_BOOTSTRAP_GIGABYTES = 4;

const BYTES_PER_VALUE = Float64Array.BYTES_PER_ELEMENT;

export function bootstrapBytes(study: Study): number {
  const { replicates, interval, rederiveThresholds } = study.settings.bootstrap;
  if (replicates <= 0) return 0;
  const { from, to, by } = study.settings.decisionCurve;
  const width = modelLayout(
    study.settings.operatingPoints.length,
    study.settings.partialAuc.length,
    thresholdGrid(from, to, by).length,
  ).width;
  const units = study.data.clusters ? new Set(study.data.clusters).size : study.data.labels.length;
  const rows = replicates + (interval === 'bca' ? units : 0);
  return BYTES_PER_VALUE * study.models.length * width * rows * (rederiveThresholds ? 2 : 1);
}

const gigabytes = (bytes: number) => `${(bytes / 1e9).toPrecision(2)} GB`;

/**
 * Throws an InputError on `bootstrap.replicates` of `file` (the study file as the user named
 * it) when the bootstrap would need more than `limitGigabytes`.
 */
export function checkBootstrapMemory(study: Study, options: { limitGigabytes: number; file: string }): void {
  const { limitGigabytes, file } = options;
  const bytes = bootstrapBytes(study);
  if (bytes <= limitGigabytes * 1e9) return;
  const { replicates } = study.settings.bootstrap;
  throw new InputError(
    { file, keyPath: 'bootstrap.replicates' },
    `${replicates} replicates of ${study.models.length} model(s) need about ${gigabytes(bytes)} of memory, ` +
      `above the limit of ${limitGigabytes} GB: use fewer replicates, operating points or decision-curve thresholds, ` +
      `or raise the limit with --bootstrap-memory <GB>`,
  );
}

export function parseGigabytes(value: string): number {
  const limit = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(limit > 0)) {
    throw new InvalidArgumentError(`"${value}": use a number of gigabytes, e.g. 8`);
  }
  return limit;
}
