/**
 * The bootstrap's thread count: `--threads` parsed and capped by the CPUs, and the default
 * chosen by the size of the bootstrap.
 */
import { availableParallelism, loadavg } from 'node:os';
import { InvalidArgumentError } from 'commander';
import type { Study } from '../load/loadStudy.js';
import { THREADED_CALIBRATION_CASES } from '../evaluate/calibrationThreads.js';

/**
 * Bootstrap size (replicates × models × cases, plus the jackknife's fits) from which extra
 * threads are worth starting. Worker threads start cold in a one-shot run: below this they
 * cost more than they save (measured on an idle machine: 2 threads ≈ 0.1 s slower at
 * 2000 × 2 × 2500 and 2000 × 2 × 5000, 1.7 s faster at 2000 × 2 × 20 000).
 */
const THREADED_BOOTSTRAP_SIZE = 20_000_000;
/** Most threads the default uses. */
const DEFAULT_MAXIMUM_THREADS = 8;

/**
 * Threads when --threads is not given: 1 for a small bootstrap (unless the study has
 * THREADED_CALIBRATION_CASES cases or more and several models: then a thread per model, at
 * most the idle CPUs, to calibrate them in parallel; at 10⁶ cases under a load average of 7–9
 * on this 2-CPU machine 2 threads were no faster than 1 and took 0.1–1.1 s more CPU); for a large
 * one, the CPUs that are idle now (CPUs − the load of other work, rounded; at least 1, at
 * most 8). Threads help only on an idle CPU: on this 2-CPU machine under a load average of
 * 13–19, 20,000 cases × 3 models × 2000 replicates took a median 34.7 s on 2 threads against
 * 32.2 s on 1 (bench/threads.mjs), so a busy machine gets 1 thread. The results are the same
 * for any number. The load is the other work's over this run so far where measured (cpuLoad.ts),
 * else the 1-minute load average.
 */
export function defaultThreads(
  study: Study,
  machine: { cpus: number; load: number } = { cpus: availableParallelism(), load: loadavg()[0] ?? 0 },
): number {
  const { replicates, interval } = study.settings.bootstrap;
  const cases = study.data.labels.length;
  const size = (replicates + (interval === 'bca' ? cases : 0)) * study.models.length * cases;
  // a large study's models are calibrated in parallel (calibrationThreads.ts), a thread per model
  const parallelModels = cases >= THREADED_CALIBRATION_CASES && study.models.length >= 2;
  if (size < THREADED_BOOTSTRAP_SIZE && !parallelModels) return 1;
  const idle = Math.round(machine.cpus - machine.load);
  const useful = size < THREADED_BOOTSTRAP_SIZE ? study.models.length : DEFAULT_MAXIMUM_THREADS;
  return Math.max(1, Math.min(DEFAULT_MAXIMUM_THREADS, useful, machine.cpus, idle));
}

/** `--threads` as asked, or the default; never more than the CPUs (more only compete for them and take memory). */
export function chooseThreads(
  study: Study,
  requested: number | undefined,
  cpus = availableParallelism(),
  machine?: () => { cpus: number; load: number },
): number {
  if (requested !== undefined) return Math.min(requested, Math.max(1, cpus));
  return machine ? defaultThreads(study, machine()) : defaultThreads(study);
}

/** A notice when `--threads` asks for more threads than there are CPUs. */
export function threadsNotice(requested: number | undefined, cpus = availableParallelism()): string | null {
  return requested !== undefined && requested > cpus
    ? `--threads ${requested}: this machine has ${cpus} CPU${cpus === 1 ? '' : 's'}; using ${cpus}`
    : null;
}

export function parseThreads(value: string): number {
  const threads = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(threads) || threads < 1 || threads > 64) {
    throw new InvalidArgumentError(`"${value}": use a whole number of threads from 1 to 64`);
  }
  return threads;
}
