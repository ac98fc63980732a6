/** A table as the templates show it: anchor, CSS classes of columns and rows, CSV file name. */
import { keepNamesTogether, keepParenthesesTogether } from '../../format/keepTogether.js';
import type { Table, TableColumn } from '../tables/table.js';
import type { TableView } from './types.js';

/** Tables with at least this many columns are set in a smaller size ("wide"), as journals do. */
const WIDE_COLUMNS = 8;

function columnClass(column: TableColumn | undefined): string {
  if (!column) return 'text';
  return `${column.kind === 'number' ? 'num' : 'text'}${column.nowrap ? ' nowrap' : ''}`;
}

function wrapClass(table: Table): string {
  if (table.narrow) return 'table-wrap narrow';
  return table.columns.length >= WIDE_COLUMNS ? 'table-wrap wide' : 'table-wrap';
}

/**
 * The table as the page shows it (the CSV keeps the plain text): headers never break inside
 * parentheses ("(95% CI)"), and the models' names never break anywhere, in headers and cells.
 */
export function tableForDisplay(table: Table, modelNames: readonly string[]): Table {
  return {
    ...table,
    columns: table.columns.map((c) => ({
      ...c,
      label: keepNamesTogether(keepParenthesesTogether(c.label), modelNames),
    })),
    rows: table.rows.map((r) => ({
      ...r,
      cells: r.cells.map((c) => ({ ...c, text: keepNamesTogether(c.text, modelNames) })),
    })),
  };
}

type RowView = TableView['rows'][number];

/** Rows kept together at the start and at the end of a table without groups (no lone row on a page). */
const LEAD_ROWS = 3;
const TAIL_ROWS = 2;

/**
 * The rows in `<tbody>` groups; a "group" is never split by a page break, a "body" may be.
 * Each group of a grouped table (a model, an operating point: from a `groupStart` row on) is a
 * group; a table without groups keeps its first and last rows with their neighbours (so its
 * caption and header never stand alone at the foot of a page) and is whole when short.
 */
function rowGroups(rows: RowView[]): TableView['bodies'] {
  const groups: RowView[][] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (!last || row.className.split(' ').includes('group-start')) groups.push([row]);
    else last.push(row);
  }
  if (groups.length > 1) return groups.map((group) => ({ className: 'group', rows: group }));
  if (rows.length <= LEAD_ROWS + TAIL_ROWS + 1) return [{ className: 'group', rows }];
  return [
    { className: 'group', rows: rows.slice(0, LEAD_ROWS) },
    { className: 'body', rows: rows.slice(LEAD_ROWS, -TAIL_ROWS) },
    { className: 'group', rows: rows.slice(-TAIL_ROWS) },
  ];
}

export function tableView(table: Table): TableView {
  const rows: RowView[] = table.rows.map((r) => ({
    className: [r.groupStart ? 'group-start' : '', r.total ? 'total' : ''].filter(Boolean).join(' ') || 'row',
    cells: r.cells.map((c, k) => ({
      text: c.text,
      sub: c.sub ?? null,
      className: columnClass(table.columns[k]),
    })),
  }));
  return {
    id: table.number.toLowerCase().replace(/\s+/g, '-'),
    label: table.number,
    title: table.title,
    csv: `${table.name}.csv`,
    className: wrapClass(table),
    head: table.columns.map((c) => ({ text: c.label, className: columnClass(c) })),
    rows,
    bodies: rowGroups(rows),
    notes: table.notes,
  };
}
