/**
 * pdf: the self-contained HTML report → PDF, through Puppeteer driving a system Chromium.
 * Offline for real: no network (offline mode + request interception), JavaScript off, and
 * the page's own Content-Security-Policy. Page numbers in the footer; bookmarks (the PDF
 * outline) from the headings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

export type Paper = 'a4' | 'letter';

export interface PdfOptions {
  executablePath: string;
  paper: Paper;
  /** Title for the PDF's document information. */
  title: string;
}

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--disable-default-apps',
  '--mute-audio',
  '--font-render-hinting=none',
];

export async function printPdf(html: string, options: PdfOptions): Promise<Uint8Array> {
  const profile = mkdtempSync(path.join(tmpdir(), 'dxreport-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: options.executablePath,
    headless: true,
    args: [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`],
  });
  try {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setOfflineMode(true);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith('data:') || url === 'about:blank') void request.continue();
      else void request.abort('blockedbyclient');
    });
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMediaType('print');
    const pdf = await page.pdf({
      format: options.paper === 'letter' ? 'letter' : 'a4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="width:100%;font-size:8px;font-family:DejaVu Sans,Arial,sans-serif;color:#555;text-align:center;">' +
        '<span class="pageNumber"></span> / <span class="totalPages"></span></div>',
      margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' },
      outline: true,
      tagged: true,
      preferCSSPageSize: false,
    });
    return pdf;
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
