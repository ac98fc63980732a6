// The bootstrap's WebAssembly kernel (wasm/bootstrapKernel.ts) gives bit for bit the values
// of the JavaScript kernel (kernel.ts, whose statistics the other bootstrap tests check against
// the single-purpose functions and R): replicates, jackknife values and percentile summaries,
// over generated data with ties, rare classes, clusters, both partial-AUC focuses, re-derived
// thresholds and resamples without one class. And the committed kernel bytes are what the
// source compiles to.
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import {
  planBootstrap,
  runBootstrap,
  type BootstrapDistribution,
  type BootstrapInput,
} from '../../src/evaluate/bootstrap.js';
import { KernelMemory, useWasmKernel } from '../../src/evaluate/bootstrap/wasmMemory.js';
import { MersenneTwister } from '../../src/statistics/resampling/mersenneTwister.js';
import { resampler } from '../../src/statistics/resampling/resampler.js';
import { loadStudy } from '../../src/load/loadStudy.js';

/** Generated cases: scores rounded to `digits` (ties), positives with probability `prevalence`. */
function generated(n: number, models: number, options: { seed: number; prevalence: number; digits: number }) {
  const random = new MersenneTwister(options.seed);
  const labels = Uint8Array.from({ length: n }, () => (random.nextDouble() < options.prevalence ? 1 : 0));
  const scale = 10 ** options.digits;
  const scores = Array.from({ length: models }, (_, m) =>
    Float64Array.from(labels, (y) => {
      const raw = Math.min(1, Math.max(0, 0.3 * y + 0.7 * random.nextDouble() - 0.02 * m));
      return Math.round(raw * scale) / scale;
    }),
  );
  return { labels, scores };
}

function input(
  data: { labels: Uint8Array; scores: Float64Array[] },
  extra: Partial<BootstrapInput>,
): BootstrapInput {
  return {
    labels: data.labels,
    scores: data.scores,
    thresholds: data.scores.map(() => [0.5, 0.3, 0.8]),
    rules: [{ kind: 'threshold', value: 0.5 }, { kind: 'minSensitivity', value: 0.9 }, { kind: 'youden' }],
    rederiveThresholds: false,
    partialAucRanges: [
      { focus: 'specificity', from: 0.8, to: 1 },
      { focus: 'sensitivity', from: 0.9, to: 1 },
    ],
    decisionThresholds: [0.01, 0.1, 0.2, 0.5, 0.9],
    replicates: 250,
    seed: 7,
    stratified: true,
    clusters: null,
    withJackknife: false,
    percentileSummaries: {
      level: 0.95,
      pairs: data.scores.length > 1 ? [[0, 1]] : [],
    },
    ...extra,
  };
}

/** The distribution's numbers as bytes, so that NaN, −0 and every last bit are compared. */
function bytes(distribution: BootstrapDistribution): Buffer[] {
  const arrays = [...distribution.values, ...(distribution.jackknife ?? [])];
  if (distribution.summaries) arrays.push(distribution.summaries);
  return arrays.map((array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength));
}

function bothKernels(bootstrapInput: BootstrapInput): { wasm: Buffer[]; js: Buffer[] } {
  useWasmKernel(true);
  expect(planBootstrap(bootstrapInput).wasm).not.toBeNull();
  const wasm = bytes(runBootstrap(bootstrapInput));
  useWasmKernel(false);
  expect(planBootstrap(bootstrapInput).wasm).toBeNull();
  const js = bytes(runBootstrap(bootstrapInput));
  useWasmKernel(true);
  return { wasm, js };
}

describe('the WebAssembly bootstrap kernel', () => {
  afterEach(() => useWasmKernel(true));

  const cases: [string, () => BootstrapInput][] = [
    [
      'stratified, ties, two models',
      () => input(generated(700, 2, { seed: 1, prevalence: 0.35, digits: 2 }), {}),
    ],
    [
      'unstratified, rare positives (resamples without one class)',
      () => input(generated(60, 2, { seed: 2, prevalence: 0.05, digits: 3 }), { stratified: false }),
    ],
    [
      'BCa jackknife, three models, 2000 replicates (tail-sampled percentiles)',
      () =>
        input(generated(300, 3, { seed: 3, prevalence: 0.5, digits: 6 }), {
          withJackknife: true,
          replicates: 2000,
          percentileSummaries: {
            level: 0.9,
            pairs: [
              [0, 2],
              [1, 2],
            ],
          },
        }),
    ],
    [
      'clusters, with the jackknife leaving out whole clusters',
      () => {
        const data = generated(400, 2, { seed: 4, prevalence: 0.3, digits: 2 });
        return input(data, {
          clusters: Int32Array.from(data.labels, (_, i) => Math.floor(i / 4)),
          withJackknife: true,
        });
      },
    ],
    [
      're-derived thresholds',
      () => input(generated(500, 2, { seed: 5, prevalence: 0.4, digits: 2 }), { rederiveThresholds: true }),
    ],
    [
      'no partial AUC, one model, one distinct score',
      () => {
        const data = generated(200, 1, { seed: 6, prevalence: 0.5, digits: 2 });
        return input(
          { labels: data.labels, scores: [new Float64Array(200).fill(0.5)] },
          { partialAucRanges: [] },
        );
      },
    ],
  ];
  for (const [name, make] of cases) {
    it(`gives the JavaScript kernel's values bit for bit: ${name}`, () => {
      const { wasm, js } = bothKernels(make());
      expect(wasm.length).toBe(js.length);
      for (let k = 0; k < js.length; k++) expect((wasm[k] as Buffer).equals(js[k] as Buffer)).toBe(true);
    });
  }

  it("gives the JavaScript kernel's values on the demo study", () => {
    const study = loadStudy('examples/bone-tumour/study.yaml');
    const { wasm, js } = bothKernels(
      input({ labels: study.data.labels, scores: study.data.scores }, { replicates: 400, seed: 1 }),
    );
    for (let k = 0; k < js.length; k++) expect((wasm[k] as Buffer).equals(js[k] as Buffer)).toBe(true);
  });

  it('draws the resamples of resampler.ts, in integers below 2²¹ cases and in doubles from there', () => {
    for (const n of [2 ** 21 - 1, 2 ** 21 + 3]) {
      const memory = KernelMemory.create() as KernelMemory;
      const weights = memory.take(4 * n);
      const all = memory.take(4 * n);
      const state = memory.take(4 * 624);
      const block = memory.take(4 * 624);
      expect(memory.open()).toBe(true);
      memory.ints(all, n).forEach((_, i, pool) => (pool[i] = i));
      memory.exports.mtSeed(state, block, 11, 3);
      const expected = resampler(new Uint8Array(n), null, false, 11, 3);
      for (let r = 0; r < 2; r++) {
        memory.exports.resample(weights, n, 0, 0, 0, 0, 0, all);
        expect(
          Buffer.from(memory.ints(weights, n).buffer, weights, 4 * n).equals(Buffer.from(expected().buffer)),
        ).toBe(true);
      }
    }
  });

  it('is what wasm/bootstrapKernel.ts compiles to (npm run build:wasm)', () => {
    const check = spawnSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  }, 60_000);
});
