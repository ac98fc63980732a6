// Property tests of the CSV reader and the number grammar (fast-check): generated tables
// written as CSV read back the same; random bytes never crash it (an InputError of one line
// naming the file and line, or a table); the decimal grammar agrees with Number() on
// decimals and refuses everything else Number() accepts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteValue } from '../../src/load/cellText.js';
import { parseCsv } from '../../src/load/csv.js';
import { parseDecimalText } from '../../src/load/decimal.js';
import { delimitedSource } from '../../src/load/delimited.js';
import { decodeText } from '../../src/load/encoding.js';
import { InputError } from '../../src/load/errors.js';

/** RFC 4180 writing: quote a field holding the delimiter, a quote, a line break or edge blanks. */
function writeCsv(rows: string[][], delimiter: string, lineBreak: string): string {
  const field = (value: string) =>
    /["\r\n]/.test(value) || value.includes(delimiter) || /^[ \t]|[ \t]$/.test(value) || value === ''
      ? `"${value.replaceAll('"', '""')}"`
      : value;
  return rows.map((row) => row.map(field).join(delimiter)).join(lineBreak) + lineBreak;
}

const cell = fc.string({
  unit: fc.constantFrom('a', 'b', 'é', '日', ' ', ',', ';', '\t', '"', '\n', '\r\n', '1', '.', '😀'),
  maxLength: 8,
});
const name = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'x', 'é', '_'), minLength: 1, maxLength: 6 });

const tables = fc
  .record({
    columns: fc.uniqueArray(name, { minLength: 1, maxLength: 5 }),
    rows: fc.integer({ min: 1, max: 8 }),
  })
  .chain(({ columns, rows }) =>
    fc.record({
      header: fc.constant(columns),
      rows: fc.array(fc.array(cell, { minLength: columns.length, maxLength: columns.length }), {
        minLength: rows,
        maxLength: rows,
      }),
      delimiter: fc.constantFrom(',', ';', '\t'),
      lineBreak: fc.constantFrom('\n', '\r\n'),
    }),
  );

function lineOf(error: unknown): number | undefined {
  expect(error).toBeInstanceOf(InputError);
  const message = (error as Error).message;
  expect(message).not.toContain('\n');
  expect(message.startsWith('f.csv:')).toBe(true);
  return (error as InputError).location.line;
}

describe('CSV reader properties', () => {
  it('reads back every generated table (quotes, delimiters and line breaks inside fields)', () => {
    fc.assert(
      fc.property(tables, ({ header, rows, delimiter, lineBreak }) => {
        // a row whose only field is empty is an empty line (skipped, as by csv-parse): not generated
        fc.pre(header.length > 1 || rows.every((row) => row[0] !== ''));
        const text = writeCsv([header, ...rows], delimiter, lineBreak);
        const table = delimitedSource(Buffer.from(text), 'f.csv', { delimiter }).read(
          header.map((_, i) => i),
        );
        expect(table.header).toEqual(header);
        const read = Array.from({ length: table.rows }, (_, r) =>
          header.map((_, c) => table.column(c).text(r)),
        );
        // unquoted blanks at the edges are trimmed; quoted fields are kept as written
        expect(read).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });

  it('counts lines across quoted line breaks (CRLF, LF) to the row at fault', () => {
    fc.assert(
      fc.property(tables, fc.nat(), ({ header, rows, delimiter, lineBreak }, pick) => {
        fc.pre(header.length > 1);
        const bad = pick % rows.length;
        const lines = [header, ...rows].map((row) =>
          writeCsv([row], delimiter, lineBreak).slice(0, -lineBreak.length),
        );
        lines[bad + 1] = `${lines[bad + 1] as string}${delimiter}extra`;
        const text = lines.join(lineBreak) + lineBreak;
        const expectedLine =
          1 + lines.slice(0, bad + 1).reduce((sum, l) => sum + 1 + (l.match(/\r\n|\n/g)?.length ?? 0), 0);
        try {
          delimitedSource(Buffer.from(text), 'f.csv', { delimiter }).read(header.map((_, i) => i));
          throw new Error('expected a ragged-row error');
        } catch (error) {
          expect(lineOf(error)).toBe(expectedLine);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never crashes on random bytes: a table, or one line naming the file and line', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc
        .array(fc.constantFrom(...'a,;\t"\r\n 0.5e-1x\u00e9'.split('')), { maxLength: 200 })
        .map((chars) => Buffer.from(chars.join(''))),
    );
    fc.assert(
      fc.property(bytes, (raw) => {
        try {
          const table = parseCsv(raw, 'f.csv');
          expect(table.rows.every((row) => row.length === table.header.length)).toBe(true);
        } catch (error) {
          lineOf(error);
        }
        try {
          decodeText(raw, 'f.csv');
        } catch (error) {
          lineOf(error);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('decimal grammar', () => {
  it('agrees with Number() on decimal numbers, to the last bit', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        for (const text of [String(value), value.toExponential(), value.toFixed(Math.min(20, 8))]) {
          expect(
            Object.is(parseDecimalText(text), Number(text)) || (value === 0 && parseDecimalText(text) === 0),
          ).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.stringMatching(/^[+-]?(\d{1,25}(\.\d{0,25})?|\.\d{1,25})([eE][+-]?\d{1,3})?$/),
        (text) => {
          expect(parseDecimalText(text)).toBe(Number(text));
          expect(parseDecimalText(text.replace('.', ','), ',')).toBe(Number(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses what Number() accepts beyond decimals', () => {
    for (const text of [
      '0x1A',
      '0x1',
      '0b1',
      '0o7',
      'Infinity',
      '-Infinity',
      '1_000',
      '',
      ' ',
      '.',
      'e5',
      '1e',
      '--1',
      '1.2.3',
      '0,5',
    ])
      expect(parseDecimalText(text), text).toBeNaN();
  });
});

describe('values in messages', () => {
  it('are quoted, escaped and cut: never a control character, never longer than about 60 characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const shown = quoteValue(text);
        // eslint-disable-next-line no-control-regex
        expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        expect(shown.length).toBeLessThanOrEqual(60 * 6 + 40);
        if (
          text.length <= 60 &&
          // eslint-disable-next-line no-control-regex
          !/["\\\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/.test(text)
        )
          expect(shown).toBe(`"${text}"`);
      }),
      { numRuns: 1000 },
    );
  });
});
