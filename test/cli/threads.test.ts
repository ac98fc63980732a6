// The bootstrap's default thread count (issue 11): 1 for a small bootstrap, and for a large one
// only the CPUs that are idle (never more threads than CPUs); --threads capped by the CPUs.
import { describe, expect, it } from 'vitest';
import { chooseThreads, defaultThreads, threadsNotice } from '../../src/cli/threads.js';
import type { Study } from '../../src/load/loadStudy.js';

function study(cases: number, models: number, replicates: number): Study {
  return {
    settings: { bootstrap: { replicates, interval: 'percentile' } },
    data: { labels: new Uint8Array(cases) },
    models: Array.from({ length: models }, () => ({})),
  } as unknown as Study;
}

describe('default threads', () => {
  const large = study(20_000, 3, 2000);

  it('uses 1 thread for a small bootstrap, whatever the CPUs', () => {
    expect(defaultThreads(study(743, 2, 2000), { cpus: 8, load: 0 })).toBe(1);
  });

  it('uses the idle CPUs for a large one: every CPU on an idle machine, 1 on a busy one', () => {
    expect(defaultThreads(large, { cpus: 2, load: 0.1 })).toBe(2);
    expect(defaultThreads(large, { cpus: 2, load: 1.2 })).toBe(1);
    expect(defaultThreads(large, { cpus: 2, load: 15 })).toBe(1);
    expect(defaultThreads(large, { cpus: 16, load: 2 })).toBe(8);
  });

  it('gives a large study without a bootstrap a thread per model, up to the idle CPUs, to calibrate them in parallel', () => {
    expect(defaultThreads(study(500_000, 2, 0), { cpus: 2, load: 0.1 })).toBe(2);
    expect(defaultThreads(study(500_000, 2, 0), { cpus: 2, load: 15 })).toBe(1);
    expect(defaultThreads(study(1_000_000, 3, 0), { cpus: 8, load: 0 })).toBe(3);
    expect(defaultThreads(study(1_000_000, 1, 0), { cpus: 8, load: 0 })).toBe(1);
    expect(defaultThreads(study(499_999, 2, 0), { cpus: 8, load: 0 })).toBe(1);
  });

  it('caps --threads at the CPUs and says so', () => {
    expect(chooseThreads(large, 64, 2)).toBe(2);
    expect(chooseThreads(large, 1, 2)).toBe(1);
    expect(threadsNotice(64, 2)).toBe('--threads 64: this machine has 2 CPUs; using 2');
    expect(threadsNotice(2, 2)).toBeNull();
  });
});
