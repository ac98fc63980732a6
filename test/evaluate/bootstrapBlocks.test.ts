// The bootstrap's blocks are independent: evaluated in any order (as threads would take them),
// they give the same values; and evaluate gives byte-identical results with 1, 2 or 3 threads
// (worker threads run from the compiled package, which `npm test` builds first).
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  allBlocks,
  dataBlocks,
  evaluateBootstrapBlock,
  REPLICATES_PER_BLOCK,
  precomputedSummary,
  releaseBootstrap,
  runBootstrap,
  seriesOf,
  summarise,
  type BlockRunner,
  type BootstrapInput,
} from '../../src/evaluate/bootstrap.js';
import { loadStudy } from '../../src/load/loadStudy.js';
import { bootstrapInput } from '../helpers/bootstrapInput.js';

const study = loadStudy('test/fixtures/asah/study.yaml');

const input = (withJackknife: boolean, clusters: Int32Array | null): BootstrapInput =>
  bootstrapInput(study.data.labels, study.data.scores, 2.5 * REPLICATES_PER_BLOCK, 5, {
    withJackknife,
    clusters,
  });

const percentileSummaries = {
  level: 0.95,
  pairs: [
    [0, 1],
    [0, 2],
  ] as [number, number][],
};

/** Evaluates the data blocks last to first, as another thread might, then the summaries likewise. */
const backwards: BlockRunner = {
  shared: false,
  start: (plan, outputs) => ({
    blocksDone: () => 0,
    finish: (onBlockDone) => {
      for (let block = dataBlocks(plan) - 1; block >= 0; block--) {
        evaluateBootstrapBlock(plan, block, outputs);
        onBlockDone(block);
      }
      for (let block = allBlocks(plan) - 1; block >= dataBlocks(plan); block--) {
        evaluateBootstrapBlock(plan, block, outputs);
        onBlockDone(block);
      }
      return true;
    },
    cancel: () => undefined,
  }),
};

describe('bootstrap blocks', () => {
  it('give the same replicates and jackknife values in any order', () => {
    const n = study.data.labels.length;
    const clusters = Int32Array.from({ length: n }, (_, i) => Math.floor(i / 3));
    for (const [jackknife, clustered] of [
      [false, null],
      [true, null],
      [true, clusters],
    ] as const) {
      const withSummaries = { ...input(jackknife, clustered), percentileSummaries };
      const forwards = runBootstrap(withSummaries);
      const reversed = runBootstrap(withSummaries, backwards);
      expect(reversed.values).toEqual(forwards.values);
      expect(reversed.jackknife).toEqual(forwards.jackknife);
      expect(reversed.summaries).toEqual(forwards.summaries);
      // and the summaries are those of the series
      const direct = summarise(seriesOf(forwards, 1, forwards.layout.auc), {
        level: 0.95,
        kind: 'percentile',
      });
      expect(precomputedSummary(forwards, 1, null, forwards.layout.auc)).toEqual(direct);
      const difference = summarise(seriesOf(forwards, 0, forwards.layout.auc), {
        level: 0.95,
        kind: 'percentile',
        minus: seriesOf(forwards, 2, forwards.layout.auc),
      });
      expect(precomputedSummary(forwards, 0, 1, forwards.layout.auc)).toEqual(difference);
    }
  });

  it('reuse the memory of a released distribution without changing the next one', () => {
    const fresh = runBootstrap({ ...input(true, null), seed: 9, percentileSummaries });
    const first = runBootstrap({ ...input(true, null), percentileSummaries });
    const firstBuffer = first.values[0]?.buffer;
    releaseBootstrap(first);
    const second = runBootstrap({ ...input(true, null), seed: 9, percentileSummaries });
    expect(second.values.some((v) => v.buffer === firstBuffer)).toBe(true);
    expect(second.values).toEqual(fresh.values);
    expect(second.jackknife).toEqual(fresh.jackknife);
    expect(second.summaries).toEqual(fresh.summaries);
  });

  it('report progress once per block: the B replicates, then the jackknife fits', () => {
    const n = study.data.labels.length;
    const seen: [number, number][] = [];
    runBootstrap({ ...input(false, null), onProgress: (done, total) => seen.push([done, total]) });
    expect(seen).toEqual([
      [100, 250],
      [200, 250],
      [250, 250],
    ]);
    seen.length = 0;
    runBootstrap({ ...input(true, null), onProgress: (done, total) => seen.push([done, total]) });
    expect(seen.map(([done]) => done)).toEqual([100, 200, 250, 350, 250 + n]);
    expect(seen.every(([, total]) => total === 250 + n)).toBe(true);
  });
});

