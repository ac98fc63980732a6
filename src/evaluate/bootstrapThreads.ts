/**
 * Worker threads for the bootstrap. Its blocks (see REPLICATES_PER_BLOCK) are handed out
 * through a counter in shared memory: this thread and each worker take the next free block
 * (Atomics.add) until none is left, writing their values straight into shared output arrays;
 * this thread then waits (Atomics.wait) for blocks still running elsewhere. So evaluate stays
 * synchronous, a worker still starting up simply takes fewer blocks, and since each block
 * draws from its own stream the values do not depend on which thread computed them.
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
  evaluateBootstrapBlock,
  runBlocksInThisThread,
  type BlockRunner,
  type BootstrapInput,
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

/** What a worker receives for one bootstrap: the input and the shared memory to work in. */
export interface BootstrapJob {
  input: Omit<BootstrapInput, 'onProgress'>;
  control: SharedArrayBuffer;
  states: SharedArrayBuffer;
  values: SharedArrayBuffer[];
  jackknife: SharedArrayBuffer[] | null;
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

/**
 * Takes the next free block and evaluates it, until no block is left or a thread has failed;
 * `afterBlock` runs after each. Shared by this thread and the workers.
 */
export function takeBlocks(
  plan: BootstrapPlan,
  control: Int32Array,
  states: Int32Array,
  values: Float64Array[],
  jackknife: Float64Array[] | null,
  afterBlock?: () => void,
): void {
  const blocks = states.length;
  while (Atomics.load(control, FAILED) === 0) {
    const block = Atomics.add(control, NEXT_BLOCK, 1);
    if (block >= blocks) return;
    Atomics.store(states, block, TAKEN);
    evaluateBootstrapBlock(plan, block, values, jackknife);
    Atomics.store(states, block, DONE);
    Atomics.add(control, BLOCKS_DONE, 1);
    Atomics.notify(control, BLOCKS_DONE);
    afterBlock?.();
  }
}

/** Whether every block of the job has been taken (a worker that starts late then has nothing to do). */
export function allBlocksTaken(control: Int32Array, states: Int32Array): boolean {
  return Atomics.load(control, NEXT_BLOCK) >= states.length;
}

/** Marks the job failed (a worker's error), so that this thread finishes the blocks itself. */
export function failJob(control: Int32Array): void {
  Atomics.store(control, FAILED, 1);
  Atomics.notify(control, BLOCKS_DONE);
}

/**
 * A BlockRunner that shares the blocks among this thread and `threads` − 1 workers; with one
 * thread, or where workers cannot run, it runs them all in this thread.
 */
export function threadedBlockRunner(threads: number): BlockRunner {
  return (plan, values, jackknife) => {
    const helpers = startBootstrapWorkers(threads - 1);
    const blocks = plan.replicateBlocks + plan.jackknifeBlocks;
    const sharedOutputs = values.every((v) => v.buffer instanceof SharedArrayBuffer);
    if (helpers === 0 || blocks <= 1 || !sharedOutputs) return runBlocksInThisThread(plan, values, jackknife);
    const control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * Int32Array.BYTES_PER_ELEMENT));
    const states = new Int32Array(new SharedArrayBuffer(blocks * Int32Array.BYTES_PER_ELEMENT));
    const { onProgress: _, ...input } = plan.input;
    const job: BootstrapJob = {
      input,
      control: control.buffer as SharedArrayBuffer,
      states: states.buffer as SharedArrayBuffer,
      values: values.map((v) => v.buffer as SharedArrayBuffer),
      jackknife: jackknife ? jackknife.map((v) => v.buffer as SharedArrayBuffer) : null,
    };
    for (const worker of workers.slice(0, helpers)) worker.postMessage(job);
    return (onBlockDone) => finishJob(plan, control, states, values, jackknife, onBlockDone);
  };
}

/** This thread's part of a job: take blocks until none is left, then wait for the others. */
function finishJob(
  plan: BootstrapPlan,
  control: Int32Array,
  states: Int32Array,
  values: Float64Array[],
  jackknife: Float64Array[] | null,
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
  let takenHere = 0;
  takeBlocks(plan, control, states, values, jackknife, () => {
    takenHere++;
    report();
  });

  let done = Atomics.load(control, BLOCKS_DONE);
  let lastProgress = Date.now();
  while (done < blocks) {
    if (Atomics.load(control, FAILED) !== 0 || Date.now() - lastProgress > STALL_MILLISECONDS) {
      // a worker failed (or stalled): compute here whatever is not finished; a block that
      // is still running elsewhere gives the same values, so writing it twice is harmless
      for (let block = 0; block < blocks; block++) {
        if (Atomics.load(states, block) !== DONE) {
          evaluateBootstrapBlock(plan, block, values, jackknife);
          Atomics.store(states, block, DONE);
        }
      }
      break;
    }
    Atomics.wait(control, BLOCKS_DONE, done, 100);
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
