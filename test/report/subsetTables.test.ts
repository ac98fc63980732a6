// The subgroup, validation-set and input-file tables: what each cell shows and writes to CSV,
// "not estimable" where a subgroup holds one class only, and nothing of either section when
// the study sets neither `subgroups` nor `thresholdsFrom`.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../src/index.js';
import { buildCharts } from '../../src/charts/index.js';
import { formatAuc, formatProportion, formatThreshold } from '../../src/format/numbers.js';
import { buildTables } from '../../src/report/tables/buildTables.js';
import { checkTable, toCsv } from '../../src/report/tables/csv.js';
import { inputFiles } from '../../src/report/tables/inputFiles.js';
import { NOT_ESTIMABLE } from '../../src/report/tables/subsetCells.js';
import type { Table } from '../../src/report/tables/table.js';
import { buildViewModel } from '../../src/report/viewModel.js';
import { SUBSET_CSV, SUBSET_STUDY, SUBSET_VALIDATION_CSV, subsetResults } from '../helpers/subsetStudy.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function tableNamed(tables: Table[], suffix: string): Table {
  const table = tables.find((t) => t.name.endsWith(suffix));
  if (!table) throw new Error(`no table ${suffix} in ${tables.map((t) => t.name).join(', ')}`);
  return table;
}

const texts = (table: Table, column: number) => table.rows.map((r) => r.cells[column]?.text);

describe('subgroup tables', () => {
  let r: Results;
  let tables: Table[];
  beforeAll(() => {
    r = subsetResults();
    tables = buildTables(r);
  });

  it('has one cell per column and one raw value per CSV header in every new table', () => {
    for (const t of tables) expect(() => checkTable(t)).not.toThrow();
    expect(
      tables.filter((t) => t.section === 'subgroups').map((t) => t.name.replace(/^table-s\d+-/, '')),
    ).toEqual(['subgroups-auc', 'subgroups-rule-out', 'subgroups-fixed']);
  });

  it('lists all cases, then each subgroup value, with one row per model', () => {
    const t = tableNamed(tables, 'subgroups-auc');
    expect(texts(t, 0)).toEqual([
      'All cases',
      '',
      'site: east',
      '',
      'site: north',
      '',
      'site: south',
      '',
      'sex: F',
      '',
      'sex: M',
      '',
    ]);
    expect(texts(t, 4)).toEqual(new Array(6).fill(['Model A', 'Model B']).flat());
    expect(t.rows.map((row) => row.groupStart ?? false)).toEqual(new Array(6).fill([true, false]).flat());
    // the CSV repeats the group on every row
    const csv = toCsv(t).split('\r\n');
    expect(csv[0]).toBe('subgroup,value,n,positives,prevalence,model,auc,auc_lower,auc_upper');
    expect(csv[6]).toMatch(/^site,north,4,3,0\.75,Model B,1,/);
  });

  it('shows each subgroup AUC with its interval, and "not estimable" for a one-class subgroup', () => {
    const t = tableNamed(tables, 'subgroups-auc');
    const male = r.subgroups?.find((s) => s.value === 'M')?.models[0]?.auc;
    const row = t.rows[10]?.cells[5];
    expect(male?.ci).toBeTruthy();
    expect(row?.text.startsWith(`${formatAuc(male?.estimate)} (`)).toBe(true);
    expect(row?.raw).toEqual([male?.estimate, male?.ci?.lower, male?.ci?.upper]);
    const east = t.rows[2]?.cells[5];
    expect(east?.text).toBe(NOT_ESTIMABLE);
    expect(east?.raw).toEqual([null, null, null]);
    expect(t.notes.join(' ')).toContain(`site: east holds cases of one outcome class only`);
    expect(t.notes.join(' ')).toContain('Fewer than 10 positive or negative cases');
  });

  it('gives sensitivity and specificity at the whole analysis thresholds, with counts', () => {
    const t = tableNamed(tables, 'subgroups-rule-out');
    const sex = r.subgroups?.find((s) => s.column === 'sex' && s.value === 'M');
    const point = sex?.models[1]?.operatingPoints.find((p) => p.id === 'rule-out');
    const row = t.rows[11]?.cells;
    expect(row?.[1]?.text).toBe('Model B');
    expect(row?.[2]?.text.startsWith(formatProportion(point?.sensitivity.estimate))).toBe(true);
    expect(row?.[3]?.text).toBe(`${point?.sensitivity.numerator}/${point?.sensitivity.denominator}`);
    expect(row?.[4]?.raw).toEqual([
      point?.specificity.estimate,
      point?.specificity.ci?.lower,
      point?.specificity.ci?.upper,
    ]);
    // no positive case in the east: sensitivity is not estimable, 0/0
    expect(t.rows[2]?.cells[2]?.text).toBe(NOT_ESTIMABLE);
    expect(t.rows[2]?.cells[3]?.text).toBe('0/0');
    // the note names each model's threshold, chosen on the validation set
    const thresholds = r.models.map((m) => formatThreshold(m.operatingPoints[0]?.threshold));
    expect(t.notes[0]).toContain('chosen on the validation set');
    expect(t.notes[0]).toContain(`Model A ${thresholds[0]}`);
  });
});

