/** `dxreport init <data.csv>`: write a commented starter study file from a CSV's columns. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { starterStudyWithNotices } from '../commands/initStudy.js';
import { parseCsv } from '../load/csv.js';
import { InputError } from '../load/errors.js';
import { failWith, UsageError } from './fail.js';

interface InitCliOptions {
  out: string;
  force?: boolean;
}

function init(dataFile: string, options: InitCliOptions): void {
  if (existsSync(options.out) && !options.force) {
    throw new UsageError(`${options.out} exists; choose another --out or add --force to overwrite it`);
  }
  let text: string;
  try {
    text = readFileSync(dataFile, 'utf8');
  } catch {
    throw new InputError({ file: dataFile }, 'cannot read the file');
  }
  const table = parseCsv(text, dataFile);
  const relative = path.relative(path.dirname(path.resolve(options.out)), path.resolve(dataFile)) || dataFile;
  const starter = starterStudyWithNotices(table, relative.split(path.sep).join('/'));
  writeFileSync(options.out, starter.text);
  console.error(
    `dxreport: wrote ${options.out}; check the guessed columns, then run: dxreport report ${options.out} --out results`,
  );
  for (const notice of starter.notices) console.error(`dxreport: ${notice}`);
}

export function registerInit(program: Command): void {
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
    .action((dataFile: string, options: InitCliOptions) => {
      try {
        init(dataFile, options);
      } catch (error) {
        failWith(error);
      }
    });
}
