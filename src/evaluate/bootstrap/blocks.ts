/**
 * Running a bootstrap's blocks: in this thread (`runBlocksInThisThread`) or shared with
 * worker threads (bootstrapThreads.ts), started early and finished when its values are
 * needed.
 */
import {
  JACKKNIFE_UNITS_PER_BLOCK,
  REPLICATES_PER_BLOCK,
  type BootstrapDistribution,
  type BootstrapInput,
  type BootstrapOutputs,
} from './input.js';
import { evaluateBootstrapBlock } from './kernel.js';
import { doubles } from './memory.js';
import { allBlocks, dataBlocks, planBootstrap, type BootstrapPlan } from './plan.js';
import { SUMMARY_FIELDS } from './summaries.js';

/** A bootstrap's blocks being run: `finish` completes them, `cancel` abandons them. */
export interface RunningBlocks {
  /**
   * Evaluates whatever is left in this thread, waits for blocks running elsewhere, and calls
   * `onBlockDone` once per block. Returns whether every block ran normally, so that no other
   * thread can still write to the outputs (false after a worker was lost).
   */
  finish(onBlockDone: (block: number) => void): boolean;
  /** Tells other threads to stop taking blocks (a run that will not be finished). */
  cancel(): void;
  /** Blocks completed so far, by any thread. */
  blocksDone(): number;
}

/**
 * How the blocks of a bootstrap are run. `shared`: whether the outputs must be in shared
 * memory (worker threads write them); `start` may set other threads to work at once.
 */
export interface BlockRunner {
  shared: boolean;
  start(plan: BootstrapPlan, outputs: BootstrapOutputs): RunningBlocks;
}

/** Runs every block in this thread, in order, when finished. */
export const runBlocksInThisThread: BlockRunner = {
  shared: false,
  start: (plan, outputs) => {
    let done = 0;
    return {
      finish: (onBlockDone) => {
        const blocks = allBlocks(plan);
        for (let block = 0; block < blocks; block++) {
          evaluateBootstrapBlock(plan, block, outputs);
          done++;
          onBlockDone(block);
        }
        return true;
      },
      cancel: () => undefined,
      blocksDone: () => done,
    };
  },
};

/** A bootstrap under way (see `startBootstrap`). */
export interface StartedBootstrap {
  finish: () => BootstrapDistribution;
  cancel: () => void;
  /** Blocks completed so far, by any thread (with worker threads, before `finish` too). */
  blocksDone: () => number;
}

/**
 * Starts a bootstrap: with worker threads, they begin evaluating its blocks while this thread
 * does other work; `finish` then completes it (in this thread too) and returns the
 * distribution; `cancel` abandons it (call it when `finish` will not be).
 */
export function startBootstrap(
  input: BootstrapInput,
  runner: BlockRunner = runBlocksInThisThread,
): StartedBootstrap {
  const shared = runner.shared;
  const plan = planBootstrap(input);
  const B = input.replicates;
  const models = input.scores.length;
  const width = plan.layout.width;
  const outputs: BootstrapOutputs = {
    values: doubles(models, width * B, shared),
    jackknife: input.withJackknife ? doubles(models, width * plan.jackknifeUnits, shared) : null,
    summaries:
      plan.summaryEntries > 0 ? (doubles(1, plan.summaryEntries * SUMMARY_FIELDS, shared)[0] ?? null) : null,
  };
  const running = runner.start(plan, outputs);
  return {
    cancel: () => running.cancel(),
    blocksDone: () => running.blocksDone(),
    finish: () => {
      const onProgress = input.onProgress;
      const jackknifeFits = plan.jackknifeBlocks > 0 ? plan.jackknifeUnits : 0;
      let done = 0;
      const clean = running.finish((block) => {
        if (!onProgress || block >= dataBlocks(plan)) return;
        done +=
          block < plan.replicateBlocks
            ? Math.min(REPLICATES_PER_BLOCK, B - block * REPLICATES_PER_BLOCK)
            : Math.min(
                JACKKNIFE_UNITS_PER_BLOCK,
                jackknifeFits - (block - plan.replicateBlocks) * JACKKNIFE_UNITS_PER_BLOCK,
              );
        onProgress(done, B + jackknifeFits);
      });
      return {
        reusable: clean,
        layout: plan.layout,
        replicates: B,
        values: outputs.values,
        jackknife: outputs.jackknife,
        cases: plan.jackknifeUnits,
        summaries: outputs.summaries,
        models,
      };
    },
  };
}

/** The whole bootstrap at once: `startBootstrap(…).finish()`. */
export function runBootstrap(
  input: BootstrapInput,
  runner: BlockRunner = runBlocksInThisThread,
): BootstrapDistribution {
  return startBootstrap(input, runner).finish();
}
