/** A table as the templates show it: anchor, CSS classes of columns and rows, CSV file name. */
import type { Table, TableColumn } from '../tables/table.js';
import type { TableView } from './types.js';

function columnClass(column: TableColumn | undefined): string {
  if (!column) return 'text';
  return `${column.kind === 'number' ? 'num' : 'text'}${column.nowrap ? ' nowrap' : ''}`;
}

export function tableView(table: Table): TableView {
  return {
    id: table.number.toLowerCase().replace(/\s+/g, '-'),
    label: table.number,
    title: table.title,
    csv: `${table.name}.csv`,
    className: table.narrow ? 'table-wrap narrow' : 'table-wrap',
    head: table.columns.map((c) => ({ text: c.label, className: columnClass(c) })),
    rows: table.rows.map((r) => ({
      className:
        [r.groupStart ? 'group-start' : '', r.total ? 'total' : ''].filter(Boolean).join(' ') || 'row',
      cells: r.cells.map((c, k) => ({
        text: c.text,
        sub: c.sub ?? null,
        className: columnClass(table.columns[k]),
      })),
    })),
    notes: table.notes,
  };
}
