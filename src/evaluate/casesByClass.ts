/** Splitting one model's scores by outcome class. */
export interface ScoresByClass {
  positives: Float64Array;
  negatives: Float64Array;
}

export function splitByClass(scores: Float64Array, labels: Uint8Array): ScoresByClass {
  let m = 0;
  for (let i = 0; i < labels.length; i++) m += labels[i] as number;
  const positives = new Float64Array(m);
  const negatives = new Float64Array(labels.length - m);
  let p = 0;
  let q = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) positives[p++] = scores[i] as number;
    else negatives[q++] = scores[i] as number;
  }
  return { positives, negatives };
}
