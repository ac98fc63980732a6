// A bootstrap input for tests: two fixed thresholds, a specificity partial AUC and three
// decision thresholds, stratified, percentile.
import type { BootstrapInput } from '../../src/evaluate/bootstrap.js';

export function bootstrapInput(
  labels: Uint8Array,
  scores: Float64Array[],
  replicates: number,
  seed: number,
  options: { withJackknife?: boolean; clusters?: Int32Array | null } = {},
): BootstrapInput {
  return {
    labels,
    scores,
    thresholds: scores.map(() => [0.5, 0.3]),
    rules: [
      { kind: 'threshold', value: 0.5 },
      { kind: 'threshold', value: 0.3 },
    ],
    rederiveThresholds: false,
    partialAucRanges: [{ focus: 'specificity', from: 0.8, to: 1 }],
    decisionThresholds: [0.1, 0.2, 0.5],
    replicates,
    seed,
    stratified: true,
    clusters: options.clusters ?? null,
    withJackknife: options.withJackknife ?? false,
  };
}
