// Counts per 1,000 patients against test/reference/expected/per_thousand.json, which
// test/reference/per_thousand.py computes with exact fractions and half-up rounding.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { perThousand, type PerThousandInput } from '../../src/report/wording/perThousand.js';

interface Case {
  name: string;
  input: PerThousandInput;
  expected: Record<string, unknown>;
}

const reference = JSON.parse(readFileSync('test/reference/expected/per_thousand.json', 'utf8')) as {
  cases: Case[];
};

describe('counts per 1,000 patients', () => {
  it.each(reference.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const got = perThousand(c.input);
    expect({ ...got, prevalence: undefined }).toEqual({ ...c.expected, prevalence: undefined });
    expect(got.prevalence).toBe(c.input.prevalence);
  });

  it('adds up within each class', () => {
    for (const c of reference.cases) {
      const got = perThousand(c.input);
      expect(got.positives + got.negatives).toBe(1000);
      if (got.truePositives !== null)
        expect(got.truePositives + (got.falseNegatives ?? 0)).toBe(got.positives);
      if (got.trueNegatives !== null)
        expect(got.trueNegatives + (got.falsePositives ?? 0)).toBe(got.negatives);
    }
  });

  it('refuses a prevalence outside [0, 1]', () => {
    expect(() => perThousand({ prevalence: 1.5, sensitivity: 0.5, specificity: 0.5 })).toThrow(RangeError);
  });
});
