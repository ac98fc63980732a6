// The bundled command line (package.json's bin, dist/bundle/, made by scripts/bundle.mjs):
// the bootstrap's worker entry sits where the chunk that starts it looks for it, and its
// module graph loads. (bootstrapThreads falls back to one thread when a worker fails, so a
// broken worker bundle would otherwise go unnoticed.)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const BUNDLE = path.resolve('dist/bundle');

/** stderr of a `report --format json` run of the demo study by the bundled bin, with `preload` imported first. */
function demoJsonRunStderr(preload: string): string {
  const out = mkdtempSync(path.join(tmpdir(), 'dxreport-bundle-run-'));
  try {
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        `data:text/javascript,${encodeURIComponent(preload)}`,
        path.join(BUNDLE, 'cli.js'),
        'report',
        'examples/bone-tumour/study.yaml',
        '--out',
        out,
        '--format',
        'json',
      ],
      { encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    return run.stderr;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The files of dist/bundle/ and Node's built-in modules a `report --format json` run of the demo study loads. */
function loadedByJsonRun(): { files: string[]; builtins: string[] } {
  const recorder = `import { createRequire } from 'node:module'; const cache = createRequire(process.argv[1]).cache;
    process.on('exit', () => process.stderr.write('loaded: ' + JSON.stringify([Object.keys(cache), process.moduleLoadList]) + '\\n'));`;
  const stderr = demoJsonRunStderr(recorder);
  const line = stderr.split('\n').find((l) => l.startsWith('loaded: ')) ?? 'loaded: [[], []]';
  const [files, modules] = JSON.parse(line.slice('loaded: '.length)) as [string[], string[]];
  return {
    files: files.filter((file) => path.dirname(file) === BUNDLE).map((file) => path.basename(file)),
    builtins: modules
      .filter((m) => m.startsWith('NativeModule '))
      .map((m) => m.slice('NativeModule '.length)),
  };
}

describe('the bundled CLI', () => {
  it('is the bin of package.json', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin.dxreport).toBe('dist/bundle/cli.js');
  });

  it('finds the bootstrap worker beside the chunk that starts it', () => {
    const starters = readdirSync(BUNDLE)
      .filter((f) => f.endsWith('.js'))
      .filter((f) =>
        /new URL\(["'`]\.\/bootstrapWorker\.js["'`]/.test(readFileSync(path.join(BUNDLE, f), 'utf8')),
      );
    expect(starters.length).toBeGreaterThan(0);
    expect(existsSync(path.join(BUNDLE, 'bootstrapWorker.js'))).toBe(true);
  });

  // start-up (issue 10): what a one-shot JSON run loads (the bundle is CommonJS: every module
  // it loads is in require.cache as it exits) leaves out what the JSON path does not use
  it("loads neither the results zod schemas nor stdlib's Beta quantile nor the report's modules on the JSON path", () => {
    const { files: loaded, builtins } = loadedByJsonRun();
    expect(loaded.some((f) => f.startsWith('program'))).toBe(true);
    const code = loaded.map((f) => readFileSync(path.join(BUNDLE, f), 'utf8')).join('\n');
    expect(code).not.toMatch(/id:\s*["'`]Counts["'`]/); // results.ts's schemas
    expect(code).not.toContain('gammaincinv'); // the Beta quantile's inverse incomplete gamma
    for (const report of ['charts', 'renderHtml', 'printPdf', 'viewModel', 'buildTables'])
      expect(loaded.filter((f) => f.startsWith(report))).toEqual([]);
    // built-ins the JSON path does not use (commander's child_process is lazy: scripts/bundle.mjs)
    expect(builtins).not.toContain('child_process');
    expect(builtins).not.toContain('perf_hooks');
  });

  // src/cli/zodJitless.ts: zod's generated parsers only cost a one-shot run time
  it('validates the study without compiling parsers (zod jitless)', () => {
    const counter = `const F = globalThis.Function; let n = 0;
      globalThis.Function = new Proxy(F, { construct: (t, a) => (n++, Reflect.construct(t, a)), apply: (t, s, a) => (n++, Reflect.apply(t, s, a)) });
      process.on('exit', () => process.stderr.write('functions made: ' + n + '\\n'));`;
    expect(demoJsonRunStderr(counter)).toContain('functions made: 0');
  });

  // scripts/bin-launcher.mjs: the bin is a shell script too, which starts Node with glibc's
  // huge pages allowed (no relaunch of a large report), keeping the user's own tunables
  it('starts as a shell script that runs Node on itself, with huge pages allowed when asked', () => {
    const bin = path.join(BUNDLE, 'cli.js');
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    const real = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    expect(real.status, real.stderr).toBe(0);
    expect(real.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    // a stand-in `node` first on PATH shows what the prologue passes on
    const fake = mkdtempSync(path.join(tmpdir(), 'dxreport-fake-node-'));
    try {
      writeFileSync(path.join(fake, 'node'), '#!/bin/sh\necho "[$GLIBC_TUNABLES] $*"\n', { mode: 0o755 });
      const run = (env: Record<string, string>) => {
        const base: NodeJS.ProcessEnv = {
          ...process.env,
          PATH: `${fake}${path.delimiter}${process.env.PATH ?? ''}`,
        };
        delete base.GLIBC_TUNABLES;
        delete base.DXREPORT_HUGE_PAGES;
        return spawnSync(bin, ['report', 'a b.yaml'], {
          encoding: 'utf8',
          env: { ...base, ...env },
        }).stdout.trim();
      };
      expect(run({ DXREPORT_HUGE_PAGES: 'on' })).toBe(`[glibc.malloc.hugetlb=1] ${bin} report a b.yaml`);
      expect(run({ DXREPORT_HUGE_PAGES: 'on', GLIBC_TUNABLES: 'glibc.malloc.check=0' })).toBe(
        `[glibc.malloc.check=0:glibc.malloc.hugetlb=1] ${bin} report a b.yaml`,
      );
      expect(run({})).toBe(`[] ${bin} report a b.yaml`);
      expect(run({ DXREPORT_HUGE_PAGES: 'off' })).toBe(`[] ${bin} report a b.yaml`);
      expect(run({ GLIBC_TUNABLES: 'glibc.malloc.check=0' })).toBe(
        `[glibc.malloc.check=0] ${bin} report a b.yaml`,
      );
    } finally {
      rmSync(fake, { recursive: true, force: true });
    }
  });

  it('loads the worker module graph', () => {
    const run = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `await import(${JSON.stringify(path.join(BUNDLE, 'bootstrapWorker.js'))})`,
      ],
      { encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
  });
});
