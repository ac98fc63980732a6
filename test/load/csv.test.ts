// Line numbers in CSV errors: CRLF, quoted fields spanning lines, skipped empty lines.
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/load/csv.js';

const lineOfError = (text: string) => {
  try {
    parseCsv(text, 'f.csv');
  } catch (error) {
    return Number(/^f\.csv:(\d+)/.exec((error as Error).message)?.[1]);
  }
  return null;
};

describe('parseCsv line numbers', () => {
  it('counts a quoted line break once, with LF or CRLF', () => {
    expect(lineOfError('a,b\n1,"x\ny"\n2,3\n4,5,6\n')).toBe(5);
    expect(lineOfError('a,b\r\n1,"x\r\ny"\r\n2,3\r\n4,5,6\r\n')).toBe(5);
  });

  it('skips empty lines and a BOM without losing count', () => {
    expect(lineOfError('\uFEFFa,b\n\n1\n3\n')).toBe(3);
    expect(lineOfError('a,b\r\n\r\n\r\n1,2,3\r\n')).toBe(4);
  });

  it('reads tab- and semicolon-separated files', () => {
    expect(parseCsv('a\tb\n1\t2\n', 'f.tsv').rows).toEqual([['1', '2']]);
    expect(parseCsv('a;b\n1,5;2\n', 'f.csv').rows).toEqual([['1,5', '2']]);
  });
});
