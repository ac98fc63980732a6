import { describe, expect, it } from 'vitest';
import type { Table, TableRow } from '../../src/report/tables/table.js';
import { tableForDisplay, tableView } from '../../src/report/view/tableView.js';

function row(text: string, groupStart = false): TableRow {
  return { cells: [{ text, raw: [text] }], ...(groupStart ? { groupStart } : {}) };
}

function table(rows: TableRow[], columns = 1): Table {
  return {
    name: 'table-s1-x',
    number: 'Table S1',
    section: 'discrimination',
    title: 'X',
    columns: Array.from({ length: columns }, (_, k) => ({
      label: k === 0 ? 'Model' : `Difference (95% CI) ${k}`,
      csv: [`c${k}`],
      kind: 'text' as const,
    })),
    rows,
    notes: [],
  };
}

const texts = (v: ReturnType<typeof tableView>) => v.bodies.map((b) => b.rows.map((r) => r.cells[0]?.text));

describe('tableView row groups (page breaks fall between groups)', () => {
  it('gives each group of a grouped table its own unbreakable tbody', () => {
    const v = tableView(table([row('a', true), row('b'), row('c', true), row('d'), row('e', true)]));
    expect(texts(v)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(v.bodies.map((b) => b.className)).toEqual(['group', 'group', 'group']);
    expect(v.rows).toHaveLength(5);
  });

  it('keeps a short ungrouped table whole, and the first and last rows of a long one together', () => {
    expect(tableView(table(['a', 'b', 'c', 'd', 'e', 'f'].map((t) => row(t)))).bodies).toHaveLength(1);
    const long = tableView(table(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((t) => row(t))));
    expect(texts(long)).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
      ['g', 'h'],
    ]);
    expect(long.bodies.map((b) => b.className)).toEqual(['group', 'body', 'group']);
  });

  it('marks tables of eight or more columns wide (set smaller)', () => {
    expect(tableView(table([row('a')], 7)).className).toBe('table-wrap');
    expect(tableView(table([row('a')], 8)).className).toBe('table-wrap wide');
  });
});

describe('tableForDisplay', () => {
  it('keeps parentheses in headers and model names everywhere unbroken, and leaves the CSV values alone', () => {
    const t = tableForDisplay(table([row('Model-X one', true)], 2), ['Model-X one']);
    expect(t.columns[1]?.label).toBe('Difference (95%\u00a0CI) 1');
    expect(t.rows[0]?.cells[0]?.text).toBe('Model-\u2060X\u00a0one');
    expect(t.rows[0]?.cells[0]?.raw).toEqual(['Model-X one']);
    expect(t.columns[1]?.csv).toEqual(['c1']);
  });
});
