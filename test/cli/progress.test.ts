// Progress on a terminal (issue 11): run under a pseudo-terminal (util-linux `script`), every
// step is named, the line is redrawn at least once a second, and cleared before the wrote line.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { studyFolder } from '../helpers/fixtures.js';

const hasScript = spawnSync('script', ['--version']).status === 0;

/** Runs the CLI on a pseudo-terminal; returns what it drew. */
function onTerminal(args: string[]): string {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const result = spawnSync('script', ['-qfec', command, '/dev/null'], { encoding: 'utf8' });
  return result.stdout;
}

/** The frames drawn (each a whole line, ending in clear-to-end-of-line). */
function framesOf(drawn: string): string[] {
  return drawn.split('\r').filter((frame) => frame.startsWith('dxreport: ') && frame.endsWith('\x1b[K'));
}

/** What `report <dir>/study.yaml --out <dir>/out --format json` draws on a terminal. */
const jsonReportOnTerminal = (dir: string) =>
  onTerminal(['report', path.join(dir, 'study.yaml'), '--out', path.join(dir, 'out'), '--format', 'json']);

describe.skipIf(!hasScript)('progress on a terminal', () => {
  it('names every step, redraws at least once a second, and clears its line', () => {
    // the example with 20,000 replicates: its 2000 take well under a tenth of a second on the
    // WebAssembly kernel, which may all pass before the ticker thread has started; likewise
    // loading and the models, whose steps are asserted on a larger study below
    const example = readFileSync('examples/bone-tumour/study.yaml', 'utf8')
      .replace('data: predictions.csv', `data: ${path.resolve('examples/bone-tumour/predictions.csv')}`)
      .replace(
        'thresholdsFrom: validation.csv',
        `thresholdsFrom: ${path.resolve('examples/bone-tumour/validation.csv')}`,
      )
      .replace('replicates: 2000', 'replicates: 20000');
    const dir = studyFolder({ 'study.yaml': example });
    const drawn = jsonReportOnTerminal(dir);
    const frames = framesOf(drawn);
    const text = frames.join('\n');
    expect(text).toMatch(/bootstrap \(\d threads?\), 20000 replicates/);
    // each step's frames: one for each second at least (no second skipped)
    const byStep = new Map<string, number[]>();
    for (const frame of frames) {
      const step = frame.replace(/ \d+\/\d+ \(\d+ s\).*$| \(\d+ s\).*$/, '');
      byStep.set(step, [...(byStep.get(step) ?? []), Number(/\((\d+) s\)/.exec(frame)?.[1])]);
    }
    for (const seconds of byStep.values()) {
      for (let i = 1; i < seconds.length; i++) {
        expect((seconds[i] as number) - (seconds[i - 1] as number)).toBeLessThanOrEqual(1);
      }
    }
    // the line is cleared before the wrote line
    expect(drawn).toContain('\r\x1b[Kdxreport: wrote ');
  });

  it("names each model's steps on a study large enough for them to last", () => {
    // 100,000 cases (bench/generate.mjs): each model's curves and calibration take tenths of a second
    const dir = studyFolder({});
    execFileSync(process.execPath, ['bench/generate.mjs', '100000', dir]);
    const drawn = jsonReportOnTerminal(dir);
    const text = framesOf(drawn).join('\n');
    expect(text).toMatch(/model 1 of 2, a/);
    expect(text).toMatch(/model 2 of 2, b/);
    expect(text).toMatch(/calibration smoother/);
    expect(drawn).toContain('\r\x1b[Kdxreport: wrote ');
  });
});
