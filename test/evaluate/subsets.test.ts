// Subgroups, validation-set thresholds and clusters, end to end through loadStudy + evaluate.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, loadStudy } from '../../src/index.js';
import { BASIC_CSV, BASIC_STUDY, studyFolder } from '../helpers/fixtures.js';

const CSV_WITH_GROUPS = BASIC_CSV.split('\n')
  .map((line, i) =>
    i === 0 ? `${line},site,patient` : `${line},${i % 2 ? 'north' : 'south'},p${Math.ceil(i / 2)}`,
  )
  .join('\n');

function run(extra: string, files: Record<string, string> = {}) {
  const dir = studyFolder({
    'study.yaml': `${BASIC_STUDY.replace('bootstrap: { replicates: 200, seed: 1 }', 'bootstrap: { replicates: 0 }')}${extra}`,
    'data.csv': CSV_WITH_GROUPS,
    ...files,
  });
  return evaluate(loadStudy(path.join(dir, 'study.yaml')));
}

describe('subgroups', () => {
  it('analyses each value with the whole-set thresholds', () => {
    const results = run('subgroups: [site]\n');
    expect(results.subgroups?.map((s) => [s.column, s.value, s.n])).toEqual([
      ['site', 'north', 4],
      ['site', 'south', 4],
    ]);
    const whole = results.models[0]?.operatingPoints[0]?.threshold;
    for (const subgroup of results.subgroups ?? []) {
      expect(subgroup.models[0]?.operatingPoints[0]?.threshold).toBe(whole);
      expect(subgroup.positives + subgroup.negatives).toBe(subgroup.n);
    }
  });
});

describe('thresholdsFrom', () => {
  it('chooses data-driven thresholds on the validation set and applies them unchanged', () => {
    const validation = [
      'case_id,y,a,b,site,patient',
      'v1,1,0.5,0.5,n,q1',
      'v2,1,0.45,0.6,n,q2',
      'v3,0,0.4,0.2,n,q3',
      'v4,0,0.1,0.1,n,q4',
    ].join('\n');
    const results = run('thresholdsFrom: validation.csv\n', { 'validation.csv': validation });
    const point = results.models[0]?.operatingPoints[0];
    expect(point?.thresholdSource).toBe('validation');
    expect(point?.threshold).toBe(0.45);
    expect(results.validation?.sample.n).toBe(4);
    expect(results.validation?.models[0]?.operatingPoints[0]?.threshold).toBe(0.45);
    expect(results.validation?.models[0]?.operatingPoints[0]?.sensitivity.estimate).toBe(1);
  });
});

describe('clusters', () => {
  it('counts clusters and switches to the clustered methods', () => {
    const results = run('cluster: patient\n');
    expect(results.sample.clusters).toBe(4);
    expect(results.models[0]?.auc.ci?.method).toContain('Obuchowski');
    expect(results.comparisons[0]?.auc.method).toContain('Obuchowski');
    expect(results.comparisons[0]?.operatingPoints[0]?.sensitivity.method).toContain('Obuchowski 1998');
  });

  it('with one case per cluster gives exactly the DeLong results', () => {
    const plain = run('');
    const singletons = run('cluster: case_id\n');
    expect(singletons.models[0]?.auc.se).toBeCloseTo(plain.models[0]?.auc.se as number, 14);
    expect(singletons.comparisons[0]?.auc.z).toBeCloseTo(plain.comparisons[0]?.auc.z as number, 12);
  });
});
