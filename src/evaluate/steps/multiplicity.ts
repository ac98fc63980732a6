/**
 * Step 6: multiplicity, once. With more than one comparison, Holm's (1979) step-down
 * adjustment within each family — the AUCs, and each measure at each operating point — on
 * the final p-values (for PPV and NPV the bootstrap's, when it ran).
 */
import { holmAdjust } from '../../statistics/holm.js';
import type { ComparisonResult } from '../../results/results.js';
import type { ComparisonBootstrap } from './bootstrapIntervals.js';

export const ADJUSTED_MEASURES = ['sensitivity', 'specificity', 'ppv', 'npv'] as const;
export type AdjustedMeasure = (typeof ADJUSTED_MEASURES)[number];

/** Holm-adjusted p of each comparison's tests. */
export interface AdjustedP {
  auc: (number | null)[];
  /** [operating point][measure][comparison] */
  operatingPoints: Record<AdjustedMeasure, (number | null)[]>[];
}

/** The p-value a comparison's test finally reports. */
export function finalP(
  comparison: ComparisonResult,
  bootstrap: ComparisonBootstrap | undefined,
  j: number,
  measure: AdjustedMeasure,
): number | null {
  if (bootstrap && (measure === 'ppv' || measure === 'npv')) {
    return bootstrap.operatingPoints[j]?.[measure].p ?? null;
  }
  return comparison.operatingPoints[j]?.[measure].p ?? null;
}

/** Null with fewer than two comparisons (nothing to adjust). */
export function adjustForMultiplicity(
  comparisons: readonly ComparisonResult[],
  bootstrap: readonly ComparisonBootstrap[] | null,
): AdjustedP | null {
  if (comparisons.length < 2) return null;
  const holm = (p: (number | null)[]) => holmAdjust(p).map((q) => q ?? null);
  const points = comparisons[0]?.operatingPoints.length ?? 0;
  return {
    auc: holm(comparisons.map((c) => c.auc.p)),
    operatingPoints: Array.from({ length: points }, (_, j) => {
      const family = (measure: AdjustedMeasure) =>
        holm(comparisons.map((c, k) => finalP(c, bootstrap?.[k], j, measure)));
      return {
        sensitivity: family('sensitivity'),
        specificity: family('specificity'),
        ppv: family('ppv'),
        npv: family('npv'),
      };
    }),
  };
}
