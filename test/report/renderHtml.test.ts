// The HTML supplement: self-contained (CSP, no script, no external URL), user text escaped,
// SVG checked, templates overridable, and a golden snapshot of a small deterministic study.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, loadStudy, type Results } from '../../src/index.js';
import {
  CONTENT_SECURITY_POLICY,
  UnsafeContentError,
  builtInTemplateDir,
  renderHtml,
  sanitiseSvg,
  type Figure,
} from '../../src/report/renderHtml.js';
import { buildViewModel, type ViewModel } from '../../src/report/viewModel.js';
import { BASIC_CSV, studyFolder } from '../helpers/fixtures.js';

const HOSTILE = '<script>alert(1)</script> & "x"';

const SMALL_STUDY = `title: Small deterministic study
data: data.csv
id: case_id
outcome: { column: y, positive: 1 }
models:
  - { id: a, name: Model A, score: a }
  - { id: b, name: Model B, score: b }
operatingPoints:
  - { id: youden, youden: true }
  - { id: fixed, threshold: 0.5 }
bootstrap: { replicates: 0 }
`;

const HOSTILE_STUDY = `title: '${HOSTILE}'
data: data.csv
id: case_id
outcome: { column: y, positive: 1 }
models:
  - { id: a, name: '<img src=x onerror=alert(2)>', score: a }
  - { id: b, name: 'B "quoted" & <b>bold</b>', score: b }
operatingPoints:
  - { id: rule-out, minSensitivity: 0.9, label: '<i>rule-out</i>' }
bootstrap: { replicates: 0 }
`;

/** Tiny stand-ins for the charts, so the snapshot does not depend on the chart code. */
function stubFigures(): Figure[] {
  const svg = (label: string) =>
    `<?xml version="1.0" encoding="utf-8"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20" viewBox="0 0 40 20"><defs><clipPath id="clip1"><rect width="40" height="20"/></clipPath></defs><g clip-path="url(#clip1)"><text x="2" y="14">${label}</text></g></svg>`;
  return [
    {
      name: 'roc',
      title: 'ROC curves',
      caption: 'Stub ROC caption.',
      svg: svg('ROC'),
      section: 'discrimination',
    },
    {
      name: 'decision-curve',
      title: 'Decision curves.',
      caption: 'Stub caption.',
      svg: svg('DCA'),
      section: 'decisionCurve',
    },
    // no section: placed in a final "Figures" section
    { name: 'something-else', title: 'Another figure', caption: '', svg: svg('X') },
  ];
}

function resultsOf(files: Record<string, string>): Results {
  const dir = studyFolder(files);
  return evaluate(loadStudy(path.join(dir, 'study.yaml')));
}

const GENERATED = new Date('2025-01-31T12:00:00Z');

describe('renderHtml', () => {
  let vm: ViewModel;
  let html: string;
  beforeAll(() => {
    vm = buildViewModel(resultsOf({ 'study.yaml': SMALL_STUDY, 'data.csv': BASIC_CSV }), {
      generatedAt: GENERATED,
    });
    html = renderHtml(vm, stubFigures());
  });

  it('matches the golden snapshot', async () => {
    // the embedded font's 180 KB of base64 stay out of the snapshot (its rules are tested below)
    const withoutFontData = html.replace(/base64,[A-Za-z0-9+/=]+/g, 'base64,…');
    await expect(withoutFontData).toMatchFileSnapshot('__snapshots__/small-study.html.snap');
  });

  it('is one self-contained page: doctype, CSP meta, inline CSS, no script, no external URL', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toMatch(
      /<meta\s+http-equiv="Content-Security-Policy"\s+content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"\s*\/?>/,
    );
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:",
    );
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?\s*https?:/i);
    expect(html).not.toMatch(/@import/i);
    // the only links are in-page anchors
    for (const m of html.matchAll(/\bhref="([^"]*)"/g)) expect(m[1]).toMatch(/^#/);
  });

  it('embeds its one typeface, DejaVu Sans regular and bold, from data: URLs, with the license notice', () => {
    const faces = [...html.matchAll(/@font-face\s*\{([^}]*)\}/g)].map((m) => m[1] ?? '');
    expect(faces).toHaveLength(2);
    for (const face of faces) {
      expect(face).toContain("font-family: 'DejaVu Sans'");
      expect(face).toMatch(/src: url\(data:font\/woff2;base64,[A-Za-z0-9+/=]{1000,}\) format\('woff2'\)/);
      expect(face).toMatch(/unicode-range: U\+0020-007E/);
    }
    expect(faces.map((f) => /font-weight: (\d+)/.exec(f)?.[1])).toEqual(['400', '700']);
    expect(html).toContain('Bitstream Vera is a trademark of Bitstream, Inc.');
    // after the CSP, before the template's own style; the template's CSS names the family first
    expect(html.indexOf('@font-face')).toBeGreaterThan(html.indexOf('Content-Security-Policy'));
    expect(html).toMatch(/--font:\s*'DejaVu Sans'/);
  });

  it('places and numbers the figures by section, and scopes SVG ids per figure', () => {
    const discrimination = html.indexOf('id="discrimination"');
    const decision = html.indexOf('id="decisionCurve"');
    expect(html.indexOf('id="figure-s1"')).toBeGreaterThan(discrimination);
    expect(html.indexOf('id="figure-s2"')).toBeGreaterThan(decision);
    expect(html.indexOf('id="figure-s3"')).toBeGreaterThan(html.indexOf('id="figures"'));
    expect(html).toContain('id="fig1-clip1"');
    expect(html).toContain('url(#fig2-clip1)');
    expect(html).not.toContain('<?xml');
    expect(html).toContain('<span class="label">Figure S1.</span>');
  });

  it('resolves the built-in templates from the package root', () => {
    expect(existsSync(path.join(builtInTemplateDir(), 'layout.hbs'))).toBe(true);
    expect(existsSync(path.join(builtInTemplateDir(), 'report.css'))).toBe(true);
  });
});

