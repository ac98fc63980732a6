/**
 * A byte scanner for delimited text (CSV, semicolon- and tab-separated), RFC 4180 quoting
 * with `""` inside quotes, CRLF/LF/CR line breaks, empty lines skipped, blanks around
 * unquoted fields trimmed. It keeps only where each used cell lies (two Uint32 offsets),
 * never a string per cell: a score is parsed from the bytes by the decimal grammar, text is
 * decoded only when asked for. Chosen over csv-parse, d3-dsv, udsv and papaparse by
 * bench/csv.mjs (figures in bench/RESULTS-csv.md).
 *
 * Every problem is an InputError naming the file, the line (counted from the bytes: CRLF,
 * LF and a lone CR are one line break each, also inside quotes) and the column.
 */
import { quoteValue } from './cellText.js';
import {
  hashText,
  type CaseColumn,
  type CaseTable,
  type CellLocation,
  type DirectCases,
  type DirectPlan,
  type TableSource,
} from './caseTable.js';
import { readDirectCases } from './chunkCases.js';
import { parseDecimalBytes, type DecimalSeparator } from './decimal.js';
import { InputError } from './errors.js';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const SPACE = 0x20;
const TAB = 0x09;

/** Most columns a header may have: Excel's limit (16,384). */
export const MAX_COLUMNS = 16_384;
/** Longest column name, in bytes. */
export const MAX_COLUMN_NAME_BYTES = 1024;

/** The 1-based line of byte `offset`: one more than the line breaks before it. */
export function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  const end = Math.min(offset, bytes.length);
  for (let i = 0; i < end; i++) {
    const b = bytes[i];
    if (b === LF || (b === CR && bytes[i + 1] !== LF)) line++;
  }
  return line;
}

/** Steps over one field at a time; sets start, end (content only) and escaped. */
class FieldScanner {
  pos = 0;
  start = 0;
  end = 0;
  escaped = false;
  rowEnded = false;
  private readonly trimTab: boolean;

  constructor(
    readonly bytes: Uint8Array,
    readonly delimiter: number,
    private readonly fail: (offset: number, detail: string) => never,
  ) {
    this.trimTab = delimiter !== TAB;
  }

  /** Skips empty lines; false at the end of the input. */
  startRow(): boolean {
    const bytes = this.bytes;
    let p = this.pos;
    while (p < bytes.length && (bytes[p] === LF || bytes[p] === CR)) p++;
    this.pos = p;
    return p < bytes.length;
  }

  private isBlank(b: number | undefined): boolean {
    return b === SPACE || (b === TAB && this.trimTab);
  }

  field(): void {
    const bytes = this.bytes;
    const n = bytes.length;
    const d = this.delimiter;
    let p = this.pos;
    while (p < n && this.isBlank(bytes[p])) p++;
    if (p < n && bytes[p] === QUOTE) {
      const open = p;
      const start = ++p;
      let escaped = false;
      for (;;) {
        const q = bytes.indexOf(QUOTE, p);
        if (q < 0) this.fail(open, 'a quoted field is not closed (a " without its closing ")');
        if (bytes[q + 1] === QUOTE) {
          escaped = true;
          p = q + 2;
          continue;
        }
        this.start = start;
        this.end = q;
        this.escaped = escaped;
        p = q + 1;
        break;
      }
      while (p < n && this.isBlank(bytes[p])) p++;
      const b = bytes[p];
      if (p < n && b !== d && b !== LF && b !== CR) {
        this.fail(
          p,
          'text after a closing quote: quote the whole field and double the quotes inside it ("")',
        );
      }
    } else {
      const start = p;
      while (p < n) {
        const b = bytes[p];
        if (b === d || b === LF || b === CR) break;
        p++;
      }
      let end = p;
      while (end > start && this.isBlank(bytes[end - 1])) end--;
      this.start = start;
      this.end = end;
      this.escaped = false;
    }
    if (p >= n) {
      this.rowEnded = true;
    } else if (bytes[p] === d) {
      this.rowEnded = false;
      p++;
    } else {
      this.rowEnded = true;
      p += bytes[p] === CR && bytes[p + 1] === LF ? 2 : 1;
    }
    this.pos = p;
  }
}

function delimiterName(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : `"${delimiter}"`;
}

/**
 * The field separator: the one of `,` `;` and tab found most often outside quotes on the
 * first line (a comma only when decimal commas are not declared). One column: `,`.
 */
export function detectDelimiter(bytes: Uint8Array, allowComma: boolean): string {
  const candidates = allowComma ? [0x2c, 0x3b, TAB] : [0x3b, TAB];
  const counts = candidates.map(() => 0);
  let quoted = false;
  let content = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === QUOTE) {
      quoted = !quoted;
      content = true;
    } else if (!quoted && (b === LF || b === CR)) {
      if (content) break; // the header line ends (empty lines before it are skipped)
    } else if (!quoted) {
      content = true;
      const k = candidates.indexOf(b as number);
      if (k >= 0) counts[k] = (counts[k] as number) + 1;
    }
  }
  let best = 0;
  counts.forEach((count, k) => {
    if (count > (counts[best] as number)) best = k;
  });
  return (counts[best] as number) > 0 || !allowComma ? String.fromCharCode(candidates[best] as number) : ',';
}

