// Hostile and oversized text through the CLI (issues 11, 14): a model named like markup renders,
// escaped; a right-to-left override is shown, not obeyed; 10,000-character names and titles are
// cut in the documents (full text in results.json) and the figures stay small. Templates that
// could open the report to the network are refused in one line naming the file and line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASIC_CSV, studyFolder } from '../helpers/fixtures.js';
import { CLI } from '../helpers/cli.js';

const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

function study(title: string, nameA: string, nameB: string): string {
  const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
  return [
    `title: ${quote(title)}`,
    'data: data.csv',
    'id: case_id',
    'outcome: { column: y, positive: 1 }',
    'models:',
    `  - { id: a, name: ${quote(nameA)}, score: a }`,
    `  - { id: b, name: ${quote(nameB)}, score: b }`,
    'bootstrap: { replicates: 0 }',
    '',
  ].join('\n');
}

function pngSize(file: string): [number, number] {
  const bytes = readFileSync(file);
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('hostile text in the report', () => {
  it('renders a model named like markup, escaped, and shows a right-to-left override', () => {
    const hostile = '"><img src=x onerror=alert(1)>';
    const dir = studyFolder({
      'study.yaml': study('Study \u202Edrowssap', hostile, '\u202Edrowssap'),
      'data.csv': BASIC_CSV,
    });
    const out = path.join(dir, 'out');
    const result = run('report', path.join(dir, 'study.yaml'), '--out', out, '--format', 'json,html');
    expect(result.stderr).not.toMatch(/SVG contains/);
    expect(result.status).toBe(0);
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(html).not.toMatch(/<img/);
    expect(html).not.toContain('\u202E');
    expect(html).toContain('⟨U+202E⟩drowssap');
    for (const file of readdirSync(path.join(out, 'figures')).filter((f) => f.endsWith('.svg'))) {
      expect(readFileSync(path.join(out, 'figures', file), 'utf8')).not.toContain('\u202E');
    }
    // results.json keeps the text as written
    const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8'));
    expect(results.models.map((m: { name: string }) => m.name)).toEqual([hostile, '\u202Edrowssap']);
  });

  it('cuts 10,000-character names and titles in the documents and keeps the figures small', () => {
    const long = (c: string) => c.repeat(10_000);
    const dir = studyFolder({ 'study.yaml': study(long('T'), long('A'), long('B')), 'data.csv': BASIC_CSV });
    const out = path.join(dir, 'out');
    const result = run('report', path.join(dir, 'study.yaml'), '--out', out, '--format', 'json,html');
    expect(result.status).toBe(0);
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).not.toContain('A'.repeat(100));
    expect(html).toContain(`${'A'.repeat(59)}…`);
    for (const file of readdirSync(path.join(out, 'figures')).filter((f) => f.endsWith('.png'))) {
      const [width, height] = pngSize(path.join(out, 'figures', file));
      expect(width, file).toBeLessThanOrEqual(3000);
      expect(height, file).toBeLessThanOrEqual(3000);
    }
    const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8'));
    expect(results.models[0].name).toBe(long('A'));
    expect(results.title).toBe(long('T'));
  }, 120_000);
});

describe('templates from --template-dir', () => {
  function templates(dir: string, files: Record<string, string>): string {
    const folder = path.join(dir, 'house');
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
      writeFileSync(path.join(folder, name), text);
    }
    return folder;
  }

  it.each([
    [
      'partials/title.hbs',
      '<header>\n  <meta http-equiv="refresh" content="0; url=https://example.com/">\n</header>',
      2,
      /meta http-equiv/,
    ],
    ['title.hbs', '<h1>{{{title}}}</h1>', 1, /\{\{\{…\}\}\}/],
    [
      'partials/methods.hbs',
      '<section>\n{{#each paragraphs}}\n<p>{{this}}</p>\n',
      4,
      /Handlebars syntax error/,
    ],
    [
      'report.css',
      'body { color: black }\nh1 { background: \\75 rl(https://example.com/x.png) }',
      2,
      /url\(\)/,
    ],
    ['layout.hbs', '<html><!-- <head> --><body>{{include "title"}}</body></html>', 0, /no <head> start tag/],
  ] as const)('refuses %s in one line naming it', (file, text, line, what) => {
    const dir = studyFolder({ 'study.yaml': study('T', 'A', 'B'), 'data.csv': BASIC_CSV });
    const folder = templates(dir, { [file]: text });
    const out = path.join(dir, 'out');
    mkdirSync(out);
    writeFileSync(path.join(out, 'report.html'), 'previous');
    const result = run(
      'report',
      path.join(dir, 'study.yaml'),
      '--out',
      out,
      '--format',
      'html',
      '--template-dir',
      folder,
    );
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    if (line > 0) expect(lines[0]).toContain(`${path.join(folder, file)}:${line}: `);
    expect(lines[0]).toMatch(what);
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toBe('previous');
  });
});
