// dxreport's clustered-data statistics (several cases per patient) against the values that
// test/reference/clustered.R wrote. The script computes everything from the papers'
// definitions on per-case data — Obuchowski (1997) for AUC variances/covariances, the
// paired AUC test; Obuchowski (1998) for paired sensitivity/specificity — and checks itself
// against pROC's DeLong (one case per cluster) and a cluster bootstrap (see
// test/reference/README.md). Tolerance 1e-9.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitByClass } from '../../src/evaluate/casesByClass.js';
import { clusteredPairedProportionComparison, pairedAucComparison } from '../../src/evaluate/comparisons.js';
import { aucResult } from '../../src/evaluate/discrimination.js';
import { aucVarianceMethod } from '../../src/evaluate/subsets.js';
import { parseCsv } from '../../src/load/csv.js';
import { clusterLayout, clusteredAucCovariance } from '../../src/statistics/clusteredAuc.js';
import { clusteredPairedProportionTest } from '../../src/statistics/paired/clusteredProportions.js';
import { delongCovariance, delongPlacements } from '../../src/statistics/delong.js';

const TOLERANCE = 1e-9;
function close(actual: number | null | undefined, expected: number, what: string) {
  expect(actual, what).not.toBeNull();
  expect(actual, what).toBeDefined();
  const difference = Math.abs((actual as number) - expected);
  expect(
    difference <= TOLERANCE || difference <= TOLERANCE * Math.abs(expected),
    `${what}: ${actual} vs ${expected}`,
  ).toBe(true);
}

type Pair = [number, number];
interface ExpectedModel {
  auc: number;
  variance: number;
  se: number;
  ci: Pair;
}
interface ExpectedProportions {
  models: [string, string];
  thresholds: Pair;
  on: 'positives' | 'negatives';
  n: number;
  clusters: number;
  b: number;
  c: number;
  difference: number;
  seDifference: number;
  ci: Pair;
  obuchowski: { statistic: number; p: number };
  unrestricted: { statistic: number; p: number };
}
interface ExpectedDataset {
  dataset: string;
  level: number;
  n: number;
  clusters: number;
  clustersWithPositives: number;
  clustersWithNegatives: number;
  models: Record<string, ExpectedModel>;
  comparisons: {
    models: [string, string];
    covariance: number;
    difference: number;
    se: number;
    z: number;
    p: number;
    ci: Pair;
  }[];
  pairedProportions: ExpectedProportions[];
  crossChecks: {
    singletonClustersVsPROC: { maxAbsDifferenceVarianceCovariance: number };
    clusterBootstrap?: Record<
      string,
      { analyticVariance: number; bootstrapVariance: number; zMonteCarlo: number }
    >;
  };
}

const DATASETS = ['clustered_mixed', 'clustered_ties', 'clustered_pure'];

/** Cases as dxreport loads them: patients numbered 0, 1, … in order of first appearance. */
function load(name: string) {
  const expected = JSON.parse(
    readFileSync(`test/reference/expected/${name}.json`, 'utf8'),
  ) as ExpectedDataset;
  const table = parseCsv(readFileSync(`test/reference/data/${name}.csv`, 'utf8'), `${name}.csv`);
  const column = (c: string) => table.rows.map((r) => r[table.header.indexOf(c)] as string);
  const labels = Uint8Array.from(column('y'), (v) => (v === '1' ? 1 : 0));
  const index = new Map<string, number>();
  const clusters = Int32Array.from(column('patient'), (p) => {
    if (!index.has(p)) index.set(p, index.size);
    return index.get(p) as number;
  });
  const scores: Record<string, Float64Array> = {};
  for (const m of Object.keys(expected.models)) scores[m] = Float64Array.from(column(m), Number);
  const placements = (m: string) => {
    const byClass = splitByClass(scores[m] as Float64Array, labels);
    return delongPlacements(byClass.positives, byClass.negatives);
  };
  return { expected, labels, clusters, scores, placements, patients: index.size };
}

