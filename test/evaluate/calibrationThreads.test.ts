// Calibration summaries computed in worker threads (calibrationThreads.ts, issue 10): evaluate
// gives byte-identical results.json with 1, 2 and 3 threads when the threshold for threading
// calibrations is lowered to this small study's size, and the workers do compute some of them
// (worker threads run from the compiled package, which `npm test` builds first).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
    expect(calibration.lastCalibrationRun()).toEqual({ offered: 0, byWorkers: 0, early: false });
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

  // from GROUPED_CALIBRATION_CASES the later models are offered before the canonical order, from
  // the cases as loaded (evaluate.ts offerEarlyCalibrations): the same bytes as one thread
  it("offers a large study's calibrations from the loaded order, with the same bytes", async () => {
    const { evaluate, loadStudy, resultsJson } = await import('../../dist/index.js');
    const threads = await import('../../dist/evaluate/bootstrapThreads.js');
    const calibration = await import('../../dist/evaluate/calibrationThreads.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'dxreport-early-calibration-'));
    try {
      execFileSync(process.execPath, ['bench/generate.mjs', '60000', dir, '0']);
      const study = loadStudy(path.join(dir, 'study.yaml'));
      const expected = resultsJson(evaluate(study, { threads: 1 }));
      threads.startBootstrapWorkers(1);
      let byWorkers = 0;
      const deadline = performance.now() + 50_000;
      while (byWorkers === 0 && performance.now() < deadline) {
        expect(resultsJson(evaluate(study, { threads: 2, threadedCalibrationCases: 50_000 }))).toBe(expected);
        expect(calibration.lastCalibrationRun()).toMatchObject({ offered: 1, early: true });
        byWorkers = calibration.lastCalibrationRun().byWorkers;
        if (byWorkers === 0) await sleep(50);
      }
      expect(byWorkers).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
