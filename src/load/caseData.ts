/**
 * The cases as evaluate reads them: typed arrays, one entry per analysed case.
 */
export interface CaseData {
  file: string;
  sha256: string;
  /** Rows read from the file, before any were dropped. */
  rows: number;
  /** Rows dropped for a missing score (`missing: drop`). */
  dropped: number;
  /** 1 for a positive case, 0 for a negative one. */
  labels: Uint8Array;
  ids: string[] | null;
  /** One score array per model, in the study's model order (percentages already ÷ 100). */
  scores: Float64Array[];
  /** Cluster index of each case (0 … clusters − 1, in sorted name order), when `cluster` is set. */
  clusters: Int32Array | null;
  /** Raw values of each subgroup column. */
  subgroupValues: Map<string, string[]>;
}

/** A warning found while loading (same shape as the Results warnings: data, not console text). */
export interface LoadWarning {
  code: 'decimal-comma-detected' | 'encoding-detected';
  message: string;
  path: string;
}
