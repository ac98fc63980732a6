// The report is written for its reader: warnings without codes or configuration advice (one
// reader's text per warning code), no CSV file names in print, and dxreport cited with the
// version CITATION.cff and package.json give.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, loadStudy } from '../../src/index.js';
import { DXREPORT_TITLE } from '../../src/report/methods.js';
import { buildViewModel } from '../../src/report/viewModel.js';
import { READER_WARNINGS } from '../../src/report/wording/warnings.js';

/** The codes of the `WarningCode` union, read from its source. */
function warningCodes(): string[] {
  const source = readFileSync('src/evaluate/warnings.ts', 'utf8');
  const union = /export type WarningCode =([^;]+);/.exec(source)?.[1] ?? '';
  return [...union.matchAll(/'([a-z-]+)'/g)].map((m) => m[1] as string);
}

describe('warnings for the reader', () => {
  it('has a reader’s text for every warning code in src/evaluate/warnings.ts, and no other', () => {
    const codes = warningCodes();
    expect(codes.length).toBeGreaterThan(20);
    expect(Object.keys(READER_WARNINGS).sort()).toEqual([...codes].sort());
  });

  it('gives no codes and no configuration advice', () => {
    const input = {
      where: 'Model X, Sensitivity ≥ 0.9, PPV',
      model: 'Model X',
      message: '12 row(s) … (missing: drop; set scores: probability to override)',
    };
    for (const [code, text] of Object.entries(READER_WARNINGS)) {
      const t = text(input);
      expect(t, code).toMatch(/^[A-Z“].*\.$/);
      expect(t, code).not.toMatch(
        /\[|study file|outcome\.positive|missing: drop|scores: probability|\bset \w+:/,
      );
      expect(t, code).not.toContain(code);
    }
  });

  it('reaches the report in place of the console message', () => {
    const study = loadStudy(path.resolve('test/fixtures/asah/study.yaml'));
    study.settings.bootstrap.replicates = 0;
    const r = evaluate(study);
    const vm = buildViewModel(r, { generatedAt: null });
    const console = r.warnings.find((w) => w.code === 'scores-not-probabilities');
    expect(console?.message).toMatch(/\(/); // the console's text carries the advice …
    expect(vm.warnings?.items[0]?.message).toBe(
      'Scores of WFNS grade are not probabilities, so calibration and net benefit are not shown for it.',
    );
  });
});

describe('file references', () => {
  it('hides CSV file names in print (they stay in the HTML)', () => {
    const css = readFileSync('templates/report.css', 'utf8');
    const print = css.slice(css.lastIndexOf('@media print'));
    expect(print).toMatch(/\.table-notes \.csv \{\s*display: none;/);
  });
});

describe('dxreport cited with its version', () => {
  it('CITATION.cff gives the title the references use and the version package.json has', () => {
    const cff = readFileSync('CITATION.cff', 'utf8');
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(/^version: (.+)$/m.exec(cff)?.[1]).toBe(pkg.version);
    expect(/^title: '(.+)'$/m.exec(cff)?.[1]).toBe(DXREPORT_TITLE);
  });
});
