// The committed reader-study example (reports/reader-study/, rendered by
// `npm run example:reader-study`) must match what the code produces now.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, loadStudy, resultsJson } from '../../src/index.js';

describe('reports/reader-study', () => {
  it('results.json equals a fresh evaluation of examples/reader-study', () => {
    const committed = readFileSync('reports/reader-study/results.json', 'utf8');
    const fresh = resultsJson(evaluate(loadStudy('examples/reader-study/study.yaml')));
    expect(
      fresh === committed,
      'reports/reader-study/results.json is stale: run `npm run example:reader-study`',
    ).toBe(true);
  });

  it('holds the reader-study section and both of its figures', () => {
    const html = readFileSync('reports/reader-study/report.html', 'utf8');
    expect(html).toContain('id="readerStudy"');
    expect(html).toContain('Mean reader AUC increased from 0.805 (unaided) to 0.866 (AI-assisted)');
    for (const name of ['reader-study-roc', 'reader-study-differences']) {
      expect(readFileSync(`reports/reader-study/figures/${name}.svg`, 'utf8')).toContain('<svg');
    }
  });
});
