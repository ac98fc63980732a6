/**
 * A bootstrap worker thread (see bootstrapThreads.ts): for each job it receives, it prepares
 * the bootstrap as the main thread did and takes free blocks until none is left.
 */
import { parentPort } from 'node:worker_threads';
import { planBootstrap } from './bootstrap.js';
import { allBlocksTaken, failJob, jobOutputs, takeBlocks, type BootstrapJob } from './bootstrapThreads.js';

parentPort?.on('message', (job: BootstrapJob) => {
  const control = new Int32Array(job.control);
  const states = new Int32Array(job.states);
  try {
    // a job whose blocks are all taken (this worker started late) needs no preparation
    if (allBlocksTaken(control, states)) return;
    takeBlocks(planBootstrap(job.input), control, states, jobOutputs(job));
  } catch {
    failJob(control);
  }
});
