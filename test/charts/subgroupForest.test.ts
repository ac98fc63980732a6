// The subgroup forest plot: its rows (all cases, then each column's heading and values, one line
// per model), "not estimable" for a one-class subgroup, and a golden SVG of the small study of
// test/helpers/subsetStudy.ts (update deliberately with `npx vitest run -u`).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../src/index.js';
import { renderSvg } from '../../src/charts/index.js';
import {
  aucAxisDomain,
  aucTicks,
  NOT_ESTIMABLE,
  subgroupForestChart,
  subgroupForestLines,
} from '../../src/charts/subgroupForest.js';
import { subsetResults } from '../helpers/subsetStudy.js';
import { tidySvg } from './tidySvg.js';

describe('subgroup forest plot', () => {
  let results: Results;
  beforeAll(() => {
    results = subsetResults();
  });

  it('has one line per model in each row, under a heading per subgroup column', () => {
    const lines = subgroupForestLines(results);
    expect(lines.map((l) => l.label)).toEqual([
      'All cases',
      '',
      'site',
      'east',
      '',
      'north',
      '',
      'south',
      '',
      'sex',
      'F',
      '',
      'M',
      '',
    ]);
    expect(lines.filter((l) => l.kind === 'heading').map((l) => l.model)).toEqual([null, null]);
    expect(lines.slice(0, 2).map((l) => l.model)).toEqual(['Model A', 'Model B']);
    expect(new Set(lines.map((l) => l.key)).size).toBe(lines.length);
  });

  it('writes "not estimable" for a subgroup of one class and draws no mark there', () => {
    const east = subgroupForestLines(results).filter((l) => l.key.startsWith('s0|'));
    expect(east.map((l) => [l.text, l.auc, l.lower])).toEqual([
      [NOT_ESTIMABLE, null, null],
      [NOT_ESTIMABLE, null, null],
    ]);
    expect(east[0]?.cases).toBe('4 (0)');
  });

  it('puts every interval on the axis, which ends at 1', () => {
    const lines = subgroupForestLines(results);
    const [lo, hi] = aucAxisDomain(lines);
    expect(hi).toBe(1);
    for (const l of lines) if (l.lower !== null) expect(l.lower).toBeGreaterThanOrEqual(lo);
    expect(aucTicks([0.8, 1])).toEqual({ values: [0.8, 0.85, 0.9, 0.95, 1], format: '.2f' });
    expect(aucTicks([0.5, 1]).values).toEqual([0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });

  it('is absent without subgroups', () => {
    expect(subgroupForestChart({ ...results, subgroups: undefined })).toBeNull();
    expect(subgroupForestChart({ ...results, subgroups: [] })).toBeNull();
  });

  it('matches __snapshots__/subgroup-forest.svg', async () => {
    const chart = subgroupForestChart(results);
    if (!chart) throw new Error('no subgroup forest for the small study');
    expect(chart.section).toBe('subgroups');
    await expect(tidySvg(await renderSvg(chart.spec))).toMatchFileSnapshot(
      '__snapshots__/subgroup-forest.svg',
    );
  });
});
