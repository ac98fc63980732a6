// The default threads' measure of other work on the CPUs (src/cli/cpuLoad.ts): kernel idle
// time less this process's own CPU time over the loading window; the load average only when
// the window is too short to tell.
import { describe, expect, it } from 'vitest';
import { machineSince, otherLoadBetween, readCpus, type CpuReading } from '../../src/cli/cpuLoad.js';

const reading = (
  seconds: number,
  idleMilliseconds: number,
  ownMicroseconds: number,
  cpus = 2,
): CpuReading => ({
  at: BigInt(Math.round(seconds * 1e9)),
  idleMilliseconds,
  cpus,
  ownMicroseconds,
});

describe('other load on the CPUs', () => {
  it('is zero when only this process ran (one CPU busy with it, one idle)', () => {
    expect(otherLoadBetween(reading(0, 0, 0), reading(0.5, 500, 500_000))).toBeCloseTo(0, 12);
  });

  it('counts the CPU time nobody idled and this process did not use', () => {
    // 2 CPUs × 0.5 s: 0.5 s ours, 0.25 s idle, so other work kept 0.25 s / 0.5 s = half a CPU busy
    expect(otherLoadBetween(reading(0, 0, 0), reading(0.5, 250, 500_000))).toBeCloseTo(0.5, 12);
    expect(otherLoadBetween(reading(0, 0, 0), reading(1, 0, 1_000_000))).toBeCloseTo(1, 12);
  });

  it('stays within 0 … CPUs', () => {
    expect(otherLoadBetween(reading(0, 0, 0), reading(0.5, 1000, 400_000))).toBe(0);
    expect(otherLoadBetween(reading(0, 0, 0), reading(0.5, 0, 0))).toBe(2);
  });

  it('is unknown for a window under 0.1 s or counters that do not add up', () => {
    expect(otherLoadBetween(reading(0, 0, 0), reading(0.05, 50, 50_000))).toBeNull();
    expect(otherLoadBetween(reading(0, 100, 0), reading(0.5, 50, 0))).toBeNull();
    expect(otherLoadBetween(reading(0, 0, 0, 2), reading(0.5, 500, 0, 4))).toBeNull();
  });

  it('reads this machine and falls back to the load average for a short window', () => {
    const now = readCpus();
    expect(now.cpus).toBeGreaterThan(0);
    const machine = machineSince(now);
    expect(machine.cpus).toBeGreaterThan(0);
    expect(machine.load).toBeGreaterThanOrEqual(0);
  });
});
