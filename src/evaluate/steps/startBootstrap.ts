/**
 * Step 2: start the bootstrap. With worker threads it runs while this thread evaluates the
 * models; with `rederiveThresholds`, a second pass over the same resamples re-chooses the
 * data-driven thresholds in each replicate (for the models' operating points only:
 * comparisons keep the thresholds fixed, as the contract requires).
 */
import {
  runBlocksInThisThread,
  startBootstrap,
  type BootstrapInput,
  type StartedBootstrap,
} from '../bootstrap.js';
import { threadedBlockRunner } from '../bootstrapThreads.js';
import type { EvaluationContext } from '../context.js';

export interface BootstrapRuns {
  fixed: StartedBootstrap;
  rederived: StartedBootstrap | null;
}

export interface StartOptions {
  /** Threads, this one included. */
  threads: number;
  onProgress?: (done: number, total: number) => void;
  /** Receives each bootstrap started, so that it can be cancelled if evaluate fails. */
  started: (run: StartedBootstrap) => void;
}

/** The started bootstrap runs, or null when the study asks for no bootstrap. */
export function startBootstraps(context: EvaluationContext, options: StartOptions): BootstrapRuns | null {
  const boot = context.settings.bootstrap;
  if (boot.replicates <= 0) return null;
  const runner = options.threads > 1 ? threadedBlockRunner(options.threads) : runBlocksInThisThread;
  const percentile = boot.interval === 'percentile';
  const input: BootstrapInput = {
    labels: context.labels,
    scores: context.data.scores,
    sorted: context.sorted,
    thresholds: context.thresholds.map((t) => [...t]),
    rules: [...context.rules],
    rederiveThresholds: false,
    partialAucRanges: context.settings.partialAuc,
    decisionThresholds: [...context.grid],
    replicates: boot.replicates,
    seed: boot.seed,
    stratified: boot.stratified,
    clusters: context.data.clusters,
    withJackknife: boot.interval === 'bca',
    // percentile summaries are computed with the replicates, by the same threads (BCa needs
    // each estimate, so its summaries are computed with the intervals)
    ...(percentile ? { percentileSummaries: { level: context.level, pairs: context.pairs } } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  const start = (bootstrapInput: BootstrapInput) => {
    const run = startBootstrap(bootstrapInput, runner);
    options.started(run);
    return run;
  };
  return {
    fixed: start(input),
    rederived: boot.rederiveThresholds
      ? start({
          ...input,
          rederiveThresholds: true,
          ...(percentile ? { percentileSummaries: { level: context.level, pairs: [] } } : {}),
        })
      : null,
  };
}
