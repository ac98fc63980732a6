// The chart specs: report order, null when their data are absent, valid Vega-Lite (the
// package's JSON schema), self-contained, one colour per model, compiling without warnings.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import type { Results } from '../../src/index.js';
import { buildCharts, compileSpec, loadVega, type ChartSpec } from '../../src/charts/index.js';
import { calibrationChart } from '../../src/charts/calibration.js';
import { decisionCurveChart } from '../../src/charts/decisionCurve.js';
import { forestCharts } from '../../src/charts/forest.js';
import { precisionRecallChart } from '../../src/charts/precisionRecall.js';
import { rocChart } from '../../src/charts/roc.js';
import { scoreDistributionsChart } from '../../src/charts/scoreDistributions.js';
import { MODEL_COLOURS } from '../../src/charts/theme.js';
import { basicResults, boneTumourResults, manyModelsResults } from './fixtures.js';

const schema = JSON.parse(readFileSync('node_modules/vega-lite/build/vega-lite-schema.json', 'utf8'));
const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);

/** Every `data` object in the spec, and every value that looks like a URL. */
function walk(node: unknown, data: unknown[], urls: string[]): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, data, urls);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'data') data.push(value);
      if (key === 'url' && typeof value === 'string') urls.push(value);
      walk(value, data, urls);
    }
  }
}

// compileSpec needs vega, which src/charts/vegaModules.ts imports on demand
beforeAll(() => loadVega());

