/**
 * The PDF's dates made reproducible: Chromium (Skia) writes the time of printing as the
 * document information's /CreationDate and /ModDate, `(D:YYYYMMDDHHmmSS+HH'mm')`, so two
 * prints of the same report differ. They are rewritten in place to the report's date (from
 * SOURCE_DATE_EPOCH when set) in the same fixed-length form, which keeps every byte offset of
 * the file (its cross-reference table) valid. Skia writes no trailer /ID and no XMP dates, so
 * nothing else in the file depends on the time (checked by the PDF test: two prints are
 * byte-identical).
 */

const DATE = /\/(CreationDate|ModDate) \(D:\d{14}(?:[+-]\d{2}'\d{2}'|Z00'00')\)/g;
/** The document information dictionary is written first by Skia; look no further than this. */
const SEARCH_BYTES = 64 * 1024;

/** `date` as a PDF date in UTC, `D:YYYYMMDDHHmmSS+00'00'` (PDF 32000-1, 7.9.4). */
export function pdfDate(date: Date): string {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}+00'00'`;
}

/**
 * `pdf` with its /CreationDate and /ModDate set to `date` (in place: same length). Returns the
 * number of dates rewritten.
 */
export function setPdfDates(pdf: Uint8Array, date: Date): number {
  const head = Buffer.from(pdf.buffer, pdf.byteOffset, Math.min(pdf.length, SEARCH_BYTES)).toString('latin1');
  const replacement = pdfDate(date);
  let rewritten = 0;
  for (const match of head.matchAll(DATE)) {
    const key = match[1] as string;
    const text = `/${key} (${replacement})`;
    if (text.length !== match[0].length) continue; // not the fixed-length form: left as printed
    Buffer.from(pdf.buffer, pdf.byteOffset + (match.index ?? 0), text.length).write(text, 'latin1');
    rewritten++;
  }
  return rewritten;
}
