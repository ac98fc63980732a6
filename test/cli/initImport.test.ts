// `dxreport init` and `dxreport import-yolo` on files as people have them (issues 11, 14): score
// columns with missing values kept, unused columns listed with the reason, the positive class
// chosen from disease words (and said to be a guess when they do not decide), column names that
// cannot inject keys, ids from any script, inputs never overwritten, no duplicate header, and
// 200,000 boxes in one file.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { evaluate, loadStudy } from '../../src/index.js';
import { choosePositive, modelIds, quote } from '../../src/commands/initStudy.js';
import { aggregateBoxes } from '../../src/load/yolo.js';
import { studyFolder } from '../helpers/fixtures.js';
import { CLI } from '../helpers/cli.js';

const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

/** A table of 12 cases with the given outcome values (6 of each) and columns. */
function csv(outcome: [string, string], columns: Record<string, (i: number) => string>): string {
  const names = Object.keys(columns);
  const header = ['case_id', 'diagnosis', ...names].map((n) =>
    /[",\n]/.test(n) ? `"${n.replace(/"/g, '""')}"` : n,
  );
  const rows = Array.from({ length: 12 }, (_, i) =>
    [`c${i + 1}`, outcome[i % 2], ...names.map((n) => (columns[n] as (i: number) => string)(i))].join(','),
  );
  return [header.join(','), ...rows].join('\n');
}
const score = (i: number) => String(((i * 7) % 12) / 12 + 0.01);

function init(data: string) {
  const dir = studyFolder({ 'data.csv': data });
  const out = path.join(dir, 'study.yaml');
  const result = run('init', path.join(dir, 'data.csv'), '--out', out);
  return { result, out, text: result.status === 0 ? readFileSync(out, 'utf8') : '' };
}

describe('dxreport init', () => {
  it('keeps score columns with missing values, writes missing: drop with the counts, and says so', () => {
    const { result, out, text } = init(
      csv(['cancer', 'normal'], {
        resnet: (i) => (i < 2 ? 'NA' : score(i)),
        vit: (i) => (i >= 6 ? '' : score(i + 3)),
        radiologist: (i) => score(i + 5),
        site: (i) => `hospital ${i % 3}`,
        age: (i) => String(40 + i),
      }),
    );
    expect(result.status).toBe(0);
    expect(text).toMatch(/missing: drop .*"resnet" 2, "vit" 6/);
    expect(result.stderr).toMatch(/missing values .*"resnet" 2, "vit" 6/);
    expect(text).toContain('# columns not used:');
    expect(text).toMatch(/#\s+"site": not numeric/);
    expect(text).toMatch(/#\s+"age": numbers outside \[0, 1\]/);
    const study = loadStudy(out);
    expect(study.models.map((m) => m.scoreColumn)).toEqual(['resnet', 'vit', 'radiologist']);
    study.settings.bootstrap.replicates = 0;
    expect(evaluate(study).models).toHaveLength(3);
  });

  it.each([
    [['cancer', 'normal'], 'cancer'],
    [['normal', 'abnormal'], 'abnormal'],
    [['benign', 'malignant'], 'malignant'],
    [['healthy', 'disease'], 'disease'],
    [['no', 'yes'], 'yes'],
    [['control', 'case'], 'case'],
    [['negative', 'positive'], 'positive'],
    [['false', 'true'], 'true'],
    [['0', '1'], '1'],
    [['no cancer', 'cancer'], 'cancer'],
    [['Normal', 'Pneumonia'], 'Pneumonia'],
  ] as const)('chooses the disease value of %j: %s, without a warning', (values, positive) => {
    const { result, text } = init(csv([values[0], values[1]], { model: score }));
    expect(result.status).toBe(0);
    expect(text).toContain(`positive: ${JSON.stringify(positive)} }`);
    expect(text).not.toContain('CHECK');
    expect(result.stderr).not.toContain('CHECK');
  });

  it('says on the console and in the file when it cannot tell the disease value', () => {
    const { result, text } = init(csv(['A', 'B'], { model: score }));
    expect(result.status).toBe(0);
    expect(text).toMatch(
      /^# CHECK: could not tell which value of "diagnosis" is the disease: guessed "B", not "A"/m,
    );
    expect(result.stderr).toMatch(/CHECK the outcome: could not tell .* guessed "B"/);
  });

  it('quotes column names: a newline in a name cannot inject a key', () => {
    const evil = 'm\nthresholdsFrom: /etc/passwd\n#';
    const { result, out, text } = init(csv(['cancer', 'normal'], { [evil]: score, 'x"y': score }));
    expect(result.status).toBe(0);
    const keys = Object.keys(parseYaml(text) as object);
    expect(keys).not.toContain('thresholdsFrom');
    expect(text).not.toMatch(/^thresholdsFrom/m);
    const study = loadStudy(out);
    expect(study.models.map((m) => m.scoreColumn)).toEqual([evil, 'x"y']);
  });

  it('makes distinct ids from names in any script', () => {
    const { result, out } = init(
      csv(['cancer', 'normal'], { 模型甲: score, 模型乙: score, résnet: score, Ωμέγα: score }),
    );
    expect(result.status).toBe(0);
    const study = loadStudy(out);
    const ids = study.models.map((m) => m.id);
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(ids).toContain('resnet');
    expect(study.models.map((m) => m.name)).toEqual(['模型甲', '模型乙', 'résnet', 'Ωμέγα']);
  });

  it('unit: ids, quoting and the vocabulary', () => {
    expect(modelIds(['模型', '模型', 'a b', 'a_b', ''])).toEqual([
      'model-1',
      'model-2',
      'a_b',
      'a_b-2',
      'model-5',
    ]);
    expect(quote('a\u2028b\u202e\nc')).toBe('"a\\u2028b\\u202e\\nc"');
    expect(choosePositive(['p', 'q'])).toEqual({ positive: 'q', sure: false });
    expect(choosePositive(['normal', 'x'])).toEqual({ positive: 'x', sure: true });
  });
});

describe('dxreport import-yolo', () => {
  function yoloFolder(boxes: string) {
    const dir = studyFolder({ 'labels.csv': 'image,y\na,1\nb,0\n' });
    mkdirSync(path.join(dir, 'm'));
    writeFileSync(path.join(dir, 'm', 'a.txt'), boxes);
    return dir;
  }
  const importYolo = (dir: string, labels: string, out: string, model = 'm') =>
    run(
      'import-yolo',
      '--labels',
      labels,
      '--id',
      'image',
      '--model',
      `${model}=${path.join(dir, 'm')}`,
      '--out',
      out,
    );

  it('refuses --out equal to --labels and leaves the labels as they were', () => {
    const dir = yoloFolder('0 0.5 0.5 0.1 0.1 0.9\n');
    const labels = path.join(dir, 'labels.csv');
    const result = importYolo(dir, labels, path.join(dir, '.', 'labels.csv'));
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/--out is the input/);
    expect(readFileSync(labels, 'utf8')).toBe('image,y\na,1\nb,0\n');
  });

  it('refuses a second import onto its own output instead of writing a duplicate header', () => {
    const dir = yoloFolder('0 0.5 0.5 0.1 0.1 0.9\n');
    const first = path.join(dir, 'first.csv');
    expect(importYolo(dir, path.join(dir, 'labels.csv'), first).status).toBe(0);
    expect(readFileSync(first, 'utf8').split('\n')[0]).toBe('image,y,m');
    const second = importYolo(dir, first, path.join(dir, 'second.csv'));
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/first\.csv:1: --model m: .* already has a column "m"/);
    expect(importYolo(dir, first, path.join(dir, 'second.csv'), 'm2').status).toBe(0);
    expect(readFileSync(path.join(dir, 'second.csv'), 'utf8').split('\n')[0]).toBe('image,y,m,m2');
  });

  it('reads 200,000 boxes in one file', () => {
    const lines = Array.from(
      { length: 200_000 },
      (_, i) => `0 0.5 0.5 0.1 0.1 ${((i % 997) / 1000).toFixed(3)}`,
    );
    const dir = yoloFolder(`${lines.join('\n')}\n`);
    const out = path.join(dir, 'out.csv');
    const result = importYolo(dir, path.join(dir, 'labels.csv'), out);
    expect(result.stderr).not.toMatch(/stack/i);
    expect(result.status).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n')[1]).toBe('a,1,0.996');
    const many = Array.from({ length: 500_000 }, (_, i) => ({ classId: 0, confidence: i / 500_000 }));
    expect(aggregateBoxes(many, { aggregate: 'max', topK: 3, classes: [] })).toBe(499_999 / 500_000);
  });
});
