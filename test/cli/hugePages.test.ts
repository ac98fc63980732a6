import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { peekDataFile, wantsHugePages, type HugePagesMachine } from '../../src/cli/hugePages.js';
import { CLI } from '../helpers/cli.js';

const folder = mkdtempSync(path.join(tmpdir(), 'dxreport-huge-pages-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function studyNaming(data: string, name = 'study.yaml'): string {
  const file = path.join(folder, name);
  writeFileSync(file, `title: t\n# data: wrong.csv\n${data}\noutcome: { column: y, positive: 1 }\n`);
  return file;
}

const linux: HugePagesMachine = {
  platform: 'linux',
  env: { DXREPORT_HUGE_PAGES: 'on' },
  transparentHugePages: 'always [madvise] never\n',
};

describe('peekDataFile', () => {
  it('reads the data file a study names, plain, quoted or with a comment, relative to the study', () => {
    expect(peekDataFile(studyNaming('data: cases.csv'))).toBe(path.join(folder, 'cases.csv'));
    expect(peekDataFile(studyNaming('data: "my cases.csv"'))).toBe(path.join(folder, 'my cases.csv'));
    expect(peekDataFile(studyNaming("data: 'sub/cases.csv'  # the test set"))).toBe(
      path.join(folder, 'sub', 'cases.csv'),
    );
    expect(peekDataFile(studyNaming('data: cases.csv # scores'))).toBe(path.join(folder, 'cases.csv'));
  });

  it('is null when the study names no data file or cannot be read', () => {
    expect(peekDataFile(studyNaming('models: []'))).toBeNull();
    expect(peekDataFile(path.join(folder, 'missing.yaml'))).toBeNull();
  });

  it('is null for a FIFO, without waiting for a writer', () => {
    const fifo = path.join(folder, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(peekDataFile(fifo)).toBeNull();
  });
});

describe('wantsHugePages', () => {
  const data = path.join(folder, 'big.csv');
  writeFileSync(data, 'x'.repeat(2000));
  const study = studyNaming('data: big.csv', 'big.yaml');

  it('relaunches a report whose data file is large, on Linux with THP on request, when asked', () => {
    expect(wantsHugePages(['report', study, '--out', 'r'], linux, 1000)).toBe(true);
    expect(wantsHugePages(['report', '--format', 'json', '-o', 'r', '--timings', study], linux, 1000)).toBe(
      true,
    );
    expect(wantsHugePages(['report', '--out=r', study], linux, 1000)).toBe(true);
    expect(wantsHugePages(['report', study], linux, 5000)).toBe(false);
    // off unless asked for
    for (const env of [{}, { DXREPORT_HUGE_PAGES: 'off' }, { DXREPORT_HUGE_PAGES: '1' }]) {
      expect(wantsHugePages(['report', study], { ...linux, env }, 1000)).toBe(false);
    }
  });

  it('never relaunches twice, nor where it would gain nothing', () => {
    expect(
      wantsHugePages(
        ['report', study],
        { ...linux, env: { DXREPORT_HUGE_PAGES: 'on', DXREPORT_RELAUNCHED: '1' } },
        1000,
      ),
    ).toBe(false);
    expect(
      wantsHugePages(
        ['report', study],
        { ...linux, env: { DXREPORT_HUGE_PAGES: 'on', GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' } },
        1000,
      ),
    ).toBe(false);
    expect(wantsHugePages(['report', study], { ...linux, platform: 'darwin' }, 1000)).toBe(false);
    expect(wantsHugePages(['report', study], { ...linux, env: { DXREPORT_HUGE_PAGES: 'off' } }, 1000)).toBe(
      false,
    );
    expect(wantsHugePages(['report', study], { ...linux, env: { DXREPORT_HUGE_PAGES: 'always' } }, 1e9)).toBe(
      true,
    );
    for (const mode of ['[always] madvise never', 'always madvise [never]', null]) {
      expect(wantsHugePages(['report', study], { ...linux, transparentHugePages: mode }, 1000)).toBe(false);
    }
    expect(wantsHugePages(['init', study], linux, 1000)).toBe(false);
    expect(wantsHugePages(['report'], linux, 1000)).toBe(false);
    expect(wantsHugePages(['report', studyNaming('data: absent.csv', 'absent.yaml')], linux, 1000)).toBe(
      false,
    );
  });
});

describe('a relaunched report (DXREPORT_HUGE_PAGES=always)', () => {
  const run = (args: string[], env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

  it('writes the same results.json, says the same and exits as the run it replaces', () => {
    const outputs = ['off', 'always'].map((mode) => {
      const out = path.join(folder, `out-${mode}`);
      const result = run(['report', 'examples/bone-tumour/study.yaml', '--out', out, '--format', 'json'], {
        DXREPORT_HUGE_PAGES: mode,
        SOURCE_DATE_EPOCH: '1767225600',
      });
      return { result, json: readFileSync(path.join(out, 'results.json'), 'utf8') };
    });
    const [direct, relaunched] = outputs as [(typeof outputs)[0], (typeof outputs)[0]];
    expect(relaunched.result.status).toBe(0);
    expect(relaunched.json).toBe(direct.json);
    expect(relaunched.result.stderr.replaceAll('out-always', 'out-off')).toBe(direct.result.stderr);
  });

  it("keeps a failing run's one-line error and exit status", () => {
    const bad = studyNaming('data: big.csv\nmodels: [{ id: a, score: nothere }]', 'bad.yaml');
    const [direct, relaunched] = ['off', 'always'].map((mode) =>
      run(['report', bad, '--out', path.join(folder, 'never')], { DXREPORT_HUGE_PAGES: mode }),
    ) as [ReturnType<typeof run>, ReturnType<typeof run>];
    expect(direct.status).not.toBe(0);
    expect(relaunched.status).toBe(direct.status);
    expect(relaunched.stderr).toBe(direct.stderr);
  });
});

describe('signals to a relaunched report', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)(
    'pass %s on to the child: both end, --out is left as it was',
    async (sent, status) => {
      const dir = mkdtempSync(path.join(folder, `${sent}-`));
      const example = 'examples/bone-tumour';
      for (const file of ['predictions.csv', 'validation.csv']) {
        writeFileSync(path.join(dir, file), readFileSync(path.join(example, file)));
      }
      // a bootstrap long enough to be stopped in the middle
      const study = path.join(dir, 'study.yaml');
      writeFileSync(
        study,
        readFileSync(path.join(example, 'study.yaml'), 'utf8').replace(
          /replicates: \d+/,
          'replicates: 200000',
        ),
      );
      const out = path.join(dir, 'out');
      mkdirSync(out);
      writeFileSync(path.join(out, 'results.json'), 'previous report');
      const parent = spawn(
        process.execPath,
        [CLI, 'report', study, '--out', out, '--format', 'json', '--threads', '1'],
        {
          env: { ...process.env, DXREPORT_HUGE_PAGES: 'always' },
        },
      );
      const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
        parent.on('exit', (code, signal) => resolve({ code, signal })),
      );
      await new Promise((resolve) => setTimeout(resolve, 1500));
      parent.kill(sent);
      const { code, signal } = await exited;
      expect(signal === sent || code === status).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const running = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
        .split('\n')
        .filter((line) => line.includes(study));
      expect(running).toEqual([]);
      expect(readFileSync(path.join(out, 'results.json'), 'utf8')).toBe('previous report');
    },
    30_000,
  );
});
