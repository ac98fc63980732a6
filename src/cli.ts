#!/usr/bin/env node
/**
 * The dxreport command line.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { evaluate } from './evaluate/evaluate.js';
import { InputError } from './load/errors.js';
import { loadStudy } from './load/loadStudy.js';
import { writeDirectoryAtomically } from './output/atomicDirectory.js';
import { resultsJson } from './output/resultsJson.js';
import { VERSION } from './version.js';

const FORMATS = ['json', 'html', 'pdf'] as const;
type Format = (typeof FORMATS)[number];

function parseFormats(value: string): Format[] {
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
  return formats as Format[];
}

function progressReporter(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  const started = Date.now();
  return (done, total) => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stderr.write(
      `\rbootstrap ${done}/${total} replicates (${seconds} s)${done === total ? '\n' : ''}`,
    );
  };
}

async function report(
  studyFile: string,
  options: { out: string; format: Format[]; pdf: boolean; debug?: boolean },
) {
  const study = loadStudy(studyFile);
  const onProgress = progressReporter();
  const results = evaluate(study, onProgress ? { onProgress } : {});
  const formats = new Set(options.format);
  if (!options.pdf) formats.delete('pdf');
  const skipped = [...formats].filter((f) => f !== 'json');
  await writeDirectoryAtomically(options.out, async (dir) => {
    writeFileSync(path.join(dir, 'results.json'), resultsJson(results));
  });
  if (skipped.length > 0) {
    console.error(
      `dxreport: ${skipped.join(' and ')} output is not available in this version yet; wrote results.json`,
    );
  }
  console.error(`dxreport: wrote ${path.join(options.out, 'results.json')}`);
}

const program = new Command();
program
  .name('dxreport')
  .description(
    'Statistical supplements for diagnostic-accuracy studies: AUC with DeLong intervals, operating points,\n' +
      'paired tests, precision-recall, calibration and decision curves, from a CSV of scores and a study file.',
  )
  .version(VERSION)
  .showHelpAfterError('(run with --help for usage)');

program
  .command('report')
  .description('evaluate a study and write results.json (and the HTML/PDF report) to a folder')
  .argument('<study>', 'study file (YAML or JSON); see README "Study file"')
  .requiredOption('-o, --out <dir>', 'output folder; replaced atomically when the run succeeds')
  .option('-f, --format <list>', 'comma-separated outputs: json, html, pdf', parseFormats, [...FORMATS])
  .option('--no-pdf', 'skip the PDF (no browser needed)')
  .option('--debug', 'print stack traces on errors')
  .addHelpText(
    'after',
    `
Examples:
  dxreport report study.yaml --out results
  dxreport report study.yaml --out results --format json

Exit status: 0 on success; 1 on bad input (one line on stderr naming the file and line or key);
the output folder is left untouched when a run fails.`,
  )
  .action(
    async (studyFile: string, options: { out: string; format: Format[]; pdf: boolean; debug?: boolean }) => {
      try {
        await report(studyFile, options);
      } catch (error) {
        if (options.debug) console.error(error);
        else if (error instanceof InputError) console.error(`dxreport: ${error.message}`);
        else console.error(`dxreport: ${(error as Error).message} (rerun with --debug for details)`);
        process.exitCode = 1;
      }
    },
  );

await program.parseAsync(process.argv);