for (const name of DATASETS) {
  describe(`clustered reference: ${name}`, () => {
    const { expected, labels, clusters, scores, placements, patients } = load(name);
    const level = expected.level;
    const layout = clusterLayout(clusters, labels);

    it('reads the cases as the script did', () => {
      expect(labels.length).toBe(expected.n);
      expect(patients).toBe(expected.clusters);
      expect(layout.clusters).toBe(expected.clusters);
      expect(new Set(layout.positiveClusters).size).toBe(expected.clustersWithPositives);
      expect(new Set(layout.negativeClusters).size).toBe(expected.clustersWithNegatives);
      expect(expected.crossChecks.singletonClustersVsPROC.maxAbsDifferenceVarianceCovariance).toBeLessThan(
        1e-12,
      );
    });

    for (const [model, e] of Object.entries(expected.models)) {
      it(`${model}: AUC, Obuchowski variance, SE and 95% CI`, () => {
        const method = aucVarianceMethod(labels, clusters);
        const { auc } = aucResult(
          splitByClass(scores[model] as Float64Array, labels),
          { level, method: 'delong' },
          method,
        );
        close(auc.estimate, e.auc, 'auc');
        close(auc.variance, e.variance, 'variance');
        close(auc.se, e.se, 'se');
        close(auc.ci?.lower, e.ci[0], 'ci lower');
        close(auc.ci?.upper, e.ci[1], 'ci upper');
        const p = placements(model);
        close(clusteredAucCovariance(p, p, layout), e.variance, 'clusteredAucCovariance(p, p)');
      });
    }

    for (const c of expected.comparisons) {
      it(`${c.models.join(' vs ')}: clustered covariance and paired AUC test`, () => {
        const [a, b] = c.models.map(placements) as [
          ReturnType<typeof placements>,
          ReturnType<typeof placements>,
        ];
        close(clusteredAucCovariance(a, b, layout), c.covariance, 'covariance');
        close(clusteredAucCovariance(b, a, layout), c.covariance, 'covariance (b, a)');
        const method = aucVarianceMethod(labels, clusters);
        const test = pairedAucComparison(a, b, level, method.covariance, method.methods.paired);
        close(test.difference, c.difference, 'difference');
        close(test.z, c.z, 'z');
        close(test.p, c.p, 'p');
        close(test.ci?.lower, c.ci[0], 'ci lower');
        close(test.ci?.upper, c.ci[1], 'ci upper');
      });
    }

    for (const e of expected.pairedProportions) {
      const label = `${e.models.join(' vs ')} at ${e.thresholds.join(' / ')} on ${e.on}`;
      const run = () => {
        const [a, b] = e.models.map((m) => scores[m] as Float64Array) as [Float64Array, Float64Array];
        return clusteredPairedProportionComparison({
          scoresA: a,
          scoresB: b,
          labels,
          clusters,
          thresholdA: e.thresholds[0],
          thresholdB: e.thresholds[1],
          positiveClass: e.on === 'positives',
          level,
        });
      };
      const correctCalls = () => {
        const wanted = e.on === 'positives' ? 1 : 0;
        const correctA: number[] = [];
        const correctB: number[] = [];
        const cluster: number[] = [];
        const [a, b] = e.models.map((m) => scores[m] as Float64Array) as [Float64Array, Float64Array];
        for (let i = 0; i < labels.length; i++) {
          if (labels[i] !== wanted) continue;
          const calledA = (a[i] as number) >= e.thresholds[0];
          const calledB = (b[i] as number) >= e.thresholds[1];
          correctA.push(wanted === 1 ? +calledA : +!calledA);
          correctB.push(wanted === 1 ? +calledB : +!calledB);
          cluster.push(clusters[i] as number);
        }
        return clusteredPairedProportionTest(
          Uint8Array.from(correctA),
          Uint8Array.from(correctB),
          Int32Array.from(cluster),
        );
      };

      it(`${label}: difference, cluster-robust SE and Wald interval`, () => {
        const r = run();
        expect(r.n).toBe(e.n);
        expect(r.discordant).toEqual({ b: e.b, c: e.c });
        close(r.difference, e.difference, 'difference');
        close(r.ci?.lower, e.ci[0], 'ci lower');
        close(r.ci?.upper, e.ci[1], 'ci upper');
        close(correctCalls().se, e.seDifference, 'se of the difference');
      });

      // the test statistic uses the variance under H0 (pooled p̄ = (p̂1 + p̂2)/2), as Obuchowski
      // (1998) does: X² = ((K − 1)/K)·(Σ d_k)² / Σ d_k² (Yang, Sun & Hardin 2010; clust.bin.pair).
      it(`${label}: statistic and p as Obuchowski (1998), variance under H0`, () => {
        const r = run();
        close(r.statistic, e.obuchowski.statistic, 'statistic');
        close(r.p, e.obuchowski.p, 'p');
      });
    }
  });
}

