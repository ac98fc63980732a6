/**
 * The dxreport command line's commands, each in its own file (loaded by cli.ts, the `bin`).
 */
import './zodJitless.js'; // first: before any zod schema is built
import { Command } from 'commander';
import { VERSION } from '../version.js';
import { registerImportYolo } from './importYolo.js';
import { registerInit } from './init.js';
import { registerReport } from './report.js';

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

registerReport(program);
registerInit(program);
registerImportYolo(program);

// Once nothing is left to do (the event loop has drained: files written, browser stopped),
// exit at once rather than through Node's environment teardown — freeing the heap page by page
// takes 10–15 ms of a 0.5 s one-shot run on a virtual machine, and nothing is left to lose.
process.once('beforeExit', () => process.exit());

// not awaited: the bundle is CommonJS (no top-level await); a rejection still ends the process
void program.parseAsync(process.argv);
