/**
 * `dxreport report <study> --out <dir>`: evaluate a study and write results.json, the HTML
 * and PDF supplement, figures and tables into a folder; then say what was written, what
 * was removed and every warning, one line each.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { startBootstrapWorkers } from '../evaluate/bootstrapThreads.js';
import { THREADED_CALIBRATION_CASES } from '../evaluate/calibrationThreads.js';
import { evaluate } from '../evaluate/evaluate.js';
import type { Results } from '../evaluate/results.js';
import { loadStudy, type Study } from '../load/loadStudy.js';
import { parseByteSize } from '../load/readInput.js';
import { writeFullCurves } from '../output/fullCurves.js';
import { lockOutput } from '../output/outputLock.js';
import { resolveOutputTarget, type OutputTarget } from '../output/outputTarget.js';
import { writeIntoFolder } from '../output/stagedWrite.js';
import type { Paper, PdfPrinter } from '../pdf/printPdf.js';
import { reportDate, writeReport, type OutputFormat } from '../report/writeReport.js';
import { checkBootstrapMemory, DEFAULT_BOOTSTRAP_GIGABYTES, parseGigabytes } from './bootstrapMemory.js';
import { EXIT_STRICT, failWith, printWarnings, StrictWarningsError, UsageError } from './fail.js';
import { cleanUpOnInterrupt } from './interrupts.js';
import { startProgress, type Progress } from './progress.js';
import { timeSteps } from './stepTimings.js';
import { chooseThreads, parseThreads, threadsNotice } from './threads.js';
import { machineSince, readCpus } from './cpuLoad.js';

const FORMATS: readonly OutputFormat[] = ['json', 'html', 'pdf'];

function parseFormats(value: string): OutputFormat[] {
  const formats = value
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (formats.length === 0) {
    throw new InvalidArgumentError(
      `"${value}" names no output: use a comma-separated list of ${FORMATS.join(', ')}`,
    );
  }
  for (const f of formats) {
    if (!(FORMATS as readonly string[]).includes(f)) {
      throw new InvalidArgumentError(
        `unknown format "${f}": use a comma-separated list of ${FORMATS.join(', ')}`,
      );
    }
  }
  return formats as OutputFormat[];
}

function parseMaxInputSize(value: string): number {
  const bytes = parseByteSize(value);
  if (!Number.isFinite(bytes) || bytes < 1 || bytes > 4 * 1024 ** 3) {
    throw new InvalidArgumentError(`"${value}": use a size such as 500M or 2G (at most 4G)`);
  }
  return bytes;
}

export interface ReportCliOptions {
  threads?: number;
  maxInputSize?: number;
  out: string;
  format: OutputFormat[];
  pdf: boolean;
  paper: string;
  templateDir?: string;
  strict?: boolean;
  bootstrapMemory: number;
  fullCurves?: boolean;
  timings?: boolean;
  debug?: boolean;
}

/** The options that need no input to check: refused before anything is read. */
function checkOptions(options: ReportCliOptions): Set<OutputFormat> {
  if (options.paper !== 'a4' && options.paper !== 'letter') {
    throw new UsageError(`--paper ${options.paper}: use a4 or letter`);
  }
  if (options.templateDir !== undefined) {
    let isFolder: boolean;
    try {
      isFolder = statSync(options.templateDir).isDirectory();
    } catch {
      throw new UsageError(`--template-dir ${options.templateDir} does not exist`);
    }
    if (!isFolder)
      throw new UsageError(`--template-dir ${options.templateDir} is a file, not a folder of templates`);
  }
  const formats = new Set(options.format);
  if (!options.pdf) formats.delete('pdf');
  if (formats.size === 0) throw new UsageError('--format pdf with --no-pdf leaves nothing to write');
  const notice = threadsNotice(options.threads);
  if (notice) say(notice);
  return formats;
}