describe('escaping of user text', () => {
  it('escapes the title, model names and operating-point labels everywhere', () => {
    const r = resultsOf({ 'study.yaml': HOSTILE_STUDY, 'data.csv': BASIC_CSV });
    const html = renderHtml(buildViewModel(r, { generatedAt: null }), []);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).not.toContain('<i>rule-out</i>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;');
    expect(html).toContain('&lt;i&gt;rule-out&lt;/i&gt;');
    expect(html).not.toMatch(/<script/i);
  });
});

describe('SVG checks', () => {
  it('refuses scripts, event handlers, foreign objects and external links', () => {
    const bad = [
      '<svg><script>alert(1)</script></svg>',
      '<svg><a href="http://example.com"><text>x</text></a></svg>',
      '<svg><image xlink:href="https://example.com/x.png"/></svg>',
      '<svg><rect onload="alert(1)"/></svg>',
      '<svg><foreignObject><div/></foreignObject></svg>',
      '<svg><style>@import url(http://x/y.css);</style></svg>',
      '<div>not svg</div>',
    ];
    for (const svg of bad) expect(() => sanitiseSvg(svg, 'f-', 'test')).toThrow(UnsafeContentError);
  });

  it('keeps a clean SVG and prefixes its ids and references', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg"><clipPath id="c"><rect/></clipPath><use href="#c"/><g clip-path="url(#c)"/></svg>';
    expect(sanitiseSvg(svg, 'p-')).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg"><clipPath id="p-c"><rect/></clipPath><use href="#p-c"/><g clip-path="url(#p-c)"/></svg>',
    );
  });

  it('refuses to render a figure with a script', () => {
    const vm = buildViewModel(resultsOf({ 'study.yaml': SMALL_STUDY, 'data.csv': BASIC_CSV }), {
      generatedAt: null,
    });
    expect(() =>
      renderHtml(vm, [{ name: 'roc', title: 't', caption: '', svg: '<svg><script>x()</script></svg>' }]),
    ).toThrow(/figure roc:1: the SVG contains a <script> element/);
  });
});

describe('--template-dir', () => {
  let vm: ViewModel;
  beforeAll(() => {
    vm = buildViewModel(resultsOf({ 'study.yaml': SMALL_STUDY, 'data.csv': BASIC_CSV }), {
      generatedAt: null,
    });
  });

  function templateDir(files: Record<string, string>): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'dxreport-templates-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    return dir;
  }

  it('overrides one partial by file name and keeps the built-in rest', () => {
    const dir = templateDir({
      'partials/title.hbs': '<header class="house-style"><h1>{{title}}</h1></header>',
    });
    const html = renderHtml(vm, [], { templateDir: dir });
    expect(html).toContain('<header class="house-style"><h1>Small deterministic study</h1></header>');
    expect(html).not.toContain('class="title-block"');
    expect(html).toContain('Key results');
    expect(html).toContain('Table S1.');
  });

  it('accepts a partial at the top of the folder, the standard {{> partial}} syntax, and a user stylesheet', () => {
    const dir = templateDir({
      'keyResults.hbs':
        '<section id="key-results">{{#each keyResults.sentences}}<p>{{this}}</p>{{/each}}</section>',
      'report.css': 'body { font-family: "House Serif", serif; }',
      'layout.hbs':
        '<!DOCTYPE html><html><head><title>{{title}}</title><style>{{include "css"}}</style></head><body>{{> keyResults}}{{> methods methods}}</body></html>',
    });
    const html = renderHtml(vm, [], { templateDir: dir });
    expect(html).toContain('body { font-family: "House Serif", serif; }');
    expect(html).toContain('<section id="key-results"><p>AUC was ');
    expect(html).toContain('Statistical methods');
    // the layout left out the CSP: it is added
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    );
  });

  it('refuses a template that adds a script or an external link', () => {
    const script = templateDir({ 'partials/title.hbs': '<script>alert(1)</script>' });
    expect(() => renderHtml(vm, [], { templateDir: script })).toThrow(UnsafeContentError);
    const link = templateDir({ 'partials/title.hbs': '<a href="https://example.com">x</a>' });
    expect(() => renderHtml(vm, [], { templateDir: link })).toThrow(UnsafeContentError);
    const font = templateDir({ 'report.css': '@import url("https://fonts.example.com/x.css");' });
    expect(() => renderHtml(vm, [], { templateDir: font })).toThrow(UnsafeContentError);
  });

  it('names a missing folder', () => {
    expect(() => renderHtml(vm, [], { templateDir: '/nonexistent/templates' })).toThrow(/does not exist/);
  });
});
