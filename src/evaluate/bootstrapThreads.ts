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
 * alive. Every wait has a deadline: when no block completes for a while (a worker died or
 * failed), the job is marked failed and this thread computes whatever is unfinished, so a
 * lost worker costs time, never a hang or a wrong value. Threads are only available from the
 * compiled package (the worker is a .js file); run from the TypeScript sources, the bootstrap
 * runs in this thread.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type TransferListItem } from 'node:worker_threads';
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
/** State of a finished block (per-block states start at 0). */
const DONE = 1;
/** Most threads a bootstrap uses, whatever is asked for. */
export const MAXIMUM_THREADS = 64;
/**
 * Without a completed block for this long — or for 20 times the slowest block this thread
 * has evaluated, if longer — the job is taken to have lost a worker.
 */
const STALL_MILLISECONDS = 30_000;
/** How long one wait lasts before progress is reported and the deadline checked. */
const WAIT_MILLISECONDS = 100;

/** An output array in shared memory, as posted to a worker (arrays may share a buffer). */
export interface SharedDoubles {
  buffer: SharedArrayBuffer;
  byteOffset: number;
  length: number;
}

/** What a worker receives for one bootstrap: the input and the shared memory to work in. */
export interface BootstrapJob {
  input: Omit<BootstrapInput, 'onProgress'>;
  control: SharedArrayBuffer;
  states: SharedArrayBuffer;
  values: SharedDoubles[];
  jackknife: SharedDoubles[] | null;
  summaries: SharedDoubles | null;
}

const workerUrl = new URL('./bootstrapWorker.js', import.meta.url);
let workers: Worker[] = [];

/** Whether worker threads can run here (the compiled worker exists). */
export function bootstrapThreadsAvailable(): boolean {
  return workerUrl.protocol === 'file:' && existsSync(fileURLToPath(workerUrl));
}

/**
 * Starts worker threads until `count` are running (at most MAXIMUM_THREADS − 1); returns how
 * many run, 0 when threads are unavailable. Starting them before the bootstrap lets them
 * boot while evaluate does the rest. A worker that failed has left the pool and is replaced.
 */
export function startBootstrapWorkers(count: number): number {
  const wanted = Math.min(Math.max(0, Math.floor(count)), MAXIMUM_THREADS - 1);
  if (wanted === 0 || !bootstrapThreadsAvailable()) return 0;
  while (workers.length < wanted) {
    const worker = new Worker(workerUrl);
    worker.unref();
    const forget = () => {
      workers = workers.filter((w) => w !== worker);
    };
    worker.on('error', forget);
    worker.on('exit', forget);
    workers.push(worker);
  }
  return wanted;
}

/**
 * Posts a message to each of the first `count` running workers (for work other than the
 * bootstrap's, e.g. calibrationThreads.ts); `messageFor` makes each worker's message and the
 * objects it transfers.
 */
export function postToWorkers(
  count: number,
  messageFor: () => { message: unknown; transfer: TransferListItem[] },
): void {
  for (const worker of workers.slice(0, count)) {
    const { message, transfer } = messageFor();
    worker.postMessage(message, transfer);
  }
}

/** Stops every worker thread (for tests and long-lived hosts; the process never waits for them). */
export async function stopBootstrapWorkers(): Promise<void> {
  const stopping = workers;
  workers = [];
  await Promise.all(stopping.map((worker) => worker.terminate()));
}

/** The outputs of a job, as typed arrays over its shared memory. */
export function jobOutputs(job: BootstrapJob): BootstrapOutputs {
  const view = (array: SharedDoubles) => new Float64Array(array.buffer, array.byteOffset, array.length);
  return {
    values: job.values.map(view),
    jackknife: job.jackknife ? job.jackknife.map(view) : null,
    summaries: job.summaries ? view(job.summaries) : null,
  };
}

/** Whether the job has failed, or every block has been taken: a worker then has nothing to do. */
export function nothingToTake(control: Int32Array, states: Int32Array): boolean {
  return Atomics.load(control, FAILED) !== 0 || Atomics.load(control, NEXT_BLOCK) >= states.length;
}

/** Marks the job failed: no thread takes another block, and this thread finishes the rest. */
export function failJob(control: Int32Array): void {
  Atomics.store(control, FAILED, 1);
  Atomics.notify(control, BLOCKS_DONE);
}

/** Tracks whether blocks keep completing; `stalled()` once none has for the stall limit. */
export class StallWatch {
  private lastCount = -1;
  private lastChange = performance.now();
  slowestBlock = 0;

  constructor(private readonly limit = STALL_MILLISECONDS) {}

  stalled(blocksDone: number): boolean {
    const now = performance.now();
    if (blocksDone !== this.lastCount) {
      this.lastCount = blocksDone;
      this.lastChange = now;
      return false;
    }
    return now - this.lastChange > Math.max(this.limit, 20 * this.slowestBlock);
  }
}

/**
 * Waits until every data block is done. Returns false when the job failed, or stalled (which
 * fails it); `whileWaiting` runs after each wait.
 */
