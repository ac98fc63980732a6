// Key results and the clinician's summary, on a one-model study, the two-model demo and the
// three-model example: every prespecified measure (NPV too) in one table, words chosen by the
// interval ("not statistically significant" with the CI, never "similar"), Holm-adjusted p
// where the results hold it, a few sentences, and counts per 1,000 patients at the study's and
// the target prevalence.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, loadStudy, type Results } from '../../src/index.js';
import { resultsSchema } from '../../src/results/results.js';
import { formatInteger } from '../../src/format/numbers.js';
import { buildViewModel, type CompactTableView, type ViewModel } from '../../src/report/viewModel.js';
import { perThousand } from '../../src/report/wording/perThousand.js';
import { BASIC_CSV, BASIC_STUDY, studyFolder } from '../helpers/fixtures.js';

function committed(dir: string): Results {
  return resultsSchema.parse(JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8'))) as Results;
}

const words = (sentences: string[]) => sentences.join(' ').split(/\s+/).length;

/** The table as text, one line per row ("cell [sub] | …"), for snapshots and lookups. */
function tableText(t: CompactTableView | null): string[] {
  if (!t) return [];
  const line = (cells: { text: string; sub: string | null; className: string }[]) =>
    cells
      .map((c) => `${c.className.includes('kr-clear') ? '*' : ''}${c.text}${c.sub ? ` [${c.sub}]` : ''}`)
      .join(' | ');
  return [t.caption, ...t.headRows.map(line), ...t.rows.map((r) => line(r.cells)), ...t.notes];
}

function row(t: CompactTableView | null, group: string, label: string): string[] {
  const rows = t?.rows ?? [];
  const start = rows.findIndex((r) => r.cells[0]?.text.startsWith(group));
  const found = rows.slice(start + 1).find((r) => r.cells[0]?.text === label);
  return (found?.cells ?? []).map((c) => `${c.className.includes('kr-clear') ? '*' : ''}${c.text}`);
}

describe('one model', () => {
  let vm: ViewModel;
  beforeAll(() => {
    const study = BASIC_STUDY.replace('  - { id: b, score: b }\n', '').replace(
      'replicates: 200',
      'replicates: 0',
    );
    const r = evaluate(
      loadStudy(path.join(studyFolder({ 'study.yaml': study, 'data.csv': BASIC_CSV }), 'study.yaml')),
    );
    vm = buildViewModel(r, { generatedAt: null });
  });

  it('says nothing about comparisons it did not make', () => {
    expect(vm.facts.join(' ')).not.toMatch(/comparison/);
    expect(vm.keyResults.sentences).toHaveLength(1);
    expect(vm.keyResults.sentences[0]).toMatch(/^a had AUC 0\.\d{3} \(95% CI /);
    expect(vm.keyResults.table?.headRows[0]?.map((c) => c.text)).toEqual(['Measure', 'a']);
    expect(vm.summary.primary.join(' ')).not.toMatch(/comparison|difference/);
  });

  it('lists every measure at the operating point, NPV included', () => {
    const labels = vm.keyResults.table?.rows.map((r) => r.cells[0]?.text);
    expect(labels).toEqual([
      'AUC',
      'Youden-optimal (threshold derived on this test set)',
      'Threshold',
      'Sensitivity',
      'Specificity',
      'PPV',
      'NPV',
    ]);
  });
});

describe('two models: the bone-tumour demo', () => {
  let r: Results;
  let vm: ViewModel;
  beforeAll(() => {
    r = committed('reports/example');
    vm = buildViewModel(r, { generatedAt: null });
  });

  it('words the AUC difference by its interval, not "similar"', () => {
    const text = vm.keyResults.sentences.join(' ');
    expect(text).not.toMatch(/similar/);
    expect(vm.keyResults.sentences[1]).toBe(
      'The difference in AUC between YOLO-TL (chest-pretrained) and YOLO-SC (scratch) was not statistically significant (difference −0.004, 95% CI −0.018 to 0.009; DeLong p = 0.53), although its CI includes differences as large as 0.018.',
    );
  });

  it('names the NPV differences whose intervals exclude zero (Table S10: p = 0.0010 and 0.0030)', () => {
    const text = vm.keyResults.sentences.join(' ');
    expect(text).toContain('NPV (+0.016, 95% CI 0.006–0.028; p = 0.0010) at specificity ≥ 0.90');
    expect(text).toContain('NPV (+0.013, 95% CI 0.004–0.024; p = 0.0030) at the Youden-optimal threshold');
    expect(row(vm.keyResults.table, 'Specificity ≥ 0.90', 'NPV')).toEqual([
      'NPV',
      '0.888',
      '0.872',
      '*+0.016',
      '*0.0010',
    ]);
    expect(row(vm.keyResults.table, 'Sensitivity ≥ 0.90', 'NPV')).toEqual([
      'NPV',
      '0.943',
      '0.941',
      '+0.002',
      '0.79',
    ]);
  });

  it('stays short: four sentences at most', () => {
    expect(vm.keyResults.sentences.length).toBeLessThanOrEqual(4);
    expect(words(vm.keyResults.sentences)).toBeLessThan(150);
  });

  it('matches its snapshot', async () => {
    await expect(
      [...vm.keyResults.sentences, '', ...tableText(vm.keyResults.table)].join('\n'),
    ).toMatchFileSnapshot('__snapshots__/key-results-demo.txt');
  });
});

describe('three models: examples/multi-model', () => {
  let r: Results;
  let vm: ViewModel;
  beforeAll(() => {
    r = committed('reports/multi-model');
    vm = buildViewModel(r, { generatedAt: null });
  });

  it('has one difference and one Holm-adjusted p column per comparison', () => {
    const head = vm.keyResults.table?.headRows[0]?.map((c) => c.text);
    expect(head).toEqual([
      'Measure',
      'A',
      'B',
      'C',
      'A − B',
      'p (Holm)',
      'A − C',
      'p (Holm)',
      'B − C',
      'p (Holm)',
    ]);
    expect(vm.keyResults.table?.caption).toContain(
      'A, DenseNet-121; B, ViT-B/16; C, Ensemble (DenseNet + ViT)',
    );
    // Holm-adjusted PPV p at the high-sensitivity point, A − B: 0.003 (unadjusted 0.001)
    expect(row(vm.keyResults.table, 'Sensitivity ≥ 0.90', 'PPV').slice(4, 6)).toEqual(['*−0.084', '*0.0030']);
  });

  it('counts the operating-point differences instead of listing 21 of them', () => {
    expect(vm.keyResults.sentences.length).toBeLessThanOrEqual(4);
    expect(vm.keyResults.sentences[2]).toMatch(/^At the operating points, \d+ of 36 paired differences/);
    expect(words(vm.keyResults.sentences)).toBeLessThan(200);
  });

  it('gives counts per 1,000 at the study and the target prevalence', () => {
    const t = vm.summary.perThousand;
    expect(t?.headRows[0]?.map((c) => c.text)).toEqual([
      '',
      'At the study’s prevalence of 22.3% (223 of 1,000 positive)',
      'At a prevalence of 5% (50 of 1,000 positive)',
    ]);
    const dense = r.models[0]?.operatingPoints[0];
    const counts = [r.sample.prevalence, 0.05].map((prevalence) =>
      perThousand({
        prevalence,
        sensitivity: dense?.sensitivity.estimate ?? null,
        specificity: dense?.specificity.estimate ?? null,
      }),
    );
    expect(row(t, 'Sensitivity ≥ 0.90', 'DenseNet-121')).toEqual([
      'DenseNet-121',
      ...counts.flatMap((c) => [c.truePositives, c.falseNegatives, c.falsePositives].map(formatInteger)),
    ]);
  });

  it('agrees with the PPV and NPV results.json restates at the target prevalence', () => {
    // an independent check of the per-1,000 counts: TP / (TP + FP) is the PPV by Bayes' theorem
    for (const m of r.models)
      for (const p of m.operatingPoints) {
        const c = perThousand({
          prevalence: 0.05,
          sensitivity: p.sensitivity.estimate,
          specificity: p.specificity.estimate,
        });
        const tp = c.truePositives ?? 0;
        const fp = c.falsePositives ?? 0;
        const tn = c.trueNegatives ?? 0;
        const fn = c.falseNegatives ?? 0;
        // whole patients: within the rounding of 1,000 patients
        expect(Math.abs(tp / (tp + fp) - (p.atTargetPrevalence?.ppv.estimate ?? NaN))).toBeLessThan(0.01);
        expect(Math.abs(tn / (tn + fn) - (p.atTargetPrevalence?.npv.estimate ?? NaN))).toBeLessThan(0.002);
      }
  });

  it('describes the design and the primary comparison', () => {
    expect(vm.summary.design[0]).toContain('The test set held 1500 cases: 335 positive and 1165 negative');
    expect(vm.summary.design[0]).toContain('on a separate validation set (600 cases, 126 positive)');
    expect(vm.summary.primary[0]).toContain(
      'In the primary comparison (DenseNet-121 vs. ViT-B/16), AUC was higher for ViT-B/16',
    );
    expect(vm.contents[0]).toEqual({ id: 'summary', heading: 'Summary' });
  });

  it('matches its snapshot', async () => {
    await expect(
      [
        ...vm.summary.design,
        ...vm.summary.primary,
        ...tableText(vm.summary.perThousand),
        '',
        ...vm.keyResults.sentences,
        '',
        ...tableText(vm.keyResults.table),
      ].join('\n'),
    ).toMatchFileSnapshot('__snapshots__/key-results-multi-model.txt');
  });
});

describe('four models, six comparisons', () => {
  it('keeps the table to a page: estimates only, the differences left to the paired tables', () => {
    const csv = BASIC_CSV.split('\n')
      .map((line, k) => (k === 0 ? `${line},c,d` : `${line},${(0.13 * k) % 1},${(0.37 * k) % 1}`))
      .join('\n');
    const study = BASIC_STUDY.replace('replicates: 200', 'replicates: 0')
      .replace(
        '  - { id: b, score: b }\n',
        '  - { id: b, score: b }\n  - { id: c, score: c }\n  - { id: d, score: d }\n',
      )
      .concat('comparisons: all\n');
    const r = evaluate(
      loadStudy(path.join(studyFolder({ 'study.yaml': study, 'data.csv': csv }), 'study.yaml')),
    );
    expect(r.comparisons).toHaveLength(6);
    const vm = buildViewModel(r, { generatedAt: null });
    expect(vm.keyResults.table?.headRows[0]?.map((c) => c.text)).toEqual(['Measure', 'a', 'b', 'c', 'd']);
    expect(vm.keyResults.table?.notes.join(' ')).toContain(
      'The 6 paired comparisons are too many for this table',
    );
    expect(vm.keyResults.sentences.length).toBeLessThanOrEqual(4);
  });
});
