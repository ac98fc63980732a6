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
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { onInterrupt } from '../output/interruptCleanup.js';
import { createOwnedTemp, removeStaleOwnedTemps } from '../output/ownedTemp.js';
import { setPdfDates } from './pdfDates.js';
import { normalizeStructureIds } from './structureIds.js';
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

/** A fresh page, offline for real: JavaScript off, offline mode, every request but data: refused. */
async function offlinePage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  await page.setOfflineMode(true);
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url === 'about:blank') void request.continue();
    else void request.abort('blockedbyclient');
  });
  return page;
}

async function printPage(page: Page, html: string, paper: Paper): Promise<Uint8Array> {
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

/** A browser started ahead of the printing (while the study is evaluated), and what prints with it. */
export interface PdfPrinter {
  /** Prints the page (waits for the browser to be ready; a failed launch rejects here). */
  print: (html: string, options: PrintOptions) => Promise<Uint8Array>;
  /** Stops the browser (started or still starting) and removes its profile; safe to call twice. */
  close: () => void;
}

export type PrintOptions = Omit<PdfOptions, 'executablePath'>;

/**
 * Starts Chromium now and returns at once: the browser boots in its own processes while the
 * caller keeps working (the launch handshake and the first page complete whenever the event
 * loop is free), so a full report does not wait for the start-up after its charts. One page
 * is opened ahead and used for one print.
 */
export function startPdfPrinter(executablePath: string): PdfPrinter {
  removeStaleOwnedTemps(tmpdir(), PROFILE_PREFIX);
  const profile = createOwnedTemp(tmpdir(), PROFILE_PREFIX);
  // registered after the profile, so it runs before the profile's removal on an interrupt,
  // and before launch resolves: a signal can come while the browser is still starting
  const stopStarting = onInterrupt(() => killProfileProcesses(profile.dir));
  let stopBrowser = () => undefined as void;
  let launched: Browser | undefined;
  let closed = false;
  const ready = puppeteer
    .launch({
      executablePath,
      headless: true,
      pipe: true,
      // dxreport's own handlers kill the browser and remove the profile (puppeteer's would
      // report a failed launch on SIGTERM and leave the profile)
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [...CHROMIUM_FLAGS, `--user-data-dir=${profile.dir}`],
    })
    .then(async (browser) => {
      if (closed) {
        killBrowser(browser);
        throw new Error('the PDF printer was closed');
      }
      launched = browser;
      stopBrowser = onInterrupt(() => killBrowser(browser));
      return { browser, page: await offlinePage(browser) };
    });
  ready.catch(() => undefined); // reported by print(); closing early is not an error
  return {
    print: async (html, options) => {
      const { page } = await ready;
      const pdf = await printPage(page, html, options.paper);
      if (options.date) setPdfDates(pdf, options.date);
      normalizeStructureIds(pdf);
      return pdf;
    },
    close: () => {
      if (closed) return;
      closed = true;
      // killed, not closed politely: the PDF is in hand, and Chromium's orderly shutdown
      // costs about a second; the profile folder is removed right after in any case
      if (launched) killBrowser(launched);
      killProfileProcesses(profile.dir);
      stopBrowser();
      stopStarting();
      profile.remove();
    },
  };
}

/** Starts a browser, prints one page and stops the browser. */
export async function printPdf(html: string, options: PdfOptions): Promise<Uint8Array> {
  const printer = startPdfPrinter(options.executablePath);
  try {
    return await printer.print(html, options);
  } finally {
    printer.close();
  }
}
