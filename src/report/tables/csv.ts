/** Tables as CSV files (`tables/<name>.csv`), and the check that a table's cells fit its columns. */
import type { RawValue, Table, TableColumn } from './table.js';

function csvValue(value: RawValue): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '';
    if (!Number.isFinite(value)) return value > 0 ? 'Inf' : '-Inf';
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The table as CSV (RFC 4180: comma-separated, CRLF line ends, fields with commas, quotes or
 * line breaks quoted, quotes doubled), one header per raw value, numbers at full precision
 * (JavaScript's shortest round-trip form), empty for a missing value, Inf/-Inf for infinities.
 */
export function toCsv(table: Table): string {
  const header = table.columns.flatMap((c) => c.csv);
  const lines = [header, ...table.rows.map((r) => r.cells.flatMap((c) => c.raw.map(csvValue)))];
  return lines.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Checks that every row has one cell per column and one raw value per CSV header. */
export function checkTable(table: Table): void {
  for (const [r, row] of table.rows.entries()) {
    if (row.cells.length !== table.columns.length) {
      throw new Error(
        `${table.name}: row ${r} has ${row.cells.length} cells for ${table.columns.length} columns`,
      );
    }
    row.cells.forEach((c, k) => {
      const expected = (table.columns[k] as TableColumn).csv.length;
      if (c.raw.length !== expected) {
        throw new Error(
          `${table.name}: row ${r} column ${k} has ${c.raw.length} raw values for ${expected} CSV headers`,
        );
      }
    });
  }
}
