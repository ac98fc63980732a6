/**
 * Cases in a canonical order — by cluster, outcome, each model's score, subgroup values and
 * id — so that every result, the bootstrap's resamples and every floating-point sum, is the
 * same whatever the order of the rows in the input file.
 */
import type { CaseData } from '../load/loadStudy.js';

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function canonicalOrder(data: CaseData): Uint32Array {
  const n = data.labels.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const { clusters, labels, scores, ids } = data;
  const subgroupColumns = [...data.subgroupValues.values()];
  return order.sort((a, b) => {
    if (clusters) {
      const d = (clusters[a] as number) - (clusters[b] as number);
      if (d !== 0) return d;
    }
    const d = (labels[a] as number) - (labels[b] as number);
    if (d !== 0) return d;
    for (const s of scores) {
      const e = (s[a] as number) - (s[b] as number);
      if (e !== 0) return e;
    }
    for (const values of subgroupColumns) {
      const e = compareText(values[a] as string, values[b] as string);
      if (e !== 0) return e;
    }
    return ids ? compareText(ids[a] as string, ids[b] as string) : 0;
  });
}

/** `data` with its cases rearranged into canonical order. */
export function inCanonicalOrder(data: CaseData): CaseData {
  const order = canonicalOrder(data);
  const pick = <T>(values: ArrayLike<T>) => Array.from(order, (i) => values[i] as T);
  return {
    ...data,
    labels: Uint8Array.from(pick(data.labels)),
    ids: data.ids ? pick(data.ids) : null,
    scores: data.scores.map((s) => Float64Array.from(pick(s))),
    clusters: data.clusters ? Int32Array.from(pick(data.clusters)) : null,
    subgroupValues: new Map([...data.subgroupValues].map(([column, values]) => [column, pick(values)])),
  };
}