const compiled = existsSync('dist/evaluate/bootstrapWorker.js');
describe.skipIf(!compiled)('evaluate with worker threads (compiled package)', () => {
  afterAll(async () => {
    const threads = await import('../../dist/evaluate/bootstrapThreads.js');
    await threads.stopBootstrapWorkers();
  });

  const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

  it('finishes a bootstrap whose worker is stopped mid-job, with the same values', async () => {
    const bootstrap = await import('../../dist/evaluate/bootstrap.js');
    const threads = await import('../../dist/evaluate/bootstrapThreads.js');
    const tumour = loadStudy('examples/bone-tumour/study.yaml');
    const big: BootstrapInput = {
      ...input(false, null),
      labels: tumour.data.labels,
      scores: tumour.data.scores,
      thresholds: tumour.data.scores.map(() => [0.5, 0.3]),
      replicates: 5000,
      percentileSummaries: { level: 0.95, pairs: [[0, 1]] },
    };
    const expected = bootstrap.runBootstrap(big);
    threads.startBootstrapWorkers(1);
    await sleep(300);
    const run = bootstrap.startBootstrap(big, threads.threadedBlockRunner(2, { stallMilliseconds: 300 }));
    await sleep(20); // the worker takes blocks…
    await threads.stopBootstrapWorkers(); // …and is stopped, perhaps holding one
    const finished = run.finish();
    expect(finished.values).toEqual(expected.values);
    expect(finished.summaries).toEqual(expected.summaries);
  });

  it('lets a cancelled bootstrap go, so that workers take the next one', async () => {
    const bootstrap = await import('../../dist/evaluate/bootstrap.js');
    const threads = await import('../../dist/evaluate/bootstrapThreads.js');
    threads.startBootstrapWorkers(1);
    const runner = threads.threadedBlockRunner(2);
    const abandonedInput = { ...input(true, null), replicates: 20_000 };
    const abandoned = bootstrap.startBootstrap(abandonedInput, runner);
    abandoned.cancel();
    const run = bootstrap.startBootstrap({ ...input(false, null), replicates: 3000 }, runner);
    // this thread takes no block before `finish`: wait (however loaded the machine) until the
    // worker has completed one of the next bootstrap, which it can only do once it has let
    // the cancelled one go
    const deadline = performance.now() + 50_000;
    while (run.blocksDone() === 0 && performance.now() < deadline) await sleep(10);
    expect(run.blocksDone()).toBeGreaterThan(0);
    // the worker left the cancelled bootstrap at once, not after computing it
    const abandonedBlocks = Math.ceil(abandonedInput.replicates / REPLICATES_PER_BLOCK);
    expect(abandoned.blocksDone()).toBeLessThan(abandonedBlocks / 2);
    run.finish();
    expect(threads.lastThreadedRun().byWorkers).toBeGreaterThan(0);
  }, 60_000);

  it('gives byte-identical results with 1, 2 and 3 threads, also with BCa, re-chosen thresholds and clusters', async () => {
    const dist = await import('../../dist/index.js');
    const threads = await import('../../dist/evaluate/bootstrapThreads.js');
    expect(threads.bootstrapThreadsAvailable()).toBe(true);
    for (const file of [
      'examples/bone-tumour/study.yaml',
      'test/fixtures/asah/study.yaml',
      'test/fixtures/clustered/study.yaml',
    ]) {
      const loaded = dist.loadStudy(file);
      loaded.settings.bootstrap.replicates = 700;
      loaded.settings.bootstrap.interval = 'bca';
      loaded.settings.bootstrap.rederiveThresholds = true;
      const one = JSON.stringify(dist.evaluate(loaded, { threads: 1 }));
      // started first, so that the workers are running and take blocks
      threads.startBootstrapWorkers(2);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(JSON.stringify(dist.evaluate(loaded, { threads: 2 }))).toBe(one);
      expect(threads.lastThreadedRun().byWorkers).toBeGreaterThan(0);
      expect(JSON.stringify(dist.evaluate(loaded, { threads: 3 }))).toBe(one);
    }
  });
});
