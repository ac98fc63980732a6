/**
 * Parquet case tables (`data: predictions.parquet`, as pandas and polars export them), read
 * with hyparquet (pure JavaScript, runs on Node 20) and hyparquet-compressors (snappy, gzip,
 * zstd, brotli, lz4). Only the columns the study uses are decoded. hyparquet's public reader
 * is asynchronous; the loader is synchronous, so the file's bytes (already in memory) go
 * through hyparquet's synchronous column reader directly, one column chunk per row group.
 * Row numbers in messages count data rows from 1 (there is no header line).
 */
import { createRequire } from 'node:module';
import { parquetMetadata, parquetSchema } from 'hyparquet';
import type { Compressors, DecodedArray, FileMetaData } from 'hyparquet';
import { readColumn } from 'hyparquet/src/column.js';
import { DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import { getTreePath, isFlatColumn } from 'hyparquet/src/schema.js';
import { hashText, MISSING_TOKENS, type CaseColumn, type CaseTable, type TableSource } from './caseTable.js';
import { parseDecimalText, type DecimalSeparator } from './decimal.js';
import { InputError } from './errors.js';

let compressors: Compressors | undefined;

/**
 * The decompressors, loaded with the first Parquet column read rather than with dxreport:
 * hyparquet-compressors compiles its WebAssembly snappy decoder as it loads (≈ 0.1 s), which
 * every CSV run would pay. `require` of an ES module is synchronous (Node ≥ 20.19).
 */
function parquetCompressors(): Compressors {
  compressors ??= (createRequire(import.meta.url)('hyparquet-compressors') as { compressors: Compressors })
    .compressors;
  return compressors;
}

type Value = unknown;

class ParquetColumn implements CaseColumn {
  constructor(private readonly values: ArrayLike<Value>) {}

  isMissing(row: number): boolean {
    const v = this.values[row];
    if (v === null || v === undefined) return true;
    if (typeof v === 'number') return Number.isNaN(v);
    return typeof v === 'string' && MISSING_TOKENS.has(v.trim());
  }

  number(row: number, separator: DecimalSeparator): number {
    const v = this.values[row];
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'string') return parseDecimalText(v, separator);
    return NaN;
  }

  text(row: number): string {
    const v = this.values[row];
    if (v instanceof Date) return v.toISOString();
    return typeof v === 'string' ? v.trim() : String(v);
  }

  size(row: number): number {
    const v = this.values[row];
    return typeof v === 'string' ? v.length : 0;
  }

  hash(row: number): number {
    return hashText(this.text(row));
  }

  equal(a: number, b: number): boolean {
    const x = this.values[a];
    const y = this.values[b];
    return x === y || this.text(a) === this.text(b);
  }
}

function concatenate(chunks: DecodedArray[], rows: number): ArrayLike<Value> {
  if (chunks.length === 1 && chunks[0]?.length === rows) return chunks[0] as ArrayLike<Value>;
  const first = chunks[0];
  if (first instanceof Float64Array || first instanceof Float32Array || first instanceof Int32Array) {
    const out = new Float64Array(rows);
    let offset = 0;
    for (const chunk of chunks) {
      out.set(chunk as ArrayLike<number>, offset);
      offset += chunk.length;
    }
    return out;
  }
  const out: Value[] = [];
  for (const chunk of chunks) for (let i = 0; i < chunk.length; i++) out.push(chunk[i]);
  return out;
}

/** The header of a Parquet file (its top-level columns); `read` decodes the columns asked for. */
export function parquetSource(bytes: Uint8Array, file: string): TableSource {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(buffer);
  } catch (error) {
    throw new InputError(
      { file },
      `not a readable Parquet file: ${String((error as Error).message).slice(0, 120)}`,
    );
  }
  const tree = parquetSchema(metadata);
  const header = tree.children.map((child) => child.element.name);
  const rows = Number(metadata.num_rows);

  const read = (columns: readonly number[]): CaseTable => {
    const decoded = new Map<number, ParquetColumn>();
    for (const index of new Set(columns)) {
      const name = header[index] as string;
      const schemaPath = getTreePath(tree, [name]);
      if (!isFlatColumn(schemaPath)) {
        throw new InputError(
          { file, column: index + 1 },
          `column "${name}" is nested (a list or struct): dxreport reads flat columns`,
        );
      }
      const chunks: DecodedArray[] = [];
      for (const group of metadata.row_groups) {
        const chunk = group.columns.find((c) => c.meta_data?.path_in_schema[0] === name);
        const meta = chunk?.meta_data;
        if (!meta) throw new InputError({ file }, `column "${name}" has no data in a row group`);
        const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
        const end = start + Number(meta.total_compressed_size);
        const groupRows = Number(group.num_rows);
        try {
          const { data } = readColumn(
            { view: new DataView(buffer.slice(start, end)), offset: 0 },
            { groupStart: 0, selectStart: 0, selectEnd: groupRows, groupRows },
            {
              pathInSchema: meta.path_in_schema,
              element: (schemaPath[schemaPath.length - 1] as (typeof schemaPath)[number]).element,
              schemaPath,
              type: meta.type,
              codec: meta.codec,
              compressors: parquetCompressors(),
              parsers: DEFAULT_PARSERS,
              utf8: true,
            },
          );
          chunks.push(...data);
        } catch (error) {
          throw new InputError(
            { file },
            `column "${name}" cannot be decoded: ${String((error as Error).message).slice(0, 120)}`,
          );
        }
      }
      decoded.set(index, new ParquetColumn(concatenate(chunks, rows)));
    }
    return {
      file,
      header,
      rows,
      column: (index) => {
        const column = decoded.get(index);
        if (!column) throw new Error(`column ${index} was not read`);
        return column;
      },
      location: (row, column) => ({ line: row + 1, column: column + 1 }),
    };
  };
  if (rows === 0) throw new InputError({ file }, 'no data rows in the Parquet file');
  return { file, header, read };
}
