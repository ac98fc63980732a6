/**
 * `--timings`: how long each step of a run took (loading, each model, the bootstrap, charts,
 * HTML, PDF), wall and main-thread CPU seconds, printed on stderr at the end as one line.
 * For benchmarks (bench/scale.mjs) and for users asking where the time goes; the progress
 * display is untouched.
 */
// the global `performance`: importing node:perf_hooks would load its histograms and observers
// (≈ 4 ms of every run's start-up) for `now()` alone
import type { Progress } from './progress.js';

export interface StepTimings {
  /** The progress to use instead of `progress`: the same, with every step timed. */
  progress: Progress;
  /** "loading 1.8 s (CPU 1.7 s), …, total 9.2 s (CPU 8.1 s)" — the last step ends now. */
  summary: () => string;
}

interface Step {
  name: string;
  wall: number;
  cpu: number;
}

const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;

export function timeSteps(progress: Progress): StepTimings {
  const steps: Step[] = [];
  const start = { wall: performance.now(), cpu: process.cpuUsage() };
  let current: { name: string; wall: number; cpu: NodeJS.CpuUsage } | null = null;
  const close = () => {
    if (!current) return;
    steps.push({
      name: current.name,
      wall: (performance.now() - current.wall) / 1000,
      cpu: cpuSeconds(process.cpuUsage(current.cpu)),
    });
    current = null;
  };
  return {
    progress: {
      ...progress,
      step: (name) => {
        close();
        current = { name, wall: performance.now(), cpu: process.cpuUsage() };
        progress.step(name);
      },
    },
    summary: () => {
      close();
      const s = (x: number) => `${x.toFixed(2)} s`;
      const parts = steps.map((step) => `${step.name} ${s(step.wall)} (CPU ${s(step.cpu)})`);
      const wall = (performance.now() - start.wall) / 1000;
      parts.push(`total since start ${s(wall)} (CPU ${s(cpuSeconds(process.cpuUsage(start.cpu)))})`);
      return `timings: ${parts.join(', ')}`;
    },
  };
}
