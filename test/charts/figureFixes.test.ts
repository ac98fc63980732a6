// Issue 13's figure fixes, checked on the specs: the calibration histograms (zero, round counts,
// one square-root scale, bins over the predictions in use), the score distributions (both
// halves on one scale, a true minus below), the insets (chart-size tick labels at round
// values) and overlapping operating-point markers (nested sizes).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Results } from '../../src/index.js';
import { renderSvg, type ChartSpec } from '../../src/charts/index.js';
import { calibrationChart, roundCountTick, usedProbabilityEdges } from '../../src/charts/calibration.js';
import { nestedMarkerSizes } from '../../src/charts/curvePlot.js';
import { gridTicks, zoomBox } from '../../src/charts/inset.js';
import { rocChart } from '../../src/charts/roc.js';
import { scoreDistributionsChart } from '../../src/charts/scoreDistributions.js';
import { FONT_SIZE } from '../../src/charts/theme.js';

function demoResults(): Results {
  return JSON.parse(readFileSync('reports/example/results.json', 'utf8')) as Results;
}

/** Every object in a spec that has `key`, depth first. */
function findAll(value: unknown, key: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if (key in v) found.push(v as Record<string, unknown>);
      Object.values(v).forEach(walk);
    }
  };
  walk(value);
  return found;
}

/** The text of every `<text>` element of an SVG. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] as string);
}

describe('calibration histograms', () => {
  it('bins the predicted probabilities in use, within [0, 1]', () => {
    expect(usedProbabilityEdges(0, 1)).toEqual({ start: 0, width: 0.025, count: 40 });
    // predictions up to 0.3: 40 bins of 0.0075 → round 0.01, 30 of them
    const low = usedProbabilityEdges(0.001, 0.3);
    expect(low.width).toBeCloseTo(0.01, 12);
    expect(low.start).toBe(0);
    expect(low.start + low.count * low.width).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('ticks counts at a round value each way from a labelled zero', () => {
    expect([0.5, 1, 7, 68, 89, 120, 260].map(roundCountTick)).toEqual([1, 1, 5, 50, 50, 100, 200]);
  });

  it('draws each strip on one symmetric square-root scale with ticks −n, 0, n and its own title', async () => {
    const chart = calibrationChart(demoResults()) as ChartSpec;
    const counts = findAll(chart.spec, 'field').filter((e) => e.field === 'count');
    expect(counts).toHaveLength(2);
    for (const y of counts) {
      const scale = y.scale as { type: string; domain: number[] };
      const axis = y.axis as { values: number[]; tickCount: number };
      expect(scale.type).toBe('sqrt');
      expect(scale.domain[0]).toBe(-(scale.domain[1] as number));
      expect(axis.values).toHaveLength(3);
      expect(axis.values[1]).toBe(0);
      expect(axis.values[0]).toBe(-(axis.values[2] as number));
    }
    const svg = texts(await renderSvg(chart.spec));
    expect(svg).toContain('0');
    expect(svg).toContain('\u2212100');
    expect(svg).toContain('Cases by predicted probability: YOLO-TL (chest-pretrained)');
    // the calibration plot's own x axis is titled; the strip's title is not in its place
    expect(svg.filter((t) => t === 'Predicted probability')).toHaveLength(2);
  });
});

describe('score distributions', () => {
  it('puts both halves on one scale and writes the negative half with a true minus', async () => {
    const chart = scoreDistributionsChart(demoResults()) as ChartSpec;
    const counts = findAll(chart.spec, 'field').filter((e) => e.field === 'count');
    for (const y of counts) {
      const domain = (y.scale as { domain: number[] }).domain;
      expect(domain[0]).toBe(-(domain[1] as number));
      expect(JSON.stringify(y.axis)).not.toContain('abs(');
    }
    const svg = texts(await renderSvg(chart.spec));
    expect(svg).toContain('\u221250');
    expect(svg).toContain('50');
    expect(svg.some((t) => t.startsWith('-'))).toBe(false);
  });
});

describe('ROC and precision–recall insets', () => {
  it('ticks the inset at round values inside the zoomed square', () => {
    const box = zoomBox(
      [
        { x: 0.1, y: 0.9 },
        { x: 0.12, y: 0.9 },
        { x: 0.13, y: 0.8 },
      ],
      330,
      140,
    );
    expect(box).not.toBeNull();
    const { x0, x1, y0, y1, step } = box as NonNullable<typeof box>;
    expect(x1 - x0).toBeCloseTo(0.19, 9);
    expect(step).toBe(0.05); // 0.19 / 0.05: at most four intervals
    for (const ticks of [gridTicks(x0, x1, step), gridTicks(y0, y1, step)]) {
      expect(ticks.length).toBeGreaterThanOrEqual(3);
      expect(ticks.every((v) => Math.abs(v * 20 - Math.round(v * 20)) < 1e-9)).toBe(true);
    }
    expect(gridTicks(0.7, 0.97, 0.1)).toEqual([0.7, 0.8, 0.9]);
  });

  it("writes the demo ROC inset's ticks at the chart's label size", () => {
    const chart = rocChart(demoResults()) as ChartSpec;
    const insetTexts = findAll(chart.spec, 'mark')
      .map((l) => l.mark as { type?: string; fontSize?: number })
      .filter((m) => m.type === 'text');
    expect(insetTexts.length).toBeGreaterThanOrEqual(4);
    for (const mark of insetTexts) expect(mark.fontSize).toBe(FONT_SIZE.label);
    const labels = findAll(chart.spec, 'text')
      .map((d) => d.text)
      .filter((t): t is string => typeof t === 'string' && /^\d\.\d+$/.test(t));
    expect(labels.every((t) => /^\d\.\d$/.test(t))).toBe(true); // 0.7, 0.8, 0.9: no 0.97
  });
});

describe('overlapping operating-point markers', () => {
  it('draws a marker that sits on earlier ones smaller, and leaves markers apart alone', () => {
    const same = [
      { x: 0.1, y: 0.8 },
      { x: 0.1, y: 0.8 },
      { x: 0.101, y: 0.8 },
    ];
    expect(nestedMarkerSizes(same, 90, 330)).toEqual([90, 54, 32.4]);
    const apart = [
      { x: 0.1, y: 0.8 },
      { x: 0.3, y: 0.5 },
    ];
    expect(nestedMarkerSizes(apart, 90, 330)).toEqual([90, 90]);
  });

  it('nests the markers the demo ROC overlaps, and says so in the caption', () => {
    const chart = rocChart(demoResults()) as ChartSpec;
    const sizes = findAll(chart.spec, 'mark')
      .map((layer) => layer.mark as { type?: string; size?: number })
      .filter((mark) => mark.type === 'point' && mark.size !== undefined)
      .map((mark) => mark.size);
    // full-size markers, and smaller ones on those they overlap (the plot's and the inset's)
    expect(sizes).toContain(90);
    expect(sizes).toContain(54);
    expect(JSON.stringify(chart.spec)).not.toContain('"field":"size"');
    expect(chart.caption).toContain('drawn smaller and on top');
  });
});
