/**
 * The case table → `CaseData`: checked cell by cell, row by row (so the first problem in the
 * file is the one reported, with its line and column), straight into typed arrays.
 */
import { defineLazyIds } from './lazyIds.js';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { CaseColumn, CaseTable, CollectedCases, DirectPlan, TableSource } from './caseTable.js';
import type { CaseData, LoadWarning } from './caseData.js';
import { quoteList, quoteValue } from './cellText.js';
import { parseDecimalText, type DecimalSeparator } from './decimal.js';
import { closest, InputError } from './errors.js';
import type { StudyDocument, PathSegment } from './studyDocument.js';
import type { StudyFile } from './studySchema.js';

/** Longest text cell (id, outcome, subgroup, cluster) read, in bytes. */
export const MAX_TEXT_CELL_BYTES = 64 * 1024;

export interface CaseColumns {
  outcome: string;
  id?: string;
  scores: { column: string; scale: 'probability' | 'score' | 'percent' | undefined }[];
  cluster?: string;
  subgroups: string[];
}

export interface ReadCasesInput {
  source: TableSource;
  absoluteFile: string;
  bytes: Uint8Array;
  settings: StudyFile;
  columns: CaseColumns;
  doc: StudyDocument;
  dataKey: PathSegment[];
  warnings: LoadWarning[];
}

export function columnIndex(
  source: { header: string[]; file: string },
  column: string,
  doc: StudyDocument,
  segments: PathSegment[],
): number {
  const index = source.header.indexOf(column);
  if (index >= 0) return index;
  const suggestion = closest(column, source.header);
  const shown = source.header.slice(0, 30).map((h) => quoteValue(h, 40));
  throw doc.error(
    segments,
    `column ${quoteValue(column)} is not in ${path.basename(source.file)}` +
      (suggestion ? ` (did you mean ${quoteValue(suggestion)}?)` : '') +
      `; its columns are: ${shown.join(', ')}${source.header.length > 30 ? `, … (${source.header.length} in all)` : ''}`,
  );
}

/** Does an outcome value equal the study's `outcome.positive`? Numbers by the decimal grammar. */
export function positiveMatches(
  cell: string,
  positive: string | number | boolean,
  decimal: DecimalSeparator,
): boolean {
  if (typeof positive === 'number') return parseDecimalText(cell, decimal) === positive;
  if (typeof positive === 'boolean') return cell.toLowerCase() === String(positive);
  return cell === positive;
}

/** `,` when the score cells read as decimal commas and never as decimal points (first 1000 rows). */
function detectDecimal(table: CaseTable, scoreIndices: number[]): DecimalSeparator {
  if (table.delimiter === undefined || table.delimiter === ',') return '.';
  let commas = 0;
  for (const index of scoreIndices) {
    const column = table.column(index);
    for (let row = 0; row < Math.min(table.rows, 1000); row++) {
      if (column.isMissing(row)) continue;
      const text = column.size(row) < 64 ? column.text(row) : '';
      if (text.includes('.') && !Number.isNaN(column.number(row, '.'))) return '.';
      if (text.includes(',') && !Number.isNaN(column.number(row, ','))) commas++;
    }
  }
  return commas > 0 ? ',' : '.';
}

function notANumber(cell: string, column: string, decimal: DecimalSeparator): string {
  const base = `score ${quoteValue(cell)} in column ${quoteValue(column)} is not a finite number`;
  if (decimal === '.' && !Number.isNaN(parseDecimalText(cell, ',')))
    return `${base}: for decimal commas set decimal: "," in the study file`;
  if (decimal === ',' && !Number.isNaN(parseDecimalText(cell, '.')))
    return `${base}: the study says decimal: ",", but this has a decimal point`;
  if (cell.trim() !== '' && Number.isFinite(Number(cell)))
    return `${base}: only decimal numbers are read (no hexadecimal, binary or octal)`;
  return base;
}

