// Calibration summaries computed in worker threads (calibrationThreads.ts, issue 10): evaluate
// gives byte-identical results.json with 1, 2 and 3 threads when the threshold for threading
// calibrations is lowered to this small study's size, and the workers do compute some of them
// (worker threads run from the compiled package, which `npm test` builds first).
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';

const compiled = existsSync('dist/evaluate/calibrationThreads.js');
const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

describe.skipIf(!compiled)('calibration in worker threads (compiled package)', () => {
  afterAll(async () => {
    const threads = await import('../../dist/evaluate/bootstrapThreads.js');
    await threads.stopBootstrapWorkers();
  });

  it('gives byte-identical results with 1, 2 and 3 threads, and the workers compute calibrations', async () => {
    const { evaluate, loadStudy, resultsJson } = await import('../../dist/index.js');
    const threads = await import('../../dist/evaluate/bootstrapThreads.js');
    const calibration = await import('../../dist/evaluate/calibrationThreads.js');
    const study = loadStudy('examples/multi-model/study.yaml');
    const noBootstrap = {
      ...study,
      settings: { ...study.settings, bootstrap: { ...study.settings.bootstrap, replicates: 0 } },
    };
    const expected = resultsJson(evaluate(noBootstrap, { threads: 1, threadedCalibrationCases: 1 }));
    expect(calibration.lastCalibrationRun()).toEqual({ offered: 0, byWorkers: 0 });
    // the workers start cold: evaluate until they have taken a calibration (however loaded
    // the machine), every run giving the same bytes
    threads.startBootstrapWorkers(2);
    let byWorkers = 0;
    const deadline = performance.now() + 50_000;
    for (let run = 0; byWorkers === 0 && performance.now() < deadline; run++) {
      const count = 2 + (run % 2);
      expect(resultsJson(evaluate(noBootstrap, { threads: count, threadedCalibrationCases: 1 }))).toBe(
        expected,
      );
      expect(calibration.lastCalibrationRun().offered).toBe(2);
      byWorkers = calibration.lastCalibrationRun().byWorkers;
      if (byWorkers === 0) await sleep(50);
    }
    expect(byWorkers).toBeGreaterThan(0);
    // below the threshold nothing is offered
    expect(resultsJson(evaluate(noBootstrap, { threads: 2 }))).toBe(expected);
    expect(calibration.lastCalibrationRun().offered).toBe(0);
  }, 60_000);

  it('with the bootstrap too, the same bytes on 1 and 2 threads', async () => {
    const { evaluate, loadStudy, resultsJson } = await import('../../dist/index.js');
    const study = loadStudy('examples/bone-tumour/study.yaml');
    const quick = {
      ...study,
      settings: { ...study.settings, bootstrap: { ...study.settings.bootstrap, replicates: 200 } },
    };
    const expected = resultsJson(evaluate(quick, { threads: 1, threadedCalibrationCases: 1 }));
    expect(resultsJson(evaluate(quick, { threads: 2, threadedCalibrationCases: 1 }))).toBe(expected);
  }, 60_000);
});
