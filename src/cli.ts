#!/usr/bin/env node
/**
 * The dxreport command line.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { availableParallelism } from 'node:os';
import { evaluate } from './evaluate/evaluate.js';
import { startBootstrapWorkers } from './evaluate/bootstrapThreads.js';
import { InputError } from './load/errors.js';
import { loadStudy, type Study } from './load/loadStudy.js';
import { parseCsv } from './load/csv.js';
import {
  readYoloScores,
  refuseOverwritingInputs,
  writeFileReplacing,
  yoloImportHeader,
  type YoloAggregate,
} from './load/yolo.js';
import { starterStudyWithNotices } from './commands/initStudy.js';
import { formatCsv } from './output/csv.js';
import { writeDirectoryAtomically } from './output/atomicDirectory.js';
import type { Paper } from './pdf/printPdf.js';
import { reportDate, writeReport, type OutputFormat, type ReportOutcome } from './report/writeReport.js';
import { VERSION } from './version.js';
import { writeFullCurves } from './output/fullCurves.js';

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

function progressReporter(replicates: number): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  const started = Date.now();
  return (done, total) => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const what =
      total > replicates
        ? `resamples: ${replicates} replicates + ${total - replicates} jackknife fits for BCa`
        : 'replicates';
    process.stderr.write(`\rbootstrap ${done}/${total} ${what} (${seconds} s)${done === total ? '\n' : ''}`);
  };
}

/**
 * Bootstrap size (replicates × models × cases, plus the jackknife's fits) from which the
 * default is every CPU. Worker threads start cold in a one-shot run: below this they cost
 * more than they save (measured: 2 threads ≈ 0.1 s slower at 2000 × 2 × 2500, even at
 * 2000 × 2 × 5000, 1.7 s faster at 2000 × 2 × 20 000).
 */
const THREADED_BOOTSTRAP_SIZE = 20_000_000;

/** Threads for the bootstrap when --threads is not given: every CPU (at most 8) for a large bootstrap, else 1. */
function defaultThreads(study: Study): number {
  const { replicates, interval } = study.settings.bootstrap;
  const cases = study.data.labels.length;
  const size = (replicates + (interval === 'bca' ? cases : 0)) * study.models.length * cases;
  return size >= THREADED_BOOTSTRAP_SIZE ? Math.max(1, Math.min(8, availableParallelism())) : 1;
}

function parseThreads(value: string): number {
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) {
    throw new InvalidArgumentError(`"${value}": use a whole number of threads from 1 to 64`);
  }
  return threads;
}

interface ReportCliOptions {
  threads?: number;
  out: string;
  format: OutputFormat[];
  pdf: boolean;
  paper: string;
  templateDir?: string;
  fullCurves?: boolean;
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
    if (options.fullCurves) writeFullCurves(dir, study);
  });
  for (const line of notices) console.error(`dxreport: ${line}`);
  const written = ['results.json', 'report.html', 'report.pdf'].filter((f) => outcome?.files.includes(f));
  console.error(`dxreport: wrote ${written.map((f) => path.join(options.out, f)).join(', ') || options.out}`);
}

const program = new Command();
program
  .name('dxreport')
  .description(
    'Statistical supplements for diagnostic-accuracy studies: AUC with DeLong intervals, operating points, ' +
      'paired tests, precision-recall, calibration and decision curves, from a CSV of scores and a study file.',
  )
  .addHelpText(
    'after',
    `
Getting started:
  dxreport init predictions.csv            # write a commented study.yaml from your CSV's columns
  dxreport report study.yaml --out results # results.json, report.html, report.pdf, figures/, tables/

Run "dxreport <command> --help" for each command's options.`,
  )
  .version(VERSION)
  .showHelpAfterError('(run with --help for usage)');

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
  .option('--full-curves', 'also write every ROC and precision–recall point as CSV (curves/)')
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

function failWith(error: unknown, debug?: boolean): void {
  if (debug) console.error(error);
  else if (error instanceof InputError) console.error(`dxreport: ${error.message}`);
  else console.error(`dxreport: ${(error as Error).message} (rerun with --debug for details)`);
  process.exitCode = 1;
}

