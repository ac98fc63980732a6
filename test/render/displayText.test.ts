// User text as the documents show it (issues 11, 14): bidirectional controls visible, right-to-left
// text isolated, long names cut with an ellipsis; results.json keeps the original.
import { describe, expect, it } from 'vitest';
import { pngDpi, PNG_LIMITS } from '../../src/charts/index.js';
import { DISPLAY_LIMITS, displayText, truncate } from '../../src/render/displayText.js';

describe('displayText', () => {
  it('shows a right-to-left override instead of obeying it', () => {
    expect(displayText('\u202Edrowssap')).toBe('⟨U+202E⟩drowssap');
    expect(displayText('a\u2066b\u2069c\u200F\u061C')).toBe('a⟨U+2066⟩b⟨U+2069⟩c⟨U+200F⟩⟨U+061C⟩');
    expect(displayText('bell\u0007 esc\u001b[31m')).toBe('bell⟨U+0007⟩ esc⟨U+001B⟩[31m');
  });

  it('isolates right-to-left text so that it cannot reorder its surroundings', () => {
    expect(displayText('מודל 2')).toBe('\u2068מודל 2\u2069');
    expect(displayText('نموذج (أ)')).toBe('\u2068نموذج (أ)\u2069');
    expect(displayText('Model A')).toBe('Model A');
    expect(displayText('日本語のモデル')).toBe('日本語のモデル');
  });

  it('cuts long names with an ellipsis, by code point', () => {
    const long = 'x'.repeat(10_000);
    expect(displayText(long)).toBe(`${'x'.repeat(DISPLAY_LIMITS.name - 1)}…`);
    expect([...displayText('😀'.repeat(100))]).toHaveLength(DISPLAY_LIMITS.name);
    expect(truncate('😀😀😀', 2)).toBe('😀…');
    expect(truncate('abc', 3)).toBe('abc');
  });
});

describe('PNG size', () => {
  it('is 300 dpi for an ordinary figure and bounded for an enormous one', () => {
    const svg = (w: number, h: number) =>
      `<svg class="marks" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"></svg>`;
    expect(pngDpi(svg(640, 480))).toBe(300);
    for (const [w, h] of [
      [297_000 / (300 / 96), 1578 / (300 / 96)],
      [700, 148_753 / (300 / 96)],
      [20_000, 20_000],
    ] as const) {
      const zoom = pngDpi(svg(w, h)) / 96;
      expect(Math.max(w, h) * zoom).toBeLessThanOrEqual(PNG_LIMITS.side);
      expect(w * h * zoom * zoom).toBeLessThanOrEqual(PNG_LIMITS.pixels);
    }
  });
});
