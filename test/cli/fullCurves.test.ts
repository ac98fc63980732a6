// `dxreport report --full-curves` on the built CLI: the CSV curves hold the same points as
// results.json's complete (unthinned) curves.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASIC_CSV, studyFolder } from '../helpers/fixtures.js';
import { CLI } from '../helpers/cli.js';

const STUDY = `title: Full curves
data: data.csv
outcome: { column: y, positive: 1 }
models:
  - { id: a, score: a }
bootstrap: { replicates: 0 }
`;

function readCsv(file: string): number[][] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').map(Number));
}

describe('dxreport report --full-curves', () => {
  it('writes every ROC and precision–recall point as CSV', () => {
    const dir = studyFolder({ 'data.csv': BASIC_CSV, 'study.yaml': STUDY });
    const out = path.join(dir, 'out');
    const result = spawnSync(
      process.execPath,
      [CLI, 'report', path.join(dir, 'study.yaml'), '--out', out, '--format', 'json', '--full-curves'],
      { encoding: 'utf8' },
    );
    expect(result.status, result.stderr).toBe(0);
    const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as {
      models: {
        roc: { threshold: number; sensitivity: number; specificity: number }[];
        precisionRecall: { threshold: number; recall: number; precision: number }[];
        curveThinning?: unknown;
      }[];
    };
    const model = results.models[0]!;
    expect(model.curveThinning).toBeUndefined();
    expect(readCsv(path.join(out, 'curves', 'a-roc.csv'))).toEqual(
      model.roc.map((p) => [p.threshold, p.sensitivity, p.specificity]),
    );
    expect(readCsv(path.join(out, 'curves', 'a-precision-recall.csv'))).toEqual(
      model.precisionRecall.map((p) => [p.threshold, p.recall, p.precision]),
    );
  });
});
