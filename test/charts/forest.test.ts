// The forest plot of paired differences: one column of rows cut into figures that fit a page
// (1, 3 and 6 comparisons, and a comparison longer than a figure), one difference axis with
// numbers and a labelled zero on every figure, and p-values written as the report's tables
// write them (the demo's Table S10: 0.037, > 0.99, 0.0077).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../src/index.js';
import { compileSpec, loadVega, type ChartSpec } from '../../src/charts/index.js';
import { FOREST_MAX_ROWS, forestCharts } from '../../src/charts/forest.js';
import { buildTables } from '../../src/report/tables/buildTables.js';
import { formatPValue } from '../../src/format/numbers.js';

/** The committed demo's results (test/report/example.test.ts keeps them fresh). */
function demoResults(): Results {
  return JSON.parse(readFileSync('reports/example/results.json', 'utf8')) as Results;
}

/** The demo with `models` copies of its models and every pair of them compared (k models: k(k−1)/2 comparisons). */
function withModels(count: number, operatingPoints?: number): Results {
  const results = demoResults();
  const [first] = results.comparisons;
  const template = results.models[0];
  if (!first || !template) throw new Error('the demo has two models and one comparison');
  results.models = Array.from({ length: count }, (_, k) => ({
    ...structuredClone(results.models[k % 2] ?? template),
    id: `m${k + 1}`,
    name: `Model ${k + 1}`,
  }));
  results.comparisons = [];
  for (let a = 0; a < count; a++) {
    for (let b = a + 1; b < count; b++) {
      const comparison = structuredClone(first);
      comparison.models = [`m${a + 1}`, `m${b + 1}`];
      if (operatingPoints !== undefined) {
        const points = Array.from({ length: operatingPoints }, (_, j) => ({
          ...structuredClone(first.operatingPoints[j % first.operatingPoints.length]),
          id: `op${j + 1}`,
        }));
        comparison.operatingPoints = points as typeof comparison.operatingPoints;
      }
      results.comparisons.push(comparison);
    }
  }
  return results;
}

type Layer = {
  data?: { values?: Record<string, unknown>[] };
  mark?: { type?: string };
  encoding?: Record<
    string,
    { field?: string; axis?: Record<string, unknown> | null; scale?: { domain?: unknown } }
  >;
};

const layersOf = (chart: ChartSpec) => (chart.spec as unknown as { layer: Layer[] }).layer;

/** The figure's rows in order (the y band's domain) and its p-value column. */
function rowsOf(chart: ChartSpec): { keys: string[]; labels: string[]; p: string[] } {
  const layers = layersOf(chart);
  const keys = (layers.find((l) => l.encoding?.y?.field === 'key')?.encoding?.y?.scale?.domain ??
    []) as string[];
  const labels = layers
    .filter((l) => l.mark?.type === 'text' && l.encoding?.text?.field === 'label')
    .flatMap((l) => l.data?.values ?? [])
    .sort((a, b) => keys.indexOf(a.key as string) - keys.indexOf(b.key as string))
    .map((r) => r.label as string);
  const pLayer = layers.find((l) => l.mark?.type === 'text' && l.encoding?.text?.field === 'p');
  const p = (pLayer?.data?.values ?? []).map((r) => r.p as string);
  return { keys, labels, p };
}

/** The bottom difference axis of a figure: tick values, domain, whether labels are drawn. */
function axisOf(chart: ChartSpec) {
  const x = layersOf(chart).find((l) => l.encoding?.x?.field === 'difference')?.encoding?.x;
  return { axis: x?.axis ?? null, domain: x?.scale?.domain };
}

function checkFigures(charts: ChartSpec[], maxRows = FOREST_MAX_ROWS) {
  const domains = new Set<string>();
  charts.forEach((chart, k) => {
    const { keys } = rowsOf(chart);
    expect(keys.length, chart.name).toBeGreaterThan(0);
    expect(keys.length, `${chart.name} fits a page`).toBeLessThanOrEqual(maxRows);
    expect(new Set(keys).size, 'row keys are unique').toBe(keys.length);
    const { axis, domain } = axisOf(chart);
    // every figure has its own numbered axis, zero among the ticks and written "0"
    expect(axis?.labels, chart.name).not.toBe(false);
    expect(axis?.values as number[], chart.name).toContain(0);
    expect(String(axis?.labelExpr)).toContain("datum.value === 0 ? '0'");
    domains.add(JSON.stringify(domain));
    expect(chart.name).toBe(charts.length === 1 ? 'forest' : `forest-${k + 1}`);
    expect(chart.section).toBe('comparisons');
    expect(compileSpec(chart.spec).warnings, chart.name).toEqual([]);
  });
  expect(domains.size, 'one difference scale for all the figures').toBe(1);
}

// compileSpec needs vega, which src/charts/vegaModules.ts imports on demand
beforeAll(() => loadVega());

