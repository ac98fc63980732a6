// The report's structure: every table and chart names a section of structure.ts, the page shows
// the sections in that order, and a figure without a section goes to the final "Figures".
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, loadStudy, type Results } from '../../src/index.js';
import { buildCharts } from '../../src/charts/index.js';
import { SECTIONS, SECTION_IDS } from '../../src/report/structure.js';
import { buildTables } from '../../src/report/tables/buildTables.js';
import { buildViewModel, placeFigures } from '../../src/report/viewModel.js';

describe('report structure', () => {
  let results: Results;
  beforeAll(() => {
    results = evaluate(loadStudy('examples/bone-tumour/study.yaml'));
  }, 120_000);

  it('places every table and every chart in a section of structure.ts', () => {
    for (const table of buildTables(results)) expect(SECTION_IDS, table.name).toContain(table.section);
    for (const chart of buildCharts(results)) expect(SECTION_IDS, chart.name).toContain(chart.section);
  });

  it('lists the sections in the contents in the order and with the headings of structure.ts', () => {
    const vm = buildViewModel(results, { generatedAt: null });
    const shown = vm.contents.filter((c) => (SECTION_IDS as readonly string[]).includes(c.id));
    const expected = SECTIONS.filter((s) => shown.some((c) => c.id === s.id));
    expect(shown).toEqual(expected.map((s) => ({ id: s.id, heading: s.heading })));
    expect(vm.contents.slice(0, 2).map((c) => c.id)).toEqual(['summary', 'key-results']);
  });

  it('uses the tables it is given instead of building them again', () => {
    const tables = buildTables(results);
    const first = tables[0];
    if (!first) throw new Error('tables expected');
    first.title = 'A title set by the caller';
    const vm = buildViewModel(results, { generatedAt: null, tables });
    expect(vm.sections.cohort.blocks[0]?.tables[0]?.title).toBe('A title set by the caller');
  });

  it('puts a figure in the section it declares, and one without a section under "Figures"', () => {
    const vm = buildViewModel(results, { generatedAt: null });
    const placed = placeFigures(vm, [
      { name: 'a', title: 'A', caption: '', svg: '<svg></svg>', section: 'calibration' },
      { name: 'b', title: 'B', caption: '', svg: '<svg></svg>' },
    ]);
    expect(placed.sections.calibration?.figures.map((f) => f.label)).toEqual(['Figure S1']);
    expect(placed.sections.figures?.figures.map((f) => f.label)).toEqual(['Figure S2']);
    const ids = placed.contents.map((c) => c.id);
    expect(ids.indexOf('figures')).toBe(ids.indexOf('methods') - (ids.includes('warnings') ? 2 : 1));
  });
});
