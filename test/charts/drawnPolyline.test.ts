// Chart-level simplification of long curves (src/charts/data.ts drawnPolyline): the drawn
// curve stays within the stated tolerance of every computed vertex, keeps the end points,
// and leaves curves short enough to draw vertex for vertex untouched.
import { describe, expect, it } from 'vitest';
import {
  DRAWN_TOLERANCE_PX,
  DRAWN_VERTICES_PER_PX,
  drawnPolyline,
  simplifyWithin,
} from '../../src/charts/data.js';
import { precisionRecallVertices } from '../../src/charts/precisionRecall.js';
import { seededUniform } from '../helpers/random.js';

type Point = { x: number; y: number };

/** Distance from p to the polyline (brute force over its segments). */
function distanceToPolyline(p: Point, line: Point[]): number {
  let best = Infinity;
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i] as Point;
    const b = line[i + 1] as Point;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const l2 = dx * dx + dy * dy;
    const t = l2 > 0 ? Math.min(1, Math.max(0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / l2)) : 0;
    best = Math.min(best, Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy));
  }
  return best;
}

/** An empirical ROC curve of n cases (binormal scores), as vertices from (0, 0) to (1, 1). */
function empiricalRoc(n: number, seed: number): Point[] {
  const random = seededUniform(seed);
  const normal = () => Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
  const cases = Array.from({ length: n }, () => {
    const positive = random() < 0.3;
    return { positive, score: normal() + (positive ? 1 : 0) };
  }).sort((a, b) => b.score - a.score);
  const positives = cases.filter((c) => c.positive).length;
  let tp = 0;
  let fp = 0;
  const points: Point[] = [{ x: 0, y: 0 }];
  for (const c of cases) {
    if (c.positive) tp++;
    else fp++;
    points.push({ x: fp / (n - positives), y: tp / positives });
  }
  return points;
}

describe('drawnPolyline', () => {
  it('keeps every computed vertex within the tolerance of the drawn curve, with far fewer vertices', () => {
    const plotPx = 330;
    const points = empiricalRoc(20_000, 7);
    const drawn = drawnPolyline(points, { pxPerUnit: plotPx, plotPx });
    expect(drawn.length).toBeLessThan(points.length / 10);
    expect(drawn[0]).toBe(points[0]);
    expect(drawn[drawn.length - 1]).toBe(points[points.length - 1]);
    const tolerance = DRAWN_TOLERANCE_PX / plotPx;
    for (const p of points) expect(distanceToPolyline(p, drawn)).toBeLessThanOrEqual(tolerance + 1e-15);
  });

  it('holds the bound on a step curve (precision–recall with explicit corners)', () => {
    const random = seededUniform(3);
    const points = Array.from({ length: 5000 }, (_, k) => ({
      threshold: 1 - k / 5000,
      recall: (k + 1) / 5000,
      precision: 0.2 + 0.8 * random() ** 2,
    }));
    const vertices = precisionRecallVertices(points);
    const drawn = simplifyWithin(vertices, 0.001);
    expect(drawn.length).toBeLessThan(vertices.length);
    for (const p of vertices) expect(distanceToPolyline(p, drawn)).toBeLessThanOrEqual(0.001 + 1e-15);
  });

  it('draws a curve of at most DRAWN_VERTICES_PER_PX vertices per px vertex for vertex', () => {
    const points = empiricalRoc(400, 1);
    expect(points.length).toBeLessThanOrEqual(DRAWN_VERTICES_PER_PX * 330);
    expect(drawnPolyline(points, { pxPerUnit: 330, plotPx: 330 })).toBe(points);
  });
});
