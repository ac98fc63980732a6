/**
 * evaluate: a validated `Study` → typed `Results`. Pure: no file system, no console; long
 * work reports through `onProgress`. A pipeline of named steps (steps/), each reading what
 * the earlier ones built and changing none of it; warnings are collected in order as the
 * steps go (warnings.ts holds every rule).
 *
 *   resolve settings → start bootstrap → each model → comparisons → bootstrap intervals
 *     → multiplicity (once) → reader study (when there is one) → assemble
 */
import type { Study } from '../load/loadStudy.js';
import type { Results } from '../results/results.js';
import type { StartedBootstrap } from './bootstrap.js';
import { WarningLog } from './warnings.js';
import { resolveSettings } from './steps/resolveSettings.js';
import { startBootstraps } from './steps/startBootstrap.js';
import {
  calibrationOptions,
  evaluateModel,
  isProbabilityModel,
  isProbabilityScale,
} from './steps/evaluateModel.js';
import {
  offerCalibrations,
  THREADED_CALIBRATION_CASES,
  type CalibrationJob,
  type CalibrationJobs,
} from './calibrationThreads.js';
import { GROUPED_CALIBRATION_CASES } from '../statistics/calibration.js';
import type { EvaluationContext } from './context.js';
import { compareModels } from './steps/compareModels.js';
import { bootstrapIntervals } from './steps/bootstrapIntervals.js';
import { adjustForMultiplicity } from './steps/multiplicity.js';
import { readerStudyStep } from './steps/readerStudy.js';
import { assembleResults } from './steps/assemble.js';

export interface EvaluateOptions {
  /**
   * Called as the bootstrap progresses: `done` of `total` resamples — the replicates, then
   * (for BCa intervals) the jackknife's leave-one-out fits.
   */
  onProgress?: (done: number, total: number) => void;
  /** Called as each longer step starts, naming it (for a progress display). */
  onStep?: (step: string) => void;
  /**
   * Threads for the bootstrap, this one included (default 1: no worker threads). The results
   * are the same for any number: each block of replicates has its own random stream.
   */
  threads?: number;
  /**
   * Cases from which, with more than one thread, models' calibrations run in worker threads
   * (default THREADED_CALIBRATION_CASES; lower only to test that path on a small study).
   */
  threadedCalibrationCases?: number;
}

/**
 * With more than one thread and enough cases, the calibration of every probability model but
 * the first is offered to worker threads (this thread evaluates the first meanwhile).
 */
/**
 * The later models' calibrations offered before the settings step, from the cases in the
 * order they were loaded, so that a worker calibrates them while this thread puts the cases
 * in canonical order (at 10⁶ cases that step is ≈ 0.3 s, and the worker's calibration was the
 * longer path). This is the same computation as after it: from GROUPED_CALIBRATION_CASES on
 * the calibration is a function of the distinct (p, y) pairs and their counts (the groups of
 * binaryGroups.ts, summed in ascending p), not of the cases' order — the canonical order only
 * permutes the cases (`earlyCalibrationsHold` checks it). Not offered when a score is −0 or
 * not a number (a group's value is its first case's, and −0 = +0).
 */
function offerEarlyCalibrations(study: Study, threads: number, fromCases: number) {
  const n = study.data.labels.length;
  if (threads < 2 || n < fromCases || n < GROUPED_CALIBRATION_CASES || study.models.length < 2) return null;
  const { calibration, intervals } = study.settings;
  const jobs: CalibrationJob[] = [];
  for (let m = 1; m < study.models.length; m++) {
    const p = study.data.scores[m] as Float64Array;
    const declared = study.models[m]?.scores;
    if ((declared ?? (isProbabilityScale(p) ? 'probability' : 'score')) !== 'probability') continue;
    if (!hasOnlyPlainNumbers(p)) return null;
    const options = {
      level: intervals.level,
      bins: calibration.bins,
      span: calibration.span,
      surface: calibration.surface,
    };
    jobs.push({ model: m, p, y: study.data.labels, options });
  }
  if (jobs.length === 0) return null;
  const offered = offerCalibrations(jobs, threads, { early: true });
  return offered ? { jobs, offered, fingerprint: casesFingerprint(study.data.labels, jobs) } : null;
}

/** No −0 and no NaN among the values. */
function hasOnlyPlainNumbers(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== v || (v === 0 && 1 / v < 0)) return false;
  }
  return true;
}