// ---------------------------------------------------------------------------------------
// Properties on simulated data.

/** Small seeded PRNG (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function simulate(seed: number, n: number, ties: boolean) {
  const random = rng(seed);
  const labels = new Uint8Array(n);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i < 2 ? i : random() < 0.4 ? 1 : 0; // both classes present
    const y = labels[i] as number;
    const common = random();
    const sa = 0.6 * y + common + random();
    const sb = 0.4 * y + common + random();
    a[i] = ties ? Math.round(sa * 3) : sa;
    b[i] = ties ? Math.round(sb * 4) / 4 : sb;
  }
  return { labels, a, b };
}

function relativelyClose(actual: number, expected: number, what: string) {
  expect(
    Math.abs(actual - expected) <= 1e-12 * Math.max(1e-3, Math.abs(expected)),
    `${what}: ${actual} vs ${expected}`,
  ).toBe(true);
}

describe('clustered AUC covariance: properties', () => {
  it('one case per cluster gives exactly DeLong’s variance and covariance', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const n = 5 + (seed % 7) * 17;
      const { labels, a, b } = simulate(seed, n, seed % 2 === 0);
      const pa = delongPlacements(splitByClass(a, labels).positives, splitByClass(a, labels).negatives);
      const pb = delongPlacements(splitByClass(b, labels).positives, splitByClass(b, labels).negatives);
      const layout = clusterLayout(
        Int32Array.from({ length: n }, (_, i) => i),
        labels,
      );
      for (const [x, y, what] of [
        [pa, pa, 'var a'],
        [pb, pb, 'var b'],
        [pa, pb, 'cov'],
      ] as const) {
        relativelyClose(clusteredAucCovariance(x, y, layout), delongCovariance(x, y), `seed ${seed} ${what}`);
      }
    }
  });

  it('does not depend on how the clusters are numbered (a permutation of 0 … I − 1)', () => {
    const { labels, a } = simulate(7, 90, false);
    const p = delongPlacements(splitByClass(a, labels).positives, splitByClass(a, labels).negatives);
    const clusters = Int32Array.from({ length: 90 }, (_, i) => Math.floor(i / 3));
    const permuted = clusters.map((c) => 29 - c);
    close(
      clusteredAucCovariance(p, p, clusterLayout(permuted, labels)),
      clusteredAucCovariance(p, p, clusterLayout(clusters, labels)),
      'permuted cluster numbers',
    );
  });

  // subgroups keep the whole study's cluster numbers: I must count only the clusters present
  it('does not depend on gaps in the cluster numbers (as in subgroups)', () => {
    const { labels, a } = simulate(7, 90, false);
    const p = delongPlacements(splitByClass(a, labels).positives, splitByClass(a, labels).negatives);
    const clusters = Int32Array.from({ length: 90 }, (_, i) => Math.floor(i / 3));
    const sparse = clusters.map((c) => 3 * c + 5);
    close(
      clusteredAucCovariance(p, p, clusterLayout(sparse, labels)),
      clusteredAucCovariance(p, p, clusterLayout(clusters, labels)),
      'sparse cluster numbers',
    );
  });
});
