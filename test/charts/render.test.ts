// Rendering in Node: SVG through vega's string renderer, PNG at 300 dpi through resvg. Checks
// the text (model names, no truncation, no NaN), byte-identical output for the same results,
// the PNG size and resolution, and a golden SVG of a small ROC chart.
import { beforeAll, describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import type { Results } from '../../src/index.js';
import {
  buildCharts,
  findDejaVuFonts,
  renderPng,
  renderPngAsync,
  renderSvg,
  svgSize,
  type ChartSpec,
} from '../../src/charts/index.js';
import { rocChart } from '../../src/charts/roc.js';
import { basicResults, boneTumourResults, manyModelsResults } from './fixtures.js';
import { tidySvg } from './tidySvg.js';

interface PngInfo {
  width: number;
  height: number;
  pixelsPerMetre: number | null;
}

function pngInfo(png: Uint8Array): PngInfo {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect(Array.from(png.subarray(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  let pixelsPerMetre: number | null = null;
  for (let offset = 8; offset + 8 <= png.length;) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    if (type === 'pHYs') pixelsPerMetre = view.getUint32(offset + 8);
    offset += 12 + length;
  }
  return { width: view.getUint32(16), height: view.getUint32(20), pixelsPerMetre };
}

/** The decompressed image data (filtered scanlines) of a PNG. */
function imageData(png: Uint8Array): Buffer {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const parts: Uint8Array[] = [];
  for (let offset = 8; offset + 8 <= png.length;) {
    const length = view.getUint32(offset);
    if (String.fromCharCode(...png.subarray(offset + 4, offset + 8)) === 'IDAT') {
      parts.push(png.subarray(offset + 8, offset + 8 + length));
    }
    offset += 12 + length;
  }
  return inflateSync(Buffer.concat(parts));
}

describe('renderSvg and renderPng', () => {
  let bone: Results;
  let charts: ChartSpec[];
  const svgs = new Map<string, string>();
  beforeAll(async () => {
    bone = boneTumourResults();
    charts = buildCharts(bone);
    for (const chart of charts) svgs.set(chart.name, await renderSvg(chart.spec));
  }, 120_000); // six charts: slow on a loaded machine

  it('renders every chart to an SVG with the model names, whole labels and no NaN', () => {
    expect([...svgs.keys()]).toHaveLength(6);
    for (const [name, svg] of svgs) {
      expect(svg.startsWith('<svg'), name).toBe(true);
      expect(svg, name).not.toMatch(/NaN|undefined|Infinity|\u2026/);
      expect(svg, name).toContain('font-family="DejaVu Sans');
      if (name !== 'forest') {
        for (const model of bone.models) expect(svg, name).toContain(model.name);
      }
      const { width } = svgSize(svg);
      expect(width, `${name} fits an A4 column`).toBeLessThanOrEqual(470);
    }
    expect(svgs.get('roc')).toContain('YOLO-TL (chest-pretrained), AUC ');
    expect(svgs.get('forest')).toContain('YOLO-TL (chest-pretrained) minus YOLO-SC (scratch)');
  });

  it('keeps every chart of four long-named models within about an A4 column', async () => {
    for (const chart of buildCharts(manyModelsResults())) {
      const svg = await renderSvg(chart.spec);
      expect(svg, chart.name).not.toMatch(/NaN|undefined|\u2026/);
      expect(svgSize(svg).width, chart.name).toBeLessThanOrEqual(470);
    }
  });

  it('gives byte-identical SVG for the same results, whatever was rendered before', async () => {
    const again = buildCharts(structuredClone(bone)).reverse();
    for (const chart of again) expect(await renderSvg(chart.spec), chart.name).toBe(svgs.get(chart.name));
  });

  it('rasterises at 300 dpi: the SVG size × 300/96 in pixels, and a pHYs chunk saying so', () => {
    for (const [name, svg] of svgs) {
      const { width, height } = svgSize(svg);
      const info = pngInfo(renderPng(svg));
      expect(info.width, name).toBe(Math.round((width * 300) / 96));
      expect(info.height, name).toBe(Math.round((height * 300) / 96));
      expect(info.pixelsPerMetre, name).toBe(11811);
    }
    const svg = svgs.get('roc') as string;
    const at150 = pngInfo(renderPng(svg, { dpi: 150 }));
    expect(at150.width).toBe(Math.round((svgSize(svg).width * 150) / 96));
    expect(at150.pixelsPerMetre).toBe(5906);
  });

  it('gives byte-identical PNG for the same SVG, on a background thread too', async () => {
    const svg = svgs.get('decision-curve') as string;
    expect(Buffer.from(renderPng(svg)).equals(Buffer.from(renderPng(svg)))).toBe(true);
    expect(Buffer.from(await renderPngAsync(svg)).equals(Buffer.from(renderPng(svg)))).toBe(true);
  });

  it('draws the text (resvg has the fonts)', () => {
    expect(findDejaVuFonts().length).toBeGreaterThan(0);
    const svg = svgs.get('roc') as string;
    const withoutText = svg.replace(/<text[^>]*>[^<]*<\/text>/g, '');
    expect(withoutText).not.toBe(svg);
    expect(imageData(renderPng(svg)).equals(imageData(renderPng(withoutText)))).toBe(false);
  });

  it('matches the golden SVG of a small ROC chart', async () => {
    // the 8-case study, with the fields the ROC chart reads fixed here so that the golden
    // file changes only when the chart does
    const results = basicResults();
    const [a, b] = results.models;
    if (!a || !b) throw new Error('two models expected');
    a.roc = [
      { threshold: 0.1, sensitivity: 1, specificity: 0 },
      { threshold: 0.35, sensitivity: 1, specificity: 0.75 },
      { threshold: 0.7, sensitivity: 0.75, specificity: 1 },
      { threshold: 0.9, sensitivity: 0.25, specificity: 1 },
    ];
    b.roc = [
      { threshold: 0.1, sensitivity: 1, specificity: 0 },
      { threshold: 0.4, sensitivity: 0.75, specificity: 0.5 },
      { threshold: 0.7, sensitivity: 0.5, specificity: 0.75 },
      { threshold: 0.9, sensitivity: 0.25, specificity: 1 },
    ];
    a.auc = {
      estimate: 0.9375,
      se: 0.08,
      variance: 0.0064,
      ci: { lower: 0.78, upper: 1, level: 0.95, method: 'DeLong', methodId: 'delong-wald' as const },
    };
    b.auc = {
      estimate: 0.75,
      se: 0.18,
      variance: 0.0324,
      ci: { lower: 0.4, upper: 1, level: 0.95, method: 'DeLong', methodId: 'delong-wald' as const },
    };
    for (const [model, sensitivity, specificity] of [
      [a, 0.75, 1],
      [b, 0.5, 0.75],
    ] as const) {
      for (const op of model.operatingPoints) {
        op.label = 'Youden-optimal';
        op.thresholdSource = 'test';
        op.sensitivity.estimate = sensitivity;
        op.specificity.estimate = specificity;
      }
    }
    results.settings.level = 0.95;
    results.sample = { n: 8, positives: 4, negatives: 4, prevalence: 0.5 };
    const chart = rocChart(results) as ChartSpec;
    await expect(tidySvg(await renderSvg(chart.spec))).toMatchFileSnapshot('__snapshots__/roc-small.svg');
  });
});