/** Reads, checks and converts the columns the study uses. */
export function readCases(input: ReadCasesInput): { data: CaseData; negativeLabel: string } {
  const { source, settings, columns, doc } = input;
  const outcomeIndex = columnIndex(source, columns.outcome, doc, ['outcome', 'column']);
  const idIndex = columns.id === undefined ? -1 : columnIndex(source, columns.id, doc, ['id']);
  const scoreIndices = columns.scores.map((s, i) =>
    columnIndex(source, s.column, doc, ['models', i, 'score']),
  );
  scoreIndices.forEach((index, i) => {
    if (index === outcomeIndex) {
      throw doc.error(
        ['models', i, 'score'],
        `the score column cannot be the outcome column ${quoteValue(columns.outcome)}`,
      );
    }
  });
  const clusterIndex =
    columns.cluster === undefined ? -1 : columnIndex(source, columns.cluster, doc, ['cluster']);
  const subgroupIndices = columns.subgroups.map((column, i) =>
    columnIndex(source, column, doc, ['subgroups', i]),
  );
  const plan: DirectPlan = {
    outcome: outcomeIndex,
    scores: scoreIndices.map((index, m) => ({
      index,
      scale: (columns.scores[m] as CaseColumns['scores'][number]).scale,
    })),
    id: idIndex,
    cluster: clusterIndex,
    subgroups: subgroupIndices,
    decimal: settings.decimal ?? '.',
    drop: settings.missing === 'drop',
  };
  // the one-pass reader when nothing in the table needs a message, else the general one
  const collected = source.readDirect?.(plan) ?? collectCases(input, plan);
  return casesFrom(collected, input);
}

/**
 * The general reader: the table's cells checked row by row in the order of the checks below,
 * so that the first problem is reported with its line and column.
 */
