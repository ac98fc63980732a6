// The CLI end to end (on the built bin, dist/bundle/cli.js): exit codes, one-line errors, atomic output,
// byte-identical results for the same input and seed, and independence from row order.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { BASIC_CSV, BASIC_STUDY, studyFolder } from '../helpers/fixtures.js';

function run(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
}

describe('dxreport report', () => {
  it('writes results.json and exits 0', () => {
    const dir = studyFolder({ 'study.yaml': BASIC_STUDY, 'data.csv': BASIC_CSV });
    const out = path.join(dir, 'out');
    const result = run('report', path.join(dir, 'study.yaml'), '--out', out, '--format', 'json');
    expect(result.status).toBe(0);
    const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8'));
    expect(results.schema).toBe('dxreport/results@1');
    expect(results.sample).toMatchObject({ n: 8, positives: 4, negatives: 4 });
  });

  it("--timings prints one line with every step's wall and CPU seconds after the wrote line", () => {
    const dir = studyFolder({ 'study.yaml': BASIC_STUDY, 'data.csv': BASIC_CSV });
    const out = path.join(dir, 'out');
    const result = run('report', path.join(dir, 'study.yaml'), '--out', out, '--format', 'json', '--timings');
    expect(result.status).toBe(0);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^dxreport: wrote /);
    const timings = lines.find((line) => line.startsWith('dxreport: timings: '));
    expect(timings).toMatch(/^dxreport: timings: loading .+ \d+\.\d\d s \(CPU \d+\.\d\d s\), /);
    expect(timings).toMatch(/, total since start \d+\.\d\d s \(CPU \d+\.\d\d s\)$/);
  });

  it('fails with one line naming file and line, and leaves an existing report untouched', () => {
    const dir = studyFolder({ 'study.yaml': BASIC_STUDY, 'data.csv': BASIC_CSV });
    const out = path.join(dir, 'out');
    mkdirSync(out);
    writeFileSync(path.join(out, 'results.json'), 'previous good report');
    writeFileSync(path.join(dir, 'data.csv'), BASIC_CSV.replace('c5,0,0.6', 'c5,0,abc'));
    const result = run('report', path.join(dir, 'study.yaml'), '--out', out, '--format', 'json');
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^dxreport: .*data\.csv:6:3: score "abc" in column "a" is not a finite number$/);
    expect(readFileSync(path.join(out, 'results.json'), 'utf8')).toBe('previous good report');
    expect(readdirSync(dir).filter((f) => f.startsWith('.dxreport-tmp'))).toEqual([]);
  });

  it('replaces a previous report atomically and keeps unrelated files', () => {
    const dir = studyFolder({ 'study.yaml': BASIC_STUDY, 'data.csv': BASIC_CSV });
    const out = path.join(dir, 'out');
    mkdirSync(out);
    writeFileSync(path.join(out, 'results.json'), 'old');
    writeFileSync(path.join(out, 'notes.txt'), 'mine');
    expect(run('report', path.join(dir, 'study.yaml'), '--out', out, '--format', 'json').status).toBe(0);
    expect(readFileSync(path.join(out, 'results.json'), 'utf8')).toContain('dxreport/results@1');
    expect(readFileSync(path.join(out, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('gives byte-identical results.json for the same input and seed, whatever the row order', () => {
    const dir = studyFolder({ 'study.yaml': BASIC_STUDY, 'data.csv': BASIC_CSV });
    const [header, ...rows] = BASIC_CSV.split('\n');
    writeFileSync(path.join(dir, 'shuffled.csv'), [header, ...rows.reverse()].join('\n'));
    writeFileSync(path.join(dir, 'shuffled.yaml'), BASIC_STUDY.replace('data.csv', 'shuffled.csv'));
    const outputs = ['a', 'b', 'c'].map((name) => path.join(dir, name));
    run('report', path.join(dir, 'study.yaml'), '--out', outputs[0] as string, '--format', 'json');
    run('report', path.join(dir, 'study.yaml'), '--out', outputs[1] as string, '--format', 'json');
    run('report', path.join(dir, 'shuffled.yaml'), '--out', outputs[2] as string, '--format', 'json');
    const [first, second, shuffled] = outputs.map((o) => readFileSync(path.join(o, 'results.json'), 'utf8'));
    expect(second).toBe(first);
    const strip = (text: string) => {
      const r = JSON.parse(text);
      delete r.input;
      return r;
    };
    expect(strip(shuffled as string)).toEqual(strip(first as string));
  });

  it('rejects an unknown format with a hint', () => {
    const result = run('report', 'x.yaml', '--out', 'y', '--format', 'docx');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('unknown format "docx"');
    expect(existsSync('y')).toBe(false);
  });
});
