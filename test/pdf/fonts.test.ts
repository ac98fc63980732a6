// report.pdf in one typeface (issue 13): prose, tables and figures are all set in the DejaVu Sans
// that report.html embeds, so the PDF embeds that family and no other (it had Liberation Serif,
// Liberation Sans and DejaVu Sans), whatever fonts the machine has.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
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
      formats: new Set(['html', 'pdf'] as const),
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

    // and the text is drawn with the page's embedded font (allowed by the CSP), not an installed copy
    const html = readFileSync(path.join(dir, 'report.html'), 'utf8');
    const chromium = await puppeteer.launch({
      executablePath: browser as string,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu'],
    });
    try {
      const page = await chromium.newPage();
      await page.setOfflineMode(true);
      await page.setContent(html, { waitUntil: 'load' });
      const cdp = await page.createCDPSession();
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument');
      for (const selector of ['p', 'h2', 'caption', 'td', 'figcaption', 'svg text']) {
        const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
        const { fonts: used } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
        expect(used.length, selector).toBeGreaterThan(0);
        for (const font of used)
          expect([font.familyName, font.isCustomFont], selector).toEqual(['DejaVu Sans', true]);
      }
    } finally {
      await chromium.close();
    }
  });
});
