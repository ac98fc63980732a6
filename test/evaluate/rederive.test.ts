// bootstrap.rederiveThresholds: each model's operating-point intervals include the
// threshold's own uncertainty; paired comparisons keep the thresholds fixed (contract).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, loadStudy } from '../../src/index.js';
import { studyFolder } from '../helpers/fixtures.js';

const data = path.resolve('test/reference/data/ties.csv');
const study = (rederive: boolean) =>
  `title: t\ndata: ${data}\nid: case_id\noutcome: { column: y, positive: 1 }\nmodels:\n  - { id: cnn, score: cnn }\n  - { id: logreg, score: logreg }\noperatingPoints:\n  - { id: youden, youden: true }\nbootstrap: { replicates: 400, seed: 5, rederiveThresholds: ${rederive} }\n`;

describe('rederiveThresholds', () => {
  const fixed = evaluate(loadStudy(path.join(studyFolder({ 'study.yaml': study(false) }), 'study.yaml')));
  const rederived = evaluate(loadStudy(path.join(studyFolder({ 'study.yaml': study(true) }), 'study.yaml')));

  it('widens the per-model interval and says so', () => {
    const a = fixed.models[0]?.operatingPoints[0]?.sensitivity.bootstrapCi;
    const b = rederived.models[0]?.operatingPoints[0]?.sensitivity.bootstrapCi;
    expect(b?.method).toContain('thresholds re-chosen in each replicate');
    expect(b).not.toEqual(a);
    expect(rederived.settings.bootstrap.rederiveThresholds).toBe(true);
  });

  it('leaves the paired comparisons at fixed thresholds', () => {
    expect(rederived.comparisons[0]?.operatingPoints[0]?.ppv).toEqual(
      fixed.comparisons[0]?.operatingPoints[0]?.ppv,
    );
    expect(rederived.comparisons[0]?.auc).toEqual(fixed.comparisons[0]?.auc);
  });

  it('cannot be combined with thresholdsFrom', () => {
    const dir = studyFolder({ 'study.yaml': `${study(true)}thresholdsFrom: ${data}\n` });
    expect(() => loadStudy(path.join(dir, 'study.yaml'))).toThrow(
      /bootstrap\.rederiveThresholds: cannot be combined with thresholdsFrom/,
    );
  });
});
