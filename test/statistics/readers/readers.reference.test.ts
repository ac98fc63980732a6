// Reader studies against MRMCaov 0.3.0: every number of expected/readers_<set>.json, written by
// test/reference/readers.R (Obuchowski–Rockette–Hillis for random readers/cases, fixed readers
// and fixed cases; jackknife and DeLong covariances; the standalone model by 1T-RRRC).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadStudy } from '../../../src/load/loadStudy.js';
import type { ReaderStudyData } from '../../../src/load/readerStudy.js';
import { evaluateReaderStudy } from '../../../src/evaluate/readerStudy.js';
import { WarningLog } from '../../../src/evaluate/warnings.js';
import type {
  ModalityComparison,
  ModelVersusReadersResult,
  ReaderMetricResult,
  ReaderStudyResult,
} from '../../../src/results/readerStudy.js';

type Num = number | null;
interface Mean {
  estimate: number;
  se: Num;
  df?: Num;
  lower: Num;
  upper: Num;
}
interface Diff extends Mean {
  a: string;
  b: string;
  stat: Num;
  p: Num;
}
interface Design {
  means: Mean[];
  diffs: Diff[];
  test: { statistic: Num; df1?: number; df2?: Num; df?: number; p: Num };
}
interface MetricReference {
  readerEstimates: number[][];
  rrrc: Design;
  frrc: Design;
  rrfc: Design;
  vcov: Record<string, number>;
  readerDiffs: {
    reader: string;
    a: string;
    b: string;
    estimate: number;
    se: Num;
    lower: Num;
    upper: Num;
    z: Num;
    p: Num;
  }[];
}
interface Standalone {
  readersMean: number;
  model: number;
  difference: number;
  se: Num;
  df: Num;
  lower: Num;
  upper: Num;
  t: Num;
  p: Num;
  threshold?: number;
  matchedModel?: number;
}
interface Reference {
  modalities: string[];
  readers: string[];
  metrics: Record<'auc_jackknife' | 'auc_delong' | 'sensitivity' | 'specificity', MetricReference>;
  standalone: ({ modality: string } & Record<string, Standalone>)[];
}

const TOLERANCE = 1e-9;
function close(actual: Num | undefined, expected: Num | undefined, where: string): void {
  if (expected === null || expected === undefined) {
    expect(actual ?? null, where).toBeNull();
    return;
  }
  expect(actual, where).not.toBeNull();
  const difference = Math.abs((actual as number) - expected);
  expect(
    difference <= TOLERANCE * Math.max(1, Math.abs(expected)),
    `${where}: ${actual} vs ${expected}`,
  ).toBe(true);
}
const neg = (v: Num | undefined) => (v === null || v === undefined ? null : -v);

function run(name: string, covariance: 'jackknife' | 'delong'): ReaderStudyResult {
  const study = loadStudy(`test/fixtures/readers/${name}/study.yaml`);
  (study.readerStudy as ReaderStudyData).settings.covariance = covariance;
  return evaluateReaderStudy(study, 0.95, new WarningLog());
}

function checkMetric(result: ReaderMetricResult, reference: MetricReference, label: string): void {
  reference.readerEstimates.forEach((row, t) =>
    row.forEach((value, r) =>
      close(result.modalities[t]?.readers[r]?.estimate, value, `${label} θ[${t}][${r}]`),
    ),
  );
  const designs = [
    ['rrrc', 'randomReaders'],
    ['frrc', 'fixedReaders'],
    ['rrfc', 'fixedCases'],
  ] as const;
  for (const [design, key] of designs) {
    const ref = reference[design];
    ref.means.forEach((mean, t) => {
      const got = result.modalities[t] as ReaderMetricResult['modalities'][number];
      const where = `${label} ${design} modality ${t}`;
      close(got.estimate, mean.estimate, `${where} estimate`);
      close(got[key].se, mean.se, `${where} se`);
      if (mean.df !== undefined) close((got[key] as { df: Num }).df, mean.df, `${where} df`);
      close(got[key].ci?.lower ?? null, mean.lower, `${where} lower`);
      close(got[key].ci?.upper ?? null, mean.upper, `${where} upper`);
    });
    for (const diff of ref.diffs) {
      // dxreport reports later − earlier modality: [b, a]
      const got = result.comparisons.find(
        (c) => c.modalities[0] === diff.b && c.modalities[1] === diff.a,
      ) as ModalityComparison;
      const where = `${label} ${design} ${diff.a} − ${diff.b}`;
      expect(got, where).toBeDefined();
      close(got.difference, -diff.estimate, `${where} difference`);
      const part = got[key] as {
        se: Num;
        df?: Num;
        t?: Num;
        z?: Num;
        p: Num;
        ci: { lower: number; upper: number } | null;
      };
      close(part.se, diff.se, `${where} se`);
      if (diff.df !== undefined) close(part.df ?? null, diff.df, `${where} df`);
      close(part.ci?.lower ?? null, neg(diff.upper), `${where} lower`);
      close(part.ci?.upper ?? null, neg(diff.lower), `${where} upper`);
      close(design === 'frrc' ? (part.z ?? null) : (part.t ?? null), neg(diff.stat), `${where} statistic`);
      close(part.p, diff.p, `${where} p`);
    }
    const test = result.test?.[key] as { statistic: Num; df1?: number; df2?: Num; df?: number; p: Num };
    close(test.statistic, ref.test.statistic, `${label} ${design} test statistic`);
    if (ref.test.df !== undefined) close(test.df, ref.test.df, `${label} ${design} test df`);
    if (ref.test.df1 !== undefined) close(test.df1, ref.test.df1, `${label} ${design} test df1`);
    if (ref.test.df2 !== undefined) close(test.df2 ?? null, ref.test.df2, `${label} ${design} test df2`);
    close(test.p, ref.test.p, `${label} ${design} test p`);
  }
  for (const [key, value] of Object.entries(reference.vcov)) {
    close(result.varianceComponents[key as keyof typeof result.varianceComponents], value, `${label} ${key}`);
  }
  for (const d of reference.readerDiffs) {
    const comparison = result.comparisons.find((c) => c.modalities[0] === d.b && c.modalities[1] === d.a);
    const got = comparison?.readers.find((r) => r.id === d.reader);
    const where = `${label} reader ${d.reader} ${d.a} − ${d.b}`;
    close(got?.difference ?? null, -d.estimate, `${where} difference`);
    close(got?.se ?? null, d.se, `${where} se`);
    close(got?.ci?.lower ?? null, neg(d.upper), `${where} lower`);
    close(got?.ci?.upper ?? null, neg(d.lower), `${where} upper`);
    close(got?.z ?? null, neg(d.z), `${where} z`);
    close(got?.p ?? null, d.p, `${where} p`);
  }
}

