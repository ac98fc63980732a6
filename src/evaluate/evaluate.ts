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
import { calibrationOptions, evaluateModel, isProbabilityModel } from './steps/evaluateModel.js';
import { offerCalibrations, THREADED_CALIBRATION_CASES, type CalibrationJobs } from './calibrationThreads.js';
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
    const context = resolveSettings(study, warnings);
    const threads = Math.max(1, Math.floor(options.threads ?? 1));
    calibrations = offerModelCalibrations(
      context,
      threads,
      options.threadedCalibrationCases ?? THREADED_CALIBRATION_CASES,
    );
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
