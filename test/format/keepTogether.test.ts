import { describe, expect, it } from 'vitest';
import { keepNamesTogether, keepParenthesesTogether, unbreakable } from '../../src/format/keepTogether.js';

const NBSP = '\u00a0';
const WJ = '\u2060';

describe('keepParenthesesTogether', () => {
  it('makes the spaces inside each parenthesised group no-break, and only those', () => {
    expect(keepParenthesesTogether('Difference A − B (95% CI)')).toBe(`Difference A − B (95%${NBSP}CI)`);
    expect(keepParenthesesTogether('Partial AUC, specificity 0.80–1.00 (95% CI)')).toBe(
      `Partial AUC, specificity 0.80–1.00 (95%${NBSP}CI)`,
    );
    expect(keepParenthesesTogether('p (Holm)')).toBe('p (Holm)');
    expect(keepParenthesesTogether('Maximum F1 (at threshold) and (a b)')).toBe(
      `Maximum F1 (at${NBSP}threshold) and (a${NBSP}b)`,
    );
    expect(keepParenthesesTogether('no parentheses here')).toBe('no parentheses here');
  });
});

describe('keepNamesTogether', () => {
  it('keeps each model name unbroken: no-break spaces, a word joiner after hyphens', () => {
    expect(unbreakable('YOLO-TL (chest-pretrained)')).toBe(`YOLO-${WJ}TL${NBSP}(chest-${WJ}pretrained)`);
    const names = ['DenseNet-121', 'Ensemble (DenseNet + ViT)'];
    expect(keepNamesTogether('DenseNet-121 vs. Ensemble (DenseNet + ViT)', names)).toBe(
      `DenseNet-${WJ}121 vs. Ensemble${NBSP}(DenseNet${NBSP}+${NBSP}ViT)`,
    );
  });

  it('is idempotent and leaves names without spaces or hyphens, and other text, alone', () => {
    const names = ['A model', 'ViT'];
    const once = keepNamesTogether('A model and ViT and a model', names);
    expect(once).toBe(`A${NBSP}model and ViT and a model`);
    expect(keepNamesTogether(once, names)).toBe(once);
    expect(unbreakable(unbreakable('a-b'))).toBe(`a-${WJ}b`);
  });

  it('matches the longer of two overlapping names first', () => {
    expect(keepNamesTogether('ResNet 50 large', ['ResNet 50', 'ResNet 50 large'])).toBe(
      `ResNet${NBSP}50${NBSP}large`,
    );
  });
});
