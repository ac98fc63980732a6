/**
 * Opening a case table by what its bytes are, not by its name: Parquet, an Excel workbook
 * (refused in one line: export it as CSV), or delimited text in UTF-8, UTF-16 or a declared
 * encoding, with a semicolon and decimal commas recognised.
 */
import path from 'node:path';
import type { TableSource } from './caseTable.js';
import type { LoadWarning } from './caseData.js';
import type { DecimalSeparator } from './decimal.js';
import { delimitedSource } from './delimited.js';
import { binaryFormat, decodeText, type Encoding } from './encoding.js';
import { InputError } from './errors.js';
import { parquetSource } from './parquet.js';

export interface OpenTableOptions {
  /** Path as shown to the user. */
  file: string;
  decimal?: DecimalSeparator;
  encoding?: Encoding;
  /** Study key path of `data`/`thresholdsFrom`, for warnings. */
  keyPath: string;
  warnings: LoadWarning[];
}

const EXPORT_AS_CSV =
  'export it as CSV (in Excel: File › Save As › CSV UTF-8) or as Parquet, and point the study file at that';

/** The table in `bytes`, recognised by its content. */
export function openTable(bytes: Uint8Array, options: OpenTableOptions): TableSource {
  const { file } = options;
  const format = binaryFormat(bytes);
  if (format === 'parquet') return parquetSource(bytes, file);
  if (format === 'zip') {
    const excel = /\.xls[xmb]$/i.test(file)
      ? 'an Excel workbook'
      : 'a ZIP archive (an Excel .xlsx workbook?)';
    throw new InputError({ file }, `this is ${excel}, not CSV text: ${EXPORT_AS_CSV}`);
  }
  if (format === 'ole') {
    throw new InputError(
      { file },
      `this is an Excel 97–2003 (.xls) workbook, not CSV text: ${EXPORT_AS_CSV}`,
    );
  }
  const text = decodeText(bytes, file, options.encoding);
  if (text.encoding !== 'utf-8' && options.encoding === undefined) {
    options.warnings.push({
      code: 'encoding-detected',
      message: `${path.basename(file)} was read as ${text.encoding.toUpperCase()} text (detected)`,
      path: options.keyPath,
    });
  }
  return delimitedSource(text.bytes, file, options.decimal ? { decimal: options.decimal } : {});
}