function evaluateStudy(
  studyFile: string,
  options: ReportCliOptions,
  progress: Progress,
): { study: Study; results: Results } {
  progress.step(`loading ${studyFile}`);
  // the machine's idle CPUs are measured while the study loads (for the default threads)
  const cpusBeforeLoading = readCpus();
  const study = loadStudy(studyFile, options.maxInputSize ? { maxInputBytes: options.maxInputSize } : {});
  // now that the data files are known, the output folder must not contain them either
  resolveOutputTarget(options.out, [
    studyFile,
    study.data.file,
    ...(study.validation ? [study.validation.file] : []),
  ]);
  checkBootstrapMemory(study, { limitGigabytes: options.bootstrapMemory, file: studyFile });
  const threads = chooseThreads(study, options.threads, availableParallelism(), () =>
    machineSince(cpusBeforeLoading),
  );
  // started now, the workers boot while evaluate computes everything before the bootstrap, or
  // (a large study of several models) while it puts the cases in canonical order before it
  // offers them the models' calibrations (calibrationThreads.ts)
  const calibratesInParallel =
    study.data.labels.length >= THREADED_CALIBRATION_CASES && study.models.length >= 2;
  if (study.settings.bootstrap.replicates > 0 || calibratesInParallel) startBootstrapWorkers(threads - 1);
  const { replicates, interval } = study.settings.bootstrap;
  const resamples =
    interval === 'bca'
      ? `${replicates} replicates, then the jackknife's leave-one-out fits for BCa`
      : `${replicates} replicates`;
  const results = evaluate(study, {
    threads,
    onStep: (step) =>
      progress.step(
        step === 'bootstrap'
          ? `bootstrap (${threads} thread${threads === 1 ? '' : 's'}), ${resamples}`
          : step,
      ),
    onProgress: progress.count,
  });
  return { study, results };
}

async function writeOutputs(
  { study, results }: { study: Study; results: Results },
  target: OutputTarget,
  options: ReportCliOptions & {
    formats: Set<OutputFormat>;
    progress: Progress;
    pdfPrinter: PdfPrinter | null;
  },
) {
  const notices: string[] = [];
  let pdf = 'not requested';
  const outcome = await cleanUpOnInterrupt(() =>
    writeIntoFolder(target.real, async (dir) => {
      const written = await writeReport(results, dir, {
        formats: options.formats,
        paper: options.paper as Paper,
        generatedAt: reportDate(),
        ...(options.templateDir ? { templateDir: options.templateDir } : {}),
        onNotice: (line) => notices.push(line),
        onStep: options.progress.step,
        ...(options.pdfPrinter ? { pdfPrinter: options.pdfPrinter } : {}),
      });
      pdf = written.pdf;
      if (options.fullCurves) writeFullCurves(dir, study);
    }),
  );
  return { ...outcome, notices, pdf };
}

/** Files for a message: top-level ones by name, those in a subfolder counted (`figures/ (18 files)`). */
export function describeFiles(files: readonly string[]): string {
  const inFolder = new Map<string, number>();
  const named: string[] = [];
  for (const file of files) {
    const slash = file.indexOf('/');
    if (slash < 0) named.push(file);
    else inFolder.set(file.slice(0, slash + 1), (inFolder.get(file.slice(0, slash + 1)) ?? 0) + 1);
  }
  const counted = [...inFolder].map(([folder, n]) => `${folder} (${n} file${n === 1 ? '' : 's'})`);
  return [...named, ...counted].join(', ');
}

function say(line: string): void {
  console.error(`dxreport: ${line}`);
}

/**
 * Chromium started now, when a PDF is wanted and a browser is found: it boots in its own
 * processes while the study is read and evaluated (about 1–3 s of start-up off the run).
 */
async function startPrinterEarly(formats: Set<OutputFormat>): Promise<PdfPrinter | null> {
  if (!formats.has('pdf')) return null;
  const [{ findBrowser }, { startPdfPrinter }] = await Promise.all([
    import('../pdf/findBrowser.js'),
    import('../pdf/printPdf.js'),
  ]);
  const browser = findBrowser();
  return browser ? startPdfPrinter(browser) : null;
}

