/**
 * The report's tables as plain data, built once from the results: the HTML shows them
 * (through the view model) and `toCsv` writes them to `tables/<name>.csv`.
 *
 * Every cell carries the string the report shows (`text`, formatted by src/format/numbers.ts) and the
 * full-precision values behind it (`raw`). A column names its raw parts in `csv`, so one
 * display column "0.903 (0.862–0.933)" becomes three CSV columns (estimate, lower, upper);
 * `raw.length === column.csv.length` in every row. Tables are numbered (Table S1, S2, …) in
 * the order the report shows them, which is the order of the returned array.
 */
import type { Results } from '../../results/results.js';
import type { NumberStyle } from '../../format/numbers.js';
import type { SectionId } from '../structure.js';

/** A full-precision value behind a cell, as written to CSV. */
export type RawValue = number | string | boolean | null;

export interface TableColumn {
  /** The header the report shows. */
  label: string;
  /** CSV header of each raw part of the column's cells. */
  csv: string[];
  /** `text` columns are left-aligned; `number` columns right-aligned with tabular figures. */
  kind: 'text' | 'number';
  /** Keep cells on one line (short labels such as test names). */
  nowrap?: boolean;
}

export interface TableCell {
  text: string;
  /** A second, smaller line under `text` (e.g. the count "242/268" under a proportion). */
  sub?: string;
  /** Full-precision values, one per `csv` header of the column. */
  raw: RawValue[];
}

export interface TableRow {
  cells: TableCell[];
  /** First row of a group (a model, an operating point): drawn with a rule above. */
  groupStart?: boolean;
  /** A totals row. */
  total?: boolean;
}

export interface Table {
  /** File stem, e.g. "table-s2-discrimination". */
  name: string;
  /** "Table S2". */
  number: string;
  section: SectionId;
  /** For tables of one operating point: its id. */
  operatingPoint?: string;
  title: string;
  columns: TableColumn[];
  rows: TableRow[];
  /** Footnotes: abbreviations and the interval and test methods used. */
  notes: string[];
  /** A small table shown at its natural width rather than the full text width. */
  narrow?: boolean;
}

export type TableOptions = NumberStyle;

/** A table before numbering: `stem` becomes its file name "table-s<k>-<stem>". */
export type Draft = Omit<Table, 'name' | 'number'> & { stem: string };

/** What every table builder reads. */
export interface TableInput {
  results: Results;
  style: NumberStyle;
}

/** What the builder of a table of one operating point reads. */
export interface PointTableInput extends TableInput {
  pointId: string;
  /** The operating point's label, as the report names it. */
  label: string;
}

/** Stems safe as file names: lower case letters, digits and hyphens. */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'x' : s.slice(0, 40);
}
