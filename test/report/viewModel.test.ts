// The view model: journal-style key-results sentences written from the results, the words
// "similar/higher/lower" chosen by the test and interval, numbered tables, warnings in words,
// and a methods paragraph that cites only what was used.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, loadStudy, type Results } from '../../src/index.js';
import { formatAuc, formatInterval, formatP, formatProportion } from '../../src/format/numbers.js';
import { describePath } from '../../src/report/view/warnings.js';
import { buildViewModel, type ViewModel } from '../../src/report/viewModel.js';
import { verdict } from '../../src/report/wording/verdict.js';
import { BASIC_CSV, BASIC_STUDY, studyFolder } from '../helpers/fixtures.js';

const SMALL = BASIC_STUDY.replace('replicates: 200', 'replicates: 0');

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

  it('states the AUC comparison with both intervals and the DeLong test', () => {
    const sentences = vm.keyResults.flatMap((g) => g.sentences);
    expect(sentences[0]).toBe(
      'The test set comprised 743 cases, 268 positive and 475 negative by the reference standard (prevalence 0.361).',
    );
    const [tl, sc] = r.models;
    const auc = (m: typeof tl) => formatAuc(m?.auc.estimate);
    const ci = (m: typeof tl) => formatInterval(m?.auc.ci, formatAuc);
    const c = r.comparisons[0];
    const word = verdict(c?.auc ?? { difference: null, p: null }, 0.95);
    expect(word).toBe(
      (c?.auc.p ?? 0) < 0.05 ? ((c?.auc.difference ?? 0) > 0 ? 'higher' : 'lower') : 'similar',
    );
    const expected =
      word === 'similar'
        ? `AUC was similar (YOLO-TL (chest-pretrained) ${auc(tl)} [95% CI ${ci(tl)}] vs. YOLO-SC (scratch) ${auc(sc)} [${ci(sc)}]; DeLong ${formatP(c?.auc.p)}).`
        : `AUC was ${word} for YOLO-TL (chest-pretrained) than for YOLO-SC (scratch) (${auc(tl)} [95% CI ${ci(tl)}] vs. ${auc(sc)} [${ci(sc)}]; DeLong ${formatP(c?.auc.p)}).`;
    expect(sentences[1]).toBe(expected);
    expect(sentences[1]).toMatch(
      /^AUC was .*\(.*0\.\d{3} \[95% CI 0\.\d{3}–0\.\d{3}\] vs\. .*0\.\d{3} \[0\.\d{3}–0\.\d{3}\]; DeLong p [=<>] [0-9.]+\)\.$/,
    );
  });

  it('states the sensitivity, specificity and PPV contrast at each operating point', () => {
    const sentences = vm.keyResults.flatMap((g) => g.sentences);
    const high = sentences.find((s) => s.startsWith('At the high-sensitivity operating point')) as string;
    expect(high).toMatch(/^At the high-sensitivity operating point \(sensitivity ≥ 0\.90\), /);
    const [tl, sc] = r.models.map((m) => m.operatingPoints[0]);
    const point = r.comparisons[0]?.operatingPoints[0];
    const spec = [tl?.specificity.estimate, sc?.specificity.estimate].map((x) => formatProportion(x));
    if (spec[0] === spec[1]) {
      expect(high).toContain(`specificity ${spec[0]}`);
    } else {
      // values in model order with the McNemar test, and the false positives avoided
      expect(high).toContain(
        `(${spec[0]} vs. ${spec[1]}; McNemar χ² (corrected) ${formatP(point?.specificity.p)})`,
      );
      const change = point?.falsePositivesChange ?? 0;
      const fewer = change > 0 ? 'YOLO-SC (scratch)' : 'YOLO-TL (chest-pretrained)';
      expect(high).toContain(
        `with ${Math.abs(change)} fewer false positives for ${fewer} among 475 negatives`,
      );
    }
    const ppv = [tl?.ppv.estimate, sc?.ppv.estimate].map((x) => formatProportion(x));
    expect(high).toMatch(
      new RegExp(
        `PPV was (higher|lower|similar).*\\(${ppv[0]} vs\\. ${ppv[1]}; bootstrap p [=<>] [0-9.]+\\)\\.$`,
      ),
    );
    expect(
      sentences.some((s) => s.startsWith('At the high-specificity operating point (specificity ≥ 0.90), ')),
    ).toBe(true);
    expect(sentences.some((s) => s.startsWith('At the Youden-optimal threshold, '))).toBe(true);
  });

  it('merges the measures both models share', () => {
    const r8 = evaluate(
      loadStudy(path.join(studyFolder({ 'study.yaml': SMALL, 'data.csv': BASIC_CSV }), 'study.yaml')),
    );
    const sentences = buildViewModel(r8, { generatedAt: null }).keyResults.flatMap((g) => g.sentences);
    expect(sentences).toContain(
      'At the Youden-optimal threshold, both models had sensitivity 0.750, specificity 1.000 and PPV 1.000.',
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
    // every reference listed is cited in the text
    expect(vm.methods.references.length).toBe(
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
  it('groups sentences by comparison, reports Holm-adjusted p and names non-probability scores', () => {
    const r = results(ASAH, 0);
    const vm = buildViewModel(r, { generatedAt: null });
    expect(vm.date).toBeNull();
    expect(vm.keyResults.map((g) => g.heading)).toEqual([
      null,
      'WFNS grade vs. S100B',
      'WFNS grade vs. NDKA',
      'S100B vs. NDKA',
    ]);
    const [auc] = vm.keyResults[2]?.sentences ?? [];
    // p = 0.0051, Holm-adjusted 0.015: a difference, and the word says so
    expect(auc).toBe(
      'AUC was higher for WFNS grade than for NDKA (0.824 [95% CI 0.749–0.899] vs. 0.612 [0.501–0.723]; DeLong p = 0.0051; Holm-adjusted p = 0.015).',
    );
    // p = 0.027 but Holm-adjusted 0.054: similar
    expect(vm.keyResults[1]?.sentences[0]).toMatch(
      /^AUC was similar \(WFNS grade 0\.824 .*DeLong p = 0\.027; Holm-adjusted p = 0\.054\)\.$/,
    );
    expect(vm.sections.calibration?.notes[0]).toBe(
      'Calibration was not assessed for WFNS grade, S100B and NDKA: their scores are not probabilities (not all within [0, 1]).',
    );
    expect(vm.methods.references.join('\n')).toContain('Holm S');
    expect(vm.methods.references.join('\n')).not.toContain('Efron B, Tibshirani');
    const undefinedPpv = vm.keyResults[1]?.sentences.find((s) =>
      s.startsWith('At the prespecified threshold of 4'),
    );
    expect(undefinedPpv).toContain(
      'PPV could not be compared (undefined for S100B: no case called positive)',
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
