// report.pdf in one typeface (issue 13): prose, tables and figures are all set in the DejaVu Sans
// that report.html embeds, so the PDF embeds that family and no other (it had Liberation Serif,
// Liberation Sans and DejaVu Sans), whatever fonts the machine has.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, loadStudy } from '../../src/index.js';
import { findBrowser } from '../../src/pdf/findBrowser.js';
import { writeReport } from '../../src/report/writeReport.js';

const browser = findBrowser();
const required = process.env.CI === 'true';

describe.skipIf(!required && !browser)('report.pdf fonts', () => {
  it('embeds DejaVu Sans (regular and bold) and no other font', async () => {
    const study = loadStudy('examples/bone-tumour/study.yaml');
    study.settings.bootstrap.replicates = 0;
    const dir = mkdtempSync(path.join(tmpdir(), 'dxreport-pdf-fonts-'));
    await writeReport(evaluate(study), dir, {
      formats: new Set(['pdf'] as const),
      paper: 'a4',
      generatedAt: null,
      browser,
    });
    const pdf = readFileSync(path.join(dir, 'report.pdf')).toString('latin1');
    // subset fonts are named with a six-letter tag: /BaseFont /AAAAAA+DejaVuSans-Bold
    const fonts = new Set(
      [...pdf.matchAll(/\/BaseFont\s*\/(?:[A-Z]{6}\+)?([^\s/<>[\]()]+)/g)].map((m) => m[1]),
    );
    expect([...fonts].sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold']);
  });
});
