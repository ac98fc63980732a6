// dxreport's discrimination kernels against the values that test/reference/discrimination.R
// (pROC 1.18, R 4.2 stats) and test/reference/proportions.R (Hmisc, stats) wrote; the
// scripts are committed beside the values (see test/reference/README.md). Tolerance 1e-9.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pairedAucComparison, unpairedAucComparison } from '../../src/evaluate/comparisons.js';
import { pairedTable } from '../../src/statistics/paired/tables.js';
import { splitByClass } from '../../src/evaluate/casesByClass.js';
import { aucResult } from '../../src/evaluate/discrimination.js';
import { chooseThreshold } from '../../src/evaluate/operatingPoints.js';
import type { ThresholdRule } from '../../src/results/results.js';
import { parseCsv } from '../../src/load/csv.js';
import { holmAdjust } from '../../src/statistics/holm.js';
import { negativeLikelihoodRatio, positiveLikelihoodRatio } from '../../src/statistics/likelihoodRatios.js';
import { mcnemarTest } from '../../src/statistics/paired/mcnemar.js';
import {
  newcombePairedInterval,
  tangoPairedInterval,
} from '../../src/statistics/paired/differenceIntervals.js';
import { partialAuc } from '../../src/statistics/partialAuc.js';
import {
  clopperPearsonInterval,
  jeffreysInterval,
  wilsonInterval,
} from '../../src/statistics/proportionIntervals.js';
import { confusionCounts, rocCurve } from '../../src/statistics/rocCurve.js';

const TOLERANCE = 1e-9;
function close(actual: number | null | undefined, expected: number, what: string) {
  expect(actual, what).not.toBeNull();
  const difference = Math.abs((actual as number) - expected);
  expect(
    difference <= TOLERANCE || difference <= TOLERANCE * Math.abs(expected),
    `${what}: ${actual} vs ${expected}`,
  ).toBe(true);
}

interface ExpectedModel {
  auc: number;
  aucVariance: number;
  aucSe: number;
  aucCi: [number, number];
  roc: { thresholds: number[]; sensitivity: number[]; specificity: number[] };
  partialAuc: {
    focus: 'specificity' | 'sensitivity';
    range: [number, number];
    raw: number;
    mcclish: number | null;
  }[];
  operatingPoints: Record<
    string,
    { rule: string; value?: number; threshold: number; tp: number; fp: number; tn: number; fn: number }
  >;
}
interface ExpectedDataset {
  dataset: string;
  level: number;
  models: Record<string, ExpectedModel>;
  comparisons: {
    models: [string, string];
    paired: { difference: number; ci: [number, number]; z: number; p: number; covariance: number };
    unpaired: { difference: number; z: number; df: number; p: number };
  }[];
  holm: { p: number[]; adjusted: number[] }[];
  pairedAtOperatingPoints: {
    models: [string, string];
    operatingPoint: string;
    on: 'positives' | 'negatives';
    b: number;
    c: number;
    mcnemar: {
      exact: number;
      midp: number;
      chisq: number;
      chisqStatistic: number;
      chisqCc: number;
      chisqCcStatistic: number;
    };
    newcombe: [number, number];
    tango: [number, number];
  }[];
}

const DATASETS = ['ties', 'imbalanced', 'three_models', 'asah'];

function load(name: string) {
  const expected = JSON.parse(
    readFileSync(`test/reference/expected/${name}.json`, 'utf8'),
  ) as ExpectedDataset;
  const table = parseCsv(readFileSync(`test/reference/data/${name}.csv`, 'utf8'), `${name}.csv`);
  const column = (c: string) => table.rows.map((r) => r[table.header.indexOf(c)] as string);
  const labels = Uint8Array.from(column('y'), (v) => (v === '1' || v === 'TRUE' ? 1 : 0));
  const scores = Object.fromEntries(
    Object.keys(expected.models).map((m) => [m, Float64Array.from(column(m), Number)]),
  );
  return { expected, labels, scores };
}

function ruleOf(point: { rule: string; value?: number }): ThresholdRule {
  if (point.rule === 'youden') return { kind: 'youden' };
  return {
    kind: point.rule as 'minSensitivity' | 'minSpecificity' | 'threshold',
    value: point.value as number,
  };
}

