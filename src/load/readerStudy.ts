/**
 * Loading a reader study's reads: the long `reads` file (one row per case × reader ×
 * modality) joined to the case table by id. Every read case must be a known case, every
 * (case, reader, modality) must appear exactly once, every reader must read every case in
 * every modality, and every rating must be a number; otherwise one line names the file, the
 * line and column, and the first read at fault.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { parseCsv, type CsvTable } from './csv.js';
import { closest, InputError } from './errors.js';
import type { ReaderStudySettings } from './readerStudySchema.js';

export interface ReaderStudyData {
  file: string;
  sha256: string;
  rows: number;
  settings: ReaderStudySettings;
  readers: string[];
  modalities: string[];
  /** ratings[t][r][i]: modality t, reader r, case i of the case table (its row order). */
  ratings: Float64Array[][];
}

/** Where a problem is reported: a key of the study file. */
export type StudyKeyError = (key: string, detail: string) => InputError;

const MISSING = new Set(['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', '.']);

function columnOf(table: CsvTable, column: string, key: string, keyError: StudyKeyError): number {
  const index = table.header.indexOf(column);
  if (index >= 0) return index;
  const suggestion = closest(column, table.header);
  throw keyError(
    key,
    `column "${column}" is not in ${path.basename(table.file)}` +
      (suggestion ? ` (did you mean "${suggestion}"?)` : '') +
      `; its columns are: ${table.header.join(', ')}`,
  );
}

const collator = new Intl.Collator('en', { numeric: true });
const naturalOrder = (a: string, b: string) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}

export interface ReadReaderStudyOptions {
  settings: ReaderStudySettings;
  baseDir: string;
  /** Case ids of the case table, in its row order (null when the study has no `id`). */
  caseIds: readonly string[] | null;
  keyError: StudyKeyError;
  /** Reads a file as the case table is read (regular files only, the input size limit). */
  readFile: (file: string, key: string) => Buffer;
}

/** Reads and checks the reads file of `settings`. */
export function readReaderStudy(options: ReadReaderStudyOptions): ReaderStudyData {
  const { settings, baseDir, caseIds, keyError, readFile } = options;
  if (caseIds === null) {
    throw keyError(
      'readerStudy',
      'a reader study needs the case table\'s "id" column to join the reads to the cases',
    );
  }
  const absolute = path.resolve(baseDir, settings.data);
  const bytes = readFile(absolute, 'readerStudy.data');
  const table = parseCsv(bytes.toString('utf8'), displayPath(absolute));
  const file = table.file;
  const caseColumn = columnOf(table, settings.case, 'readerStudy.case', keyError);
  const readerColumn = columnOf(table, settings.reader, 'readerStudy.reader', keyError);
  const modalityColumn = columnOf(table, settings.modality, 'readerStudy.modality', keyError);
  const ratingColumn = columnOf(table, settings.rating, 'readerStudy.rating', keyError);

  const caseIndex = new Map(caseIds.map((id, i) => [id, i]));
  const readers = new Map<string, number>();
  const modalities = new Map<string, number>((settings.modalities ?? []).map((m, t) => [m, t]));
  const fixedModalities = settings.modalities !== undefined;
  if (fixedModalities && modalities.size !== (settings.modalities as string[]).length) {
    throw keyError('readerStudy.modalities', 'a modality is listed twice');
  }
  // reads keyed by case, reader and modality index: the line of each, for duplicates
  const seen = new Map<string, number>();
  const reads: { c: number; r: number; t: number; rating: number }[] = [];

  table.rows.forEach((row, k) => {
    const line = table.lines[k] as number;
    const cell = (column: number, what: string): string => {
      const value = row[column] as string;
      if (MISSING.has(value)) {
        throw new InputError(
          { file, line, column: column + 1 },
          `missing ${what} in column "${table.header[column]}"`,
        );
      }
      return value;
    };
    const caseId = cell(caseColumn, 'case id');
    const c = caseIndex.get(caseId);
    if (c === undefined) {
      throw new InputError(
        { file, line, column: caseColumn + 1 },
        `unknown case "${caseId}": it is not in the case table (column "${settings.case}" must hold the case ids of the study's data)`,
      );
    }
    const reader = cell(readerColumn, 'reader');
    const modality = cell(modalityColumn, 'modality');
    const ratingText = cell(ratingColumn, 'rating');
    const rating = Number(ratingText);
    if (!Number.isFinite(rating)) {
      throw new InputError(
        { file, line, column: ratingColumn + 1 },
        `rating "${ratingText}" in column "${settings.rating}" is not a number`,
      );
    }
    if (!readers.has(reader)) readers.set(reader, readers.size);
    if (!modalities.has(modality)) {
      if (fixedModalities) {
        throw new InputError(
          { file, line, column: modalityColumn + 1 },
          `modality "${modality}" is not in readerStudy.modalities (${(settings.modalities as string[]).join(', ')})`,
        );
      }
      modalities.set(modality, modalities.size);
    }
    const r = readers.get(reader) as number;
    const t = modalities.get(modality) as number;
    const key = `${c}\u0000${r}\u0000${t}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new InputError(
        { file, line },
        `duplicated read: case "${caseId}", reader "${reader}", modality "${modality}" is also on line ${first}; each (case, reader, modality) must appear once`,
      );
    }
    seen.set(key, line);
    reads.push({ c, r, t, rating });
  });

  // readers in natural order (R2 before R10), whatever the order of the rows; modalities as
  // listed in readerStudy.modalities, else as first read (the order says which is "later")
  const readerIds = [...readers.keys()].sort(naturalOrder);
  const modalityIds = [...modalities.keys()];
  if (readerIds.length < 2) {
    throw new InputError(
      { file },
      `only one reader ("${readerIds[0] ?? ''}"): a reader study needs at least two readers`,
    );
  }
  const n = caseIds.length;
  const ratings = modalityIds.map(() => readerIds.map(() => new Float64Array(n).fill(Number.NaN)));
  const readerRank = readerIds.map((id) => readers.get(id) as number);
  const rankOf = new Map(readerRank.map((first, rank) => [first, rank]));
  for (const { c, r, t, rating } of reads)
    (ratings[t] as Float64Array[])[rankOf.get(r) as number]![c] = rating;
  for (let c = 0; c < n; c++) {
    for (let r = 0; r < readerIds.length; r++) {
      for (let t = 0; t < modalityIds.length; t++) {
        if (Number.isNaN((ratings[t] as Float64Array[])[r]![c] as number)) {
          throw new InputError(
            { file },
            `missing read: reader "${readerIds[r]}" has no rating of case "${caseIds[c]}" in modality "${modalityIds[t]}"` +
              ' (every reader must read every case in every modality)',
          );
        }
      }
    }
  }
  return {
    file: absolute,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    rows: table.rows.length,
    settings,
    readers: readerIds,
    modalities: modalityIds,
    ratings,
  };
}