describe('validation-set tables', () => {
  let r: Results;
  let tables: Table[];
  beforeAll(() => {
    r = subsetResults();
    tables = buildTables(r);
  });

  it('gives the validation sample', () => {
    const t = tableNamed(tables, 'validation-sample');
    const v = r.validation?.sample;
    expect(t.rows.map((row) => row.cells.map((c) => c.text))).toEqual([
      ['Rows in the data file', '6'],
      ['Cases', String(v?.n)],
      ['Reference standard positive (outcome = “1”)', String(v?.positives)],
      ['Reference standard negative', String(v?.negatives)],
      ['Prevalence', formatProportion(v?.prevalence)],
    ]);
  });

  it('gives each model’s validation AUC once and the threshold chosen at each operating point', () => {
    const t = tableNamed(tables, 'validation-thresholds');
    expect(texts(t, 0)).toEqual(['Model A', '', 'Model B', '']);
    expect(texts(t, 2)).toEqual(['Sensitivity ≥ 0.9', 'Threshold 0.5', 'Sensitivity ≥ 0.9', 'Threshold 0.5']);
    const a = r.validation?.models[0];
    expect(t.rows[0]?.cells[1]?.text.startsWith(formatAuc(a?.auc.estimate))).toBe(true);
    expect(t.rows[1]?.cells[1]?.text).toBe('');
    expect(t.rows[1]?.cells[1]?.raw[0]).toBe(a?.auc.estimate);
    const point = a?.operatingPoints[0];
    expect(t.rows[0]?.cells[3]?.text).toBe(formatThreshold(point?.threshold));
    expect(t.rows[1]?.cells[3]?.sub).toBe('prespecified');
    expect(t.rows[0]?.cells[4]?.text.startsWith(formatProportion(point?.sensitivity.estimate))).toBe(true);
    expect(t.rows[0]?.cells[4]?.raw[0]).toBe(point?.sensitivity.estimate);
    expect(t.rows[0]?.cells[4]?.sub).toBe(
      `${point?.sensitivity.numerator}/${point?.sensitivity.denominator}`,
    );
    expect(toCsv(t).split('\r\n')[0]).toBe(
      'model,auc,auc_lower,auc_upper,operating_point,threshold,sensitivity,sensitivity_lower,sensitivity_upper,sensitivity_numerator,sensitivity_denominator,specificity,specificity_lower,specificity_upper,specificity_numerator,specificity_denominator',
    );
    // the thresholds applied to the test set are those chosen here
    expect(r.models[0]?.operatingPoints[0]?.threshold).toBe(point?.threshold);
  });
});

describe('input files', () => {
  it('lists the study file, the test data and the validation data with their SHA-256', () => {
    const r = subsetResults();
    expect(inputFiles(r)).toEqual([
      { role: 'Study file', file: 'study.yaml', sha256: sha256(SUBSET_STUDY), rows: null },
      { role: 'Test data', file: 'data.csv', sha256: sha256(SUBSET_CSV), rows: 12 },
      {
        role: 'Validation data (thresholds)',
        file: 'validation.csv',
        sha256: sha256(SUBSET_VALIDATION_CSV),
        rows: 6,
      },
    ]);
    const t = tableNamed(buildTables(r), 'input-files');
    expect(t.section).toBe('reproducibility');
    expect(toCsv(t).split('\r\n')[2]).toBe(`Test data,data.csv,${sha256(SUBSET_CSV)},12`);
  });
});

describe('a study without subgroups or a validation set', () => {
  it('shows neither section, table, figure nor methods sentence', () => {
    const r = subsetResults({ withSubsets: false });
    expect(r.subgroups).toBeUndefined();
    expect(r.validation).toBeUndefined();
    const tables = buildTables(r);
    expect(tables.filter((t) => t.section === 'subgroups' || t.section === 'validation')).toEqual([]);
    expect(buildCharts(r).map((c) => c.name)).not.toContain('subgroup-forest');
    const vm = buildViewModel(r, { generatedAt: null, tables });
    expect(vm.sections.subgroups).toBeNull();
    expect(vm.sections.validation).toBeNull();
    expect(vm.contents.map((c) => c.id)).not.toContain('subgroups');
    expect(vm.contents.map((c) => c.id)).not.toContain('validation');
    const methods = vm.methods.paragraphs.join(' ');
    expect(methods).not.toMatch(/subgroup/i);
    expect(methods).not.toMatch(/validation set/i);
    expect(methods).toContain('SHA-256');
  });

  it('with both, describes the subgroup analysis and the validation set in the methods', () => {
    const vm = buildViewModel(subsetResults(), { generatedAt: null });
    const methods = vm.methods.paragraphs.join(' ');
    expect(methods).toContain('Subgroups were defined by each value of “site” and “sex” (5 subgroups).');
    expect(methods).toContain('The validation set held 6 cases (3 positive, 3 negative)');
    expect(vm.contents.map((c) => c.id)).toEqual(expect.arrayContaining(['subgroups', 'validation']));
  });
});
