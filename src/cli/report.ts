/**
 * `dxreport report <study> --out <dir>`: evaluate a study and write results.json, the HTML
 * and PDF supplement, figures and tables into a folder.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { startBootstrapWorkers } from '../evaluate/bootstrapThreads.js';
import { evaluate } from '../evaluate/evaluate.js';
import { loadStudy } from '../load/loadStudy.js';
import { writeDirectoryAtomically } from '../output/atomicDirectory.js';
import type { Paper } from '../pdf/printPdf.js';
import { reportDate, writeReport, type OutputFormat, type ReportOutcome } from '../report/writeReport.js';
import { failWith } from './fail.js';
import { progressReporter } from './progress.js';
import { defaultThreads, parseThreads } from './threads.js';

const FORMATS: readonly OutputFormat[] = ['json', 'html', 'pdf'];

function parseFormats(value: string): OutputFormat[] {
  const formats = value
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  for (const f of formats) {
    if (!(FORMATS as readonly string[]).includes(f)) {
      throw new InvalidArgumentError(
        `unknown format "${f}": use a comma-separated list of ${FORMATS.join(', ')}`,
      );
    }
  }
  return formats as OutputFormat[];
}

export interface ReportCliOptions {
  threads?: number;
  out: string;
  format: OutputFormat[];
  pdf: boolean;
  paper: string;
  templateDir?: string;
  debug?: boolean;
}

async function report(studyFile: string, options: ReportCliOptions) {
  if (options.paper !== 'a4' && options.paper !== 'letter') {
    throw new Error(`--paper ${options.paper}: use a4 or letter`);
  }
  if (options.templateDir && !existsSync(options.templateDir)) {
    throw new Error(`--template-dir ${options.templateDir} does not exist`);
  }
  const generatedAt = reportDate();
  const study = loadStudy(studyFile);
  const threads = options.threads ?? defaultThreads(study);
  // started now, the workers boot while evaluate computes everything before the bootstrap
  if (study.settings.bootstrap.replicates > 0) startBootstrapWorkers(threads - 1);
  const onProgress = progressReporter(study.settings.bootstrap.replicates);
  const results = evaluate(study, { threads, ...(onProgress ? { onProgress } : {}) });
  const formats = new Set(options.format);
  if (!options.pdf) formats.delete('pdf');
  const notices: string[] = [];
  let outcome: ReportOutcome | undefined;
  await writeDirectoryAtomically(options.out, async (dir) => {
    outcome = await writeReport(results, dir, {
      formats,
      paper: options.paper as Paper,
      generatedAt,
      ...(options.templateDir ? { templateDir: options.templateDir } : {}),
      onNotice: (line) => notices.push(line),
      ...(process.stderr.isTTY
        ? { onStep: (step: string) => process.stderr.write(`dxreport: ${step}…\n`) }
        : {}),
    });
  });
  for (const line of notices) console.error(`dxreport: ${line}`);
  const written = ['results.json', 'report.html', 'report.pdf'].filter((f) => outcome?.files.includes(f));
  console.error(`dxreport: wrote ${written.map((f) => path.join(options.out, f)).join(', ') || options.out}`);
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'evaluate a study and write results.json, report.html, report.pdf, figures/ and tables/ to a folder',
    )
    .argument('<study>', 'study file (YAML or JSON); see README "Study file"')
    .requiredOption('-o, --out <dir>', 'output folder; replaced atomically when the run succeeds')
    .option('-f, --format <list>', 'comma-separated outputs: json, html, pdf', parseFormats, [...FORMATS])
    .option('--no-pdf', 'skip the PDF (no browser needed)')
    .option('--paper <size>', 'PDF paper size: a4 or letter', 'a4')
    .option(
      '--template-dir <dir>',
      "folder of templates overriding the built-in layout.hbs or any partial (a journal's house style)",
    )
    .option(
      '--threads <n>',
      'threads for the bootstrap (default: every CPU, at most 8, when replicates × models × cases ≥ 20 million, else 1); the results are identical for any number',
      parseThreads,
    )
    .option('--debug', 'print stack traces on errors')
    .addHelpText(
      'after',
      `
Writes into the --out folder:
  results.json        every number, machine-readable (key paths: README "results.json")
  report.html         the supplement, self-contained: opens offline, no scripts
  report.pdf          the same, paginated (needs Chromium: apt-get install chromium)
  figures/            each chart as .svg, 300-dpi .png and .vl.json (Vega-Lite, restyle it in the Vega editor)
  tables/             each table as .csv, full precision

Examples:
  dxreport report study.yaml --out results
  dxreport report study.yaml --out results --format json        # numbers only, fastest
  dxreport report study.yaml --out results --paper letter --template-dir my-journal/
  SOURCE_DATE_EPOCH=1767225600 dxreport report study.yaml --out results   # fixed report date

Exit status: 0 on success; 1 on bad input (one line on stderr naming the file and line or key);
the output folder is left untouched when a run fails.`,
    )
    .action(async (studyFile: string, options: ReportCliOptions) => {
      try {
        await report(studyFile, options);
      } catch (error) {
        failWith(error, options.debug);
      }
    });
}
