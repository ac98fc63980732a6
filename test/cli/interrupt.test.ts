// Interrupts while the PDF is printed (issue 14): SIGINT and SIGTERM close the browser and
// remove the staging folder, the Chromium profile and the lock, leaving --out as it was;
// SIGKILL cannot be caught, but Chromium (driven over a pipe) exits with dxreport and the next
// run removes what the killed one left.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/pdf/findBrowser.js';
import { CLI, runCli } from '../helpers/cli.js';

const required = process.env.CI === 'true';
const browser = findBrowser();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Command lines of running processes that mention `text`. */
function processesWith(text: string): string[] {
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(text));
}

/** A study folder (the example's data, no bootstrap), a private TMPDIR and an --out holding a previous report. */
function setUp() {
  const dir = mkdtempSync(path.join(tmpdir(), 'dxreport-interrupt-'));
  const example = 'examples/bone-tumour';
  for (const file of ['predictions.csv', 'validation.csv']) {
    writeFileSync(path.join(dir, file), readFileSync(path.join(example, file)));
  }
  writeFileSync(
    path.join(dir, 'study.yaml'),
    readFileSync(path.join(example, 'study.yaml'), 'utf8').replace(/replicates: \d+/, 'replicates: 0'),
  );
  const temp = path.join(dir, 'tmp');
  mkdirSync(temp);
  const out = path.join(dir, 'out');
  mkdirSync(out);
  writeFileSync(path.join(out, 'results.json'), 'previous report');
  return { dir, temp, out };
}

/**
 * Starts a full report and resolves once it is writing the document with Chromium running
 * (the browser starts while the study is evaluated; the staging folder appears when the
 * outputs are written).
 */
async function startPrinting(setup: ReturnType<typeof setUp>) {
  const child = spawn(
    process.execPath,
    [CLI, 'report', path.join(setup.dir, 'study.yaml'), '--out', setup.out],
    {
      env: { ...process.env, TMPDIR: setup.temp },
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const writing = () =>
    processesWith(`--user-data-dir=${setup.temp}/`).length > 0 &&
    readdirSync(setup.dir).some((f) => f.startsWith('.dxreport-tmp-'));
  for (let waited = 0; !writing(); waited += 100) {
    if (waited > 120_000 || child.exitCode !== null) throw new Error(`Chromium never started: ${stderr}`);
    await sleep(100);
  }
  await sleep(300);
  return { child, exited, stderr: () => stderr };
}

/** Waits until no process runs with the private profile (Chromium may take a moment to go). */
async function chromiumGone(temp: string): Promise<string[]> {
  for (let waited = 0; waited < 15_000; waited += 200) {
    if (processesWith(`--user-data-dir=${temp}/`).length === 0) return [];
    await sleep(200);
  }
  return processesWith(`--user-data-dir=${temp}/`);
}

describe.skipIf(!required && !browser)('interrupted while printing the PDF', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s closes the browser, removes every temporary file and leaves --out as it was',
    async (signal, status) => {
      const setup = setUp();
      const run = await startPrinting(setup);
      run.child.kill(signal);
      const { code } = await run.exited;
      expect(code).toBe(status);
      expect(run.stderr()).toContain(`stopped by ${signal}`);
      expect(run.stderr()).not.toContain('Failed to launch');
      expect(await chromiumGone(setup.temp)).toEqual([]);
      // dxreport's profile is gone; Chromium's own org.chromium.Chromium.* temporary folder may
      // stay when the browser is killed (a known gap, not removed by dxreport)
      expect(readdirSync(setup.temp).filter((f) => !f.startsWith('org.chromium.Chromium.'))).toEqual([]);
      expect(readdirSync(setup.dir).sort()).toEqual([
        'out',
        'predictions.csv',
        'study.yaml',
        'tmp',
        'validation.csv',
      ]);
      expect(readdirSync(setup.out)).toEqual(['results.json']);
      expect(readFileSync(path.join(setup.out, 'results.json'), 'utf8')).toBe('previous report');
    },
  );

  it('SIGKILL: Chromium exits with dxreport, and the next run removes the staging folder, lock and profile left', async () => {
    const setup = setUp();
    const run = await startPrinting(setup);
    run.child.kill('SIGKILL');
    expect((await run.exited).signal).toBe('SIGKILL');
    expect(await chromiumGone(setup.temp)).toEqual([]);
    const left = readdirSync(setup.dir).filter((f) => f.startsWith('.'));
    expect(left.some((f) => f.startsWith('.dxreport-tmp-'))).toBe(true);
    expect(left).toContain('.out.dxreport-lock');
    expect(readdirSync(setup.temp).some((f) => f.startsWith('dxreport-chromium-'))).toBe(true);
    expect(readFileSync(path.join(setup.out, 'results.json'), 'utf8')).toBe('previous report');

    const next = runCli(
      ['report', path.join(setup.dir, 'study.yaml'), '--out', setup.out, '--format', 'pdf'],
      {
        env: { ...process.env, TMPDIR: setup.temp },
      },
    );
    expect(next.status, next.stderr).toBe(0);
    expect(readdirSync(setup.dir).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(readdirSync(setup.temp).filter((f) => f.startsWith('dxreport-'))).toEqual([]);
    expect(existsSync(path.join(setup.out, 'report.pdf'))).toBe(true);
  });
});
