/**
 * pdf: the self-contained HTML report → PDF, through Puppeteer driving a system Chromium.
 * Offline for real: no network (offline mode + request interception), JavaScript off, and
 * the page's own Content-Security-Policy. Page numbers in the footer; bookmarks (the PDF
 * outline) from the headings; the document's dates set to the report's date, so the same
 * report prints to the same bytes.
 *
 * The browser dies with dxreport: it is driven over a pipe (Chromium exits when the pipe
 * closes, even if dxreport is killed outright), it is killed on dxreport's exit and on an
 * interrupt (see output/interruptCleanup.ts), and its profile folder is removed then too, or
 * by the next PDF run when dxreport was killed.
 */
import { tmpdir } from 'node:os';
import puppeteer, { type Browser } from 'puppeteer-core';
import { onInterrupt } from '../output/interruptCleanup.js';
import { createOwnedTemp, removeStaleOwnedTemps } from '../output/ownedTemp.js';
import { setPdfDates } from './pdfDates.js';
import { killProfileProcesses } from './profileProcesses.js';

export type Paper = 'a4' | 'letter';

export interface PdfOptions {
  executablePath: string;
  paper: Paper;
  /** Title for the PDF's document information. */
  title: string;
  /** The document's creation and modification date; the time of printing when null. */
  date?: Date | null;
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
  '--disable-breakpad',
  '--disable-crash-reporter',
];

const PROFILE_PREFIX = 'dxreport-chromium-';

async function printPage(browser: Browser, html: string, paper: Paper): Promise<Uint8Array> {
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
  return page.pdf({
    format: paper === 'letter' ? 'letter' : 'a4',
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: '<span></span>',
    footerTemplate:
      '<div style="width:100%;font-size:8px;font-family:DejaVu Sans,sans-serif;color:#555;text-align:center;">' +
      '<span class="pageNumber"></span> / <span class="totalPages"></span></div>',
    margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' },
    outline: true,
    tagged: true,
    preferCSSPageSize: false,
  });
}

/** Kills the browser and its helpers at once: its process group (puppeteer starts it as a group leader). */
function killBrowser(browser: Browser): void {
  const pid = browser.process()?.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    browser.process()?.kill('SIGKILL');
  }
}

export async function printPdf(html: string, options: PdfOptions): Promise<Uint8Array> {
  removeStaleOwnedTemps(tmpdir(), PROFILE_PREFIX);
  const profile = createOwnedTemp(tmpdir(), PROFILE_PREFIX);
  // registered after the profile, so it runs before the profile's removal on an interrupt,
  // and before launch resolves: a signal can come while the browser is still starting
  const stopStarting = onInterrupt(() => killProfileProcesses(profile.dir));
  let browser: Browser | undefined;
  let stopBrowser = () => undefined as void;
  try {
    browser = await puppeteer.launch({
      executablePath: options.executablePath,
      headless: true,
      pipe: true,
      // dxreport's own handlers kill the browser and remove the profile (puppeteer's would
      // report a failed launch on SIGTERM and leave the profile)
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [...CHROMIUM_FLAGS, `--user-data-dir=${profile.dir}`],
    });
    const launched = browser;
    stopBrowser = onInterrupt(() => killBrowser(launched));
    const pdf = await printPage(browser, html, options.paper);
    if (options.date) setPdfDates(pdf, options.date);
    return pdf;
  } finally {
    stopBrowser();
    stopStarting();
    if (browser) {
      const closing = browser;
      await closing.close().catch(() => killBrowser(closing));
    }
    profile.remove();
  }
}
