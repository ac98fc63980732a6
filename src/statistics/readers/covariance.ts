/**
 * Covariance matrices of G figures of merit estimated on the same cases (readers ×
 * modalities, in the caller's order), row-major G × G:
 *
 * - case jackknife (Efron 1982): ((k − 1)/k)·Σᵢ (θ₍₋ᵢ₎ᵍ − θ̄ᵍ)(θ₍₋ᵢ₎ʰ − θ̄ʰ) over the k cases of
 *   the jackknife sample, as MRMCaov's `jackknife()`;
 * - DeLong et al. (1988): S10/m + S01/n with S10 = Σᵢ (V10ᵢᵍ − AUCᵍ)(V10ᵢʰ − AUCʰ)/(m − 1)
 *   over the m positives and S01 likewise over the n negatives, as MRMCaov's `DeLong()`.
 */
import type { DelongPlacements } from '../delong.js';

/** Jackknife covariance from each figure's leave-one-out values (all of the same length k). */
export function jackknifeCovariance(leaveOneOut: readonly Float64Array[]): Float64Array {
  const k = (leaveOneOut[0] as Float64Array).length;
  const centred = leaveOneOut.map((values) => {
    let mean = 0;
    for (const v of values) mean += v;
    mean /= k;
    return values.map((v) => v - mean);
  });
  return crossProduct(centred, (k - 1) / k);
}

/** DeLong covariance of G AUCs from their placements (same positives and negatives, same order). */
export function delongCovariance(placements: readonly DelongPlacements[]): Float64Array {
  const first = placements[0] as DelongPlacements;
  const m = first.positives.length;
  const n = first.negatives.length;
  const s10 = crossProduct(
    placements.map((p) => p.positives.map((v) => v - p.auc)),
    1 / ((m - 1) * m),
  );
  const s01 = crossProduct(
    placements.map((p) => p.negatives.map((v) => v - p.auc)),
    1 / ((n - 1) * n),
  );
  return s10.map((v, i) => v + (s01[i] as number));
}

/** factor · XᵀX for the columns X[g] (each of the same length). */
function crossProduct(columns: readonly Float64Array[], factor: number): Float64Array {
  const g = columns.length;
  const out = new Float64Array(g * g);
  for (let a = 0; a < g; a++) {
    const x = columns[a] as Float64Array;
    for (let b = a; b < g; b++) {
      const y = columns[b] as Float64Array;
      let sum = 0;
      for (let i = 0; i < x.length; i++) sum += (x[i] as number) * (y[i] as number);
      out[a * g + b] = factor * sum;
      out[b * g + a] = factor * sum;
    }
  }
  return out;
}
