/**
 * What the loader reads from a case table, whatever its format (CSV, Parquet, Excel, YOLO
 * folders): the header first, then only the columns the study uses, as cells read in place
 * (no per-row objects): a score goes straight from the file's bytes into a Float64Array.
 */
import { parseDecimalText, type DecimalSeparator } from './decimal.js';

/** Where a cell is, for messages: line (CSV), row number (Parquet, Excel) and 1-based column. */
export interface CellLocation {
  line?: number;
  column?: number;
}

export interface CaseColumn {
  /** Blank or one of the missing-value tokens (NA, N/A, NaN, nan, null, NULL, "."). */
  isMissing(row: number): boolean;
  /** The cell as a number by the decimal grammar (see decimal.ts), or NaN when it is not one. */
  number(row: number, separator: DecimalSeparator): number;
  /** The cell as text (trimmed; a quoted field as written between its quotes). */
  text(row: number): string;
  /** Byte length of the cell as stored, to refuse giant text without decoding it. */
  size(row: number): number;
  /** Do two cells hold the same value (compared without decoding where possible)? */
  equal(a: number, b: number): boolean;
  /** A 32-bit hash of the cell's value, equal for equal cells (duplicate ids without a Map). */
  hash(row: number): number;
}

/** FNV-1a over UTF-16 code units: the hash of a text cell. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export interface CaseTable {
  /** Path as shown to the user. */
  file: string;
  header: string[];
  rows: number;
  /** The field separator, for CSV messages. */
  delimiter?: string;
  /** The columns read (indices into header); `column` accepts only these. */
  column(index: number): CaseColumn;
  location(row: number, column: number): CellLocation;
}

/** A table whose header is known; `read` brings in the named columns only. */
export interface TableSource {
  file: string;
  header: string[];
  delimiter?: string;
  read(columns: readonly number[]): CaseTable;
  /** The cases read in one pass when nothing in the table is out of the ordinary, else null (directCases.ts). */
  readDirect?(plan: DirectPlan): DirectCases | null;
}

/** What the one-pass reader is asked for: header indices of the study's columns and how to read them. */
export interface DirectPlan {
  outcome: number;
  scores: { index: number; scale: 'probability' | 'score' | 'percent' | undefined }[];
  /** −1 when absent. */
  id: number;
  cluster: number;
  subgroups: number[];
  decimal: DecimalSeparator;
  /** `missing: drop`: a row with a missing score is left out. */
  drop: boolean;
}

/** The cases as read (before the positive class is known), the same whichever reader read them. */
export interface CollectedCases {
  /** Data rows in the table. */
  rows: number;
  /** Cases kept (rows less those dropped for a missing score). */
  kept: number;
  /** The outcome values in order of first appearance, and each kept case's index into them. */
  levelNames: string[];
  levels: Uint8Array;
  /** One array per model, at least `kept` long (percentages already ÷ 100). */
  scores: Float64Array[];
  /** The id of kept case `i`; null without an id column. */
  idOf: ((i: number) => string) | null;
  /** Cluster of each kept case, numbered in sorted name order; null without a cluster column. */
  clusters: Int32Array | null;
  /** Each subgroup column's value per kept case. */
  subgroupValues: string[][];
  /** The decimal separator the scores were read with. */
  decimal: DecimalSeparator;
}

export type DirectCases = CollectedCases;

/** Missing-value tokens: what R, pandas, Stata and Excel write for a missing value. */
export const MISSING_TOKENS: ReadonlySet<string> = new Set([
  '',
  'NA',
  'N/A',
  'NaN',
  'nan',
  'null',
  'NULL',
  '.',
]);

/** A column held as strings (YOLO-built tables, Excel text cells). */
export class TextColumn implements CaseColumn {
  constructor(private readonly values: readonly string[]) {}
  isMissing(row: number): boolean {
    return MISSING_TOKENS.has(this.values[row] as string);
  }
  number(row: number, separator: DecimalSeparator): number {
    return parseDecimalText(this.values[row] as string, separator);
  }
  text(row: number): string {
    return this.values[row] as string;
  }
  size(row: number): number {
    return (this.values[row] as string).length;
  }
  equal(a: number, b: number): boolean {
    return this.values[a] === this.values[b];
  }
  hash(row: number): number {
    return hashText(this.values[row] as string);
  }
}

/** A table over in-memory string columns. */
export function textTable(
  file: string,
  header: string[],
  columns: (readonly string[])[],
  lines?: readonly number[],
): CaseTable {
  const rows = columns[0]?.length ?? 0;
  return {
    file,
    header,
    rows,
    column: (index) => new TextColumn(columns[index] as readonly string[]),
    location: (row, column) => ({
      ...(lines ? { line: lines[row] as number } : { line: row + 2 }),
      column: column + 1,
    }),
  };
}
