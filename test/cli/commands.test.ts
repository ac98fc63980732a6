// `dxreport init` and `dxreport import-yolo` on the built CLI.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, loadStudy } from '../../src/index.js';
import { CLI } from '../helpers/cli.js';
import { BASIC_CSV, studyFolder } from '../helpers/fixtures.js';

const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

describe('dxreport init', () => {
  it('writes a commented study file that runs as written', () => {
    const dir = studyFolder({ 'data.csv': BASIC_CSV });
    const out = path.join(dir, 'study.yaml');
    const result = run('init', path.join(dir, 'data.csv'), '--out', out);
    expect(result.status).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('outcome: { column: "y", positive: "1" }');
    expect(text).toContain('id: "case_id"');
    expect(text).toContain('score: "a" }');
    expect(text).toContain('minSensitivity: 0.90');
    const study = loadStudy(out);
    expect(study.models.map((m) => m.scoreColumn)).toEqual(['a', 'b']);
    study.settings.bootstrap.replicates = 0;
    expect(evaluate(study).models).toHaveLength(2);
    expect(run('init', path.join(dir, 'data.csv'), '--out', out).stderr).toContain('exists');
  });
});

describe('dxreport import-yolo', () => {
  it('writes the labels with one score column per model', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'dxreport-yolo-')), 'predictions.csv');
    const fixture = 'test/fixtures/yolo';
    const result = run(
      'import-yolo',
      '--labels',
      `${fixture}/labels.csv`,
      '--id',
      'image',
      '--model',
      `tl=${fixture}/tl`,
      '--model',
      `sc=${fixture}/sc`,
      '--aggregate',
      'noisy-or',
      '--out',
      out,
    );
    expect(result.stderr).toContain('wrote');
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('image,malignant,tl,sc');
    expect(lines).toHaveLength(7);
    expect(lines[4]).toBe('knee004.png,0,0,0');
  });

  it('names the file and line of a malformed detection', () => {
    const dir = studyFolder({ 'labels.csv': 'image,y\na,1\nb,0\n' });
    mkdirSync(path.join(dir, 'm'));
    writeFileSync(path.join(dir, 'm', 'a.txt'), '0 0.1 0.1 0.1 0.1 0.5\n0 0.1 0.1\n');
    const result = run(
      'import-yolo',
      '--labels',
      path.join(dir, 'labels.csv'),
      '--id',
      'image',
      '--model',
      `m=${path.join(dir, 'm')}`,
      '--out',
      path.join(dir, 'o.csv'),
    );
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/a\.txt:2: expected 6 fields "class cx cy w h conf", found 3$/);
  });
});
