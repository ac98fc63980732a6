// BCa intervals (Efron 1987) against R's boot.ci(type = "bca") with stratified resampling
// (test/reference/bca.R, 20,000 replicates): the generators differ, so agreement is within
// Monte Carlo error; BCa and percentile limits differ by more than that here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jackknifeOf, runBootstrap, seriesOf, summarise } from '../../src/evaluate/bootstrap.js';
import { parseCsv } from '../../src/load/csv.js';

const reference = JSON.parse(readFileSync('test/reference/expected/bca.json', 'utf8')) as {
  cases: {
    dataset: string;
    model: string;
    auc: number;
    bca: [number, number];
    percentile: [number, number];
    bootstrapSd: number;
  }[];
};

/** A bootstrap of the AUC alone, with the jackknife BCa needs. */
const aucBootstrap = (
  labels: Uint8Array,
  scores: Float64Array[],
  replicates: number,
  seed: number,
  clusters: Int32Array | null,
) =>
  runBootstrap({
    labels,
    scores,
    thresholds: [[]],
    rules: [],
    rederiveThresholds: false,
    partialAucRanges: [],
    decisionThresholds: [],
    replicates,
    seed,
    stratified: true,
    clusters,
    withJackknife: true,
  });

describe('BCa interval of the AUC', () => {
  it.each(reference.cases)('$dataset/$model agrees with boot.ci', (c) => {
    const table = parseCsv(readFileSync(`test/reference/data/${c.dataset}.csv`, 'utf8'), c.dataset);
    const column = (name: string) => table.rows.map((r) => r[table.header.indexOf(name)] as string);
    const labels = Uint8Array.from(column('y'), Number);
    const scores = [Float64Array.from(column(c.model), Number)];
    const distribution = aucBootstrap(labels, scores, 10000, 11, null);
    const slot = distribution.layout.auc;
    const bca = summarise(seriesOf(distribution, 0, slot), {
      estimate: c.auc,
      level: 0.95,
      kind: 'bca',
      jackknife: jackknifeOf(distribution, 0, slot),
    });
    const tolerance = 0.12 * c.bootstrapSd;
    expect(Math.abs((bca?.lower as number) - c.bca[0])).toBeLessThan(tolerance);
    expect(Math.abs((bca?.upper as number) - c.bca[1])).toBeLessThan(tolerance);
  });
});

describe('BCa with clusters', () => {
  it('takes the acceleration from leaving out one cluster at a time', () => {
    const labels = Uint8Array.from([1, 1, 1, 0, 0, 0, 1, 0, 0, 1]);
    const scores = [Float64Array.from([0.9, 0.8, 0.4, 0.3, 0.5, 0.1, 0.7, 0.2, 0.6, 0.35])];
    const clusters = Int32Array.from([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    const distribution = aucBootstrap(labels, scores, 50, 1, clusters);
    expect(distribution.cases).toBe(5);
    expect(jackknifeOf(distribution, 0, distribution.layout.auc)).toHaveLength(5);
  });
});
