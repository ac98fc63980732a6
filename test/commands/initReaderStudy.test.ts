// `dxreport init` on a long reads file writes the readerStudy block.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { starterStudy } from '../../src/commands/initStudy.js';
import { guessReads } from '../../src/commands/initReaderStudy.js';
import { parseCsv } from '../../src/load/csv.js';
import { loadStudy } from '../../src/load/loadStudy.js';
import { studyFolder } from '../helpers/fixtures.js';

const READS = 'test/reference/data/readers_vandyke_reads.csv';
const CASES = 'test/reference/data/readers_vandyke_cases.csv';

describe('dxreport init on a reads file', () => {
  const table = parseCsv(readFileSync(READS, 'utf8'), READS);

  it('recognises the case, reader, modality and rating columns', () => {
    expect(guessReads(table)).toMatchObject({
      case: 'case_id',
      reader: 'reader',
      modality: 'modality',
      rating: 'rating',
      modalities: ['A', 'B'],
      readers: 5,
      scale: [1, 2, 3, 4, 5],
    });
  });

  it('writes a readerStudy block that loads once the case table is named', () => {
    const dir = studyFolder({
      'reads.csv': readFileSync(READS, 'utf8'),
      'cases.csv': readFileSync(CASES, 'utf8'),
    });
    const text = starterStudy(table, 'reads.csv');
    expect(text).toContain('readerStudy:');
    expect(text).toContain('  modality: modality');
    expect(text).toContain('# positiveFrom: 3');
    const filled = text
      .replace('data: CASES.csv', 'data: cases.csv')
      .replace('OUTCOME_COLUMN', 'truth')
      .replace('SCORE_COLUMN', 'model');
    writeFileSync(path.join(dir, 'study.yaml'), filled);
    const study = loadStudy(path.join(dir, 'study.yaml'));
    expect(study.readerStudy?.readers).toEqual(['R1', 'R2', 'R3', 'R4', 'R5']);
  });

  it('leaves a case table alone', () => {
    const cases = parseCsv(readFileSync(CASES, 'utf8'), CASES);
    expect(guessReads(cases)).toBeNull();
    expect(starterStudy(cases, 'cases.csv')).not.toContain('readerStudy');
  });
});
