// Writes every chart of the bone-tumour example as SVG and 300-dpi PNG to $DXREPORT_CHART_PREVIEW
// (skipped unless set), with warm render timings, for looking at them.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';
import { buildCharts, compileSpec, loadVega, renderPng, renderSvg } from '../../src/charts/index.js';
import { basicResults, boneTumourResults, manyModelsResults } from './fixtures.js';

const out = process.env.DXREPORT_CHART_PREVIEW;

describe.skipIf(!out)('chart preview', () => {
  it('writes SVG and PNG files', async () => {
    const dir = out as string;
    mkdirSync(dir, { recursive: true });
    await loadVega(); // compileSpec needs vega, which src/charts/vegaModules.ts imports on demand
    for (const [prefix, results] of [
      ['', boneTumourResults()],
      ['basic-', basicResults()],
      ['many-', manyModelsResults()],
    ] as const) {
      for (const chart of buildCharts(results)) {
        const warnings = compileSpec(chart.spec).warnings;
        if (warnings.length > 0) console.log(`${prefix}${chart.name} warnings:`, warnings);
        const svg = await renderSvg(chart.spec);
        const png = renderPng(svg);
        // warm timings: the median of five more renders
        const svgTimes: number[] = [];
        const pngTimes: number[] = [];
        for (let i = 0; i < 5; i++) {
          const t0 = performance.now();
          await renderSvg(chart.spec);
          const t1 = performance.now();
          renderPng(svg);
          svgTimes.push(t1 - t0);
          pngTimes.push(performance.now() - t1);
        }
        const median = (t: number[]) => (t.sort((a, b) => a - b)[2] as number).toFixed(0);
        writeFileSync(path.join(dir, `${prefix}${chart.name}.svg`), svg);
        writeFileSync(path.join(dir, `${prefix}${chart.name}.png`), png);
        writeFileSync(path.join(dir, `${prefix}${chart.name}.vl.json`), JSON.stringify(chart.spec, null, 1));
        console.log(
          `${prefix}${chart.name}: svg ${median(svgTimes)} ms, png ${median(pngTimes)} ms, ${svg.length} B svg`,
        );
      }
    }
  });
});
