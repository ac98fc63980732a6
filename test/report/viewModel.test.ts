// The view model: journal-style key-results sentences written from the results, the words
// "higher/lower/not statistically significant" chosen by the test and interval, numbered tables, warnings in words,
// and a methods paragraph that cites only what was used.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, loadStudy, type Results } from '../../src/index.js';
import { formatAuc, formatInterval, formatP } from '../../src/format/numbers.js';
import { describePath } from '../../src/report/view/warnings.js';
import { buildViewModel, type ViewModel } from '../../src/report/viewModel.js';
import { verdict } from '../../src/report/wording/verdict.js';

const EXAMPLE = path.resolve('examples/bone-tumour/study.yaml');
const ASAH = path.resolve('test/fixtures/asah/study.yaml');

function results(studyFile: string, replicates: number): Results {
  const study = loadStudy(studyFile);
  study.settings.bootstrap.replicates = replicates;
  return evaluate(study);
}

describe('key results on the bone-tumour example', () => {
  let r: Results;
  let vm: ViewModel;
  beforeAll(() => {
    r = results(EXAMPLE, 200);
    vm = buildViewModel(r, { generatedAt: new Date('2025-01-31T10:00:00Z') });
  });

  it('opens with the title block', () => {
    expect(vm.title).toBe(r.title);
    expect(vm.date).toBe('2025-01-31');
    expect(vm.generatedLine).toBe(`Generated 2025-01-31 by dxreport ${r.dxreport.version}`);
  });

  it('opens the key results with the AUCs and their intervals', () => {
    const [tl, sc] = r.models;
    const auc = (m: typeof tl) => formatAuc(m?.auc.estimate);
    const ci = (m: typeof tl) => formatInterval(m?.auc.ci, formatAuc);
    expect(vm.keyResults.sentences[0]).toBe(
      `AUC was ${auc(tl)} (95% CI ${ci(tl)}) for YOLO-TL (chest-pretrained) and ${auc(sc)} (${ci(sc)}) for YOLO-SC (scratch).`,
    );
    // p = 0.53: not "similar" but not statistically significant, with the interval
    expect(vm.keyResults.sentences[1]).toContain(
      `was not statistically significant (difference −0.004, 95% CI −0.018 to 0.009; DeLong ${formatP(r.comparisons[0]?.auc.p)})`,
    );
  });

  it('numbers the tables in order and gives each a CSV name', () => {
    const labels = [
      ...Object.values(vm.sections).flatMap((s) => (s ? s.blocks.flatMap((b) => b.tables) : [])),
      ...vm.reproducibility.tables,
    ].map((t) => `${t.label}:${t.csv}`);
    expect(labels[0]).toBe('Table S1:table-s1-cohort.csv');
    expect(labels[1]).toBe('Table S2:table-s2-discrimination.csv');
    labels.forEach((l, k) => expect(l.startsWith(`Table S${k + 1}:table-s${k + 1}-`)).toBe(true));
  });

  it('says where each threshold came from', () => {
    const block = vm.sections.operatingPoints?.blocks[0];
    expect(block?.paragraphs[0]).toMatch(
      /^Rule: sensitivity ≥ 0\.90; threshold derived on the validation set, per model\./,
    );
  });

  it('cites exactly the methods used', () => {
    const refs = vm.methods.references.join('\n');
    const text = vm.methods.paragraphs.join('\n');
    for (const cited of [
      'DeLong ER',
      'Sun X',
      'Wilson EB',
      'McNemar Q',
      'Newcombe RG',
      'Kosinski AS',
      'Efron B, Tibshirani',
    ]) {
      expect(refs).toContain(cited);
    }
    for (const unused of ['Clopper', 'Tango', 'Holm S', 'Fagerland', 'Obuchowski', 'Brown LD']) {
      expect(refs).not.toContain(unused);
    }
    // dxreport itself, with its version, in the text and the references
    expect(text).toContain(`Analyses were done with dxreport ${r.dxreport.version} (The dxreport authors).`);
    expect(refs).toContain(
      `The dxreport authors. dxreport: reproducible statistical supplements for diagnostic-accuracy studies. Version ${r.dxreport.version}.`,
    );
    // every other reference listed is cited (author–year) in the text
    expect(vm.methods.references.length - 1).toBe(
      new Set(text.match(/\([^()]*\d{4}[^()]*\)/g)?.flatMap((c) => c.slice(1, -1).split('; '))).size,
    );
    expect(text).toContain('200 stratified');
    expect(text).toContain('seeded with 1');
  });

  it('gives the reproducibility facts', () => {
    const items = Object.fromEntries(vm.reproducibility.items.map((i) => [i.label, i.value]));
    const files = vm.reproducibility.tables.find((t) => t.title === 'Input files');
    expect(files?.rows.map((row) => row.cells.slice(0, 2).map((c) => c.text))).toEqual([
      ['Study file', 'study.yaml'],
      ['Test data', 'predictions.csv'],
      ['Validation data (thresholds)', 'validation.csv'],
    ]);
    expect(files?.rows[1]?.cells[1]?.sub).toBe(`SHA-256 ${r.input.sha256}`);
    expect(r.input.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.input.study?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(items['dxreport version']).toBe(r.dxreport.version);
  });
});

describe('key results with three models (aSAH)', () => {
  it('words each AUC comparison by its Holm-adjusted p and interval, and names non-probability scores', () => {
    const r = results(ASAH, 0);
    const vm = buildViewModel(r, { generatedAt: null });
    expect(vm.date).toBeNull();
    const auc = vm.keyResults.sentences[1] ?? '';
    // p = 0.0051, Holm-adjusted 0.015: a difference, and the words say so
    expect(auc).toContain(
      'AUC was higher for WFNS grade than for NDKA (difference +0.212, 95% CI 0.063–0.360; Holm-adjusted DeLong p = 0.015)',
    );
    // p = 0.027 but Holm-adjusted 0.054: not significant, though the interval excludes zero
    expect(auc).toMatch(
      /^The difference in AUC between WFNS grade and S100B was not statistically significant \(difference \+0\.092, 95% CI 0\.010–0\.174; Holm-adjusted DeLong p = 0\.054\), although its CI includes differences as large as 0\.174;/,
    );
    expect(vm.sections.calibration?.notes[0]).toBe(
      'Calibration was not assessed for WFNS grade, S100B and NDKA: their scores are not probabilities (not all within [0, 1]).',
    );
    expect(vm.methods.references.join('\n')).toContain('Holm S');
    expect(vm.methods.references.join('\n')).not.toContain('Efron B, Tibshirani');
    // S100B calls no case positive at threshold 4: its PPV is undefined, and the key results say so
    expect(vm.keyResults.sentences[2]).toContain(
      'Two could not be compared, the measure being undefined for a model',
    );
    expect(vm.keyResults.table?.notes).toContain(
      '—: not defined (e.g. PPV when no case is called positive).',
    );
  });
});

describe('wording rules', () => {
  const ci = (lower: number, upper: number) => ({
    lower,
    upper,
    level: 0.95,
    method: 'x',
    methodId: 'wald' as const,
  });

  it('says higher or lower only when p and interval agree', () => {
    expect(verdict({ difference: 0.05, p: 0.01, ci: ci(0.01, 0.09) }, 0.95)).toBe('higher');
    expect(verdict({ difference: -0.05, p: 0.01, ci: ci(-0.09, -0.01) }, 0.95)).toBe('lower');
    expect(verdict({ difference: 0.05, p: 0.2, ci: ci(-0.01, 0.09) }, 0.95)).toBe('similar');
    // the point estimate alone never decides
    expect(verdict({ difference: 0.3, p: 0.06, ci: null }, 0.95)).toBe('similar');
    // an interval excluding 0 with a p-value above 0.05 (different methods): similar
    expect(verdict({ difference: 0.05, p: 0.06, ci: ci(0.001, 0.09) }, 0.95)).toBe('similar');
    // Holm-adjusted p decides when present
    expect(verdict({ difference: 0.05, p: 0.02, pAdjusted: 0.06, ci: ci(0.01, 0.09) }, 0.95)).toBe('similar');
    expect(verdict({ difference: 0.05, p: null, ci: null }, 0.95)).toBeNull();
    expect(verdict({ difference: null, p: 0.01, ci: null }, 0.95)).toBeNull();
    // the level is the study's
    expect(verdict({ difference: 0.05, p: 0.03, ci: null }, 0.99)).toBe('similar');
  });

  it('describes warning paths in words', () => {
    const r = results(ASAH, 0);
    expect(describePath(r, 'models[1].operatingPoints[3].ppv')).toBe('S100B, Threshold 4, PPV');
    expect(describePath(r, 'comparisons[0].auc')).toBe('WFNS grade vs. S100B, AUC');
    expect(describePath(r, 'settings.bootstrap')).toBe('Bootstrap settings');
    expect(describePath(r, 'models[0]')).toBe('WFNS grade');
  });
});