export interface DelimitedOptions {
  /** The field separator; detected from the first line when absent. */
  delimiter?: string;
  /** Decimal commas: then the separator is never `,`. */
  decimal?: DecimalSeparator;
}

export interface DelimitedSource extends TableSource {
  delimiter: string;
  read(columns: readonly number[]): DelimitedTable;
  readDirect(plan: DirectPlan): DirectCases | null;
}

function growUint32(array: Uint32Array, length: number): Uint32Array<ArrayBuffer> {
  const larger = new Uint32Array(Math.max(16, array.length * 2, length));
  larger.set(array);
  return larger;
}

/** Reads the header of delimited text; `read` then scans the rows for the columns asked for. */
export function delimitedSource(
  bytes: Uint8Array,
  file: string,
  options: DelimitedOptions = {},
): DelimitedSource {
  const delimiter = options.delimiter ?? detectDelimiter(bytes, options.decimal !== ',');
  const fail = (offset: number, detail: string, column?: number): never => {
    throw new InputError({ file, line: lineAt(bytes, offset), ...(column ? { column } : {}) }, detail);
  };
  const scanner = new FieldScanner(bytes, delimiter.charCodeAt(0), fail);
  if (!scanner.startRow()) fail(0, 'the file is empty: expected a header row and one row per case');
  const header: string[] = [];
  const seen = new Map<string, number>();
  do {
    scanner.field();
    const column = header.length + 1;
    if (column > MAX_COLUMNS) {
      fail(
        scanner.start,
        `the header has more than ${MAX_COLUMNS.toLocaleString('en-US')} columns (the most a spreadsheet holds)`,
      );
    }
    const length = scanner.end - scanner.start;
    if (length > MAX_COLUMN_NAME_BYTES) {
      const shown = textOf(bytes, scanner.start, scanner.start + 80, false);
      fail(
        scanner.start,
        `column name ${quoteValue(shown)} is ${length} bytes long: at most ${MAX_COLUMN_NAME_BYTES}`,
        column,
      );
    }
    const name = textOf(bytes, scanner.start, scanner.end, scanner.escaped);
    if (name === '') fail(scanner.start, 'empty column name in the header', column);
    const first = seen.get(name);
    if (first !== undefined) {
      fail(
        scanner.start,
        `column ${quoteValue(name)} appears twice in the header (columns ${first} and ${column})`,
        column,
      );
    }
    seen.set(name, column);
    header.push(name);
  } while (!scanner.rowEnded);
  const bodyStart = scanner.pos;

  const read = (asked: readonly number[]): DelimitedTable => {
    const columns = [...new Set(asked)];
    const width = columns.length;
    const slot = new Int32Array(header.length).fill(-1);
    columns.forEach((c, k) => (slot[c] = k));
    const expected = header.length;
    // a first guess at the row count from the header line's length, grown by doubling
    const guess = Math.ceil(((bytes.length - bodyStart) / Math.max(8, bodyStart)) * 1.25) + 16;
    let starts = new Uint32Array(guess * width);
    let ends = new Uint32Array(guess * width);
    let escapes = new Uint8Array(guess * width);
    let rows = 0;
    scanner.pos = bodyStart;
    while (scanner.startRow()) {
      const rowStart = scanner.pos;
      const base = rows * width;
      if (base + width > starts.length) {
        starts = growUint32(starts, base + width);
        ends = growUint32(ends, base + width);
        const larger = new Uint8Array(starts.length);
        larger.set(escapes);
        escapes = larger;
      }
      let field = 0;
      do {
        scanner.field();
        if (field < expected) {
          const k = slot[field] as number;
          if (k >= 0) {
            starts[base + k] = scanner.start;
            ends[base + k] = scanner.end;
            escapes[base + k] = scanner.escaped ? 1 : 0;
          }
        }
        field++;
        if (field > expected) break;
      } while (!scanner.rowEnded);
      if (field !== expected) {
        fail(
          rowStart,
          `row has ${field > expected ? 'more than ' + String(expected) + ' fields' : String(field) + (field === 1 ? ' field' : ' fields')} but the header has ${expected}` +
            ` (separator ${delimiterName(delimiter)}; quote fields that contain it)`,
        );
      }
      rows++;
    }
    if (rows === 0) fail(bodyStart, 'no data rows below the header');
    return new DelimitedTable(file, header, delimiter, bytes, columns, { starts, ends, escapes, rows });
  };
  const readDirect = (plan: DirectPlan) =>
    readDirectCases(
      {
        bytes,
        bodyStart,
        width: header.length,
        delimiter: delimiter.charCodeAt(0),
        text: (start, end) => textOf(bytes, start, end, false),
      },
      plan,
    );
  return { file, header, delimiter, read, readDirect };
}

