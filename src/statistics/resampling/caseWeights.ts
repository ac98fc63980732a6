/**
 * Case weights as used by the bootstrap: a non-negative multiplicity per case (a case with
 * weight 2 counts exactly as two copies of that row; weight 0 drops it; absent = all 1).
 * Every weighted kernel in this folder is defined so that integer weights give the same
 * result as physically duplicating rows.
 */

/** Throws a RangeError unless `weights` (when given) has length `n` and finite, non-negative entries. */
export function checkCaseWeights(weights: Float64Array | undefined, n: number): void {
  if (weights === undefined) return;
  if (weights.length !== n) {
    throw new RangeError(`case weights: expected ${n} weights, got ${weights.length}`);
  }
  for (let i = 0; i < n; i++) {
    const w = weights[i] as number;
    if (!(w >= 0) || !Number.isFinite(w)) {
      throw new RangeError(`case weights: weight ${i} is ${w}; weights must be finite and non-negative`);
    }
  }
}

/** Throws a RangeError unless the arrays have equal length and every label is 0 or 1. */
export function checkLabelled(values: ArrayLike<number>, labels: Uint8Array, what: string): void {
  if (values.length !== labels.length) {
    throw new RangeError(`${what}: ${values.length} values but ${labels.length} labels`);
  }
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number;
    if (label !== 0 && label !== 1) throw new RangeError(`${what}: label ${i} is ${label}, expected 0 or 1`);
  }
}

/** The weight of case `i` (1 when there are no weights). */
export function caseWeight(weights: Float64Array | undefined, i: number): number {
  return weights === undefined ? 1 : (weights[i] as number);
}
