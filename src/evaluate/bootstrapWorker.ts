/**
 * A bootstrap worker thread (see bootstrapThreads.ts): for each job it receives, it prepares
 * the bootstrap as the main thread did and takes free blocks until none is left. An error
 * fails the job (the main thread then finishes it) and ends this worker, which the pool
 * replaces. It also computes calibration summaries offered by calibrationThreads.ts.
 */
import { parentPort } from 'node:worker_threads';
import { isCalibrationJobs, runCalibrationJobs, type CalibrationJobsMessage } from './calibrationThreads.js';
import { planBootstrap } from './bootstrap.js';
import { failJob, jobOutputs, nothingToTake, takeBlocks, type BootstrapJob } from './bootstrapThreads.js';

parentPort?.on('message', (job: BootstrapJob | CalibrationJobsMessage) => {
  if (isCalibrationJobs(job)) {
    runCalibrationJobs(job);
    return;
  }
  const control = new Int32Array(job.control);
  const states = new Int32Array(job.states);
  // a job already taken in full (this worker started late) or failed needs no preparation
  if (nothingToTake(control, states)) return;
  try {
    takeBlocks(planBootstrap(job.input), control, states, jobOutputs(job));
  } catch (error) {
    failJob(control);
    throw error;
  }
});
