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
  if (ids) sortTiedRunsById(order, { ...data, ids }, subgroupCodes);
  return order;
}

/**
 * Within each run of cases tied on every other key, the ids compared as text. Runs are found
 * by comparing neighbours key by key (typed arrays, no closure per case); at 10⁶ cases with
 * continuous scores there are almost none.
 */
function sortTiedRunsById(
  order: Uint32Array,
  data: CaseData & { ids: string[] },
  subgroupCodes: readonly { codes: Uint32Array }[],
): void {
  const { clusters, labels, scores, ids } = data;
  const n = order.length;
  const tied = (a: number, b: number): boolean => {
    if (labels[a] !== labels[b]) return false;
    if (clusters && clusters[a] !== clusters[b]) return false;
    for (const s of scores) if (s[a] !== s[b]) return false;
    for (const { codes } of subgroupCodes) if (codes[a] !== codes[b]) return false;
    return true;
  };
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

/** `values` at each index of `order`, in a typed array of the same kind. */
function gather<T extends Uint8Array | Int32Array | Float64Array>(values: T, order: Uint32Array): T {
  const out = new (values.constructor as new (length: number) => T)(order.length);
  for (let k = 0; k < order.length; k++) out[k] = values[order[k] as number] as number;
  return out;
}

function gatherText(values: readonly string[], order: Uint32Array): string[] {
  const out = new Array<string>(order.length);
  for (let k = 0; k < order.length; k++) out[k] = values[order[k] as number] as string;
  return out;
}

/** `data` with its cases rearranged into canonical order. */
export function inCanonicalOrder(data: CaseData): CaseData {
  const order = canonicalOrder(data);
  return {
    ...data,
    labels: gather(data.labels, order),
    ids: data.ids ? gatherText(data.ids, order) : null,
    scores: data.scores.map((s) => gather(s, order)),
    clusters: data.clusters ? gather(data.clusters, order) : null,
    subgroupValues: new Map(
      [...data.subgroupValues].map(([column, values]) => [column, gatherText(values, order)]),
    ),
  };
}

/**
 * The first model's stable ascending order of cases already in canonical order without
 * clusters: each outcome's run is sorted by that model's score, so a merge of the two runs
 * (ties taken from the earlier run first) is the order a sort would give, in O(n). Null when
 * the data are not laid out so (then sort).
 */
export function firstScoreOrder(data: CaseData): Uint32Array | null {
  const scores = data.scores[0];
  if (data.clusters || !scores) return null;
  const { labels } = data;
  const n = labels.length;
  let split = 0;
  while (split < n && labels[split] === 0) split++;
  for (let i = split; i < n; i++) if (labels[i] !== 1) return null;
  for (let i = 1; i < n; i++) {
    if (i !== split && (scores[i - 1] as number) > (scores[i] as number)) return null;
  }
  const order = new Uint32Array(n);
  let a = 0;
  let b = split;
  for (let k = 0; k < n; k++) {
    if (b >= n || (a < split && (scores[a] as number) <= (scores[b] as number))) order[k] = a++;
    else order[k] = b++;
  }
  return order;
}
