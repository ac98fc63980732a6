// User text as the documents show it (issues 11, 14): bidirectional controls visible, right-to-left
// text isolated, long names cut with an ellipsis; results.json keeps the original.
import { describe, expect, it } from 'vitest';
import { pngDpi, PNG_LIMITS } from '../../src/charts/index.js';
import { DISPLAY_LIMITS, displayText, truncate } from '../../src/report/displayText.js';

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

describe('displayResults', () => {
  it('changes user text only, and leaves the numbers and the original alone', async () => {
    const { evaluate, loadStudy } = await import('../../src/index.js');
    const { displayResults } = await import('../../src/report/displayText.js');
    const { BASIC_CSV, studyFolder } = await import('../helpers/fixtures.js');
    const path = await import('node:path');
    const long = 'N'.repeat(500);
    const dir = studyFolder({
      'study.yaml': `title: '\u202Etitle'\ndata: data.csv\nid: case_id\noutcome: { column: y, positive: 1 }\nmodels:\n  - { id: a, name: '${long}', score: a }\nbootstrap: { replicates: 0 }\n`,
      'data.csv': BASIC_CSV,
    });
    const results = evaluate(loadStudy(path.join(dir, 'study.yaml')));
    const before = JSON.stringify(results);
    const shown = displayResults(results);
    expect(JSON.stringify(results)).toBe(before);
    expect(shown.title).toBe('⟨U+202E⟩title');
    expect(shown.models[0]?.name).toBe(`${'N'.repeat(59)}…`);
    expect(shown.models[0]?.auc).toEqual(results.models[0]?.auc);
    expect(shown.comparisons).toBe(results.comparisons);
  });
});
