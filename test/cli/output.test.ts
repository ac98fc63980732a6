// --out safety on the built CLI (issues 11 and 14): the folder written in place (mode, symlink,
// other files kept; the umask respected), refusals, the lock, the manifest of dxreport's own
// files, and stale temporary folders of killed runs.
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';
import { BASIC_CSV, BASIC_STUDY, studyFolder } from '../helpers/fixtures.js';

const study = () => studyFolder({ 'study.yaml': BASIC_STUDY, 'data.csv': BASIC_CSV });
const report = (dir: string, out: string, ...more: string[]) =>
  runCli(['report', path.join(dir, 'study.yaml'), '--out', out, '--format', 'json', ...more]);
const mode = (file: string) => statSync(file).mode & 0o777;
/** A process id that is surely not running: a child that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid as number;

describe('--out is written in place', () => {
  it('creates the folder and files with the umask, not 0700', () => {
    for (const [umask, folderMode, fileMode] of [
      ['022', 0o755, 0o644],
      ['027', 0o750, 0o640],
    ] as const) {
      const dir = study();
      const out = path.join(dir, 'out');
      const result = spawnSync(
        'sh',
        [
          '-c',
          `umask ${umask} && exec "$0" "$@"`,
          process.execPath,
          CLI,
          'report',
          path.join(dir, 'study.yaml'),
        ].concat(['--out', out, '--format', 'json']),
        { encoding: 'utf8' },
      );
      expect(result.status, result.stderr).toBe(0);
      expect(mode(out)).toBe(folderMode);
      expect(mode(path.join(out, 'results.json'))).toBe(fileMode);
    }
  });

  it("keeps an existing folder's mode, inode, other files, their mtimes and hard links", () => {
    const dir = study();
    const out = path.join(dir, 'out');
    mkdirSync(out, { mode: 0o770 });
    spawnSync('chmod', ['0770', out]);
    writeFileSync(path.join(out, 'notes.txt'), 'mine');
    linkSync(path.join(out, 'notes.txt'), path.join(dir, 'notes-link.txt'));
    const before = { ino: statSync(out).ino, notes: statSync(path.join(out, 'notes.txt')) };
    expect(report(dir, out).status).toBe(0);
    expect(mode(out)).toBe(0o770);
    expect(statSync(out).ino).toBe(before.ino);
    const notes = statSync(path.join(out, 'notes.txt'));
    expect(notes.mtimeMs).toBe(before.notes.mtimeMs);
    expect(notes.ino).toBe(before.notes.ino);
    expect(notes.nlink).toBe(2);
    expect(existsSync(path.join(out, 'results.json'))).toBe(true);
  });

  it('creates missing parent folders', () => {
    const dir = study();
    const out = path.join(dir, 'new', 'deep', 'out');
    const result = report(dir, out);
    expect(result.status, result.stderr).toBe(0);
    expect(readdirSync(path.join(dir, 'new', 'deep'))).toEqual(['out']);
  });

  it('writes through a symbolic link into its target and keeps the link', () => {
    const dir = study();
    const target = path.join(dir, 'target');
    mkdirSync(target);
    symlinkSync(target, path.join(dir, 'link'));
    expect(report(dir, path.join(dir, 'link')).status).toBe(0);
    expect(lstatSync(path.join(dir, 'link')).isSymbolicLink()).toBe(true);
    expect(existsSync(path.join(target, 'results.json'))).toBe(true);
  });
});

describe('--out refusals', () => {
  it.each([
    ['an empty name', () => '', /--out "": the folder name is empty/],
    ['the root', () => '/', /--out "\/" is the root folder/],
    ['the current folder', () => '.', /--out "\." is the current folder/],
    ["the study's folder", (dir: string) => dir, /contains the input .*study\.yaml/],
    ["an ancestor of the study's folder", (dir: string) => path.dirname(dir), /contains the input/],
    ['a link to the study folder', (dir: string) => path.join(dir, 'sub', 'up'), /contains the input/],
    ['a file', (dir: string) => path.join(dir, 'data.csv'), /exists and is not a folder/],
  ])('refuses %s in one line, touching nothing', (_what, out, message) => {
    const dir = study();
    mkdirSync(path.join(dir, 'sub'));
    symlinkSync(dir, path.join(dir, 'sub', 'up'));
    const before = readdirSync(dir).sort();
    const result = runCli(['report', path.join(dir, 'study.yaml'), '--out', out(dir), '--format', 'json'], {
      cwd: path.join(dir, 'sub'),
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('refuses a folder holding the data file, found only once the study is read', () => {
    const dir = studyFolder({});
    mkdirSync(path.join(dir, 'data'));
    mkdirSync(path.join(dir, 'studies'));
    writeFileSync(path.join(dir, 'data', 'data.csv'), BASIC_CSV);
    writeFileSync(
      path.join(dir, 'studies', 'study.yaml'),
      BASIC_STUDY.replace('data.csv', '../data/data.csv'),
    );
    const out = path.join(dir, 'data');
    const result = runCli([
      'report',
      path.join(dir, 'studies', 'study.yaml'),
      '--out',
      out,
      '--format',
      'json',
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/contains the input .*data\.csv/);
    expect(readdirSync(out)).toEqual(['data.csv']);
  });
});

describe('the lock on --out', () => {
  it('refuses while another run holds it, in one line, and keeps its lock', () => {
    const dir = study();
    const lock = path.join(dir, '.out.dxreport-lock');
    const holder = `${JSON.stringify({ pid: process.pid, host: hostname() })}\n`;
    writeFileSync(lock, holder);
    const result = report(dir, path.join(dir, 'out'));
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('another dxreport run is writing here');
    expect(readFileSync(lock, 'utf8')).toBe(holder);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('takes over a stale lock (its process is gone) and removes it at the end', () => {
    const dir = study();
    const lock = path.join(dir, '.out.dxreport-lock');
    writeFileSync(lock, JSON.stringify({ pid: deadPid(), host: hostname() }));
    const result = report(dir, path.join(dir, 'out'));
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it('lets two simultaneous runs into one folder never lose a file', async () => {
    const dir = study();
    const out = path.join(dir, 'out');
    mkdirSync(out);
    for (let i = 0; i < 300; i++) writeFileSync(path.join(out, `user-${i}.txt`), String(i));
    const start = () =>
      new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [
          CLI,
          'report',
          path.join(dir, 'study.yaml'),
          '--out',
          out,
          '--format',
          'json',
        ]);
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('close', (status) => resolve({ status, stderr }));
      });
    const runs = await Promise.all([start(), start(), start()]);
    expect(runs.filter((r) => r.status === 0).length).toBeGreaterThanOrEqual(1);
    for (const run of runs.filter((r) => r.status !== 0)) {
      expect(run.stderr).toContain('another dxreport run is writing here');
    }
    expect(readdirSync(out).filter((f) => f.startsWith('user-'))).toHaveLength(300);
    expect(JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')).schema).toBe(
      'dxreport/results@1',
    );
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

describe('files of an earlier run', () => {
  it('removes what an earlier run wrote and this one does not, says so, and keeps the user’s files', () => {
    const dir = study();
    const out = path.join(dir, 'out');
    expect(report(dir, out, '--format', 'json,html').status).toBe(0);
    expect(existsSync(path.join(out, 'report.html'))).toBe(true);
    writeFileSync(path.join(out, 'notes.txt'), 'mine');
    writeFileSync(path.join(out, 'figures', 'mine.svg'), 'mine');
    const result = report(dir, out, '--format', 'json');
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(
      /removed report\.html, figures\/ \(\d+ files\), tables\/ \(\d+ files\) from .*out/,
    );
    expect(readdirSync(out).sort()).toEqual([
      '.dxreport-manifest.json',
      'figures',
      'notes.txt',
      'results.json',
    ]);
    expect(readdirSync(path.join(out, 'figures'))).toEqual(['mine.svg']);
    const manifest = JSON.parse(readFileSync(path.join(out, '.dxreport-manifest.json'), 'utf8'));
    expect(manifest.files).toEqual(['results.json']);
  });

  it('never follows a manifest outside the folder', () => {
    const dir = study();
    const out = path.join(dir, 'out');
    mkdirSync(out);
    writeFileSync(path.join(dir, 'precious.txt'), 'mine');
    writeFileSync(
      path.join(out, '.dxreport-manifest.json'),
      JSON.stringify({ files: ['../precious.txt', path.join(dir, 'precious.txt')] }),
    );
    expect(report(dir, out).status).toBe(0);
    expect(readFileSync(path.join(dir, 'precious.txt'), 'utf8')).toBe('mine');
  });
});

describe('temporary folders of killed runs', () => {
  it('removes .dxreport-tmp-* of dead processes beside --out and keeps those of running ones', () => {
    const dir = study();
    const stale = path.join(dir, `.dxreport-tmp-${deadPid()}-AbC123`);
    const running = path.join(dir, `.dxreport-tmp-${process.pid}-AbC123`);
    mkdirSync(stale);
    writeFileSync(path.join(stale, 'results.json'), 'half');
    mkdirSync(running);
    expect(report(dir, path.join(dir, 'out')).status).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(running)).toBe(true);
    expect(realpathSync(running)).toBe(running);
  });
});