describe.each(DATASETS)('%s against pROC', (name) => {
  const { expected, labels, scores } = load(name);
  const level = expected.level;

  it('AUC, DeLong variance and interval', () => {
    for (const [id, model] of Object.entries(expected.models)) {
      const { auc } = aucResult(splitByClass(scores[id] as Float64Array, labels), {
        level,
        method: 'delong',
      });
      close(auc.estimate, model.auc, `${id} auc`);
      close(auc.variance, model.aucVariance, `${id} variance`);
      close(auc.se, model.aucSe, `${id} se`);
      close(auc.ci?.lower, model.aucCi[0], `${id} ci lower`);
      close(auc.ci?.upper, model.aucCi[1], `${id} ci upper`);
    }
  });

  it('ROC curve and partial AUC', () => {
    for (const [id, model] of Object.entries(expected.models)) {
      const curve = rocCurve(scores[id] as Float64Array, labels);
      expect(Array.from(curve.thresholds)).toEqual(model.roc.thresholds);
      model.roc.sensitivity.forEach((s, k) =>
        close((curve.truePositives[k] as number) / curve.positives, s, `${id} sens ${k}`),
      );
      model.roc.specificity.forEach((s, k) =>
        close(1 - (curve.falsePositives[k] as number) / curve.negatives, s, `${id} spec ${k}`),
      );
      for (const p of model.partialAuc) {
        const value = partialAuc(curve, p.focus, p.range);
        close(value.raw, p.raw, `${id} partial ${p.focus} raw`);
        if (p.mcclish === null)
          expect(value.mcclish, `${id} McClish below the diagonal: NA in pROC`).toBeNull();
        else close(value.mcclish, p.mcclish, `${id} partial ${p.focus} McClish`);
      }
    }
  });

  it('operating-point thresholds and counts', () => {
    for (const [id, model] of Object.entries(expected.models)) {
      const s = scores[id] as Float64Array;
      const curve = rocCurve(s, labels);
      for (const [pointId, point] of Object.entries(model.operatingPoints)) {
        const threshold = chooseThreshold(ruleOf(point), curve);
        expect(threshold, `${id} ${pointId}`).toBe(point.threshold);
        const counts = confusionCounts(s, labels, threshold);
        expect(counts, `${id} ${pointId}`).toEqual({
          tp: point.tp,
          fp: point.fp,
          tn: point.tn,
          fn: point.fn,
        });
      }
    }
  });

  it('paired and unpaired DeLong tests, Holm', () => {
    const pValues: number[] = [];
    for (const comparison of expected.comparisons) {
      const [a, b] = comparison.models;
      const pa = aucResult(splitByClass(scores[a] as Float64Array, labels), {
        level,
        method: 'delong',
      }).placements;
      const pb = aucResult(splitByClass(scores[b] as Float64Array, labels), {
        level,
        method: 'delong',
      }).placements;
      const paired = pairedAucComparison(pa, pb, level);
      close(paired.difference, comparison.paired.difference, 'difference');
      close(paired.ci?.lower, comparison.paired.ci[0], 'ci lower');
      close(paired.ci?.upper, comparison.paired.ci[1], 'ci upper');
      close(paired.z, comparison.paired.z, 'z');
      close(paired.p, comparison.paired.p, 'p');
      pValues.push(paired.p as number);
      const unpaired = unpairedAucComparison(pa, pb, level);
      close(unpaired.statistic, comparison.unpaired.z, 'unpaired statistic');
      close(unpaired.df, comparison.unpaired.df, 'unpaired df');
      close(unpaired.p, comparison.unpaired.p, 'unpaired p');
    }
    for (const family of expected.holm) {
      holmAdjust(family.p).forEach((p, i) => close(p, family.adjusted[i] as number, `holm ${i}`));
      family.p.forEach((p, i) => close(pValues[i], p, `holm input ${i}`));
    }
  });

  it('McNemar variants and paired-difference intervals at each operating point', () => {
    for (const entry of expected.pairedAtOperatingPoints) {
      const [a, b] = entry.models;
      const ta = expected.models[a]?.operatingPoints[entry.operatingPoint]?.threshold as number;
      const tb = expected.models[b]?.operatingPoints[entry.operatingPoint]?.threshold as number;
      const table = pairedTable({
        scoresA: scores[a] as Float64Array,
        scoresB: scores[b] as Float64Array,
        labels,
        thresholdA: ta,
        thresholdB: tb,
        positiveClass: entry.on === 'positives',
      });
      const what = `${a}-${b} ${entry.operatingPoint} ${entry.on}`;
      expect([table.b, table.c], what).toEqual([entry.b, entry.c]);
      close(mcnemarTest(table.b, table.c, 'exact').p, entry.mcnemar.exact, `${what} exact`);
      close(mcnemarTest(table.b, table.c, 'midp').p, entry.mcnemar.midp, `${what} midp`);
      close(mcnemarTest(table.b, table.c, 'chisq').p, entry.mcnemar.chisq, `${what} chisq`);
      close(
        mcnemarTest(table.b, table.c, 'chisq').statistic,
        entry.mcnemar.chisqStatistic,
        `${what} chisq stat`,
      );
      close(mcnemarTest(table.b, table.c, 'chisq-cc').p, entry.mcnemar.chisqCc, `${what} chisq-cc`);
      close(
        mcnemarTest(table.b, table.c, 'chisq-cc').statistic,
        entry.mcnemar.chisqCcStatistic,
        `${what} cc stat`,
      );
      const newcombe = newcombePairedInterval(table, level);
      close(newcombe.lower, entry.newcombe[0], `${what} newcombe lower`);
      close(newcombe.upper, entry.newcombe[1], `${what} newcombe upper`);
      const tango = tangoPairedInterval(table, level);
      close(tango.lower, entry.tango[0], `${what} tango lower`);
      close(tango.upper, entry.tango[1], `${what} tango upper`);
    }
  });
});

