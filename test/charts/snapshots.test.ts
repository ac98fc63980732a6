// A golden SVG of every chart kind, drawn for the 8-case study of test/helpers, so that any change
// to a chart's layout, labels or caption data shows up as a readable diff in
// test/charts/__snapshots__/<name>.svg (update deliberately with `npx vitest run -u`).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../src/index.js';
import { CHART_BUILDERS, renderSvg, type ChartBuilder, type ChartSpec } from '../../src/charts/index.js';
import { SECTION_IDS } from '../../src/report/structure.js';
import { basicResults } from './fixtures.js';
import { tidySvg } from './tidySvg.js';

const KINDS = ['roc', 'precision-recall', 'calibration', 'decision-curve', 'score-distributions', 'forest'];
/** Drawn only for a reader study (none in the small study): checked on the reader-study example. */
const READER_STUDY_KINDS = ['reader-study-roc', 'reader-study-differences'];

/** The first (here: the only) figure a builder draws, or null. */
function first(built: ReturnType<ChartBuilder>): ChartSpec | null {
  return Array.isArray(built) ? ((built as readonly ChartSpec[])[0] ?? null) : (built as ChartSpec | null);
}

describe('golden SVG of every chart kind', () => {
  let results: Results;
  beforeAll(() => {
    results = basicResults();
  }, 120_000);

  it('has one builder per kind, each drawing the small study in a section of the report', () => {
    const charts = CHART_BUILDERS.map((build) => first(build(results)));
    expect(charts.map((c) => c?.name ?? null)).toEqual([...KINDS, null, null, null]);
    for (const chart of charts.filter((c) => c !== null)) expect(SECTION_IDS).toContain(chart?.section);
  });

  it('draws the reader-study charts in the reader-study section', () => {
    const readerStudy = JSON.parse(readFileSync('reports/reader-study/results.json', 'utf8')) as Results;
    const charts = CHART_BUILDERS.slice(KINDS.length, KINDS.length + READER_STUDY_KINDS.length).map((build) =>
      first(build(readerStudy)),
    );
    expect(charts.map((c) => c?.name)).toEqual(READER_STUDY_KINDS);
    for (const chart of charts) expect(chart?.section).toBe('readerStudy');
  });

  KINDS.forEach((kind, k) => {
    it(`matches __snapshots__/${kind}.svg`, async () => {
      const builder = CHART_BUILDERS[k];
      const chart = builder ? first(builder(results)) : null;
      if (!chart) throw new Error(`no ${kind} chart for the small study`);
      await expect(tidySvg(await renderSvg(chart.spec))).toMatchFileSnapshot(`__snapshots__/${kind}.svg`);
    });
  });
});
