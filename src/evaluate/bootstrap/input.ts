/**
 * What a bootstrap is asked for (`BootstrapInput`), the blocks its work comes in, and what it
 * gives back (`BootstrapDistribution`).
 */
import type { ThresholdRule } from '../../results/results.js';
import type { SortedScores } from '../../statistics/rocCurve.js';
import type { ModelLayout } from './layout.js';

/**
 * Replicates per block. Block b holds replicates b·REPLICATES_PER_BLOCK onwards and draws
 * them from its own stream, MT19937 seeded by init_by_array([seed, b]) (NumPy's
 * `RandomState([seed, b])`), so that any thread can evaluate any block and the results do
 * not depend on how many threads run them, or which.
 */
export const REPLICATES_PER_BLOCK = 100;

export const BOOTSTRAP_RNG = `MT19937 (Mersenne Twister), one stream per block of ${REPLICATES_PER_BLOCK} replicates`;

/** Jackknife units (leave-one-out fits) per block of work. */
export const JACKKNIFE_UNITS_PER_BLOCK = 100;

export interface BootstrapInput {
  labels: Uint8Array;
  scores: Float64Array[];
  /**
   * Each model's scores sorted (`sortScores`, or any order ascending by score: the order
   * within ties does not change a pass), when the caller has them; sorted again otherwise.
   */
  sorted?: readonly SortedScores[];
  /** Threshold of each model (outer) at each operating point (inner), as applied to the data. */
  thresholds: number[][];
  /** Rules, for re-deriving data-driven thresholds in each replicate. */
  rules: ThresholdRule[];
  rederiveThresholds: boolean;
  partialAucRanges: { focus: 'specificity' | 'sensitivity'; from: number; to: number }[];
  decisionThresholds: number[];
  replicates: number;
  seed: number;
  stratified: boolean;
  clusters: Int32Array | null;
  withJackknife: boolean;
  /**
   * Summarise every series as part of the bootstrap's work (shared by its threads): the
   * percentile interval at `level`, p, SD and undefined share of each statistic of each model
   * and of each paired difference between the models of `pairs`.
   */
  percentileSummaries?: { level: number; pairs: readonly (readonly [number, number])[] };
  /**
   * Called as blocks complete: `done` of `total` resamples, the B replicates and then, for
   * BCa, the jackknife's leave-one-out fits.
   */
  onProgress?: (done: number, total: number) => void;
}

export interface BootstrapDistribution {
  layout: ModelLayout;
  replicates: number;
  /**
   * values[m][s·replicates + r]: statistic s of model m in replicate r. Stored statistic by
   * statistic, so that each series a summary reads is contiguous.
   */
  values: Float64Array[];
  /** Leave-one-out values, jackknife[m][s·cases + i], when BCa was asked for. */
  jackknife: Float64Array[] | null;
  /** Jackknife units: cases, or clusters when the bootstrap resamples clusters. */
  cases: number;
  /** The summaries asked for by `percentileSummaries` (see `precomputedSummary`), or null. */
  summaries: Float64Array | null;
  /** Models in the distribution; summaries of paired differences follow theirs. */
  models: number;
  /** Whether its memory may go to the next bootstrap once it is no longer needed (`releaseBootstrap`). */
  reusable: boolean;
}

/** Output arrays of a bootstrap, written by whichever thread evaluates a block. */
export interface BootstrapOutputs {
  values: Float64Array[];
  jackknife: Float64Array[] | null;
  /** SUMMARY_FIELDS numbers per summary entry (models × statistics, then pairs × statistics). */
  summaries: Float64Array | null;
}
