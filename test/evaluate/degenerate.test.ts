// One rule for degenerate input: what is defined is computed, what is not is null, and a
// warning says why — never NaN, never a made-up "p = 1".
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, loadStudy, resultsJson, type Results } from '../../src/index.js';
import { studyFolder } from '../helpers/fixtures.js';

function run(csv: string, extra = ''): Results {
  const study = `title: t\ndata: d.csv\noutcome: { column: y, positive: 1 }\nmodels:\n  - { id: a, score: a }\n  - { id: b, score: b }\noperatingPoints:\n  - { id: youden, youden: true }\nbootstrap: { replicates: 200, seed: 1 }\n${extra}`;
  const dir = studyFolder({ 'study.yaml': study, 'd.csv': csv });
  const results = evaluate(loadStudy(path.join(dir, 'study.yaml')));
  expect(resultsJson(results)).not.toMatch(/NaN|Infinity/);
  return results;
}
const codes = (r: Results) => r.warnings.map((w) => w.code);

describe('degenerate input', () => {
  it('a single positive case: AUC variance undefined, no test', () => {
    const r = run('y,a,b\n1,0.9,0.8\n0,0.1,0.2\n0,0.2,0.9\n0,0.3,0.1\n0,0.4,0.3\n');
    expect(r.models[0]?.auc.se).toBeNull();
    expect(r.comparisons[0]?.auc.p).toBeNull();
    expect(r.comparisons[0]?.auc.difference).toBeCloseTo(0.25, 12);
    expect(codes(r)).toEqual(expect.arrayContaining(['small-class', 'variance-undefined', 'test-undefined']));
  });

  it('identical models: difference 0, p = 1, and a warning', () => {
    const r = run('y,a,b\n1,0.9,0.9\n1,0.6,0.6\n1,0.4,0.4\n0,0.5,0.5\n0,0.2,0.2\n0,0.1,0.1\n');
    expect(r.comparisons[0]?.auc).toMatchObject({ difference: 0, z: 0, p: 1 });
    expect(r.comparisons[0]?.operatingPoints[0]?.sensitivity.p).toBe(1);
    expect(codes(r)).toContain('identical-models');
  });

  it('perfect separation against a constant score: the test is undefined, not p = 1', () => {
    const r = run('y,a,b\n1,0.9,0.5\n1,0.8,0.5\n1,0.7,0.5\n0,0.3,0.5\n0,0.2,0.5\n0,0.1,0.5\n');
    expect(r.models[0]?.auc.estimate).toBe(1);
    expect(r.models[1]?.auc.estimate).toBe(0.5);
    expect(r.comparisons[0]?.auc.p).toBeNull();
    expect(codes(r)).toEqual(expect.arrayContaining(['perfect-separation', 'test-undefined']));
  });

  it('all positives in one cluster: clustered variances undefined, with warnings', () => {
    const csv =
      'y,a,b,patient\n1,0.9,0.8,p1\n1,0.7,0.9,p1\n0,0.5,0.3,p2\n0,0.2,0.4,p3\n0,0.1,0.6,p4\n0,0.3,0.2,p5\n';
    const r = run(csv, 'cluster: patient\n');
    expect(r.models[0]?.auc.se).toBeNull();
    expect(r.comparisons[0]?.operatingPoints[0]?.sensitivity.p).toBeNull();
    expect(codes(r)).toEqual(expect.arrayContaining(['variance-undefined', 'test-undefined']));
  });
});