describe('proportion intervals, likelihood ratios and paired differences against R', () => {
  const reference = JSON.parse(readFileSync('test/reference/expected/proportions.json', 'utf8')) as {
    cases: {
      x: number;
      n: number;
      level: number;
      wilson: number[];
      clopperPearson: number[];
      jeffreys: number[];
    }[];
    likelihoodRatios: {
      tp: number;
      fp: number;
      tn: number;
      fn: number;
      level: number;
      positive: number;
      positiveCi: number[];
      negative: number;
      negativeCi: number[];
    }[];
    pairedDifferences: {
      n11: number;
      n12: number;
      n21: number;
      n22: number;
      level: number;
      mcnemar: { exact: number; midp: number; chisq: number; chisqCc: number };
      newcombe: number[];
      tango: number[];
    }[];
  };

  it('Wilson, Clopper–Pearson and Jeffreys', () => {
    for (const c of reference.cases) {
      const what = `x=${c.x} n=${c.n} level=${c.level}`;
      for (const [name, fn, bounds] of [
        ['wilson', wilsonInterval, c.wilson],
        ['clopper-pearson', clopperPearsonInterval, c.clopperPearson],
        ['jeffreys', jeffreysInterval, c.jeffreys],
      ] as const) {
        const interval = fn(c.x, c.n, c.level);
        close(interval.lower, bounds[0] as number, `${name} ${what} lower`);
        close(interval.upper, bounds[1] as number, `${name} ${what} upper`);
      }
    }
  });

  it('likelihood ratios, log method', () => {
    for (const r of reference.likelihoodRatios) {
      const plus = positiveLikelihoodRatio(r.tp, r.fp, r.tn, r.fn, r.level);
      const minus = negativeLikelihoodRatio(r.tp, r.fp, r.tn, r.fn, r.level);
      close(plus.estimate, r.positive, 'LR+');
      close(plus.ci?.lower, r.positiveCi[0] as number, 'LR+ lower');
      close(plus.ci?.upper, r.positiveCi[1] as number, 'LR+ upper');
      close(minus.estimate, r.negative, 'LR-');
      close(minus.ci?.lower, r.negativeCi[0] as number, 'LR- lower');
      close(minus.ci?.upper, r.negativeCi[1] as number, 'LR- upper');
    }
  });

  it('McNemar, Newcombe and Tango on explicit paired tables (edge cases, published examples)', () => {
    for (const t of reference.pairedDifferences) {
      const table = { a: t.n11, b: t.n12, c: t.n21, d: t.n22 };
      const what = JSON.stringify(table);
      close(mcnemarTest(t.n12, t.n21, 'exact').p, t.mcnemar.exact, `${what} exact`);
      close(mcnemarTest(t.n12, t.n21, 'midp').p, t.mcnemar.midp, `${what} midp`);
      close(mcnemarTest(t.n12, t.n21, 'chisq').p, t.mcnemar.chisq, `${what} chisq`);
      close(mcnemarTest(t.n12, t.n21, 'chisq-cc').p, t.mcnemar.chisqCc, `${what} chisq-cc`);
      const newcombe = newcombePairedInterval(table, t.level);
      close(newcombe.lower, t.newcombe[0] as number, `${what} newcombe lower`);
      close(newcombe.upper, t.newcombe[1] as number, `${what} newcombe upper`);
      const tango = tangoPairedInterval(table, t.level);
      close(tango.lower, t.tango[0] as number, `${what} tango lower`);
      close(tango.upper, t.tango[1] as number, `${what} tango upper`);
    }
  });
});
