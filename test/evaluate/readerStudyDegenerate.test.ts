// Reader studies at the edges: one modality, readers who agree exactly, and the distribution
// helpers at infinite degrees of freedom.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStudy } from '../../src/load/loadStudy.js';
import { evaluateReaderStudy } from '../../src/evaluate/readerStudy.js';
import { WarningLog } from '../../src/evaluate/warnings.js';
import { fUpperTail, tForLevel, twoSidedTP } from '../../src/statistics/readers/distributions.js';
import { chiSquareUpperTail, twoSidedNormalP, zForLevel } from '../../src/statistics/distributions.js';
import { studyFolder } from '../helpers/fixtures.js';

const CASES = ['case_id,y,ai', 'c1,1,0.9', 'c2,1,0.7', 'c3,1,0.6', 'c4,0,0.2', 'c5,0,0.4', 'c6,0,0.65'].join(
  '\n',
);
const STUDY = `title: Readers
data: cases.csv
id: case_id
outcome: { column: y, positive: 1 }
models: [{ id: ai, score: ai }]
readerStudy: { data: reads.csv, case: case_id, reader: reader, modality: modality, rating: rating, positiveFrom: 3 }
`;
const RATINGS: Record<string, number[]> = {
  c1: [5, 4, 5],
  c2: [4, 2, 3],
  c3: [2, 3, 4],
  c4: [1, 1, 2],
  c5: [3, 2, 1],
  c6: [2, 4, 1],
};

function run(modalities: string[], sameReaders: boolean) {
  const rows = ['case_id,reader,modality,rating'];
  for (const [c, ratings] of Object.entries(RATINGS)) {
    modalities.forEach((m, t) =>
      ['R1', 'R2', 'R3'].forEach((r, k) =>
        rows.push(`${c},${r},${m},${ratings[sameReaders ? t : (k + t) % 3]}`),
      ),
    );
  }
  const dir = studyFolder({ 'study.yaml': STUDY, 'cases.csv': CASES, 'reads.csv': rows.join('\n') });
  const warnings = new WarningLog();
  return { result: evaluateReaderStudy(loadStudy(path.join(dir, 'study.yaml')), 0.95, warnings), warnings };
}

describe('reader study edge cases', () => {
  it('with one modality gives each mean and the model comparison, no modality test', () => {
    const { result } = run(['unaided'], false);
    expect(result.auc.comparisons).toEqual([]);
    expect(result.auc.test).toBeUndefined();
    expect(result.auc.modalities[0]?.randomReaders.ci).not.toBeNull();
    expect(result.auc.varianceComponents.modalityReader).toBeNull();
    expect(result.standalone[0]?.modalities[0]?.auc.p).not.toBeNull();
  });

  it('when every reader rates alike, the undefined parts are null with a warning', () => {
    const { result, warnings } = run(['unaided', 'aided'], true);
    const c = result.auc.comparisons[0];
    expect(c?.fixedCases.se).toBe(0);
    expect(c?.fixedCases.t).toBeNull();
    expect(result.auc.test?.fixedCases.statistic).toBeNull();
    expect(warnings.list.map((w) => w.code)).toContain('reader-study-undefined');
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
  });

  it('uses the normal and χ² limits at infinite df', () => {
    expect(tForLevel(0.95, Infinity)).toBe(zForLevel(0.95));
    expect(twoSidedTP(1.5, Infinity)).toBe(twoSidedNormalP(1.5));
    expect(fUpperTail(2.5, 2, Infinity)).toBe(chiSquareUpperTail(5, 2));
    expect(fUpperTail(0, 1, 10)).toBe(1);
  });
});
