// The helpers behind the charts: class counts rebuilt from the ROC points (checked against the
// raw scores), histogram bins, polyline simplification and clipping, the inset's zoom box,
// the forest plot's p-values and DejaVu Sans text widths.
import { describe, expect, it } from 'vitest';
import {
  binEdges,
  histogram,
  modelNames,
  probabilityEdges,
  rocVertices,
  scoreCounts,
  simplifyPolyline,
} from '../../src/charts/data.js';
import { differenceAxis, formatP } from '../../src/charts/forest.js';
import { formatPValue } from '../../src/format/numbers.js';
import { clipPolyline, zoomBox } from '../../src/charts/inset.js';
import { precisionRecallVertices } from '../../src/charts/precisionRecall.js';
import { dejaVuTextWidth } from '../../src/charts/textMetrics.js';
import { boneTumourResults, boneTumourStudy } from './fixtures.js';

describe('scoreCounts', () => {
  it('rebuilds the exact number of cases of each class at each score from the ROC points', () => {
    const results = boneTumourResults();
    const study = boneTumourStudy();
    results.models.forEach((model, m) => {
      const scores = study.data.scores[m] as Float64Array;
      const expected = new Map<number, [number, number]>();
      scores.forEach((score, i) => {
        const counts = expected.get(score) ?? [0, 0];
        counts[study.data.labels[i] === 1 ? 0 : 1] += 1;
        expected.set(score, counts);
      });
      const rebuilt = scoreCounts(model, results.sample.positives, results.sample.negatives);
      expect(rebuilt.length).toBe(expected.size);
      for (const c of rebuilt) expect([c.positives, c.negatives]).toEqual(expected.get(c.score));
      const edges = probabilityEdges(0.025);
      const bins = histogram(rebuilt, edges, true);
      expect(bins.reduce((s, b) => s + b.positives, 0)).toBe(results.sample.positives);
      expect(bins.reduce((s, b) => s + b.negatives, 0)).toBe(results.sample.negatives);
      // bin k holds the scores in [k/40, (k+1)/40)
      const k = 12;
      const inBin = [...scores].filter((s) => s >= k * 0.025 - 1e-12 && s < (k + 1) * 0.025 - 1e-12).length;
      expect((bins[k]?.positives ?? 0) + (bins[k]?.negatives ?? 0)).toBe(inBin);
    });
  });
});

describe('histogram bins', () => {
  it('puts a score on an edge into the upper bin and 1 into the top bin of [0, 1]', () => {
    const counts = [
      { score: 0.3, positives: 1, negatives: 0 },
      { score: 1, positives: 0, negatives: 2 },
      { score: 0, positives: 3, negatives: 0 },
    ];
    const bins = histogram(counts, probabilityEdges(0.1), true);
    expect(bins).toHaveLength(10);
    expect(bins[3]).toEqual({ start: 0.3, end: 0.4, positives: 1, negatives: 0 });
    expect(bins[9]?.negatives).toBe(2);
    expect(bins[0]?.positives).toBe(3);
  });

  it('chooses round bins that cover any score range', () => {
    expect(binEdges(-3.2, 7.9, 40)).toEqual({ start: -3.5, width: 0.5, count: 23 });
    expect(binEdges(0, 1, 40)).toEqual({ start: 0, width: 0.025, count: 41 });
    const edges = binEdges(0, 10, 10);
    expect(edges.start + edges.count * edges.width).toBeGreaterThan(10);
    expect(binEdges(5, 5, 40).count).toBe(1);
  });
});

