/**
 * Worker threads for the bootstrap. Its blocks (see REPLICATES_PER_BLOCK) are handed out
 * through a counter in shared memory: this thread and each worker take the next free block
 * (Atomics.add) until none is left, writing their values straight into shared output arrays;
 * this thread then waits (Atomics.wait) for blocks still running elsewhere. So evaluate stays
 * synchronous, a worker still starting up simply takes fewer blocks, and since each block
 * draws from its own stream the values do not depend on which thread computed them. The
 * summary blocks come last and need every replicate: a thread that takes one first waits
 * until every data block is done.
 *
 * The workers persist for the life of the process, unreferenced so that they never keep it
 * alive. A worker that fails, or stops making progress, leaves its blocks to this thread.
 * Threads are only available from the compiled package (the worker is a .js file); run from
 * the TypeScript sources, the bootstrap runs in this thread.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  allBlocks,
  dataBlocks,
  evaluateBootstrapBlock,
  runBlocksInThisThread,
  type BlockRunner,
  type BootstrapInput,
  type BootstrapOutputs,
  type BootstrapPlan,
} from './bootstrap.js';

/** Words of the control array shared with the workers. */
const NEXT_BLOCK = 0;
const BLOCKS_DONE = 1;
const FAILED = 2;
const CONTROL_WORDS = 3;
/** States of a block. */
const TAKEN = 1;
const DONE = 2;
/** Without progress for this long, this thread computes the unfinished blocks itself. */
const STALL_MILLISECONDS = 30_000;
/** How long one wait lasts before progress is reported and failures are checked. */
const WAIT_MILLISECONDS = 100;

/** What a worker receives for one bootstrap: the input and the shared memory to work in. */
export interface BootstrapJob {
  input: Omit<BootstrapInput, 'onProgress'>;
  control: SharedArrayBuffer;
  states: SharedArrayBuffer;
  values: SharedArrayBuffer[];
  jackknife: SharedArrayBuffer[] | null;
  summaries: SharedArrayBuffer | null;
}

const workerUrl = new URL('./bootstrapWorker.js', import.meta.url);
let workers: Worker[] = [];

/** Whether worker threads can run here (the compiled worker exists). */
export function bootstrapThreadsAvailable(): boolean {
  return workerUrl.protocol === 'file:' && existsSync(fileURLToPath(workerUrl));
}

/**
 * Starts worker threads until `count` are running (none when unavailable); returns how many
 * run. Starting them before the bootstrap lets them boot while evaluate does the rest.
 */
export function startBootstrapWorkers(count: number): number {
  if (count <= 0 || !bootstrapThreadsAvailable()) return Math.min(workers.length, Math.max(0, count));
  while (workers.length < count) {
    const worker = new Worker(workerUrl);
    worker.unref();
    const forget = () => {
      workers = workers.filter((w) => w !== worker);
    };
    worker.on('error', forget);
    worker.on('exit', forget);
    workers.push(worker);
  }
  return count;
}

/** Stops every worker thread (for tests and long-lived hosts; the process never waits for them). */
export async function stopBootstrapWorkers(): Promise<void> {
  const stopping = workers;
  workers = [];
  await Promise.all(stopping.map((worker) => worker.terminate()));
}

/** The outputs of a job, as typed arrays over its shared memory. */
export function jobOutputs(job: BootstrapJob): BootstrapOutputs {
  return {
    values: job.values.map((buffer) => new Float64Array(buffer)),
    jackknife: job.jackknife ? job.jackknife.map((buffer) => new Float64Array(buffer)) : null,
    summaries: job.summaries ? new Float64Array(job.summaries) : null,
  };
}

/**
 * Waits until every data block is done (or the job failed); `whileWaiting` runs after each
 * wait. Returns false when the job failed.
 */
function awaitDataBlocks(plan: BootstrapPlan, control: Int32Array, whileWaiting?: () => void): boolean {
  const needed = dataBlocks(plan);
  for (;;) {
    if (Atomics.load(control, FAILED) !== 0) return false;
    const done = Atomics.load(control, BLOCKS_DONE);
    if (done >= needed) return true;
    Atomics.wait(control, BLOCKS_DONE, done, WAIT_MILLISECONDS);
    whileWaiting?.();
  }
}

/**
 * Takes the next free block and evaluates it, until no block is left or the job failed;
 * before the first summary block it waits for every data block. `onProgress` runs after each
 * block and while waiting. Returns how many blocks this thread evaluated. Shared by this
 * thread and the workers.
 */
