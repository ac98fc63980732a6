// A golden SVG of every chart kind, drawn for the 8-case study of test/helpers, so that any change
// to a chart's layout, labels or caption data shows up as a readable diff in
// test/charts/__snapshots__/<name>.svg (update deliberately with `npx vitest run -u`).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../src/index.js';
import { CHART_BUILDERS, renderSvg } from '../../src/charts/index.js';
import { SECTION_IDS } from '../../src/report/structure.js';
import { basicResults } from './fixtures.js';
import { tidySvg } from './tidySvg.js';

const KINDS = ['roc', 'precision-recall', 'calibration', 'decision-curve', 'score-distributions', 'forest'];

describe('golden SVG of every chart kind', () => {
  let results: Results;
  beforeAll(() => {
    results = basicResults();
  }, 120_000);

  it('has one builder per kind, each drawing the small study in a section of the report', () => {
    const charts = CHART_BUILDERS.map((build) => build(results));
    expect(charts.map((c) => c?.name)).toEqual(KINDS);
    for (const chart of charts) expect(SECTION_IDS).toContain(chart?.section);
  });

  KINDS.forEach((kind, k) => {
    it(`matches __snapshots__/${kind}.svg`, async () => {
      const chart = CHART_BUILDERS[k]?.(results);
      if (!chart) throw new Error(`no ${kind} chart for the small study`);
      await expect(tidySvg(await renderSvg(chart.spec))).toMatchFileSnapshot(`__snapshots__/${kind}.svg`);
    });
  });
});
