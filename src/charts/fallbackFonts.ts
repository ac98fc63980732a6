/**
 * Fonts for text that DejaVu Sans does not cover, found on the machine and given to resvg
 * only when a chart needs them (each is tens of megabytes to load): CJK (Debian's
 * fonts-noto-cjk, or the older Droid Sans Fallback) and emoji and other symbols (Symbola:
 * outline glyphs, which resvg can draw, unlike the bitmap colour emoji of Noto Color Emoji).
 * scripts/install.sh installs them. Without them such text is drawn as empty boxes.
 */
import { existsSync } from 'node:fs';

const CJK_FONTS = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
];
const SYMBOL_FONTS = [
  '/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf',
  '/usr/share/fonts/truetype/ancient-scripts/Symbola.ttf',
  '/usr/share/fonts/gdouros-symbola/Symbola.ttf',
];

/** Han, kana, hangul, CJK punctuation and full-width forms. */
const CJK_TEXT = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]|[\u{20000}-\u{3134f}]/u;
/** Emoji and pictographs. */
const SYMBOL_TEXT = /\p{Extended_Pictographic}/u;

const existing = (files: readonly string[]) => files.filter((file) => existsSync(file));
let found: { cjk: string[]; symbols: string[] } | undefined;

/** The font files, among those installed, that `svg`'s text needs beyond DejaVu Sans. */
export function fallbackFontsFor(svg: string): string[] {
  const needsCjk = CJK_TEXT.test(svg);
  const needsSymbols = SYMBOL_TEXT.test(svg);
  if (!needsCjk && !needsSymbols) return [];
  found ??= { cjk: existing(CJK_FONTS), symbols: existing(SYMBOL_FONTS) };
  // one font of each kind is enough: the first found
  return [...(needsCjk ? found.cjk.slice(0, 1) : []), ...(needsSymbols ? found.symbols.slice(0, 1) : [])];
}
