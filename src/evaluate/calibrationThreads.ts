/**
 * Calibration summaries in worker threads: at large n a probability model's calibration
 * (two logistic fits and the loess smoother) is its longest step, and each model's is
 * independent of the others', so with more than one thread the models after the first are
 * offered to the bootstrap's worker pool (bootstrapThreads.ts) while this thread evaluates
 * the first.
 *
 * Each offered model is a job with a state word in shared memory. A worker takes a free job
 * (Atomics.compareExchange, the last models first), computes the same `calibrationSummary`
 * this thread would, and posts the summary and its warnings on its own MessagePort; this
 * thread, on reaching that model, takes the job itself if no worker has (a worker still
 * starting up simply takes none), else waits for it and reads the message synchronously
 * (receiveMessageOnPort). A job that fails in a worker, or that no worker finishes within a
 * deadline, is computed here. The summary is the same code on the same numbers wherever it
 * runs, structured cloning keeps every value (−0, NaN, undefined members), and the warnings
 * are replayed where the model's own step would have raised them: results.json is byte-
 * identical for any number of threads.
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import {
  calibrationSummary,
  type CalibrationSummary,
  type CalibrationSummaryOptions,
  type CalibrationWarning,
} from '../statistics/calibration.js';
import { postToWorkers, startBootstrapWorkers } from './bootstrapThreads.js';

/**
 * Cases from which calibration is offered to worker threads: below this a worker's start-up
 * (cold in a one-shot run) costs more than it saves — at 10⁵ cases, two models, under a load
 * average of 6, 2 threads took 0.3–0.5 s more CPU and wall than 1 (a model's calibration there
 * is about 0.15 s).
 */
export const THREADED_CALIBRATION_CASES = 500_000;
/** Without a finished job for this long, a job a worker took is computed here instead. */
const STALL_MILLISECONDS = 120_000;
const WAIT_MILLISECONDS = 100;

const FREE = 0;
const TAKEN = 1;
const DONE = 2;
const FAILED = 3;
// the word after the job states counts finished (or failed) jobs, for Atomics.wait

/** One model's calibration, as a worker receives it. */
export interface CalibrationJob {
  model: number;
  p: Float64Array;
  y: Uint8Array;
  options: Omit<CalibrationSummaryOptions, 'onWarning'>;
}

/** What a worker receives: the jobs, the shared states and the port to answer on. */
export interface CalibrationJobsMessage {
  calibrations: CalibrationJob[];
  states: SharedArrayBuffer;
  port: MessagePort;
}

/** What a worker answers for one job. */
interface CalibrationAnswer {
  job: number;
  summary?: CalibrationSummary;
  warnings?: CalibrationWarning[];
}

/** A model's calibration computed elsewhere, with the warnings it raised in order. */
export interface ComputedCalibration {
  summary: CalibrationSummary;
  warnings: CalibrationWarning[];
}

/** Calibration jobs offered to the workers for one evaluation. */
export class CalibrationJobs {
  private readonly answers = new Map<number, CalibrationAnswer>();

  constructor(
    private readonly models: number[],
    private readonly states: Int32Array,
    private readonly ports: MessagePort[],
  ) {}

  /**
   * Model m's calibration if a worker has computed it (waiting for a worker that has taken it);
   * null when this thread is to compute it: not offered, taken by no worker, or failed.
   */
  take(m: number): ComputedCalibration | null {
    const job = this.models.indexOf(m);
    if (job < 0) return null;
    if (Atomics.compareExchange(this.states, job, FREE, TAKEN) === FREE) return null;
    const finished = this.models.length;
    const started = performance.now();
    for (;;) {
      const state = Atomics.load(this.states, job);
      if (state === FAILED) return null;
      if (state === DONE) return this.answerOf(job);
      if (performance.now() - started > STALL_MILLISECONDS) return null;
      Atomics.wait(this.states, finished, Atomics.load(this.states, finished), WAIT_MILLISECONDS);
    }
  }

  /** Closes this side's ports; a job still running elsewhere is no longer waited for. */
  close(): void {
    for (let job = 0; job < this.models.length; job++) Atomics.compareExchange(this.states, job, FREE, TAKEN);
    for (const port of this.ports) port.close();
  }

  private answerOf(job: number): ComputedCalibration | null {
    // the worker posts before it marks the job done, so the answer is in one of the ports
    while (!this.answers.has(job)) {
      let received = false;
      for (const port of this.ports) {
        const message = receiveMessageOnPort(port);
        if (message) {
          const answer = message.message as CalibrationAnswer;
          this.answers.set(answer.job, answer);
          received = true;
        }
      }
      if (!received) return null;
    }
    const answer = this.answers.get(job) as CalibrationAnswer;
    if (answer.summary) lastRun.byWorkers++;
    return answer.summary ? { summary: answer.summary, warnings: answer.warnings ?? [] } : null;
  }
}

/**
 * Offers the calibration of `models` (model index → scores and the calibration's options) to
 * `threads` − 1 worker threads; null when there is nothing to offer or workers cannot run.
 */
export function offerCalibrations(jobs: CalibrationJob[], threads: number): CalibrationJobs | null {
  lastRun = { offered: 0, byWorkers: 0 };
  if (jobs.length === 0 || threads < 2) return null;
  const running = startBootstrapWorkers(Math.min(threads - 1, jobs.length));
  if (running === 0) return null;
  const states = new Int32Array(new SharedArrayBuffer((jobs.length + 1) * Int32Array.BYTES_PER_ELEMENT));
  const ports: MessagePort[] = [];
  postToWorkers(running, () => {
    const channel = new MessageChannel();
    ports.push(channel.port1);
    const message: CalibrationJobsMessage = {
      calibrations: jobs,
      states: states.buffer as SharedArrayBuffer,
      port: channel.port2,
    };
    return { message, transfer: [channel.port2] };
  });
  lastRun.offered = jobs.length;
  return new CalibrationJobs(
    jobs.map((job) => job.model),
    states,
    ports,
  );
}

let lastRun = { offered: 0, byWorkers: 0 };

/** The last evaluation's calibrations: how many were offered to workers, how many they computed (for tests). */
export function lastCalibrationRun(): { offered: number; byWorkers: number } {
  return { ...lastRun };
}

/** Whether a worker's message is calibration jobs (not a bootstrap job). */
export function isCalibrationJobs(message: unknown): message is CalibrationJobsMessage {
  return typeof message === 'object' && message !== null && 'calibrations' in message;
}

/**
 * A worker's part: takes free jobs, the last first, computes each and answers on its port;
 * a job that throws is marked failed (this thread then computes it and meets the error itself).
 */
export function runCalibrationJobs(message: CalibrationJobsMessage): void {
  const states = new Int32Array(message.states);
  const finished = message.calibrations.length;
  for (let job = finished - 1; job >= 0; job--) {
    if (Atomics.compareExchange(states, job, FREE, TAKEN) !== FREE) continue;
    const { p, y, options } = message.calibrations[job] as CalibrationJob;
    let state = DONE;
    try {
      const warnings: CalibrationWarning[] = [];
      const summary = calibrationSummary(p, y, { ...options, onWarning: (w) => warnings.push(w) });
      message.port.postMessage({ job, summary, warnings } satisfies CalibrationAnswer);
    } catch {
      state = FAILED;
    }
    Atomics.store(states, job, state);
    Atomics.add(states, finished, 1);
    Atomics.notify(states, finished);
  }
  message.port.close();
}
