/**
 * The tagged PDF's structure-element ids made reproducible. Chromium names each structure
 * element after the DOM node it came from, `(node00000058)`, with a counter that depends on how
 * many nodes the browser made before (our page is opened while the study is evaluated), so two
 * prints of the same report can differ by a constant shift of every id. The ids are rewritten in
 * place to their rank among the file's ids — the same fixed width and the same order, so the
 * structure tree's sorted /IDTree and its /Limits stay valid and every byte offset of the file
 * (its cross-reference table) is kept.
 */

/** An id as a PDF literal string in the structure tree: /ID, /IDTree names and limits, /Headers. */
const STRUCTURE_ID = /(\/Title )?\(node(\d{8})\)/g;

/** Rewrites `pdf`'s structure-element ids in place to 1, 2, … in their order; returns how many ids were rewritten. */
export function normalizeStructureIds(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length).toString('latin1');
  const found: { index: number; id: string }[] = [];
  for (const match of text.matchAll(STRUCTURE_ID)) {
    if (match[1]) continue; // an outline title that merely looks like an id: the reader's text
    found.push({ index: (match.index ?? 0) + '(node'.length, id: match[2] as string });
  }
  // fixed-width digits: text order is numeric order
  const rank = new Map(
    [...new Set(found.map((f) => f.id))].sort().map((id, k) => [id, String(k + 1).padStart(8, '0')]),
  );
  for (const { index, id } of found) {
    Buffer.from(pdf.buffer, pdf.byteOffset + index, 8).write(rank.get(id) as string, 'latin1');
  }
  return found.length;
}
