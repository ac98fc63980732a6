/**
 * Table: every input file the analysis read (the study file, the test data, the validation
 * set, a reader study's ratings), each with the SHA-256 of its bytes, so that a reader can
 * check that a re-analysis used the very same files. Shown in the reproducibility section,
 * the one place of the report that names files.
 */
import type { Results } from '../../results/results.js';
import { formatInteger } from '../../format/numbers.js';
import { cell, numberColumn, textCell, textColumn } from './cells.js';
import type { Draft, TableInput, TableRow } from './table.js';

export interface InputFile {
  /** What the file is, in words: "Study file", "Test data", … */
  role: string;
  /** Its name as the study file gives it. */
  file: string;
  sha256: string;
  /** Data rows read, when it is a data file. */
  rows: number | null;
}

/** The input files recorded in the results, in the order the analysis read them. */
export function inputFiles(results: Results): InputFile[] {
  const { input } = results;
  const files: InputFile[] = [];
  if (input.study)
    files.push({ role: 'Study file', file: input.study.file, sha256: input.study.sha256, rows: null });
  files.push({ role: 'Test data', file: input.data, sha256: input.sha256, rows: input.rows });
  if (input.validation) {
    const v = input.validation;
    files.push({ role: 'Validation data (thresholds)', file: v.data, sha256: v.sha256, rows: v.rows });
  }
  const reads = results.readerStudy?.input;
  if (reads)
    files.push({ role: 'Reader-study ratings', file: reads.data, sha256: reads.sha256, rows: reads.rows });
  return files;
}

export function inputFilesTable({ results }: TableInput): Draft {
  const rows: TableRow[] = inputFiles(results).map((f) => ({
    cells: [
      textCell(f.role),
      cell(f.file, [f.file, f.sha256], `SHA-256 ${f.sha256}`),
      cell(f.rows === null ? '' : formatInteger(f.rows), [f.rows]),
    ],
  }));
  return {
    stem: 'input-files',
    section: 'reproducibility',
    title: 'Input files',
    columns: [
      textColumn('Input', 'input'),
      { ...textColumn('File (SHA-256)', 'file'), csv: ['file', 'sha256'] },
      numberColumn('Rows read', ['rows']),
    ],
    rows,
    notes: ['SHA-256 of each file’s bytes as read; a file with another hash is not the file analysed here.'],
  };
}