function collectCases(input: ReadCasesInput, plan: DirectPlan): CollectedCases {
  const { source, settings, columns } = input;
  const { outcome: outcomeIndex, id: idIndex, cluster: clusterIndex } = plan;
  const scoreIndices = plan.scores.map((s) => s.index);
  const subgroupIndices = plan.subgroups;
  const used = [outcomeIndex, ...scoreIndices, ...subgroupIndices];
  if (idIndex >= 0) used.push(idIndex);
  if (clusterIndex >= 0) used.push(clusterIndex);
  const table = source.read(used);
  const file = table.file;

  let decimal: DecimalSeparator = settings.decimal ?? '.';
  if (settings.decimal === undefined && detectDecimal(table, scoreIndices) === ',') {
    decimal = ',';
    input.warnings.push({
      code: 'decimal-comma-detected',
      message: `${path.basename(file)} is separated by "${table.delimiter === '\t' ? 'tab' : table.delimiter}" with decimal commas: scores such as "0,83" were read as 0.83 (add decimal: "," to the study file to say so)`,
      path: input.dataKey.join('.'),
    });
  }
  const rows = table.rows;
  const at = (row: number, column: number) => ({ file, ...table.location(row, column) });
  const checkTextSize = (column: CaseColumn, row: number, index: number) => {
    if (column.size(row) > MAX_TEXT_CELL_BYTES) {
      throw new InputError(
        at(row, index),
        `a value of ${column.size(row)} bytes in column ${quoteValue(table.header[index] as string)}: at most ${MAX_TEXT_CELL_BYTES} are read`,
      );
    }
  };
  const textOf = (column: CaseColumn, row: number, index: number) => {
    checkTextSize(column, row, index);
    return column.text(row);
  };

  const outcome = table.column(outcomeIndex);
  const levelRows: number[] = []; // the first row of each outcome value
  const levelNames: string[] = [];
  const levelOfRow = new Uint8Array(rows);
  const scoreColumns = scoreIndices.map((index) => table.column(index));
  const scores = scoreIndices.map(() => new Float64Array(rows));
  const idColumn = idIndex >= 0 ? table.column(idIndex) : null;
  // the row of each kept case, for its id when the ids are read (lazyIds.ts)
  const idRowOfCase = idColumn ? new Uint32Array(rows) : null;
  const idRows = new RowSet(idColumn, rows);
  const clusterColumn = clusterIndex >= 0 ? table.column(clusterIndex) : null;
  const clusterNames: string[] = [];
  const subgroupColumns = subgroupIndices.map((index) => table.column(index));
  const subgroupValues = columns.subgroups.map((): string[] => []);
  let kept = 0;

  for (let row = 0; row < rows; row++) {
    if (outcome.isMissing(row)) {
      throw new InputError(
        at(row, outcomeIndex),
        `missing outcome in column ${quoteValue(columns.outcome)}: every case needs a reference-standard result`,
      );
    }
    // (plain loops below, no closure per row: at 10⁶ rows they were most of the garbage)
    let level = -1;
    for (let k = 0; k < levelRows.length && level < 0; k++) {
      if (outcome.equal(levelRows[k] as number, row)) level = k;
    }
    if (level < 0) {
      const name = textOf(outcome, row, outcomeIndex);
      if (levelRows.length === 2) {
        throw new InputError(
          at(row, outcomeIndex),
          `outcome column ${quoteValue(columns.outcome)} has a third value ${quoteValue(name)} (after ${quoteList(levelNames)}): it must hold exactly two values`,
        );
      }
      level = levelRows.length;
      levelRows.push(row);
      levelNames.push(name);
    }
    let missing = false;
    for (let m = 0; m < scoreColumns.length && !missing; m++) {
      const column = scoreColumns[m] as CaseColumn;
      const { column: name, scale } = columns.scores[m] as CaseColumns['scores'][number];
      let value = column.number(row, decimal);
      if (Number.isNaN(value)) {
        if (column.isMissing(row)) {
          if (settings.missing === 'drop') {
            missing = true;
            break;
          }
          throw new InputError(
            at(row, scoreIndices[m] as number),
            `missing score in column ${quoteValue(name)} (set "missing: drop" in the study file to drop such rows)`,
          );
        }
        throw new InputError(
          at(row, scoreIndices[m] as number),
          notANumber(
            column.size(row) > 4096 ? column.text(row).slice(0, 100) + '…' : column.text(row),
            name,
            decimal,
          ),
        );
      }
      if (!Number.isFinite(value)) {
        throw new InputError(
          at(row, scoreIndices[m] as number),
          `score ${quoteValue(column.text(row))} in column ${quoteValue(name)} is not a finite number`,
        );
      }
      // (the context closure only when a check can fail or percent converts)
      if (scale === 'percent' || (scale === 'probability' && !(value >= 0 && value <= 1))) {
        value = checkedScale(value, scale, () => ({
          where: at(row, scoreIndices[m] as number),
          cell: column.text(row),
          name,
        }));
      }
      (scores[m] as Float64Array)[kept] = value;
    }
    if (missing) continue;
    if (idColumn) {
      if (idColumn.isMissing(row))
        throw new InputError(
          at(row, idIndex),
          `missing case id in column ${quoteValue(columns.id as string)}`,
        );
      checkTextSize(idColumn, row, idIndex);
      const previous = idRows.add(row);
      if (previous >= 0) {
        const first = table.location(previous, idIndex).line;
        throw new InputError(
          at(row, idIndex),
          `duplicate case id ${quoteValue(idColumn.text(row))} (first on line ${first}); ids in column ${quoteValue(columns.id as string)} must be unique`,
        );
      }
      (idRowOfCase as Uint32Array)[kept] = row;
    }
    levelOfRow[kept] = level;
    if (clusterColumn) {
      if (clusterColumn.isMissing(row)) {
        throw new InputError(
          at(row, clusterIndex),
          `missing cluster in column ${quoteValue(columns.cluster as string)}: every case needs its patient (or other cluster)`,
        );
      }
      clusterNames.push(textOf(clusterColumn, row, clusterIndex));
    }
    for (let s = 0; s < subgroupColumns.length; s++) {
      const column = subgroupColumns[s] as CaseColumn;
      (subgroupValues[s] as string[]).push(textOf(column, row, subgroupIndices[s] as number));
    }
    kept++;
  }
  return {
    rows,
    kept,
    levelNames,
    levels: levelOfRow,
    scores,
    idOf: idColumn
      ? (i: number) => (idColumn as CaseColumn).text((idRowOfCase as Uint32Array)[i] as number)
      : null,
    clusters: clusterIndex >= 0 ? clusterCodes(clusterNames) : null,
    subgroupValues,
    decimal,
  };
}

/** `CaseData` from the cases read: the positive class found, labels set, ids made lazily. */
function casesFrom(
  collected: CollectedCases,
  input: ReadCasesInput,
): { data: CaseData; negativeLabel: string } {
  const { settings, columns, doc } = input;
  const file = input.source.file;
  const { rows, kept, levelNames, scores } = collected;
  const positive = positiveLevel(levelNames, settings, collected.decimal, file, doc);
  const labels = new Uint8Array(kept);
  let positives = 0;
  for (let i = 0; i < kept; i++) {
    const isPositive = collected.levels[i] === positive ? 1 : 0;
    labels[i] = isPositive;
    positives += isPositive;
  }
  const positiveName = levelNames[positive] as string;
  const negativeLabel = levelNames.find((_, level) => level !== positive) as string;
  if (kept < rows && (positives === 0 || positives === kept)) {
    const left = positives === 0 ? negativeLabel : positiveName;
    throw doc.error(
      ['missing'],
      `after dropping ${rows - kept} of ${rows} rows with a missing score, only outcome ${quoteValue(left)} is left in ${path.basename(file)}: a diagnostic study needs positive and negative cases`,
    );
  }
  const { idOf } = collected;
  return {
    data: defineLazyIds(
      {
        file: input.absoluteFile,
        sha256: createHash('sha256').update(input.bytes).digest('hex'),
        rows,
        dropped: rows - kept,
        labels,
        scores: scores.map((s) => (s.length === kept ? s : s.slice(0, kept))),
        clusters: collected.clusters,
        subgroupValues: new Map(
          columns.subgroups.map((c, s) => [c, collected.subgroupValues[s] as string[]]),
        ),
      },
      idOf !== null,
      kept,
      idOf ?? (() => ''),
    ),
    negativeLabel,
  };
}

