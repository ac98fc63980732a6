// The warning rules (src/evaluate/warnings.ts): when each is given, in which order, where.
import { describe, expect, it } from 'vitest';
import {
  aucWarnings,
  comparisonWarnings,
  operatingPointWarnings,
  sampleWarnings,
  WarningLog,
} from '../../src/evaluate/warnings.js';

describe('warning rules', () => {
  it('sample: dropped rows and a small class', () => {
    const log = new WarningLog();
    sampleWarnings(log, { dropped: 2, positives: 3, negatives: 50 });
    expect(log.list.map((w) => [w.code, w.path])).toEqual([
      ['rows-dropped', 'sample'],
      ['small-class', 'sample'],
    ]);
    expect(log.list[1]?.message).toMatch(/^only 3 positive case/);
  });

  it('operating point: unattainable, infinite likelihood ratios, then each 0/0 proportion', () => {
    const log = new WarningLog();
    const path = 'models[0].operatingPoints[1]';
    // nobody called positive: PPV is 0/0
    operatingPointWarnings(log, {
      path,
      counts: { tp: 0, fp: 0, tn: 5, fn: 5 },
      unattainable: true,
      ruleText: 'Sensitivity ≥ 0.9',
    });
    expect(log.list.map((w) => [w.code, w.path])).toEqual([
      ['operating-point-unattainable', path],
      ['undefined-proportion', `${path}.ppv`],
    ]);
    const lr = new WarningLog();
    operatingPointWarnings(lr, {
      path,
      counts: { tp: 4, fp: 0, tn: 0, fn: 1 },
      unattainable: false,
      ruleText: '',
    });
    expect(lr.list.map((w) => w.path)).toEqual([`${path}.negativeLikelihoodRatio`, `${path}.specificity`]);
  });

  it('AUC: perfect separation, undefined variance, below chance', () => {
    const log = new WarningLog();
    aucWarnings(log, { name: 'A', path: 'models[0]', clustered: false }, { estimate: 1, se: null });
    aucWarnings(log, { name: 'B', path: 'models[1]', clustered: false }, { estimate: 0.4, se: 0.05 });
    expect(log.list.map((w) => w.code)).toEqual([
      'perfect-separation',
      'variance-undefined',
      'auc-below-chance',
    ]);
  });

  it('comparison: identical models and undefined tests', () => {
    const log = new WarningLog();
    comparisonWarnings(log, {
      names: 'A vs B',
      path: 'comparisons[0]',
      identical: true,
      auc: { p: null, difference: 0 },
      operatingPoints: [{ sensitivity: { p: null, n: 3 }, specificity: { p: 0.5, n: 4 } }],
    });
    expect(log.list.map((w) => w.path)).toEqual([
      'comparisons[0]',
      'comparisons[0].auc',
      'comparisons[0].operatingPoints[0].sensitivity',
    ]);
  });
});