async function report(studyFile: string, options: ReportCliOptions) {
  const formats = checkOptions(options);
  reportDate(); // a malformed SOURCE_DATE_EPOCH is refused before the work
  const target = resolveOutputTarget(options.out, [studyFile]);
  const lock = lockOutput(target.real, options.out);
  const timings = options.timings ? timeSteps(startProgress()) : null;
  const progress = timings?.progress ?? startProgress();
  let pdfPrinter: PdfPrinter | null = null;
  try {
    pdfPrinter = await startPrinterEarly(formats);
    const evaluated = evaluateStudy(studyFile, options, progress);
    const { results } = evaluated;
    if (options.strict && results.warnings.length > 0) {
      progress.stop();
      throw new StrictWarningsError(results.warnings);
    }
    const outcome = await writeOutputs(evaluated, target, { ...options, formats, progress, pdfPrinter });
    progress.stop();
    const main = ['results.json', 'report.html', 'report.pdf'].filter((f) => outcome.files.includes(f));
    say(`wrote ${main.map((f) => path.join(options.out, f)).join(', ') || options.out}`);
    for (const line of outcome.notices) say(line);
    if (outcome.removed.length > 0) {
      say(
        `removed ${describeFiles(outcome.removed)} from ${options.out}: written by an earlier run, not by this one`,
      );
    }
    printWarnings(results.warnings);
    if (timings) say(timings.summary());
  } finally {
    pdfPrinter?.close();
    progress.stop();
    lock.release();
  }
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'evaluate a study and write results.json, report.html, report.pdf, figures/ and tables/ to a folder',
    )
    .argument('<study>', 'study file (YAML or JSON); see README "Study file"')
    .requiredOption(
      '-o, --out <dir>',
      "output folder: dxreport's files are replaced when the run succeeds, other files are kept",
    )
    .option('-f, --format <list>', 'comma-separated outputs: json, html, pdf', parseFormats, [...FORMATS])
    .option('--no-pdf', 'skip the PDF (no browser needed)')
    .option('--paper <size>', 'PDF paper size: a4 or letter', 'a4')
    .option(
      '--template-dir <dir>',
      "folder of templates overriding the built-in layout.hbs or any partial (a journal's house style)",
    )
    .option('--strict', 'treat every warning as an error: write nothing and exit with status 2')
    .option(
      '--threads <n>',
      'threads for the bootstrap and, from 500,000 cases, the models\' calibrations, at most the CPUs (default: 1, the idle CPUs for a large bootstrap, a thread per idle CPU and model for a large study; see README "Command line"); the results are identical for any number',
      parseThreads,
    )
    .option(
      '--bootstrap-memory <GB>',
      `largest memory the bootstrap may take, in GB; a study needing more is refused before it starts`,
      parseGigabytes,
      DEFAULT_BOOTSTRAP_GIGABYTES,
    )
    .option(
      '--max-input-size <size>',
      'largest data file read, e.g. 500M or 4G (default 1G); FIFOs, devices and directories are always refused',
      parseMaxInputSize,
    )
    .option('--full-curves', 'also write every ROC and precision–recall point as CSV (curves/)')
    .option('--timings', 'print how long each step took, wall and CPU seconds (stderr, at the end)')
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
  curves/             with --full-curves: every ROC and precision–recall point as .csv
  .dxreport-manifest.json   the files above; a later run removes those it does not write again

Examples:
  dxreport report study.yaml --out results
  dxreport report study.yaml --out results --format json        # numbers only, fastest
  dxreport report study.yaml --out results --paper letter --template-dir my-journal/
  SOURCE_DATE_EPOCH=1767225600 dxreport report study.yaml --out results   # fixed report date

Warnings follow the "wrote" line on stderr, one line each.
Exit status: 0 on success; 1 on bad input or an error (one line on stderr naming the file and
line or key); 2 when --strict meets a warning; 128 + signal when interrupted. The --out folder
is left untouched unless the run succeeds.`,
    )
    .action(async (studyFile: string, options: ReportCliOptions) => {
      try {
        await report(studyFile, options);
      } catch (error) {
        if (error instanceof StrictWarningsError) {
          printWarnings(error.warnings, 'error (--strict)');
          console.error(`dxreport: ${error.message}`);
          process.exitCode = EXIT_STRICT;
        } else failWith(error, options.debug);
      }
    });
}