function textOf(bytes: Uint8Array, start: number, end: number, escaped: boolean): string {
  // Buffer's native slice: no subarray object per cell; ASCII (the usual id) as latin1, the fastest
  const buffer = Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let ascii = true;
  for (let i = start; i < end && ascii; i++) ascii = (buffer[i] as number) < 0x80;
  const text = buffer.toString(ascii ? 'latin1' : 'utf8', start, end);
  return escaped ? text.replaceAll('""', '"') : text;
}

interface Cells {
  starts: Uint32Array;
  ends: Uint32Array;
  escapes: Uint8Array;
  rows: number;
}

const MISSING_BYTES = ['NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', '.'].map((t) => Buffer.from(t, 'latin1'));

class DelimitedColumn implements CaseColumn {
  constructor(
    private readonly bytes: Uint8Array,
    private readonly cells: Cells,
    private readonly k: number,
    private readonly width: number,
  ) {}

  isMissing(row: number): boolean {
    const i = row * this.width + this.k;
    const start = this.cells.starts[i] as number;
    const length = (this.cells.ends[i] as number) - start;
    if (length === 0) return true;
    if (length > 4) return false;
    for (const token of MISSING_BYTES) {
      if (token.length !== length) continue;
      let same = true;
      for (let j = 0; j < length && same; j++) same = this.bytes[start + j] === token[j];
      if (same) return true;
    }
    return false;
  }

  number(row: number, separator: DecimalSeparator): number {
    const i = row * this.width + this.k;
    return parseDecimalBytes(
      this.bytes,
      this.cells.starts[i] as number,
      this.cells.ends[i] as number,
      separator,
    );
  }

  text(row: number): string {
    const i = row * this.width + this.k;
    return textOf(
      this.bytes,
      this.cells.starts[i] as number,
      this.cells.ends[i] as number,
      this.cells.escapes[i] === 1,
    );
  }

  size(row: number): number {
    const i = row * this.width + this.k;
    return (this.cells.ends[i] as number) - (this.cells.starts[i] as number);
  }

  hash(row: number): number {
    const i = row * this.width + this.k;
    if (this.cells.escapes[i] === 1) return hashText(this.text(row));
    // FNV-1a over the bytes when all are ASCII (then equal to hashText of the decoded text)
    let h = 0x811c9dc5;
    const end = this.cells.ends[i] as number;
    for (let j = this.cells.starts[i] as number; j < end; j++) {
      const b = this.bytes[j] as number;
      if (b >= 0x80) return hashText(this.text(row));
      h = Math.imul(h ^ b, 0x01000193);
    }
    return h >>> 0;
  }

  equal(a: number, b: number): boolean {
    const i = a * this.width + this.k;
    const j = b * this.width + this.k;
    const { starts, ends, escapes } = this.cells;
    if (escapes[i] === 1 || escapes[j] === 1) return this.text(a) === this.text(b);
    const start = starts[i] as number;
    const other = starts[j] as number;
    const length = (ends[i] as number) - start;
    if (length !== (ends[j] as number) - other) return false;
    const bytes = this.bytes;
    for (let t = 0; t < length; t++) if (bytes[start + t] !== bytes[other + t]) return false;
    return true;
  }
}

export class DelimitedTable implements CaseTable {
  readonly rows: number;
  private readonly slots = new Map<number, number>();

  constructor(
    readonly file: string,
    readonly header: string[],
    readonly delimiter: string,
    private readonly bytes: Uint8Array,
    columns: readonly number[],
    private readonly cells: Cells,
  ) {
    this.rows = cells.rows;
    columns.forEach((c, k) => this.slots.set(c, k));
  }

  column(index: number): CaseColumn {
    const k = this.slots.get(index);
    if (k === undefined) throw new Error(`column ${index} was not read`);
    return new DelimitedColumn(this.bytes, this.cells, k, this.slots.size);
  }

  /** The line each row's first read cell is on, counted in one pass. */
  rowLines(): number[] {
    const lines: number[] = [];
    const bytes = this.bytes;
    let line = 1;
    let position = 0;
    for (let row = 0; row < this.rows; row++) {
      const offset = this.cells.starts[row * this.slots.size] as number;
      for (; position < offset; position++) {
        const b = bytes[position];
        if (b === LF || (b === CR && bytes[position + 1] !== LF)) line++;
      }
      lines.push(line);
    }
    return lines;
  }

  location(row: number, column: number): CellLocation {
    const k = this.slots.get(column);
    const start = k === undefined ? undefined : this.cells.starts[row * this.slots.size + k];
    return { ...(start === undefined ? {} : { line: lineAt(this.bytes, start) }), column: column + 1 };
  }
}