export function takeBlocks(
  plan: BootstrapPlan,
  control: Int32Array,
  states: Int32Array,
  outputs: BootstrapOutputs,
  onProgress?: () => void,
): number {
  const blocks = states.length;
  const firstSummary = dataBlocks(plan);
  let evaluated = 0;
  while (Atomics.load(control, FAILED) === 0) {
    const block = Atomics.add(control, NEXT_BLOCK, 1);
    if (block >= blocks) break;
    Atomics.store(states, block, TAKEN);
    // summary blocks read every replicate: all data blocks (handed out first) must be done
    if (block >= firstSummary && !awaitDataBlocks(plan, control, onProgress)) break;
    evaluateBootstrapBlock(plan, block, outputs);
    Atomics.store(states, block, DONE);
    Atomics.add(control, BLOCKS_DONE, 1);
    Atomics.notify(control, BLOCKS_DONE);
    evaluated++;
    onProgress?.();
  }
  return evaluated;
}

/** Whether every block of the job has been taken (a worker that starts late then has nothing to do). */
export function allBlocksTaken(control: Int32Array, states: Int32Array): boolean {
  return Atomics.load(control, NEXT_BLOCK) >= states.length;
}

/** Marks the job failed (a thread's error), so that this thread finishes the blocks itself. */
export function failJob(control: Int32Array): void {
  Atomics.store(control, FAILED, 1);
  Atomics.notify(control, BLOCKS_DONE);
}

/**
 * A BlockRunner that shares the blocks among this thread and `threads` − 1 workers; with one
 * thread, or where workers cannot run, it runs them all in this thread.
 */
export function threadedBlockRunner(threads: number): BlockRunner {
  return (plan, outputs) => {
    const helpers = startBootstrapWorkers(threads - 1);
    const blocks = allBlocks(plan);
    const buffers = [
      ...outputs.values,
      ...(outputs.jackknife ?? []),
      ...(outputs.summaries ? [outputs.summaries] : []),
    ];
    if (helpers === 0 || blocks <= 1 || !buffers.every((b) => b.buffer instanceof SharedArrayBuffer)) {
      return runBlocksInThisThread(plan, outputs);
    }
    const control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * Int32Array.BYTES_PER_ELEMENT));
    const states = new Int32Array(new SharedArrayBuffer(blocks * Int32Array.BYTES_PER_ELEMENT));
    const { onProgress: _, ...input } = plan.input;
    const shared = (array: Float64Array) => array.buffer as SharedArrayBuffer;
    const job: BootstrapJob = {
      input,
      control: control.buffer as SharedArrayBuffer,
      states: states.buffer as SharedArrayBuffer,
      values: outputs.values.map(shared),
      jackknife: outputs.jackknife ? outputs.jackknife.map(shared) : null,
      summaries: outputs.summaries ? shared(outputs.summaries) : null,
    };
    for (const worker of workers.slice(0, helpers)) worker.postMessage(job);
    return (onBlockDone) => {
      try {
        finishJob(plan, control, states, outputs, onBlockDone);
      } catch (error) {
        failJob(control); // so that no worker waits for a block this thread will not finish
        throw error;
      }
    };
  };
}

/** This thread's part of a job: take blocks until none is left, then wait for the others. */
function finishJob(
  plan: BootstrapPlan,
  control: Int32Array,
  states: Int32Array,
  outputs: BootstrapOutputs,
  onBlockDone: (block: number) => void,
): void {
  const blocks = states.length;
  // progress: each block reported once, whichever thread finished it
  const reported = new Uint8Array(blocks);
  const report = () => {
    for (let block = 0; block < blocks; block++) {
      if (reported[block] === 0 && Atomics.load(states, block) === DONE) {
        reported[block] = 1;
        onBlockDone(block);
      }
    }
  };
  const takenHere = takeBlocks(plan, control, states, outputs, report);

  let done = Atomics.load(control, BLOCKS_DONE);
  let lastProgress = Date.now();
  while (done < blocks) {
    if (Atomics.load(control, FAILED) !== 0 || Date.now() - lastProgress > STALL_MILLISECONDS) {
      // a worker failed (or stalled): compute here whatever is not finished, in order (data
      // blocks before summaries); a block still running elsewhere gives the same values, so
      // writing it twice is harmless
      failJob(control);
      for (let block = 0; block < blocks; block++) {
        if (Atomics.load(states, block) !== DONE) {
          evaluateBootstrapBlock(plan, block, outputs);
          Atomics.store(states, block, DONE);
        }
      }
      break;
    }
    Atomics.wait(control, BLOCKS_DONE, done, WAIT_MILLISECONDS);
    const now = Atomics.load(control, BLOCKS_DONE);
    if (now !== done) lastProgress = Date.now();
    done = now;
    report();
  }
  report();
  lastRun = { blocks, byWorkers: blocks - takenHere };
}

let lastRun = { blocks: 0, byWorkers: 0 };

/** How many blocks the last threaded bootstrap had, and how many of them worker threads evaluated. */
export function lastThreadedRun(): { blocks: number; byWorkers: number } {
  return { ...lastRun };
}
