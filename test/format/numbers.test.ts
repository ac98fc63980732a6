// Number formatting, decided once: p-values, AUC, proportions, intervals, signs and counts.
import { describe, expect, it } from 'vitest';
import {
  MISSING,
  formatAuc,
  formatCount,
  formatDifferenceInterval,
  formatFixed,
  formatInterval,
  formatIsoDate,
  formatLevel,
  formatNumber,
  formatP,
  formatPValue,
  formatProportion,
  formatProportionDifference,
  formatProportionInterval,
  formatRatio,
  formatSigned,
  formatSignedInteger,
  formatSignificant,
  formatThreshold,
  joinRange,
  withInterval,
} from '../../src/format/numbers.js';
import { joinWords } from '../../src/format/words.js';

describe('p-values', () => {
  it('gives "< 0.001" below 0.001 and two significant digits above', () => {
    expect(formatPValue(0.0004)).toBe('< 0.001');
    expect(formatPValue(0)).toBe('< 0.001');
    expect(formatPValue(0.53)).toBe('0.53');
    expect(formatPValue(0.5349)).toBe('0.53');
    expect(formatPValue(0.037)).toBe('0.037');
    expect(formatPValue(0.0374)).toBe('0.037');
    expect(formatPValue(0.0077)).toBe('0.0077');
    expect(formatPValue(0.00771)).toBe('0.0077');
    expect(formatPValue(0.001)).toBe('0.0010');
    expect(formatPValue(0.05)).toBe('0.050');
  });

  it('carries rounding into the next decade without a third digit', () => {
    expect(formatPValue(0.0996)).toBe('0.10');
    expect(formatPValue(0.00999)).toBe('0.010');
    expect(formatPValue(0.000999)).toBe('< 0.001');
  });

  it('gives "> 0.99" when two digits would round to 1', () => {
    expect(formatPValue(1)).toBe('> 0.99');
    expect(formatPValue(0.996)).toBe('> 0.99');
    expect(formatPValue(0.99)).toBe('0.99');
  });

  it('reads "p = …" in running text', () => {
    expect(formatP(0.53)).toBe('p = 0.53');
    expect(formatP(0.0001)).toBe('p < 0.001');
    expect(formatP(1)).toBe('p > 0.99');
    expect(formatP(null)).toBe(`p ${MISSING}`);
  });
});

describe('estimates', () => {
  it('gives AUC to 3 decimals', () => {
    expect(formatAuc(0.9562058)).toBe('0.956');
    expect(formatAuc(0.9565)).toMatch(/^0\.95[67]$/);
    expect(formatAuc(1)).toBe('1.000');
    expect(formatAuc(null)).toBe(MISSING);
  });

  it('gives proportions as decimals (default 3) or percentages', () => {
    expect(formatProportion(0.9029850746)).toBe('0.903');
    expect(formatProportion(0.9029850746, { decimals: 2 })).toBe('0.90');
    expect(formatProportion(0.9029850746, { proportions: 'percent' })).toBe('90.3%');
    expect(formatProportion(0.9029850746, { proportions: 'percent', decimals: 0 })).toBe('90%');
    expect(formatProportion(Number.NaN)).toBe(MISSING);
  });

  it('uses a true minus sign and never shows −0', () => {
    expect(formatFixed(-0.0505, 3)).toBe('\u22120.051');
    expect(formatFixed(-0.0001, 3)).toBe('0.000');
    expect(formatFixed(-3, 0)).toBe('\u22123');
    expect(formatSigned(0.0084, 3)).toBe('+0.008');
    expect(formatSigned(-0.0505, 3)).toBe('\u22120.051');
    expect(formatSigned(0, 3)).toBe('0.000');
    expect(formatSignedInteger(24)).toBe('+24');
    expect(formatSignedInteger(-4)).toBe('\u22124');
    expect(formatSignedInteger(0)).toBe('0');
    expect(formatProportionDifference(-0.0505, { proportions: 'percent' })).toBe('\u22125.1 pp');
  });

  it('shows infinities and significant digits', () => {
    expect(formatRatio(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(formatRatio(5.875587)).toBe('5.88');
    expect(formatSignificant(0.000123456, 2)).toBe('0.00012');
    expect(formatSignificant(-0.037, 2)).toBe('\u22120.037');
  });

  it('shows data thresholds without exponent or trailing zeros', () => {
    expect(formatThreshold(0.2398)).toBe('0.2398');
    expect(formatThreshold(27.19)).toBe('27.19');
    expect(formatThreshold(4)).toBe('4');
    expect(formatThreshold(0.5)).toBe('0.5');
    expect(formatThreshold(0.00012345)).toMatch(/^0\.000123[45]$/);
    expect(formatThreshold(-1.5)).toBe('\u22121.5');
    expect(formatThreshold(null)).toBe(MISSING);
  });

  it('formats levels, plain numbers, counts and dates', () => {
    expect(formatLevel(0.95)).toBe('95%');
    expect(formatLevel(0.975)).toBe('97.5%');
    expect(formatNumber(0.01)).toBe('0.01');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(2000)).toBe('2000');
    expect(formatCount(242, 268)).toBe('242/268');
    expect(formatIsoDate(new Date('2025-03-14T23:30:00Z'))).toBe('2025-03-14');
  });
});

describe('intervals', () => {
  it('joins bounds with an en dash', () => {
    expect(formatInterval({ lower: 0.9371, upper: 0.9703 }, formatAuc)).toBe('0.937\u20130.970');
    expect(formatProportionInterval({ lower: 0.86164, upper: 0.93293 })).toBe('0.862\u20130.933');
    expect(formatProportionInterval({ lower: 0.86164, upper: 0.93293 }, { proportions: 'percent' })).toBe(
      '86.2%\u201393.3%',
    );
    expect(formatInterval(null)).toBe(MISSING);
  });

  it('writes "to" when a bound is negative, so the dash is never read as a minus', () => {
    expect(formatDifferenceInterval({ lower: -0.08305, upper: -0.01893 })).toBe('\u22120.083 to \u22120.019');
    expect(formatDifferenceInterval({ lower: -0.0196, upper: 0.0014 })).toBe('\u22120.020 to 0.001');
    expect(formatDifferenceInterval({ lower: 0.011, upper: 0.174 })).toBe('0.011\u20130.174');
    expect(formatDifferenceInterval({ lower: -0.0505, upper: 0.01 }, { proportions: 'percent' })).toBe(
      '\u22125.1 to 1.0 pp',
    );
    expect(joinRange(MISSING, '1')).toBe(MISSING);
  });

  it('puts an interval in parentheses after its estimate', () => {
    expect(withInterval('0.903', '0.862\u20130.933')).toBe('0.903 (0.862\u20130.933)');
    expect(withInterval('0.903', MISSING)).toBe('0.903');
  });
});

describe('prose', () => {
  it('joins words as English', () => {
    expect(joinWords([])).toBe('');
    expect(joinWords(['a'])).toBe('a');
    expect(joinWords(['a', 'b'])).toBe('a and b');
    expect(joinWords(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
