/**
 * Variance and covariance of AUCs when several cases (images, lesions) come from one
 * cluster (patient): Obuchowski (1997), "Nonparametric analysis of clustered ROC curve data",
 * Biometrics 53:567–578, built on DeLong's placements.
 *
 * With I clusters, cluster i holding m_i positives and n_i negatives (M = Σm_i, N = Σn_i),
 * X_i = Σ of the positives' placements V10 in cluster i and Y_i = Σ of the negatives' V01:
 *   S10 = I10 / ((I10 − 1)·M) · Σ_i (X_i − m_i·θ)(X'_i − m_i·θ')
 *   S01 = I01 / ((I01 − 1)·N) · Σ_i (Y_i − n_i·θ)(Y'_i − n_i·θ')
 *   S11 = I / (I − 1) · Σ_i (X_i − m_i·θ)(Y'_i − n_i·θ')
 *   cov(θ, θ') = S10/M + S01/N + (S11 + S11ᵀ)/(M·N)
 * (I10, I01: clusters with at least one positive, one negative). With one case per cluster
 * this is exactly DeLong's covariance.
 */
import type { DelongPlacements } from './delong.js';

export interface ClusterLayout {
  /** Cluster index (0 … clusters − 1) of each positive, in the placements' order. */
  positiveClusters: Int32Array;
  /** Cluster index of each negative, in the placements' order. */
  negativeClusters: Int32Array;
  clusters: number;
}

interface ClusterSums {
  x: Float64Array;
  y: Float64Array;
}

function clusterSums(p: DelongPlacements, layout: ClusterLayout): ClusterSums {
  const x = new Float64Array(layout.clusters);
  const y = new Float64Array(layout.clusters);
  p.positives.forEach((v, k) => {
    const c = layout.positiveClusters[k] as number;
    x[c] = (x[c] as number) + v;
  });
  p.negatives.forEach((v, l) => {
    const c = layout.negativeClusters[l] as number;
    y[c] = (y[c] as number) + v;
  });
  return { x, y };
}

export function clusteredAucCovariance(
  a: DelongPlacements,
  b: DelongPlacements,
  layout: ClusterLayout,
): number {
  const M = a.positives.length;
  const N = a.negatives.length;
  const I = layout.clusters;
  const m = new Float64Array(I);
  const n = new Float64Array(I);
  for (const c of layout.positiveClusters) m[c] = (m[c] as number) + 1;
  for (const c of layout.negativeClusters) n[c] = (n[c] as number) + 1;
  let withPositives = 0;
  let withNegatives = 0;
  for (let i = 0; i < I; i++) {
    if ((m[i] as number) > 0) withPositives++;
    if ((n[i] as number) > 0) withNegatives++;
  }
  const sa = clusterSums(a, layout);
  const sb = clusterSums(b, layout);
  let s10 = 0;
  let s01 = 0;
  let s11 = 0;
  for (let i = 0; i < I; i++) {
    const xa = (sa.x[i] as number) - (m[i] as number) * a.auc;
    const xb = (sb.x[i] as number) - (m[i] as number) * b.auc;
    const ya = (sa.y[i] as number) - (n[i] as number) * a.auc;
    const yb = (sb.y[i] as number) - (n[i] as number) * b.auc;
    s10 += xa * xb;
    s01 += ya * yb;
    s11 += xa * yb + xb * ya;
  }
  s10 *= withPositives / ((withPositives - 1) * M);
  s01 *= withNegatives / ((withNegatives - 1) * N);
  s11 *= I / (I - 1);
  return s10 / M + s01 / N + s11 / (M * N);
}

/** The cluster layout of the cases, split by class in the order `splitByClass` uses. */
export function clusterLayout(clusters: Int32Array, labels: Uint8Array): ClusterLayout {
  const positiveClusters: number[] = [];
  const negativeClusters: number[] = [];
  // renumber 0 … I − 1 over the clusters present, so that a subset of cases (a subgroup)
  // counts only its own clusters in I
  const renumbered = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) {
    const original = clusters[i] as number;
    let c = renumbered.get(original);
    if (c === undefined) renumbered.set(original, (c = renumbered.size));
    (labels[i] === 1 ? positiveClusters : negativeClusters).push(c);
  }
  return {
    positiveClusters: Int32Array.from(positiveClusters),
    negativeClusters: Int32Array.from(negativeClusters),
    clusters: renumbered.size,
  };
}
