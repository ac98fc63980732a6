// Limits on a study's size (issue 14), each refused in one line naming the study key, and
// subgroups grouped in one pass.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStudy } from '../../src/index.js';
import { rowsByValue } from '../../src/evaluate/subsets.js';
import { LIMITS } from '../../src/load/limits.js';
import { BASIC_CSV, studyFolder } from '../helpers/fixtures.js';
import { CLI } from '../helpers/cli.js';

const HEAD = 'title: T\ndata: data.csv\nid: case_id\noutcome: { column: y, positive: 1 }\n';
const models = (k: number) =>
  `models:\n${Array.from({ length: k }, (_, i) => `  - { id: m${i}, score: a }`).join('\n')}\n`;
const points = (k: number) =>
  `operatingPoints:\n${Array.from({ length: k }, (_, i) => `  - { id: p${i}, threshold: ${(i + 1) / 100} }`).join('\n')}\n`;

function load(study: string, csv = BASIC_CSV) {
  const dir = studyFolder({ 'study.yaml': study, 'data.csv': csv });
  return () => loadStudy(path.join(dir, 'study.yaml'));
}

describe('study limits', () => {
  it('refuses too many models', () => {
    expect(load(HEAD + models(LIMITS.models + 1))).toThrow(
      /study\.yaml:6:3: models: 41 models, more than the limit of 40/,
    );
  });

  it('refuses comparisons: all over too many pairs, and names what to do', () => {
    expect(load(HEAD + models(21) + 'comparisons: all\n')).toThrow(
      /comparisons: 210 pairs of models, more than the limit of 200: list the pairs/,
    );
    expect(load(HEAD + models(21) + 'comparisons: none\n')).not.toThrow();
  });

  it('refuses too many operating points and subgroup columns', () => {
    expect(load(HEAD + models(1) + points(LIMITS.operatingPoints + 1))).toThrow(
      /operatingPoints: 21 operating points, more than the limit of 20/,
    );
    const subgroups = `subgroups: [${Array.from({ length: LIMITS.subgroups + 1 }, () => 'a').join(', ')}]\n`;
    expect(load(HEAD + models(1) + subgroups)).toThrow(/subgroups: 21 subgroup columns/);
  });

  it('refuses a subgroup column with more distinct values than the limit (an id column?)', () => {
    const rows = Array.from({ length: 400 }, (_, i) => `c${i},${i % 2},${(i % 97) / 100},s${i}`);
    const csv = ['case_id,y,a,site', ...rows].join('\n');
    expect(load(HEAD + models(1) + 'subgroups: [site]\n', csv)).toThrow(
      /subgroups\[0\]: column "site" has more than 200 distinct values/,
    );
    const fewer = ['case_id,y,a,site', ...rows.map((r, i) => r.replace(/s\d+$/, `s${i % 200}`))].join('\n');
    expect(load(HEAD + models(1) + 'subgroups: [site]\n', fewer)).not.toThrow();
  });

  it('says so in one line on the CLI', () => {
    const dir = studyFolder({ 'study.yaml': HEAD + models(50), 'data.csv': BASIC_CSV });
    const result = spawnSync(
      process.execPath,
      [CLI, 'report', path.join(dir, 'study.yaml'), '--out', path.join(dir, 'out')],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^dxreport: .*study\.yaml:6:3: models: 50 models, more than the limit of 40/),
    ]);
  });
});

describe('subgroups in one pass', () => {
  it('groups the rows of each value, values in a stable order', () => {
    expect(rowsByValue(['b', 'a', 'b', 'c', 'a'])).toEqual([
      ['a', [1, 4]],
      ['b', [0, 2]],
      ['c', [3]],
    ]);
    expect(rowsByValue(['10', '9', '10']).map(([v]) => v)).toEqual(['9', '10']);
  });

  it('groups 100,000 rows of 50,000 values', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => `v${i % 50_000}`);
    const groups = rowsByValue(values);
    expect(groups).toHaveLength(50_000);
    expect(groups.reduce((n, [, rows]) => n + rows.length, 0)).toBe(100_000);
  });
});
