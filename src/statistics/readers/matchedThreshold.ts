/**
 * The model's threshold matching the readers: candidates are the model's distinct scores
 * (score ≥ threshold is positive), never midpoints, as for the study's operating points.
 *
 * - at a specificity: the lowest threshold whose specificity is ≥ the target (the highest
 *   sensitivity among those), the contract's `minSpecificity` rule;
 * - at a sensitivity: the highest threshold whose sensitivity is ≥ the target (the highest
 *   specificity among those), the `minSensitivity` rule.
 *
 * The target is a mean of reader proportions, so a tolerance of 1e-12 keeps a target equal to
 * an attainable k/n (up to rounding) attainable.
 */
const TOLERANCE = 1e-12;

interface Candidate {
  threshold: number;
  /** Positives and negatives with score ≥ threshold. */
  positivesAbove: number;
  negativesAbove: number;
}

/** Each distinct score, ascending, with the cases scoring at or above it (one sort, one pass). */
function candidates(positives: Float64Array, negatives: Float64Array): Candidate[] {
  const cases = [
    ...Array.from(positives, (score) => ({ score, positive: 1 })),
    ...Array.from(negatives, (score) => ({ score, positive: 0 })),
  ].sort((a, b) => a.score - b.score);
  const out: Candidate[] = [];
  let positivesAbove = positives.length;
  let negativesAbove = negatives.length;
  for (let i = 0; i < cases.length;) {
    const threshold = (cases[i] as { score: number }).score;
    out.push({ threshold, positivesAbove, negativesAbove });
    while (i < cases.length && (cases[i] as { score: number }).score === threshold) {
      if ((cases[i] as { positive: number }).positive === 1) positivesAbove--;
      else negativesAbove--;
      i++;
    }
  }
  return out;
}

/** Lowest score threshold with specificity ≥ target, or null when none reaches it. */
export function thresholdAtSpecificity(
  positives: Float64Array,
  negatives: Float64Array,
  target: number,
): number | null {
  const n = negatives.length;
  const found = candidates(positives, negatives).find(
    (c) => (n - c.negativesAbove) / n >= target - TOLERANCE,
  );
  return found ? found.threshold : null;
}

/** Highest score threshold with sensitivity ≥ target, or null when none reaches it. */
export function thresholdAtSensitivity(
  positives: Float64Array,
  negatives: Float64Array,
  target: number,
): number | null {
  const m = positives.length;
  const found = candidates(positives, negatives)
    .reverse()
    .find((c) => c.positivesAbove / m >= target - TOLERANCE);
  return found ? found.threshold : null;
}
