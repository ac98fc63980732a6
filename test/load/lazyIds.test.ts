// Case ids are made only when read (lazyIds.ts, issue 10): the loaded data and the data in
// canonical order still give every id, in the right order, to any reader; a study without an
// id column has none.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadStudy } from '../../src/load/loadStudy.js';
import { hasCaseIds } from '../../src/load/lazyIds.js';
import { canonicalOrder, inCanonicalOrder } from '../../src/evaluate/canonicalOrder.js';

const idsInFile = readFileSync('examples/bone-tumour/predictions.csv', 'utf8')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => line.split(',')[0]);

describe('lazy case ids', () => {
  it('gives the id column in row order, built on first read and kept', () => {
    const { data } = loadStudy('examples/bone-tumour/study.yaml');
    expect(hasCaseIds(data)).toBe(true);
    expect(Object.getOwnPropertyDescriptor(data, 'ids')?.get).toBeTypeOf('function');
    expect(data.ids).toEqual(idsInFile);
    expect(data.ids).toBe(data.ids);
    expect({ ...data }.ids).toEqual(idsInFile);
  });

  it('keeps the ids with their cases in canonical order', () => {
    const { data } = loadStudy('examples/bone-tumour/study.yaml');
    const order = canonicalOrder(data);
    const ordered = inCanonicalOrder(data);
    expect(hasCaseIds(ordered)).toBe(true);
    expect(ordered.ids).toEqual(Array.from(order, (i) => idsInFile[i]));
    expect(ordered.labels).toEqual(Uint8Array.from(order, (i) => data.labels[i] as number));
    expect(ordered.file).toBe(data.file);
  });

  it('has no ids without an id column', () => {
    const data = defineless();
    expect(hasCaseIds(data)).toBe(false);
    expect(inCanonicalOrder(data).ids).toBeNull();
  });
});

function defineless() {
  const { data } = loadStudy('examples/bone-tumour/study.yaml');
  return { ...data, ids: null };
}