/**
 * Rows of a column by value, to find a duplicate: an open-addressing table of row numbers
 * keyed by the cell's hash (linear probing, at most half full), cells compared in place.
 */
class RowSet {
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(
    private readonly column: CaseColumn | null,
    rows: number,
  ) {
    let size = 16;
    while (size < rows * 2) size *= 2;
    this.slots = column ? new Int32Array(size).fill(-1) : new Int32Array(0);
    this.mask = size - 1;
  }

  /** Adds `row`; returns the earlier row holding the same value, or −1. */
  add(row: number): number {
    const column = this.column as CaseColumn;
    let slot = column.hash(row) & this.mask;
    for (;;) {
      const other = this.slots[slot] as number;
      if (other < 0) {
        this.slots[slot] = row;
        return -1;
      }
      if (column.equal(other, row)) return other;
      slot = (slot + 1) & this.mask;
    }
  }
}

interface ScaleContext {
  where: { file: string; line?: number; column?: number };
  cell: string;
  name: string;
}

/** The score on the scale evaluate uses: percentages ÷ 100; range checks with non-circular advice. */
function checkedScale(
  value: number,
  scale: CaseColumns['scores'][number]['scale'],
  context: () => ScaleContext,
): number {
  if (scale === 'probability' && (value < 0 || value > 1)) {
    const { where, cell, name } = context();
    const hint =
      value >= 0 && value <= 100
        ? 'if the scores are percentages (0–100), set scores: percent; if they are not probabilities at all, set scores: score'
        : 'if these are not probabilities, set scores: score';
    throw new InputError(
      where,
      `score ${quoteValue(cell)} in column ${quoteValue(name)} is outside [0, 1], but the study says scores: probability (${hint})`,
    );
  }
  if (scale === 'percent') {
    if (value < 0 || value > 100) {
      const { where, cell, name } = context();
      throw new InputError(
        where,
        `score ${quoteValue(cell)} in column ${quoteValue(name)} is outside [0, 100], but the study says scores: percent (if these are not percentages, set scores: score)`,
      );
    }
    return value / 100;
  }
  return value;
}

function positiveLevel(
  levels: string[],
  settings: StudyFile,
  decimal: DecimalSeparator,
  file: string,
  doc: StudyDocument,
): number {
  const wanted = settings.outcome.positive;
  const matching = levels
    .map((v, level) => (positiveMatches(v, wanted, decimal) ? level : -1))
    .filter((l) => l >= 0);
  const column = quoteValue(settings.outcome.column);
  if (matching.length > 1) {
    throw doc.error(
      ['outcome', 'positive'],
      `${JSON.stringify(wanted)} matches both ${quoteList(levels)} in column ${column} of ${path.basename(file)}: write the outcome with one spelling per class`,
    );
  }
  const positive = matching[0];
  if (positive === undefined) {
    throw doc.error(
      ['outcome', 'positive'],
      `no case in ${path.basename(file)} has outcome ${quoteValue(String(wanted))}; column ${column} holds ${quoteList(levels)}`,
    );
  }
  if (levels.length < 2) {
    throw new InputError(
      { file },
      `outcome column ${column} holds only ${quoteValue(levels[0] as string)}: a diagnostic study needs positive and negative cases`,
    );
  }
  return positive;
}

/** Clusters numbered in sorted name order, so that the numbering does not depend on the row order. */
function clusterCodes(names: string[]): Int32Array {
  const distinct = [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const indexOf = new Map(distinct.map((name, index) => [name, index]));
  return Int32Array.from(names, (name) => indexOf.get(name) as number);
}
