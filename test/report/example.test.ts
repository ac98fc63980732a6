// The committed example report (reports/example/, rendered by `npm run example`) must match
// what the code produces now: if this fails, the engine changed its numbers — check why, then
// regenerate the example with `npm run example` and commit it.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, loadStudy, resultsJson } from '../../src/index.js';
import { reportDate, writeReport } from '../../src/report/writeReport.js';

describe('reports/example', () => {
  it('results.json equals a fresh evaluation of examples/bone-tumour', () => {
    const committed = readFileSync('reports/example/results.json', 'utf8');
    const fresh = resultsJson(evaluate(loadStudy('examples/bone-tumour/study.yaml')));
    expect(
      fresh === committed,
      'reports/example/results.json is stale: run `npm run example` and commit',
    ).toBe(true);
  });

  it('holds the rendered report and every figure', () => {
    expect(readFileSync('reports/example/report.html', 'utf8')).toContain('SYNTHETIC');
    expect(readFileSync('reports/example/report.pdf').subarray(0, 5).toString()).toBe('%PDF-');
    for (const name of [
      'roc',
      'precision-recall',
      'calibration',
      'decision-curve',
      'score-distributions',
      'forest',
    ]) {
      expect(readFileSync(`reports/example/figures/${name}.svg`, 'utf8')).toContain('<svg');
    }
  });
});

describe('reports/example/report.html as a snapshot', () => {
  it('is what the code renders now, byte for byte (dated by SOURCE_DATE_EPOCH as `npm run example`)', async () => {
    // every layout, wording or chart change shows up as a diff of the committed report: run
    // `npm run example`, look at `git diff reports/example/report.html`, and commit it
    const dir = mkdtempSync(path.join(tmpdir(), 'dxreport-example-'));
    const results = evaluate(loadStudy('examples/bone-tumour/study.yaml'));
    await writeReport(results, dir, {
      formats: new Set(['html']),
      paper: 'a4',
      generatedAt: reportDate({ SOURCE_DATE_EPOCH: '1767225600' }),
    });
    const fresh = readFileSync(path.join(dir, 'report.html'), 'utf8');
    const committed = readFileSync('reports/example/report.html', 'utf8');
    expect(
      fresh === committed,
      'reports/example/report.html is stale: run `npm run example` and commit',
    ).toBe(true);
    // and each figure as the committed one
    for (const file of readdirSync(path.join(dir, 'figures')).filter((f) => f.endsWith('.svg'))) {
      expect(readFileSync(path.join(dir, 'figures', file), 'utf8'), file).toBe(
        readFileSync(`reports/example/figures/${file}`, 'utf8'),
      );
    }
  });
});

describe('report date', () => {
  it('honours SOURCE_DATE_EPOCH', async () => {
    const { reportDate } = await import('../../src/report/writeReport.js');
    expect(reportDate({ SOURCE_DATE_EPOCH: '1767225600' }).toISOString()).toBe('2026-01-01T00:00:00.000Z');
    const now = new Date(Date.UTC(2030, 5, 1));
    expect(reportDate({}, now)).toBe(now);
    expect(() => reportDate({ SOURCE_DATE_EPOCH: 'yesterday' })).toThrow(/SOURCE_DATE_EPOCH/);
  });
});
