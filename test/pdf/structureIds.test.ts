// Structure-element ids (Chromium's DOM node counter) rewritten to their rank: two prints whose
// ids differ by a shift become byte-identical, lengths and order kept.
import { describe, expect, it } from 'vitest';
import { normalizeStructureIds } from '../../src/pdf/structureIds.js';

const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

/** A tagged-PDF fragment as Chromium writes it, its ids offset by `shift`. */
function printed(shift: number): string {
  const id = (n: number) => `(node${String(n + shift).padStart(8, '0')})`;
  return (
    `%PDF-1.4\n271 0 obj\n<</Type /StructElem\n/S /TH\n/ID ${id(60)}>>\nendobj\n` +
    `272 0 obj\n<</Type /StructElem\n/S /TD\n/A [<</O /Table\n/Headers [${id(60)} ${id(61)}]>>]\n/ID ${id(75)}>>\nendobj\n` +
    `3236 0 obj\n<</Limits [${id(60)} ${id(75)}]\n/Names [${id(60)} 271 0 R ${id(61)} 273 0 R ${id(75)} 272 0 R]>>\nendobj\n` +
    `3240 0 obj\n<</Title (node00000061)>>\nendobj\n`
  );
}

describe('normalizeStructureIds', () => {
  it('makes prints that differ by a shift of every id identical, in place', () => {
    const first = latin1(printed(0));
    const second = latin1(printed(-2));
    expect(first).not.toEqual(second);
    const length = first.length;
    expect(normalizeStructureIds(first)).toBe(9);
    normalizeStructureIds(second);
    expect(first.length).toBe(length);
    expect(Buffer.from(first).toString('latin1')).toBe(Buffer.from(second).toString('latin1'));
  });

  it('keeps the ids in order (the /IDTree stays sorted) and leaves look-alike outline titles alone', () => {
    const pdf = latin1(printed(0));
    normalizeStructureIds(pdf);
    const text = Buffer.from(pdf).toString('latin1');
    expect(text).toContain('/Limits [(node00000001) (node00000003)]');
    expect(text).toContain('/Names [(node00000001) 271 0 R (node00000002) 273 0 R (node00000003) 272 0 R]');
    expect(text).toContain('/Headers [(node00000001) (node00000002)]');
    expect(text).toContain('/Title (node00000061)');
  });
});