/**
 * An order-independent fingerprint of the (p, y) pairs of the jobs' models: for each case,
 * two 32-bit hashes of its values' bits, summed modulo 2³² (a permutation of the cases leaves
 * the sums as they are; a changed, added or lost value changes them).
 */
function casesFingerprint(labels: Uint8Array, jobs: readonly { p: Float64Array }[]): number[] {
  const bits = new Uint32Array(2);
  const view = new Float64Array(bits.buffer);
  const sums: number[] = [];
  for (const { p } of jobs) {
    let a = 0;
    let b = 0;
    for (let i = 0; i < p.length; i++) {
      view[0] = p[i] as number;
      const y = labels[i] as number;
      const low = bits[0] as number;
      const high = bits[1] as number;
      a = (a + Math.imul(low ^ Math.imul(high, 0x9e3779b1) ^ y, 0x85ebca6b)) >>> 0;
      b = (b + Math.imul(high ^ Math.imul(low, 0xc2b2ae35) ^ (y << 7), 0x27d4eb2f)) >>> 0;
    }
    sums.push(p.length, a, b);
  }
  return sums;
}

/** Whether the settings step left the early jobs' cases as they were, up to their order. */
function earlyCalibrationsHold(
  early: NonNullable<ReturnType<typeof offerEarlyCalibrations>>,
  context: EvaluationContext,
): boolean {
  const now = early.jobs.map((job) => ({ p: context.data.scores[job.model] as Float64Array }));
  const fingerprint = casesFingerprint(context.labels, now);
  return (
    fingerprint.every((value, k) => value === early.fingerprint[k]) &&
    early.jobs.every((job) => {
      const options = calibrationOptions(context, job.model);
      return (
        isProbabilityModel(context, job.model) &&
        options.level === job.options.level &&
        options.bins === job.options.bins &&
        options.span === job.options.span &&
        options.surface === job.options.surface
      );
    }) &&
    // every later probability model was offered (none came to be one only after the settings step)
    context.study.models.every(
      (_, m) => m === 0 || !isProbabilityModel(context, m) || early.jobs.some((job) => job.model === m),
    )
  );
}

function offerModelCalibrations(context: EvaluationContext, threads: number, fromCases: number) {
  const threaded = threads >= 2 && context.sample.n >= fromCases;
  const models = threaded
    ? context.study.models.map((_, m) => m).filter((m) => isProbabilityModel(context, m))
    : [];
  const jobs = models.slice(1).map((m) => ({
    model: m,
    p: context.data.scores[m] as Float64Array,
    y: context.labels,
    options: calibrationOptions(context, m),
  }));
  return offerCalibrations(jobs, threads);
}

export function evaluate(study: Study, options: EvaluateOptions = {}): Results {
  const started: StartedBootstrap[] = [];
  let calibrations: CalibrationJobs | null = null;
  try {
    const warnings = new WarningLog();
    // what loading noticed (e.g. decimal commas detected) comes first, as it happened first
    for (const warning of study.warnings ?? []) warnings.add(warning.code, warning.message, warning.path);
    const threads = Math.max(1, Math.floor(options.threads ?? 1));
    const fromCases = options.threadedCalibrationCases ?? THREADED_CALIBRATION_CASES;
    const early = offerEarlyCalibrations(study, threads, fromCases);
    calibrations = early?.offered ?? null;
    const context = resolveSettings(study, warnings);
    if (early && !earlyCalibrationsHold(early, context)) {
      early.offered.close();
      calibrations = null;
    }
    calibrations ??= offerModelCalibrations(context, threads, fromCases);
    const bootstrap = startBootstraps(context, {
      threads,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      started: (run) => started.push(run),
    });
    const models = study.models.map((_, m) =>
      evaluateModel(context, m, warnings, { onStep: options.onStep, calibrations }),
    );
    calibrations?.close();
    const comparisons = compareModels(context, models, warnings);
    if (bootstrap) options.onStep?.('bootstrap');
    const findings = bootstrap ? bootstrapIntervals(context, bootstrap, models, comparisons, warnings) : null;
    const adjustedP = adjustForMultiplicity(comparisons, findings?.comparisons ?? null);
    const readerStudy = readerStudyStep(context, warnings);
    return assembleResults({ context, models, comparisons, findings, adjustedP, readerStudy, warnings });
  } finally {
    // a bootstrap started but never finished (an error in between) must not keep worker
    // threads busy; cancelling a finished one does nothing
    for (const run of started) run.cancel();
    calibrations?.close();
  }
}
