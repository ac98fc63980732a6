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
import { evaluateModel } from './steps/evaluateModel.js';
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
}

export function evaluate(study: Study, options: EvaluateOptions = {}): Results {
  const started: StartedBootstrap[] = [];
  try {
    const warnings = new WarningLog();
    // what loading noticed (e.g. decimal commas detected) comes first, as it happened first
    for (const warning of study.warnings ?? []) warnings.add(warning.code, warning.message, warning.path);
    const context = resolveSettings(study, warnings);
    const bootstrap = startBootstraps(context, {
      threads: Math.max(1, Math.floor(options.threads ?? 1)),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      started: (run) => started.push(run),
    });
    const models = study.models.map((_, m) => evaluateModel(context, m, warnings, options.onStep));
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
  }
}
