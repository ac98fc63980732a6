// The bootstrap: each weighted replicate equals the statistics of the physically resampled
// data; a seed fixes the result; its spread agrees with DeLong's SE and its percentile
// interval with pROC's (test/reference/bootstrap.R) within Monte Carlo error.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  OPERATING_POINT_MEASURES,
  resampler,
  runBootstrap,
  seriesOf,
  summarise,
  type OperatingPointMeasure,
} from '../../src/evaluate/bootstrap.js';
import { parseCsv } from '../../src/load/csv.js';
import { bootstrapInput } from '../helpers/bootstrapInput.js';
import { delongPlacements } from '../../src/statistics/delong.js';
import { averagePrecision, maximumF1 } from '../../src/statistics/averagePrecision.js';
import { netBenefit } from '../../src/statistics/decisionCurve.js';
import { confusionCounts } from '../../src/statistics/rocCurve.js';
import { partialAuc } from '../../src/statistics/partialAuc.js';
import { rocCurve } from '../../src/statistics/rocCurve.js';

function dataset(name: string) {
  const table = parseCsv(readFileSync(`test/reference/data/${name}.csv`, 'utf8'), name);
  const column = (c: string) => table.rows.map((r) => r[table.header.indexOf(c)] as string);
  const labels = Uint8Array.from(column('y'), Number);
  const models = table.header.filter((c) => c !== 'case_id' && c !== 'y');
  return { labels, models, scores: models.map((m) => Float64Array.from(column(m), Number)) };
}

const input = (labels: Uint8Array, scores: Float64Array[], replicates: number, seed: number) =>
  bootstrapInput(labels, scores, replicates, seed);

describe('bootstrap', () => {
  const { labels, scores } = dataset('ties');

  it('evaluates each replicate as the physically resampled data would be', () => {
    const distribution = runBootstrap(input(labels, scores, 5, 11));
    const next = resampler(labels, null, true, 11);
    const { layout } = distribution;
    for (let r = 0; r < 5; r++) {
      const weights = next();
      const pickLabels: number[] = [];
      const pickScores: number[][] = scores.map(() => []);
      weights.forEach((w, i) => {
        for (let k = 0; k < w; k++) {
          pickLabels.push(labels[i] as number);
          scores.forEach((s, m) => (pickScores[m] as number[]).push(s[i] as number));
        }
      });
      const y = Uint8Array.from(pickLabels);
      scores.forEach((_, m) => {
        const s = Float64Array.from(pickScores[m] as number[]);
        const value = (slot: number) => seriesOf(distribution, m, slot)[r] as number;
        const positives = s.filter((_, i) => y[i] === 1);
        const negatives = s.filter((_, i) => y[i] === 0);
        expect(value(layout.auc)).toBeCloseTo(delongPlacements(positives, negatives).auc, 12);
        expect(value(layout.averagePrecision)).toBeCloseTo(averagePrecision(s, y) as number, 12);
        expect(value(layout.maximumF1)).toBeCloseTo(maximumF1(s, y)?.f1 as number, 12);
        const pauc = partialAuc(rocCurve(s, y), 'specificity', [0.8, 1]);
        expect(value((layout.partialAuc[0] as { raw: number }).raw)).toBeCloseTo(pauc.raw, 12);
        const counts = confusionCounts(s, y, 0.5);
        const point = layout.operatingPoints[0] as Record<OperatingPointMeasure, number>;
        const { tp, fp, tn, fn } = counts;
        const sensitivity = tp / (tp + fn);
        const specificity = tn / (tn + fp);
        const expected: Record<OperatingPointMeasure, number> = {
          sensitivity,
          specificity,
          ppv: tp / (tp + fp),
          npv: tn / (tn + fn),
          accuracy: (tp + tn) / (tp + fp + tn + fn),
          f1: (2 * tp) / (2 * tp + fp + fn),
          youdenJ: sensitivity + specificity - 1,
        };
        for (const measure of OPERATING_POINT_MEASURES) {
          expect(value(point[measure]), measure).toBeCloseTo(expected[measure], 12);
        }
        expect(value(layout.netBenefit[1] as number)).toBeCloseTo(netBenefit(s, y, 0.2), 12);
      });
    }
  });

  it('resamples within each class (stratified)', () => {
    const weights = resampler(labels, null, true, 3)();
    const positives = labels.reduce((sum, label, i) => sum + (label === 1 ? (weights[i] as number) : 0), 0);
    expect(positives).toBe(labels.reduce((a, b) => a + b, 0));
  });

  it('gives the same distribution for the same seed and another for another seed', () => {
    const a = runBootstrap(input(labels, scores, 50, 7));
    const b = runBootstrap(input(labels, scores, 50, 7));
    const c = runBootstrap(input(labels, scores, 50, 8));
    expect(b.values).toEqual(a.values);
    expect(c.values[0]).not.toEqual(a.values[0]);
  });

  const reference = JSON.parse(readFileSync('test/reference/expected/bootstrap.json', 'utf8')) as {
    cases: {
      dataset: string;
      model: string;
      auc: number;
      ci: [number, number];
      bootstrapSd: number;
      delongSe: number;
    }[];
  };
  it.each(reference.cases)('$dataset/$model: SD and percentile interval agree with pROC and DeLong', (c) => {
    const data = dataset(c.dataset);
    const m = data.models.indexOf(c.model);
    const distribution = runBootstrap(input(data.labels, [data.scores[m] as Float64Array], 4000, 1));
    const summary = summarise(seriesOf(distribution, 0, distribution.layout.auc), {
      estimate: c.auc,
      level: 0.95,
      kind: 'percentile',
    });
    // Monte Carlo error of an SD from B = 4000 replicates is about 1.1%; of a 2.5% quantile ≈ 0.3 SD
    expect(Math.abs((summary?.sd as number) / c.bootstrapSd - 1)).toBeLessThan(0.06);
    expect(Math.abs((summary?.sd as number) / c.delongSe - 1)).toBeLessThan(0.12);
    expect(Math.abs((summary?.lower as number) - c.ci[0])).toBeLessThan(0.35 * c.bootstrapSd);
    expect(Math.abs((summary?.upper as number) - c.ci[1])).toBeLessThan(0.35 * c.bootstrapSd);
  });
});
