// Seeded test data: MT19937 uniforms, so every random test is reproducible.
import mt19937 from '@stdlib/random-base-mt19937';

export function seededUniform(seed: number): () => number {
  const generator = mt19937.factory({ seed }) as unknown as { normalized: () => number };
  return () => generator.normalized();
}

/** Random scores for m positives and n negatives, optionally rounded to force ties. */
export function randomScores(seed: number, m: number, n: number, decimals?: number) {
  const uniform = seededUniform(seed);
  const round = (v: number) => (decimals === undefined ? v : Number(v.toFixed(decimals)));
  const positives = Float64Array.from({ length: m }, () => round(0.3 + 0.7 * uniform()));
  const negatives = Float64Array.from({ length: n }, () => round(0.7 * uniform()));
  return { positives, negatives };
}
