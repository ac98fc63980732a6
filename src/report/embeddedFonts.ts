/**
 * The report's one typeface, DejaVu Sans (regular and bold), embedded in report.html as
 * base64 WOFF2 `@font-face` rules: prose, tables and the inline SVG charts (whose theme names
 * DejaVu Sans, src/charts/theme.ts, and whose text widths are DejaVu Sans's,
 * src/charts/textMetrics.ts) then look the same on every machine, and the PDF embeds this
 * one family. The files in `templates/fonts/` are subsets (Latin, Greek, Cyrillic,
 * punctuation, arithmetic, arrows, geometric shapes; about 65 KB each) made by
 * scripts/subset-fonts.py from DejaVu Sans 2.37. Each face declares its `unicode-range`, so
 * text outside it (CJK or emoji model names) falls back to the next family of report.css's
 * font stack (Noto Sans CJK, Symbola, …, as installed) instead of showing empty boxes.
 *
 * The rules are dxreport's own, inserted into the page after its safety check (a template may
 * not use `@font-face` or `url()`); the Content-Security-Policy allows fonts from `data:` only.
 * The fonts' license (Bitstream Vera / DejaVu, templates/fonts/LICENSE-DejaVu.txt) asks that
 * its notice go with every copy: it is quoted in the style element.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface FontsConfig {
  family: string;
  unicodeRange: string;
  faces: { file: string; weight: number }[];
}

const cache = new Map<string, string>();

/** The license notice as a CSS comment (no `*\/` can end it early). */
function licenseComment(dir: string): string {
  const file = path.join(dir, 'LICENSE-DejaVu.txt');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const notice = text.replace(/\*\//g, '* /').trim();
  return `/* Embedded font: DejaVu Sans (subset), https://dejavu-fonts.github.io/\n${notice}\n*/`;
}

/**
 * A `<style>` element with the `@font-face` rules of the fonts in `fontDir`
 * (`<templates>/fonts`), or '' when the folder has no fonts.json (then the system's fonts serve).
 */
export function embeddedFontStyle(fontDir: string): string {
  const known = cache.get(fontDir);
  if (known !== undefined) return known;
  const configFile = path.join(fontDir, 'fonts.json');
  if (!existsSync(configFile)) return '';
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as FontsConfig;
  const faces = config.faces.map((face) => {
    const data = readFileSync(path.join(fontDir, face.file)).toString('base64');
    return [
      '@font-face {',
      `  font-family: '${config.family}';`,
      '  font-style: normal;',
      `  font-weight: ${face.weight};`,
      '  font-display: block;',
      `  unicode-range: ${config.unicodeRange};`,
      `  src: url(data:font/woff2;base64,${data}) format('woff2');`,
      '}',
    ].join('\n');
  });
  const style = `<style>\n${licenseComment(fontDir)}\n${faces.join('\n')}\n</style>`;
  cache.set(fontDir, style);
  return style;
}
