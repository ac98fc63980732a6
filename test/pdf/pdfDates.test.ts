// report.pdf reproducible (issue 14): the dates Chromium writes are set to the report's date
// in place (same length, so the cross-reference offsets stay valid), and two prints of the
// same report are byte-identical.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, loadStudy } from '../../src/index.js';
import { findBrowser } from '../../src/pdf/findBrowser.js';
import { pdfDate, setPdfDates } from '../../src/pdf/pdfDates.js';
import { writeReport } from '../../src/report/writeReport.js';

const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

describe('setPdfDates', () => {
  it('writes a PDF date in UTC (PDF 32000-1, 7.9.4)', () => {
    expect(pdfDate(new Date(Date.UTC(2026, 0, 1)))).toBe("D:20260101000000+00'00'");
    expect(pdfDate(new Date(1767225600 * 1000 + 3723_000))).toBe("D:20260101010203+00'00'");
  });

  it('rewrites both dates in place, whatever time zone Chromium wrote, keeping the length', () => {
    const pdf = latin1(
      "%PDF-1.4\n1 0 obj\n<</Producer (Skia/PDF m156)\n/CreationDate (D:20261206125005+09'00')\n/ModDate (D:20261206125005-05'30')>>\nendobj\n",
    );
    const length = pdf.length;
    expect(setPdfDates(pdf, new Date(Date.UTC(2026, 0, 1)))).toBe(2);
    const text = Buffer.from(pdf).toString('latin1');
    expect(pdf.length).toBe(length);
    expect(text).toContain("/CreationDate (D:20260101000000+00'00')\n/ModDate (D:20260101000000+00'00')>>");
  });

  it('leaves a date in another form as it is', () => {
    const pdf = latin1('%PDF-1.4\n<</CreationDate (D:2026)>>');
    expect(setPdfDates(pdf, new Date(0))).toBe(0);
    expect(Buffer.from(pdf).toString('latin1')).toBe('%PDF-1.4\n<</CreationDate (D:2026)>>');
  });
});

const browser = findBrowser();
const required = process.env.CI === 'true';

describe.skipIf(!required && !browser)('report.pdf through Chromium', () => {
  it('is byte-identical across runs with the same date, which it carries', async () => {
    const study = loadStudy('examples/bone-tumour/study.yaml');
    study.settings.bootstrap.replicates = 0;
    const results = evaluate(study);
    const generatedAt = new Date(1767225600 * 1000);
    const print = async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'dxreport-pdf-dates-'));
      await writeReport(results, dir, {
        formats: new Set(['pdf'] as const),
        paper: 'a4',
        generatedAt,
        browser,
      });
      return path.join(dir, 'report.pdf');
    };
    const [first, second] = [await print(), await print()];
    expect(readFileSync(first).equals(readFileSync(second))).toBe(true);
    const text = readFileSync(first).toString('latin1');
    expect(text).toContain("/CreationDate (D:20260101000000+00'00')");
    expect(text).toContain("/ModDate (D:20260101000000+00'00')");
    try {
      // the file is still well formed: poppler reads the rewritten dates
      const info = execFileSync('pdfinfo', ['-isodates', first], { encoding: 'utf8' });
      expect(info).toMatch(/CreationDate:\s+2026-01-01T00:00:00(Z|\+00)/);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || required) throw error;
    }
  });
});
