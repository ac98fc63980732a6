/**
 * Writing every output of one report into a folder: results.json, the charts (SVG, 300-dpi
 * PNG, Vega-Lite spec), the tables (CSV), report.html and report.pdf. The caller supplies a
 * fresh folder (the CLI's temporary folder, moved into place when this succeeds).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Results } from '../results/results.js';
import { resultsJson } from '../output/resultsJson.js';
import type { Paper, PdfPrinter } from '../pdf/printPdf.js';

export type OutputFormat = 'json' | 'html' | 'pdf';

export interface ReportOptions {
  formats: ReadonlySet<OutputFormat>;
  paper: Paper;
  /** A folder of templates overriding the built-in ones by file name. */
  templateDir?: string;
  /** The report's date; null leaves it out. */
  generatedAt: Date | null;
  /** Chromium for the PDF; found on the system when omitted. */
  browser?: string | null;
  /** A browser the caller started ahead (and closes): used instead of `browser`. */
  pdfPrinter?: PdfPrinter;
  /** One-line notices for the user (e.g. no browser for the PDF). */
  onNotice?: (line: string) => void;
  /** Progress of the slower steps. */
  onStep?: (step: string) => void;
}

export interface ReportOutcome {
  files: string[];
  pdf: 'written' | 'not requested' | 'no browser';
}

/** The report's date: SOURCE_DATE_EPOCH (seconds) when set, so that builds are reproducible. */
export function reportDate(environment: NodeJS.ProcessEnv = process.env, now = new Date()): Date {
  const epoch = environment.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch.trim() !== '') {
    const seconds = Number(epoch);
    if (!Number.isInteger(seconds) || seconds < 0) {
      throw new Error(`SOURCE_DATE_EPOCH="${epoch}" is not a whole number of seconds since 1970`);
    }
    return new Date(seconds * 1000);
  }
  return now;
}

export async function writeReport(
  results: Results,
  dir: string,
  options: ReportOptions,
): Promise<ReportOutcome> {
  const files: string[] = [];
  const write = (relative: string, content: string | Uint8Array) => {
    const file = path.join(dir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    files.push(relative);
  };
  if (options.formats.has('json')) write('results.json', resultsJson(results));
  const wantsDocument = options.formats.has('html') || options.formats.has('pdf');
  if (!wantsDocument) return { files, pdf: 'not requested' };

  // the document's modules (Vega, Handlebars, Puppeteer) load only when a document is asked for:
  // a results.json-only run, and the other commands, start without them
  const [
    { buildCharts, renderPngAsync, renderSvg },
    { renderHtml },
    { buildTables },
    { toCsv },
    { buildViewModel },
    { displayResults },
  ] = await Promise.all([
    import('../charts/index.js'),
    import('./renderHtml.js'),
    import('./tables/buildTables.js'),
    import('./tables/csv.js'),
    import('./viewModel.js'),
    import('./displayText.js'),
  ]);
  // the documents show user text cut, with controls visible (results.json above keeps it whole)
  const shown = displayResults(results);
  options.onStep?.('charts');
  const figures = [];
  // the PNGs rasterise on background threads while the next charts are drawn
  const pngs: Promise<void>[] = [];
  for (const chart of buildCharts(shown)) {
    const svg = await renderSvg(chart.spec);
    write(`figures/${chart.name}.svg`, svg);
    const png = renderPngAsync(svg).then((image) => write(`figures/${chart.name}.png`, image));
    png.catch(() => undefined); // handled by Promise.all below, not an unhandled rejection meanwhile
    pngs.push(png);
    write(`figures/${chart.name}.vl.json`, `${JSON.stringify(chart.spec, null, 2)}\n`);
    figures.push({
      name: chart.name,
      title: chart.title,
      caption: chart.caption,
      svg,
      section: chart.section,
    });
  }
  await Promise.all(pngs);
  // the tables are built once: the CSV files and the HTML show the same ones
  const tables = buildTables(shown);
  for (const table of tables) write(`tables/${table.name}.csv`, toCsv(table));

  options.onStep?.('html');
  const viewModel = buildViewModel(shown, { generatedAt: options.generatedAt, tables });
  const html = renderHtml(
    viewModel,
    figures,
    options.templateDir ? { templateDir: options.templateDir } : {},
  );
  if (options.formats.has('html')) write('report.html', html);

  if (!options.formats.has('pdf')) return { files, pdf: 'not requested' };
  const printOptions = { paper: options.paper, title: shown.title, date: options.generatedAt };
  if (options.pdfPrinter) {
    options.onStep?.('pdf');
    write('report.pdf', await options.pdfPrinter.print(html, printOptions));
    return { files, pdf: 'written' };
  }
  const [{ BROWSER_HINT, findBrowser }, { printPdf }] = await Promise.all([
    import('../pdf/findBrowser.js'),
    import('../pdf/printPdf.js'),
  ]);
  const browser = options.browser === undefined ? findBrowser() : options.browser;
  if (!browser) {
    options.onNotice?.(BROWSER_HINT);
    return { files, pdf: 'no browser' };
  }
  options.onStep?.('pdf');
  write('report.pdf', await printPdf(html, { executablePath: browser, ...printOptions }));
  return { files, pdf: 'written' };
}