describe('curves', () => {
  it('draws the ROC from (0, 0) to (1, 1) and merges collinear runs', () => {
    const vertices = rocVertices([
      { threshold: 0.1, sensitivity: 1, specificity: 0 },
      { threshold: 0.2, sensitivity: 1, specificity: 0.5 },
      { threshold: 0.3, sensitivity: 1, specificity: 0.75 },
      { threshold: 0.4, sensitivity: 0.5, specificity: 1 },
    ]);
    expect(vertices).toEqual([
      { fpr: 0, tpr: 0 },
      { fpr: 0, tpr: 0.5 },
      { fpr: 0.25, tpr: 1 },
      { fpr: 1, tpr: 1 },
    ]);
  });

  it('keeps a turn back on itself and drops only true collinear middles', () => {
    const points = [
      { x: 0, y: 0 },
      { x: 1, y: 0 },
      { x: 0.5, y: 0 },
      { x: 0.5, y: 1 },
    ];
    expect(
      simplifyPolyline(
        points,
        (p) => p.x,
        (p) => p.y,
      ),
    ).toHaveLength(4);
  });

  it('draws the precision–recall step curve with explicit corners', () => {
    const vertices = precisionRecallVertices([
      { threshold: 0.9, recall: 0.25, precision: 1 },
      { threshold: 0.5, recall: 0.5, precision: 0.5 },
      { threshold: 0.1, recall: 1, precision: 0.5 },
    ]);
    expect(vertices).toEqual([
      { x: 0.25, y: 1 },
      { x: 0.25, y: 0.5 },
      { x: 1, y: 0.5 },
    ]);
  });

  it('clips a polyline to a box, piece by piece', () => {
    const box = { x0: 0, x1: 1, y0: 0, y1: 1 };
    const runs = clipPolyline(
      [
        { x: -1, y: 0.5 },
        { x: 0.5, y: 0.5 },
        { x: 2, y: 0.5 },
        { x: 2, y: 0.8 },
        { x: 0.5, y: 0.8 },
      ],
      box,
    );
    expect(runs).toEqual([
      [
        { x: 0, y: 0.5 },
        { x: 0.5, y: 0.5 },
        { x: 1, y: 0.5 },
      ],
      [
        { x: 1, y: 0.8 },
        { x: 0.5, y: 0.8 },
      ],
    ]);
  });

  it('zooms only when markers overlap and the inset pulls them apart', () => {
    const near = [
      { x: 0.1, y: 0.9 },
      { x: 0.11, y: 0.9 },
      { x: 0.13, y: 0.87 },
    ];
    const box = zoomBox(near, 330, 140);
    expect(box).not.toBeNull();
    for (const m of near) {
      expect(m.x).toBeGreaterThanOrEqual(box?.x0 ?? 1);
      expect(m.x).toBeLessThanOrEqual(box?.x1 ?? 0);
      expect(m.y).toBeGreaterThanOrEqual(box?.y0 ?? 1);
      expect(m.y).toBeLessThanOrEqual(box?.y1 ?? 0);
    }
    expect(
      zoomBox(
        [
          { x: 0.1, y: 0.9 },
          { x: 0.5, y: 0.5 },
        ],
        330,
        140,
      ),
    ).toBeNull(); // apart
    expect(
      zoomBox(
        [
          { x: 0.1, y: 0.9 },
          { x: 0.1, y: 0.9 },
        ],
        330,
        140,
      ),
    ).toBeNull(); // identical
  });
});

describe('formats', () => {
  it("writes the forest plot's p-values as the report's tables do", () => {
    expect([0.0004, 0.0042, 0.042, 0.999, null].map(formatP)).toEqual([
      '< 0.001',
      '0.0042',
      '0.042',
      '> 0.99',
      '',
    ]);
    for (const p of [0.0004, 0.0042, 0.042, 0.5, 0.999]) expect(formatP(p)).toBe(formatPValue(p));
  });

  it('makes model names unique', () => {
    const results = boneTumourResults();
    (results.models[1] as { name: string }).name = results.models[0]?.name as string;
    expect(modelNames(results)).toEqual([
      'YOLO-TL (chest-pretrained) [tl]',
      'YOLO-TL (chest-pretrained) [sc]',
    ]);
  });

  it('puts the difference axis on round ticks with zero inside', () => {
    expect(differenceAxis(-0.029, 0.094)).toEqual({
      domain: [-0.05, 0.1],
      ticks: { values: [-0.05, 0, 0.05, 0.1], format: '.2f' },
    });
    expect(differenceAxis(0, 0.3).ticks.values).toEqual([0, 0.1, 0.2, 0.3]);
  });
});

describe('dejaVuTextWidth', () => {
  it('measures DejaVu Sans advance widths (em/1000 × size)', () => {
    expect(dejaVuTextWidth('a', 1000)).toBe(613);
    expect(dejaVuTextWidth('a', 1000, true)).toBe(675);
    // "Logistic regression" at 11 px: 103 px, where vega's 0.8-em guess gives 167 px
    expect(dejaVuTextWidth('Logistic regression', 11)).toBeCloseTo(103.3, 1);
    expect(dejaVuTextWidth('\u4e2d', 10)).toBe(10);
  });
});
