/**
 * How busy the machine's CPUs are with other work right now, measured over a window of this
 * run (from before the study is loaded to the choice of threads): the kernel's idle time of
 * every CPU (os.cpus(), /proc/stat on Linux) less what this process itself used
 * (process.cpuUsage(), all its threads).
 *
 * Why not the 1-minute load average: it lags by a minute, so it counts the run that just
 * finished — the user's previous dxreport or R run, seconds ago — as load now. Under
 * back-to-back runs on an idle 2-CPU machine it read 1.0–1.3, a default of 1 thread, while
 * both CPUs were free (10⁶ cases, two models: 2 threads took a median 2.23 s against 2.51 s
 * for 1, 7 runs each interleaved). The load average is still the fallback for a window too
 * short for the counters (they tick every 10 ms).
 */
import { availableParallelism, cpus, loadavg } from 'node:os';

/** One reading of the counters. */
export interface CpuReading {
  /** Monotonic time of the reading, nanoseconds. */
  at: bigint;
  /** Idle milliseconds summed over the CPUs. */
  idleMilliseconds: number;
  /** CPUs the counters cover. */
  cpus: number;
  /** This process's CPU time (user + system), microseconds. */
  ownMicroseconds: number;
}

/** Below this window the 10 ms ticks are too coarse to tell 1 busy CPU from 2. */
const SHORTEST_WINDOW_SECONDS = 0.1;

export function readCpus(): CpuReading {
  const list = cpus();
  let idleMilliseconds = 0;
  for (const cpu of list) idleMilliseconds += cpu.times.idle;
  const own = process.cpuUsage();
  return {
    at: process.hrtime.bigint(),
    idleMilliseconds,
    cpus: list.length,
    ownMicroseconds: own.user + own.system,
  };
}

/**
 * CPUs busy with other processes between two readings (0 … CPUs): the CPUs' busy time less
 * this process's own, per second of the window. Null when the window is shorter than 0.1 s or
 * the counters are unusable (no CPUs listed, counters that went backwards).
 */
export function otherLoadBetween(before: CpuReading, after: CpuReading): number | null {
  const seconds = Number(after.at - before.at) / 1e9;
  if (!(seconds >= SHORTEST_WINDOW_SECONDS) || after.cpus === 0 || after.cpus !== before.cpus) return null;
  const idle = (after.idleMilliseconds - before.idleMilliseconds) / 1000;
  const own = (after.ownMicroseconds - before.ownMicroseconds) / 1e6;
  if (idle < 0 || own < 0) return null;
  const busy = after.cpus * seconds - idle - own;
  return Math.min(after.cpus, Math.max(0, busy / seconds));
}

/**
 * The machine for the default thread count: its CPUs and the load of other work, measured
 * since `since` when the window is long enough, else the 1-minute load average.
 */
export function machineSince(since: CpuReading | null): { cpus: number; load: number } {
  const measured = since === null ? null : otherLoadBetween(since, readCpus());
  return { cpus: availableParallelism(), load: measured ?? loadavg()[0] ?? 0 };
}