program
  .command('init')
  .description('inspect a CSV of cases and write a commented starter study file')
  .argument('<data>', 'CSV with one row per case: an outcome column and one score column per model')
  .option('-o, --out <file>', 'where to write the study file', 'study.yaml')
  .option('--force', 'overwrite an existing study file')
  .addHelpText(
    'after',
    `
Guesses the outcome (a two-valued column), the id column and the score columns (numbers in
[0, 1]) and declares the usual operating points (sensitivity ≥ 0.90, specificity ≥ 0.90,
Youden) with every setting at its default. Check the guesses, then:
  dxreport report study.yaml --out results`,
  )
  .action((dataFile: string, options: { out: string; force?: boolean }) => {
    try {
      if (existsSync(options.out) && !options.force) {
        throw new Error(`${options.out} exists; choose another --out or add --force to overwrite it`);
      }
      let text: string;
      try {
        text = readFileSync(dataFile, 'utf8');
      } catch {
        throw new InputError({ file: dataFile }, 'cannot read the file');
      }
      const table = parseCsv(text, dataFile);
      const relative =
        path.relative(path.dirname(path.resolve(options.out)), path.resolve(dataFile)) || dataFile;
      const starter = starterStudyWithNotices(table, relative.split(path.sep).join('/'));
      writeFileSync(options.out, starter.text);
      console.error(
        `dxreport: wrote ${options.out}; check the guessed columns, then run: dxreport report ${options.out} --out results`,
      );
      for (const notice of starter.notices) console.error(`dxreport: ${notice}`);
    } catch (error) {
      failWith(error);
    }
  });

const collect = (value: string, previous: string[]) => [...previous, value];

program
  .command('import-yolo')
  .description('turn YOLO detection files (one folder per model) into a CSV of image-level scores')
  .requiredOption('--labels <csv>', 'CSV of image ids and reference-standard labels')
  .requiredOption('--id <column>', 'column of image ids in --labels (the detection files are <id>.txt)')
  .requiredOption(
    '--model <name=folder>',
    'a model and its folder of --save-txt --save-conf files (repeat)',
    collect,
    [],
  )
  .requiredOption('-o, --out <csv>', 'CSV to write: the labels columns plus one score column per model')
  .option('--aggregate <how>', 'image score from its boxes: max | noisy-or | top-k-mean', 'max')
  .option('--top-k <k>', 'boxes averaged by top-k-mean', '3')
  .option('--classes <list>', 'comma-separated class ids to keep (default: all)')
  .addHelpText(
    'after',
    `
Each detection file holds one box per line, "class cx cy w h conf" (YOLOv5/v8 --save-txt
--save-conf). Images with no file or no kept boxes score 0. Example:
  dxreport import-yolo --labels labels.csv --id image --model tl=runs/tl/labels --model sc=runs/sc/labels --out predictions.csv`,
  )
  .action(
    (options: {
      labels: string;
      id: string;
      model: string[];
      out: string;
      aggregate: string;
      topK: string;
      classes?: string;
    }) => {
      try {
        if (!['max', 'noisy-or', 'top-k-mean'].includes(options.aggregate)) {
          throw new Error(`--aggregate ${options.aggregate}: use max, noisy-or or top-k-mean`);
        }
        const topK = Number(options.topK);
        if (!Number.isInteger(topK) || topK < 1)
          throw new Error(`--top-k ${options.topK}: use a whole number ≥ 1`);
        const classes = options.classes ? options.classes.split(',').map((c) => Number(c.trim())) : [];
        if (classes.some((c) => !Number.isInteger(c) || c < 0)) {
          throw new Error(`--classes ${options.classes}: use comma-separated class numbers, e.g. 0,2`);
        }
        const table = parseCsv(readFileSync(options.labels, 'utf8'), options.labels);
        const idIndex = table.header.indexOf(options.id);
        if (idIndex < 0) {
          throw new InputError(
            { file: options.labels, line: 1 },
            `no column "${options.id}"; columns are ${table.header.join(', ')}`,
          );
        }
        const ids = table.rows.map((row) => row[idIndex] as string);
        const models = options.model.map((spec) => {
          const [name, folder] = spec.split('=', 2);
          if (!name || !folder) throw new Error(`--model ${spec}: write it as name=folder`);
          return { name, folder };
        });
        const scores = models.map((m) =>
          readYoloScores(m.folder, ids, { aggregate: options.aggregate as YoloAggregate, topK, classes }),
        );
        const header = yoloImportHeader(options.labels, table.header, models);
        refuseOverwritingInputs(options.out, [options.labels]);
        const rows = table.rows.map((row, r) => [...row, ...scores.map((s) => String(s[r] as number))]);
        writeFileReplacing(options.out, formatCsv(header, rows));
        console.error(`dxreport: wrote ${options.out} (${rows.length} images, ${models.length} model(s))`);
      } catch (error) {
        failWith(error);
      }
    },
  );

await program.parseAsync(process.argv);