describe('buildCharts', () => {
  let bone: Results;
  let basic: Results;
  let many: Results;
  beforeAll(() => {
    bone = boneTumourResults();
    basic = basicResults();
    many = manyModelsResults();
  });

  it('builds every chart in report order', () => {
    expect(buildCharts(bone).map((c) => c.name)).toEqual([
      'roc',
      'precision-recall',
      'calibration',
      'decision-curve',
      'score-distributions',
      'forest',
    ]);
  });

  it('gives specs that the Vega-Lite schema accepts and that compile without warnings', () => {
    for (const chart of [...buildCharts(bone), ...buildCharts(basic), ...buildCharts(many)]) {
      const valid = validate(chart.spec);
      expect(valid ? [] : (validate.errors ?? []).slice(0, 5), chart.name).toEqual([]);
      expect(compileSpec(chart.spec).warnings, chart.name).toEqual([]);
    }
  });

  it('gives self-contained specs: the v6 schema string, inline data, no URL', () => {
    for (const chart of buildCharts(bone)) {
      expect(chart.spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v6.json');
      const data: unknown[] = [];
      const urls: string[] = [];
      walk(chart.spec, data, urls);
      expect(data.length).toBeGreaterThan(0);
      for (const d of data) expect(Object.keys(d as object)).toEqual(['values']);
      expect(urls.filter((u) => u !== chart.spec.$schema)).toEqual([]);
      expect(JSON.stringify(chart.spec)).not.toMatch(/NaN|Infinity|null,null/);
    }
  });

  it('writes a caption and a title for each chart', () => {
    for (const chart of buildCharts(bone)) {
      expect(chart.title.length).toBeGreaterThan(3);
      expect(chart.caption.length).toBeGreaterThan(150);
      expect(chart.caption).not.toMatch(/undefined|NaN|\[object/);
    }
    const roc = rocChart(bone) as ChartSpec;
    expect(roc.caption).toContain('95% confidence interval (DeLong');
    expect(roc.caption).toContain('circle: Sensitivity ≥ 0.9');
    const source = (kind: 'fixed' | 'test' | 'validation') => {
      const copy = structuredClone(bone);
      for (const model of copy.models) for (const op of model.operatingPoints) op.thresholdSource = kind;
      return (rocChart(copy) as ChartSpec).caption;
    };
    expect(source('test')).toContain('chosen on this test set');
    expect(source('validation')).not.toContain('chosen on this test set');
  });

  it('is pure: the same results give the same specs, and the results are not changed', () => {
    const before = JSON.stringify(bone);
    const first = JSON.stringify(buildCharts(bone));
    expect(JSON.stringify(buildCharts(structuredClone(bone)))).toBe(first);
    expect(JSON.stringify(bone)).toBe(before);
  });

  it('keeps each model in one colour in every chart, by its index', () => {
    const colours = (spec: TopLevelSpec) => {
      const text = JSON.stringify(spec);
      return MODEL_COLOURS.slice(0, 2).map((c) => text.includes(c));
    };
    for (const chart of buildCharts(bone).filter((c) => c.name !== 'forest')) {
      expect(colours(chart.spec), chart.name).toEqual([true, true]);
    }
    // the model order fixes the colour: the first model is blue whatever its name
    const roc = JSON.stringify((rocChart(bone) as ChartSpec).spec);
    expect(roc).toMatch(/"range":\["#0072B2","#D55E00"\]/);
    const swapped = structuredClone(bone);
    swapped.models.reverse();
    expect(JSON.stringify((rocChart(swapped) as ChartSpec).spec)).toMatch(
      /"domain":\["YOLO-SC \(scratch\), AUC [^"]+","YOLO-TL[^"]+"\],"range":\["#0072B2","#D55E00"\]/,
    );
  });

  it('labels the legends with each model and its AUC or AP and interval', () => {
    const roc = JSON.stringify((rocChart(bone) as ChartSpec).spec);
    const auc = bone.models[0]?.auc.estimate as number;
    expect(roc).toContain(`YOLO-TL (chest-pretrained), AUC ${auc.toFixed(3)} (`);
    const pr = JSON.stringify((precisionRecallChart(bone) as ChartSpec).spec);
    expect(pr).toContain(
      `YOLO-SC (scratch), AP ${(bone.models[1]?.averagePrecision?.estimate as number).toFixed(3)} (`,
    );
  });

  it('returns null for a chart whose data are absent, and buildCharts leaves it out', () => {
    const bare = structuredClone(bone);
    for (const model of bare.models) {
      delete model.precisionRecall;
      delete model.calibration;
      delete model.decisionCurve;
    }
    delete bare.decisionCurve;
    bare.comparisons = [];
    expect(precisionRecallChart(bare)).toBeNull();
    expect(calibrationChart(bare)).toBeNull();
    expect(decisionCurveChart(bare)).toBeNull();
    expect(forestCharts(bare)).toEqual([]);
    expect(buildCharts(bare).map((c) => c.name)).toEqual(['roc', 'score-distributions']);
    for (const model of bare.models) model.roc = [];
    expect(rocChart(bare)).toBeNull();
    expect(scoreDistributionsChart(bare)).toBeNull();
    expect(buildCharts(bare)).toEqual([]);
  });

  it('draws only the models that have the data (calibration of one model of two)', () => {
    const partial = structuredClone(bone);
    delete partial.models[1]?.calibration;
    const spec = JSON.stringify((calibrationChart(partial) as ChartSpec).spec);
    expect(spec).toContain('YOLO-TL');
    expect(spec).not.toContain('YOLO-SC');
  });

  it('skips operating points whose estimates are undefined', () => {
    const gaps = structuredClone(bone);
    const op = gaps.models[0]?.operatingPoints[0];
    if (!op) throw new Error('fixture has no operating point');
    op.threshold = null;
    op.sensitivity.estimate = null;
    op.ppv.estimate = null;
    const comparison = gaps.comparisons[0]?.operatingPoints[0];
    if (comparison) comparison.ppv.difference = null;
    for (const chart of buildCharts(gaps)) {
      expect(validate(chart.spec), chart.name).toBe(true);
      expect(JSON.stringify(chart.spec)).not.toMatch(/NaN/);
    }
  });

  it('clips the decision curve to net benefit from a little below 0 to 1.1 × prevalence', () => {
    const spec = JSON.stringify((decisionCurveChart(bone) as ChartSpec).spec);
    const top = Math.round(bone.sample.prevalence * 1.1 * 1e4) / 1e4;
    expect(spec).toContain(`"domain":[-0.05,${top}]`);
    expect(spec).toContain('"clip":true');
    expect(spec).toContain('Treat all');
    expect(spec).toContain('Treat none');
  });

  it('copes with four models, long names, a non-probability score and two comparisons', () => {
    const charts = buildCharts(many);
    // the two comparisons (17 rows each) are two forest figures: together they would not fit a page
    expect(charts.map((c) => c.name)).toEqual([
      'roc',
      'precision-recall',
      'calibration',
      'decision-curve',
      'score-distributions',
      'forest-1',
      'forest-2',
    ]);
    const text = (name: string) => JSON.stringify(charts.find((c) => c.name === name)?.spec);
    // long legend labels break before the statistic rather than widen the figure
    expect(text('roc')).toContain('"labelExpr":"indexof(datum.label, \\", AUC \\") < 0');
    expect(text('roc')).toContain('#CC79A7');
    // calibration and decision curves leave out the model that has none
    expect(text('calibration')).not.toContain('Radiologist');
    expect(text('decision-curve')).not.toContain('Radiologist');
    expect(text('score-distributions')).toContain('"title":"Score"');
    // a comparison's header too wide for the column takes two rows
    expect(text('forest-2')).toContain('"label":"Logistic regression (clinical + imaging features) minus"');
    expect(text('forest-2')).toContain('"label":"Radiologist suspicion score"');
  });
});