function checkStandalone(
  got: ModelVersusReadersResult & { threshold?: Num; matched?: { model: number } },
  ref: Standalone,
  where: string,
) {
  close(got.readersMean, ref.readersMean, `${where} readers' mean`);
  close(got.model, ref.model, `${where} model`);
  close(got.difference, ref.difference, `${where} difference`);
  close(got.se, ref.se, `${where} se`);
  close(got.df, ref.df, `${where} df`);
  close(got.ci?.lower ?? null, ref.lower, `${where} lower`);
  close(got.ci?.upper ?? null, ref.upper, `${where} upper`);
  close(got.t, ref.t, `${where} t`);
  close(got.p, ref.p, `${where} p`);
  if (ref.threshold !== undefined) close(got.threshold ?? null, ref.threshold, `${where} threshold`);
  if (ref.matchedModel !== undefined) close(got.matched?.model ?? null, ref.matchedModel, `${where} matched`);
}

describe.each(['vandyke', 'franken', 'simulated'])('reader study %s against MRMCaov', (name) => {
  const reference = JSON.parse(
    readFileSync(`test/reference/expected/readers_${name}.json`, 'utf8'),
  ) as Reference;
  const jackknife = run(name, 'jackknife');
  const delong = run(name, 'delong');

  it('has the readers and modalities in the reads file order', () => {
    expect(jackknife.modalities).toEqual(reference.modalities);
    expect(jackknife.readers).toEqual(reference.readers);
  });
  it('AUC with jackknife covariance', () =>
    checkMetric(jackknife.auc, reference.metrics.auc_jackknife, 'auc/jackknife'));
  it('AUC with DeLong covariance', () => checkMetric(delong.auc, reference.metrics.auc_delong, 'auc/DeLong'));
  it('sensitivity (jackknife)', () =>
    checkMetric(jackknife.sensitivity as ReaderMetricResult, reference.metrics.sensitivity, 'sensitivity'));
  it('specificity (jackknife)', () =>
    checkMetric(jackknife.specificity as ReaderMetricResult, reference.metrics.specificity, 'specificity'));
  it('proportions use the jackknife even when the AUC uses DeLong', () => {
    expect(delong.sensitivity).toEqual(jackknife.sensitivity);
    expect(delong.auc.covariance).toBe('DeLong');
  });
  it('the standalone model against the readers (1T-RRRC)', () => {
    reference.standalone.forEach((ref, t) => {
      const got = jackknife.standalone[0]?.modalities[t];
      const gotDelong = delong.standalone[0]?.modalities[t];
      expect(got?.modality).toBe(ref.modality);
      checkStandalone(got!.auc, ref.auc_jackknife as Standalone, `${ref.modality} AUC jackknife`);
      checkStandalone(gotDelong!.auc, ref.auc_delong as Standalone, `${ref.modality} AUC DeLong`);
      checkStandalone(got!.sensitivity!, ref.sensitivity as Standalone, `${ref.modality} sensitivity`);
      checkStandalone(got!.specificity!, ref.specificity as Standalone, `${ref.modality} specificity`);
    });
  });
});
