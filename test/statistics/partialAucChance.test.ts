// McClish's standardised partial AUC of a curve lying exactly on the chance line is 0.5, not
// null (issue 11). Reference: test/reference/partial_auc_chance.R (pROC 1.18), which writes
// pROC's raw partial area, pROC's own standardised value (NA where its floating-point area
// falls a hair below the diagonal's) and the exact-arithmetic value 0.5.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mcclishStandardised, partialAuc, type PartialAucFocus } from '../../src/statistics/partialAuc.js';
import { rocCurve } from '../../src/statistics/rocCurve.js';

interface ChanceSet {
  controls: number[];
  cases: number[];
  partialAuc: {
    focus: PartialAucFocus;
    range: [number, number];
    raw: number;
    procMcclish: number | null;
    exactMcclish: number;
  }[];
}
const expected = JSON.parse(
  readFileSync(new URL('../reference/expected/partial_auc_chance.json', import.meta.url), 'utf8'),
) as { sets: Record<string, ChanceSet> };

describe('McClish partial AUC on the chance line', () => {
  for (const [name, set] of Object.entries(expected.sets)) {
    it(`${name}: 0.5 over every range, raw area as pROC`, () => {
      const scores = Float64Array.from([...set.controls, ...set.cases]);
      const labels = Uint8Array.from([...set.controls.map(() => 0), ...set.cases.map(() => 1)]);
      const curve = rocCurve(scores, labels);
      for (const p of set.partialAuc) {
        const value = partialAuc(curve, p.focus, p.range);
        const what = `${name} ${p.focus} [${p.range.join(', ')}]`;
        expect(Math.abs(value.raw - p.raw), what).toBeLessThan(1e-12);
        expect(value.mcclish, what).toBe(p.exactMcclish);
        if (p.procMcclish !== null) expect(value.mcclish, what).toBe(p.procMcclish);
      }
    });
  }

  it('is null for a curve truly below the diagonal, and continuous just above it', () => {
    // [0.8, 1]: diagonal area 0.02, rectangle 0.2
    expect(mcclishStandardised(0.019, 0.8, 1)).toBeNaN();
    expect(mcclishStandardised(0.02 - 1e-13, 0.8, 1)).toBe(0.5);
    expect(mcclishStandardised(0.02 + 0.18 / 2, 0.8, 1)).toBeCloseTo(0.75, 12);
  });
});
