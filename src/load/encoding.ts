/**
 * Text encodings of a data file, as spreadsheets export them: UTF-8 with or without a BOM,
 * UTF-16 ("Unicode text" in Excel; by its BOM, or by the zero bytes of ASCII text without
 * one), and legacy code pages named in the study file (`encoding: windows-1252`,
 * `shift_jis`, …). Whatever the source, the scanner gets UTF-8 bytes. Text that is not valid
 * in the encoding is an error naming the line and the byte, never silently replaced.
 */
import { isUtf8 } from 'node:buffer';
import { InputError } from './errors.js';
import { lineAt } from './delimited.js';

/** Encodings a study file can name (`encoding:`); all are in Node's ICU. */
export const ENCODINGS = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'windows-1252',
  'iso-8859-15',
  'shift_jis',
  'euc-jp',
  'gb18030',
  'big5',
  'euc-kr',
] as const;
export type Encoding = (typeof ENCODINGS)[number];

export interface DecodedText {
  /** UTF-8 bytes without a BOM. */
  bytes: Uint8Array;
  /** The encoding read, when it was not UTF-8. */
  encoding: Encoding;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** UTF-16 without a BOM: ASCII text has a zero byte in every other position. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const sample = Math.min(bytes.length, 4096) & ~1;
  if (sample < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = sample / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

function decodeTo(bytes: Uint8Array, encoding: Encoding, file: string): Uint8Array {
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(
      { file },
      `not valid ${encoding} text: check the file's encoding (the study key encoding)`,
    );
  }
  return Buffer.from(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, 'utf8');
}

/** The offset of the first byte that does not start a valid UTF-8 character. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || !isUtf8(bytes.subarray(i, i + length)) || i + length > bytes.length) return i;
    i += length;
  }
  return 0;
}

/** UTF-8 bytes of a data file, in the encoding named or detected. */
export function decodeText(bytes: Uint8Array, file: string, declared?: Encoding): DecodedText {
  if (startsWith(bytes, [0xff, 0xfe, 0, 0]) || startsWith(bytes, [0, 0, 0xfe, 0xff])) {
    throw new InputError(
      { file },
      'the file is UTF-32 text, which dxreport does not read: save it as UTF-8 (CSV UTF-8 in Excel)',
    );
  }
  if (startsWith(bytes, [0xff, 0xfe]))
    return { bytes: decodeTo(bytes, 'utf-16le', file), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff]))
    return { bytes: decodeTo(bytes, 'utf-16be', file), encoding: 'utf-16be' };
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return checkedUtf8(bytes.subarray(3), file);
  if (declared && declared !== 'utf-8') return { bytes: decodeTo(bytes, declared, file), encoding: declared };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { bytes: decodeTo(bytes, utf16, file), encoding: utf16 };
  return checkedUtf8(bytes, file);
}

function checkedUtf8(bytes: Uint8Array, file: string): DecodedText {
  if (!isUtf8(bytes)) {
    const offset = firstInvalidUtf8(bytes);
    const byte = (bytes[offset] as number).toString(16).toUpperCase().padStart(2, '0');
    throw new InputError(
      { file, line: lineAt(bytes, offset) },
      `not UTF-8 text (byte 0x${byte}): save the file as UTF-8 (CSV UTF-8 in Excel), or name its encoding in the study file, e.g. encoding: windows-1252 (Western Europe) or shift_jis (Japanese)`,
    );
  }
  const zero = bytes.indexOf(0);
  if (zero >= 0) {
    throw new InputError(
      { file, line: lineAt(bytes, zero) },
      'a zero byte: this is a binary file, not CSV text',
    );
  }
  return { bytes, encoding: 'utf-8' };
}

/** A binary spreadsheet or table format recognised by its first bytes, or null. */
export function binaryFormat(bytes: Uint8Array): 'zip' | 'ole' | 'parquet' | null {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (startsWith(bytes, [0x50, 0x41, 0x52, 0x31])) return 'parquet';
  return null;
}
