/**
 * A CSV file as rows of strings, for the commands that need every column (init,
 * import-yolo, YOLO labels): the byte scanner of delimited.ts, every column read.
 */
import { delimitedSource } from './delimited.js';
import { decodeText } from './encoding.js';

export interface CsvTable {
  file: string;
  header: string[];
  rows: string[][];
  /** The 1-based line each row starts on. */
  lines: number[];
}

/** Parses delimited text (a string, or bytes in UTF-8/UTF-16 with or without a BOM). */
export function parseCsv(text: string | Uint8Array, file: string): CsvTable {
  const bytes =
    typeof text === 'string'
      ? Buffer.from(text.replace(/^\uFEFF/, ''), 'utf8')
      : decodeText(text, file).bytes;
  const source = delimitedSource(bytes, file);
  const columns = source.header.map((_, c) => c);
  const table = source.read(columns);
  const readers = columns.map((c) => table.column(c));
  const rows: string[][] = [];
  for (let row = 0; row < table.rows; row++) rows.push(readers.map((column) => column.text(row)));
  return { file, header: source.header, rows, lines: table.rowLines() };
}
