/**
 * Reading the case table: a real CSV parser (quoted fields, BOM, CRLF), delimiter
 * detected among `,` `;` and tab from the header line. Every problem is reported with the
 * file and the 1-based line it is on.
 */
import { parse } from 'csv-parse/sync';
import { InputError } from './errors.js';

export interface CsvTable {
  file: string;
  header: string[];
  rows: string[][];
  /** The 1-based line each row starts on. */
  lines: number[];
}

function detectDelimiter(text: string): string {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  let best = ',';
  let bestCount = 0;
  for (const delimiter of [',', ';', '\t']) {
    let count = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === delimiter) count++;
    }
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

interface ParsedRecord {
  record: string[];
  /** bytes: UTF-8 bytes read once the record (and its line break) is consumed. */
  info: { lines: number; bytes: number; error?: unknown };
}

/**
 * The 1-based line on which a record starting at a byte offset begins, for offsets asked in
 * increasing order: CRLF, LF and lone CR count as one line break each.
 */
function lineCounter(bytes: Buffer): (offset: number) => number {
  let position = 0;
  let line = 1;
  const step = () => {
    const byte = bytes[position];
    if (byte === 0x0a) line++;
    else if (byte === 0x0d && bytes[position + 1] !== 0x0a) line++;
    position++;
  };
  return (offset) => {
    while (position < offset && position < bytes.length) step();
    // skipped empty lines: a record never starts with a line break
    while (bytes[position] === 0x0a || bytes[position] === 0x0d) step();
    return line;
  };
}

export function parseCsv(text: string, file: string): CsvTable {
  const delimiter = detectDelimiter(text);
  let records: ParsedRecord[];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    const message = (error as Error).message.replace(/^Invalid[^:]*:\s*/, '');
    throw new InputError({ file, line }, `not valid CSV: ${message}`);
  }
  const first = records[0];
  if (!first) throw new InputError({ file }, 'the file is empty: expected a header row and one row per case');
  const header = first.record;
  const seen = new Map<string, number>();
  header.forEach((name, index) => {
    if (name === '')
      throw new InputError({ file, line: 1, column: index + 1 }, 'empty column name in the header');
    if (seen.has(name)) {
      throw new InputError({ file, line: 1 }, `column "${name}" appears twice in the header`);
    }
    seen.set(name, index);
  });
  const rows: string[][] = [];
  const lines: number[] = [];
  const lineAt = lineCounter(Buffer.from(text, 'utf8'));
  let recordStart = first.info.bytes;
  for (const { record, info } of records.slice(1)) {
    // the record starts where the previous one ended; its line is 1 + the line breaks before
    // that (counted ourselves: the parser's own line count drifts on CRLF inside quotes)
    const line = lineAt(recordStart);
    recordStart = info.bytes;
    if (record.length !== header.length) {
      throw new InputError(
        { file, line },
        `row has ${record.length} field${record.length === 1 ? '' : 's'} but the header has ${header.length}` +
          ` (delimiter "${delimiter === '\t' ? '\\t' : delimiter}"; quote fields that contain it)`,
      );
    }
    rows.push(record);
    lines.push(line);
  }
  if (rows.length === 0) throw new InputError({ file }, 'no data rows below the header');
  return { file, header, rows, lines };
}