function awaitDataBlocks(
  plan: BootstrapPlan,
  control: Int32Array,
  watch: StallWatch,
  whileWaiting?: () => void,
): boolean {
  const needed = dataBlocks(plan);
  for (;;) {
    if (Atomics.load(control, FAILED) !== 0) return false;
    // summary blocks are handed out after every data block and cannot complete before the
    // data blocks have, so until this wait ends BLOCKS_DONE counts data blocks only
    const done = Atomics.load(control, BLOCKS_DONE);
    if (done >= needed) return true;
    if (watch.stalled(done)) {
      failJob(control);
      return false;
    }
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
  watch: StallWatch = new StallWatch(),
  onProgress?: () => void,
): number {
  const blocks = states.length;
  const firstSummary = dataBlocks(plan);
  let evaluated = 0;
  while (Atomics.load(control, FAILED) === 0) {
    const block = Atomics.add(control, NEXT_BLOCK, 1);
    if (block >= blocks) break;
    if (block >= firstSummary && !awaitDataBlocks(plan, control, watch, onProgress)) break;
    const started = performance.now();
    evaluateBootstrapBlock(plan, block, outputs);
    watch.slowestBlock = Math.max(watch.slowestBlock, performance.now() - started);
    Atomics.store(states, block, DONE);
    Atomics.add(control, BLOCKS_DONE, 1);
    Atomics.notify(control, BLOCKS_DONE);
    evaluated++;
    onProgress?.();
  }
  return evaluated;
}

/**
 * A BlockRunner that shares the blocks among this thread and `threads` − 1 workers (at most
 * MAXIMUM_THREADS in all); with one thread, or where workers cannot run, it runs them all in
 * this thread.
 */
export function threadedBlockRunner(
  threads: number,
  options: { stallMilliseconds?: number } = {},
): BlockRunner {
  const helpers = Math.min(Math.floor(threads), MAXIMUM_THREADS) - 1;
  if (!(helpers >= 1) || !bootstrapThreadsAvailable()) return runBlocksInThisThread;
  return {
    shared: true,
    start: (plan, outputs) => {
      const running = startBootstrapWorkers(helpers);
      if (running === 0 || allBlocks(plan) <= 1) return runBlocksInThisThread.start(plan, outputs);
      const control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * Int32Array.BYTES_PER_ELEMENT));
      const states = new Int32Array(new SharedArrayBuffer(allBlocks(plan) * Int32Array.BYTES_PER_ELEMENT));
      const { onProgress: _, ...input } = plan.input;
      const shared = (array: Float64Array): SharedDoubles => ({
        buffer: array.buffer as SharedArrayBuffer,
        byteOffset: array.byteOffset,
        length: array.length,
      });
      const job: BootstrapJob = {
        input,
        control: control.buffer as SharedArrayBuffer,
        states: states.buffer as SharedArrayBuffer,
        values: outputs.values.map(shared),
        jackknife: outputs.jackknife ? outputs.jackknife.map(shared) : null,
        summaries: outputs.summaries ? shared(outputs.summaries) : null,
      };
      for (const worker of workers.slice(0, running)) worker.postMessage(job);
      return {
        finish: (onBlockDone) => {
          try {
            return finishJob(plan, control, states, outputs, onBlockDone, options.stallMilliseconds);
          } catch (error) {
            failJob(control); // so that no worker waits for a block this thread will not finish
            throw error;
          }
        },
        cancel: () => failJob(control),
        blocksDone: () => Atomics.load(control, BLOCKS_DONE),
      };
    },
  };
}

/**
 * This thread's part of a job: take blocks until none is left, then wait for the others;
 * if the job failed or stalled, compute every unfinished block here. Returns whether the
 * job ran normally (no failure), so that no worker can still be writing to its outputs.
 */
function finishJob(
  plan: BootstrapPlan,
  control: Int32Array,
  states: Int32Array,
  outputs: BootstrapOutputs,
  onBlockDone: (block: number) => void,
  stallMilliseconds?: number,
): boolean {
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
  const watch = new StallWatch(stallMilliseconds);
  const takenHere = takeBlocks(plan, control, states, outputs, watch, report);
  let recovered = 0;
  for (;;) {
    const done = Atomics.load(control, BLOCKS_DONE);
    if (done >= blocks) break;
    if (Atomics.load(control, FAILED) !== 0 || watch.stalled(done)) {
      // a worker failed or stopped: compute here whatever is not finished, data blocks
      // before summaries; a block still running elsewhere gives the same values, so writing
      // it twice is harmless
      failJob(control);
      for (let block = 0; block < blocks; block++) {
        if (Atomics.load(states, block) !== DONE) {
          evaluateBootstrapBlock(plan, block, outputs);
          Atomics.store(states, block, DONE);
          recovered++;
          report();
        }
      }
      break;
    }
    Atomics.wait(control, BLOCKS_DONE, done, WAIT_MILLISECONDS);
    report();
  }
  report();
  lastRun = { blocks, byWorkers: blocks - takenHere - recovered, recovered };
  return Atomics.load(control, FAILED) === 0;
}

let lastRun = { blocks: 0, byWorkers: 0, recovered: 0 };

/**
 * The last threaded bootstrap's blocks: how many there were, how many worker threads
 * evaluated, and how many this thread recomputed after a failure (for tests and the bench).
 */
export function lastThreadedRun(): { blocks: number; byWorkers: number; recovered: number } {
  return { ...lastRun };
}