describe('forest plot pagination', () => {
  it('draws one comparison as one figure of rows: header, AUC, then each operating point and its measures', () => {
    const charts = forestCharts(demoResults());
    expect(charts).toHaveLength(1);
    checkFigures(charts);
    const { labels } = rowsOf(charts[0] as ChartSpec);
    expect(labels.slice(0, 4)).toEqual([
      'YOLO-TL (chest-pretrained) minus YOLO-SC (scratch)',
      'AUC',
      'Sensitivity \u2265 0.9',
      'Sensitivity',
    ]);
    expect(labels).toHaveLength(1 + 1 + 3 * 5);
  });

  it('gives three comparisons (three models) a figure each, none longer than a page', () => {
    const charts = forestCharts(withModels(3));
    expect(charts).toHaveLength(3); // 17 rows each: two do not fit in 30
    checkFigures(charts);
    expect(charts.map((c) => c.title)).toEqual([
      'Paired differences between models: Model 1 minus Model 2',
      'Paired differences between models: Model 1 minus Model 3',
      'Paired differences between models: Model 2 minus Model 3',
    ]);
    for (const chart of charts) expect(rowsOf(chart).labels).toHaveLength(17);
  });

  it('cuts six comparisons (four models) into page-sized figures holding every row once, in order', () => {
    const results = withModels(4);
    const charts = forestCharts(results);
    expect(charts).toHaveLength(6);
    checkFigures(charts);
    const headers = charts.flatMap((c) => rowsOf(c).labels.filter((l) => l.includes(' minus ')));
    expect(headers).toEqual(
      results.comparisons.map((c) => `Model ${c.models[0].slice(1)} minus Model ${c.models[1].slice(1)}`),
    );
    // with one operating point a comparison is 7 rows: four fit in a figure of 30
    const short = forestCharts(withModels(4, 1));
    expect(short.map((c) => rowsOf(c).labels.length)).toEqual([28, 14]);
    checkFigures(short);
  });

  it('cuts a comparison longer than a figure between operating points, its header marked "(continued)"', () => {
    const charts = forestCharts(withModels(2, 8)); // 1 + 1 + 8 × 5 = 42 rows
    expect(charts).toHaveLength(2);
    checkFigures(charts);
    const [first, second] = charts.map((c) => rowsOf(c).labels);
    expect(first?.[0]).toBe('Model 1 minus Model 2');
    expect(second?.[0]).toBe('Model 1 minus Model 2 (continued)');
    // no operating point is cut: each figure's rows after the header come in runs of 1 + 4
    expect(((first?.length ?? 0) - 2) % 5).toBe(0);
    expect(((second?.length ?? 0) - 1) % 5).toBe(0);
    expect((first?.length ?? 0) + (second?.length ?? 0)).toBe(43);
    expect(charts[1]?.title).toBe('Paired differences between models: Model 1 minus Model 2 (continued)');
    // a long figure repeats the axis on top
    const top = layersOf(charts[0] as ChartSpec).find((l) => l.encoding?.x?.axis?.orient === 'top');
    expect(top).toBeDefined();
  });

  it('draws nothing without comparisons', () => {
    const results = demoResults();
    results.comparisons = [];
    expect(forestCharts(results)).toEqual([]);
  });
});

describe('p-values: figure, tables and text agree', () => {
  it("writes the demo's forest p-values exactly as Table S10 and the AUC comparison table", () => {
    const results = demoResults();
    const [chart] = forestCharts(results);
    const figure = rowsOf(chart as ChartSpec).p;
    const tables = buildTables(results);
    const paired = tables.find((t) => t.name.endsWith('-paired-comparison'));
    const auc = tables.find((t) => t.name.endsWith('-auc-comparison'));
    expect(paired?.number).toBe('Table S10');
    const pColumn = (paired?.columns ?? []).findIndex((c) => c.label === 'p');
    const aucP = (auc?.columns ?? []).findIndex((c) => c.label === 'p');
    const table = [
      auc?.rows[0]?.cells[aucP]?.text,
      ...(paired?.rows ?? []).map((r) => r.cells[pColumn]?.text),
    ];
    expect(figure).toEqual(table);
    // the values the issue names, at their rows: specificity and sensitivity at ≥ 0.9 sensitivity,
    // sensitivity at ≥ 0.9 specificity
    expect(figure.slice(1, 3)).toEqual(['> 0.99', '0.037']);
    expect(figure[5]).toBe('0.0077');
  });

  it('writes every p-value of the HTML report in the same format (no "p = 0.04" beside "0.037")', async () => {
    const html = readFileSync('reports/example/report.html', 'utf8');
    // the methods text names the format's bounds ("p < 0.001 below 0.001"), and the key results'
    // note names the significance level that goes with 95% CIs ("bold where … p < 0.05")
    const allowed = new Set<string>(['< 0.001', '> 0.99', '< 0.05']);
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          if ((key === 'p' || key === 'pAdjusted') && typeof inner === 'number')
            allowed.add(formatPValue(inner));
          else collect(inner);
        }
      }
    };
    collect(demoResults());
    const inText = [
      ...html
        .replace(/<[^>]+>/g, ' ')
        .replace(/&#x3D;/g, '=')
        .replace(/&gt;/g, '>')
        .replace(/&lt;/g, '<')
        .matchAll(/\bp(?: \(Holm\))? ?([=<>]) ?(\d\.\d+)/g),
    ].map((m) => (m[1] === '=' ? (m[2] as string) : `${m[1]} ${m[2]}`));
    expect(inText.length).toBeGreaterThan(0);
    for (const p of inText) expect(allowed, p).toContain(p);
  });
});
