// What the report command says on the console (issue 11, 14): warnings after the wrote line,
// --strict, exit codes of option mistakes, the threads cap, the bootstrap memory refusal, and
// no progress when stderr is not a terminal.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { BASIC_CSV, BASIC_STUDY, studyFolder } from '../helpers/fixtures.js';

/** The basic study with the outcome reversed: positive is 0, so every AUC is below 0.5. */
const REVERSED = BASIC_STUDY.replace('positive: 1', 'positive: 0');

const report = (dir: string, ...more: string[]) =>
  runCli([
    'report',
    path.join(dir, 'study.yaml'),
    '--out',
    path.join(dir, 'out'),
    '--format',
    'json',
    ...more,
  ]);

describe('warnings on the console', () => {
  it('prints each warning on its own line after the wrote line, naming the reversed outcome and the fix', () => {
    const dir = studyFolder({ 'study.yaml': REVERSED, 'data.csv': BASIC_CSV });
    const result = report(dir);
    expect(result.status).toBe(0);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^dxreport: wrote .*results\.json$/);
    const warnings = lines.slice(1);
    expect(warnings.length).toBeGreaterThanOrEqual(2);
    for (const line of warnings) expect(line).toMatch(/^dxreport: warning: /);
    const below = warnings.filter((line) => line.includes('< 0.5'));
    expect(below).toHaveLength(2);
    expect(below[0]).toContain('outcome.positive is "0"');
    expect(below[0]).toContain('set outcome.positive to it');
    expect(below[0]).toContain('"1" is the disease');
  });

  it('with --strict, writes nothing and exits with status 2, listing the warnings', () => {
    const dir = studyFolder({ 'study.yaml': REVERSED, 'data.csv': BASIC_CSV });
    const result = report(dir, '--strict');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^dxreport: error \(--strict\): .*< 0\.5/m);
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(/warnings with --strict: nothing was written/);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('with --strict and no warning, writes the report and exits 0', () => {
    // 40 cases, 20 of each class, scores overlapping but better than chance, a fixed threshold
    // inside both classes: nothing to warn about
    const rows = Array.from({ length: 40 }, (_, i) => {
      const positive = i % 2;
      const a = 0.05 + ((i * 37) % 40) / 50 + positive * 0.1;
      const b = 0.05 + ((i * 23) % 40) / 50 + positive * 0.08;
      return `c${i},${positive},${a.toFixed(3)},${b.toFixed(3)}`;
    });
    const dir = studyFolder({
      'study.yaml': BASIC_STUDY.replace('replicates: 200', 'replicates: 0').replace(
        '{ id: youden, youden: true }',
        '{ id: fixed, threshold: 0.5 }',
      ),
      'data.csv': ['case_id,y,a,b', ...rows].join('\n'),
    });
    const result = report(dir, '--strict');
    expect(result.stderr).toBe(`dxreport: wrote ${path.join(dir, 'out', 'results.json')}\n`);
    expect(result.status).toBe(0);
  });

  it('shows no progress when stderr is not a terminal', () => {
    const dir = studyFolder({ 'study.yaml': BASIC_STUDY, 'data.csv': BASIC_CSV });
    const result = report(dir);
    expect(result.stderr).not.toMatch(/\r|\u001b|bootstrap \d/); // eslint-disable-line no-control-regex
  });
});

describe('option mistakes', () => {
  const dir = studyFolder({ 'study.yaml': BASIC_STUDY, 'data.csv': BASIC_CSV });

  it.each([
    [['--format', ','], /"," names no output/],
    [['--format', ' '], /names no output/],
    [['--format', 'pdf', '--no-pdf'], /leaves nothing to write/],
    [
      ['--template-dir', path.join(dir, 'study.yaml')],
      /--template-dir .* is a file, not a folder of templates/,
    ],
    [['--template-dir', path.join(dir, 'nowhere')], /--template-dir .* does not exist/],
    [['--threads', '2.5'], /use a whole number of threads/],
    [['--bootstrap-memory', 'lots'], /use a number of gigabytes/],
  ])('%j fails, writing nothing', (args, message) => {
    const result = report(dir, ...args);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('caps --threads at the CPUs and says so', () => {
    const result = report(dir, '--threads', '64');
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^dxreport: --threads 64: this machine has \d+ CPUs?; using \d+$/m);
  });
});

describe('bootstrap memory', () => {
  it('refuses a bootstrap above the limit before any work, naming the key', () => {
    const dir = studyFolder({
      'study.yaml': BASIC_STUDY.replace('replicates: 200', 'replicates: 1000000'),
      'data.csv': BASIC_CSV,
    });
    const result = report(dir, '--bootstrap-memory', '0.5');
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(
      /study\.yaml: bootstrap\.replicates: 1000000 replicates of 2 model\(s\) need about .* GB of memory, above the limit of 0\.5 GB/,
    );
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('runs the same bootstrap when the limit is raised', () => {
    const dir = studyFolder({
      'study.yaml': BASIC_STUDY.replace('replicates: 200', 'replicates: 20000'),
      'data.csv': BASIC_CSV,
    });
    expect(report(dir, '--bootstrap-memory', '0.01').status).toBe(1);
    expect(report(dir, '--bootstrap-memory', '1').status).toBe(0);
  });
});

describe('a study file written by hand', () => {
  it('still reports an unknown key in one line', () => {
    const dir = studyFolder({ 'study.yaml': `${BASIC_STUDY}colour: blue\n`, 'data.csv': BASIC_CSV });
    writeFileSync(path.join(dir, 'extra.txt'), '');
    const result = report(dir);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
