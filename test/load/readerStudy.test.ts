// Loading a reader study's reads: the join to the cases and the one-line errors.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStudy } from '../../src/load/loadStudy.js';
import { studyFolder } from '../helpers/fixtures.js';

const CASES = ['case_id,y,ai', 'c1,1,0.9', 'c2,1,0.7', 'c3,0,0.2', 'c4,0,0.4'].join('\n');

function reads(rows: string[]): string {
  return ['case,reader,modality,rating', ...rows].join('\n');
}
const FULL = ['c1', 'c2', 'c3', 'c4'].flatMap((c, i) =>
  ['R1', 'R2'].flatMap((r) => ['unaided', 'aided'].map((m) => `${c},${r},${m},${5 - i}`)),
);

const STUDY = `title: Readers
data: cases.csv
id: case_id
outcome: { column: y, positive: 1 }
models: [{ id: ai, score: ai }]
readerStudy:
  data: reads.csv
  case: case
  reader: reader
  modality: modality
  rating: rating
`;

function load(readRows: string[], study = STUDY) {
  const dir = studyFolder({ 'study.yaml': study, 'cases.csv': CASES, 'reads.csv': reads(readRows) });
  return () => loadStudy(path.join(dir, 'study.yaml'));
}

describe('reader study reads', () => {
  it('joins every read to its case', () => {
    const study = load(FULL)();
    const rs = study.readerStudy!;
    expect(rs.readers).toEqual(['R1', 'R2']);
    expect(rs.modalities).toEqual(['unaided', 'aided']);
    expect(Array.from(rs.ratings[1]![0]!)).toEqual([5, 4, 3, 2]);
    expect(rs.settings.covariance).toBe('jackknife');
  });

  it('orders the readers naturally whatever the row order; modalities as first read', () => {
    const study = load([...FULL].reverse().map((row) => row.replace(',R1,', ',R10,')))();
    expect(study.readerStudy!.readers).toEqual(['R2', 'R10']);
    expect(study.readerStudy!.modalities).toEqual(['aided', 'unaided']);
  });

  it('orders the modalities as readerStudy.modalities lists them', () => {
    const study = load(FULL, `${STUDY}  modalities: [aided, unaided]\n`)();
    expect(study.readerStudy!.modalities).toEqual(['aided', 'unaided']);
  });

  it('names the first missing read', () => {
    expect(load(FULL.filter((row) => row !== 'c3,R2,aided,3'))).toThrow(
      /reads\.csv: missing read: reader "R2" has no rating of case "c3" in modality "aided"/,
    );
  });

  it('names a duplicated read and the line of the first', () => {
    expect(load([...FULL, 'c2,R1,aided,1'])).toThrow(
      /reads\.csv:18: duplicated read: case "c2", reader "R1", modality "aided" is also on line 7/,
    );
  });

  it('refuses a case that is not in the case table', () => {
    expect(load([...FULL, 'c9,R1,aided,1'])).toThrow(/reads\.csv:18:1: unknown case "c9"/);
  });

  it('refuses a rating that is not a number', () => {
    const rows = FULL.map((row) => (row === 'c2,R2,unaided,4' ? 'c2,R2,unaided,high' : row));
    expect(load(rows)).toThrow(/reads\.csv:8:4: rating "high" in column "rating" is not a number/);
  });

  it('refuses a modality not listed in readerStudy.modalities', () => {
    expect(load(FULL, `${STUDY}  modalities: [aided, AI]\n`)).toThrow(
      /modality "unaided" is not in readerStudy\.modalities/,
    );
  });

  it('needs two readers', () => {
    expect(load(FULL.filter((row) => row.includes(',R1,')))).toThrow(
      /a reader study needs at least two readers/,
    );
  });

  it('needs the case ids to join on', () => {
    expect(load(FULL, STUDY.replace('id: case_id\n', ''))).toThrow(
      /readerStudy: a reader study needs the case table's "id" column/,
    );
  });

  it('suggests the column meant', () => {
    expect(load(FULL, STUDY.replace('rating: rating', 'rating: ratings'))).toThrow(
      /readerStudy\.rating: column "ratings" is not in reads\.csv \(did you mean "rating"\?\)/,
    );
  });
});
