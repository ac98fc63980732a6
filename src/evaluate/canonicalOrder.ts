/**
 * Cases in a canonical order — by cluster, outcome, each model's score, subgroup values and
 * id — so that every result, the bootstrap's resamples and every floating-point sum, is the
 * same whatever the order of the rows in the input file.
 */
import type { CaseData } from '../load/loadStudy.js';
import { sortByCode, sortByDouble, textCodes } from './radixOrder.js';

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Stable radix passes from the least significant key (subgroup values) to the most
 * significant (cluster), then — only within runs tied on every other key — the ids, compared
 * as text: no comparator sort over all cases, and no string sort at all without ids.
 */
export function canonicalOrder(data: CaseData): Uint32Array {
  const n = data.labels.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const scratch = new Uint32Array(n);
  const { clusters, labels, scores, ids } = data;
  const subgroupCodes = [...data.subgroupValues.values()].map(textCodes);
  for (let k = subgroupCodes.length - 1; k >= 0; k--) {
    const { codes, count } = subgroupCodes[k] as { codes: Uint32Array; count: number };
    sortByCode(order, codes, count, scratch);
  }
  for (let m = scores.length - 1; m >= 0; m--) sortByDouble(order, scores[m] as Float64Array, scratch);
  sortByCode(order, labels, 2, scratch);
  if (clusters) {
    let count = 0;
    for (const c of clusters) count = Math.max(count, c + 1);
    sortByCode(order, clusters, count, scratch);
  }
  if (ids) {
    const tied = (a: number, b: number) =>
      (!clusters || clusters[a] === clusters[b]) &&
      labels[a] === labels[b] &&
      scores.every((s) => s[a] === s[b]) &&
      subgroupCodes.every(({ codes }) => codes[a] === codes[b]);
    let runStart = 0;
    for (let i = 1; i <= n; i++) {
      if (i < n && tied(order[runStart] as number, order[i] as number)) continue;
      if (i - runStart > 1) {
        const run = Array.from(order.subarray(runStart, i)).sort((a, b) =>
          compareText(ids[a] as string, ids[b] as string),
        );
        order.set(run, runStart);
      }
      runStart = i;
    }
  }
  return order;
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
