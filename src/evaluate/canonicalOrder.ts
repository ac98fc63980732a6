/**
 * Cases in a canonical order — by cluster, outcome, each model's score, subgroup values and
 * id — so that every result, the bootstrap's resamples and every floating-point sum, is the
 * same whatever the order of the rows in the input file.
 */
import type { CaseData } from '../load/loadStudy.js';
import type { SortedScores } from '../statistics/confusion.js';
import { caseIdReader, defineLazyIds, hasCaseIds } from '../load/lazyIds.js';
import { sortByScore, SortWorkspace, valueOfKey, type SortedKeys } from './fixedPointOrder.js';
import { sortByCode, textCodes } from './radixOrder.js';

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The keys' columns in canonical order (the ids are not among them: see `arrange`). */
interface Arranged {
  order: Uint32Array;
  labels: Uint8Array;
  scores: Float64Array[];
  clusters: Int32Array | null;
  /** The first model's cases sorted by score, when the sorted keys gave them (else sort). */
  firstSorted: SortedScores | null;
}

/**
 * Stable radix passes from the least significant key (subgroup values) to the most
 * significant (cluster): no comparator sort over all cases. Returns the order and, when the
 * last pass was the outcome-and-first-score one by fixed-point keys, its sorted keys.
 */
function sortByKeys(
  data: CaseData,
  subgroupCodes: readonly { codes: Uint32Array; count: number }[],
  workspace: SortWorkspace,
): { order: Uint32Array; firstKeys: SortedKeys | null } {
  const n = data.labels.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const scratch = workspace.scratch;
  const { clusters, labels, scores } = data;
  for (let k = subgroupCodes.length - 1; k >= 0; k--) {
    const { codes, count } = subgroupCodes[k] as { codes: Uint32Array; count: number };
    sortByCode(order, codes, count, scratch);
  }
  for (let m = scores.length - 1; m >= 1; m--) sortByScore(order, scores[m] as Float64Array, workspace);
  // the first model's pass sorts by outcome too (outcome before score)
  const first = scores[0];
  const firstKeys = first ? sortByScore(order, first, workspace, labels) : null;
  if (!first) sortByCode(order, labels, 2, scratch);
  if (clusters) {
    let count = 0;
    for (const c of clusters) count = Math.max(count, c + 1);
    sortByCode(order, clusters, count, scratch);
    return { order, firstKeys: null };
  }
  return { order, firstKeys };
}

/**
 * The outcomes and first model's scores in canonical order read back from the last pass's
 * sorted keys (outcome · count + score key), in sequence: no look-up by case. Null when a
 * score is −0 (its key is +0's).
 */
function fromSortedKeys({ keys, fixed }: SortedKeys): { labels: Uint8Array; scores: Float64Array } | null {
  const valueOf = valueOfKey(fixed);
  if (!valueOf) return null;
  const n = keys.length;
  const labels = new Uint8Array(n);
  const scores = new Float64Array(n);
  const count = fixed.count;
  for (let k = 0; k < n; k++) {
    const key = keys[k] as number;
    const label = key >= count ? 1 : 0;
    labels[k] = label;
    scores[k] = valueOf(key - label * count);
  }
  return { labels, scores };
}

/**
 * The first model's cases sorted by score, as `groupSorted(scores, firstScoreOrder(…))`
 * gives them, from the canonical order's sorted keys (outcome · count + score key): the two
 * outcome runs merged by key (ties from the negatives' run first), each group's value read
 * from its key. In sequence, no look-up by case.
 */
function firstSortedFromKeys({ keys, fixed }: SortedKeys, workspace: SortWorkspace): SortedScores | null {
  const valueOf = valueOfKey(fixed);
  if (!valueOf) return null;
  const n = keys.length;
  const count = fixed.count;
  const merged = keys === workspace.key ? workspace.nextKey : workspace.key;
  let split = 0;
  while (split < n && (keys[split] as number) < count) split++;
  const order = new Uint32Array(n);
  let groups = 0;
  for (let k = 0, a = 0, b = split; k < n; k++) {
    const fromA = a < split ? (keys[a] as number) : Infinity;
    const fromB = b < n ? (keys[b] as number) - count : Infinity;
    const key = fromA <= fromB ? fromA : fromB;
    order[k] = fromA <= fromB ? a++ : b++;
    merged[k] = key;
    if (k === 0 || key !== merged[k - 1]) groups++;
  }
  const values = new Float64Array(groups);
  const groupStart = new Uint32Array(groups + 1);
  for (let k = 0, g = 0; k < n; k++) {
    const key = merged[k] as number;
    if (k === 0 || key !== merged[k - 1]) {
      values[g] = valueOf(key);
      groupStart[g++] = k;
    }
  }
  groupStart[groups] = n;
  return { order, values, groupStart };
}

/**
 * The canonical order and the keys' columns in it: the radix passes, then the ids, compared
 * as text, within each run of cases tied on every other key (found on the arranged columns,
 * read in sequence; no string sort at all without ids).
 */
function arrange(data: CaseData, workspace: SortWorkspace): Arranged {
  const subgroupCodes = [...data.subgroupValues.values()].map(textCodes);
  const { order, firstKeys } = sortByKeys(data, subgroupCodes, workspace);
  const first = firstKeys ? fromSortedKeys(firstKeys) : null;
  const arranged: Arranged = {
    order,
    labels: first ? first.labels : gather(data.labels, order),
    scores: data.scores.map((s, m) => (m === 0 && first ? first.scores : gatherDoubles(s, order))),
    clusters: data.clusters ? gather(data.clusters, order) : null,
    // (tied runs reordered by id below keep their positions' keys: this stays right)
    firstSorted: first && firstKeys ? firstSortedFromKeys(firstKeys, workspace) : null,
  };
  const idOf = caseIdReader(data);
  if (idOf) sortTiedRunsById(arranged, subgroupCodes, idOf, data.scores);
  return arranged;
}

/** Cases in canonical order: `order[k]` is the index of the k-th case. */
export function canonicalOrder(
  data: CaseData,
  workspace: SortWorkspace = new SortWorkspace(data.labels.length),
): Uint32Array {
  return arrange(data, workspace).order;
}

/** Are arranged cases k − 1 and k tied on every key but the id? */
function tiedWithPrevious(
  arranged: Arranged,
  subgroupCodes: readonly { codes: Uint32Array }[],
  k: number,
): boolean {
  const { labels, scores, clusters, order } = arranged;
  if (labels[k] !== labels[k - 1]) return false;
  if (clusters && clusters[k] !== clusters[k - 1]) return false;
  for (let m = 0; m < scores.length; m++) {
    const s = scores[m] as Float64Array;
    if (s[k] !== s[k - 1]) return false;
  }
  const a = order[k - 1] as number;
  const b = order[k] as number;
  for (let g = 0; g < subgroupCodes.length; g++) {
    const codes = (subgroupCodes[g] as { codes: Uint32Array }).codes;
    if (codes[a] !== codes[b]) return false;
  }
  return true;
}

/**
 * Within each run of cases tied on every other key, the ids compared as text. At 10⁶ cases
 * with continuous scores there are few such runs, and only their ids are made (lazyIds.ts).
 */
function sortTiedRunsById(
  arranged: Arranged,
  subgroupCodes: readonly { codes: Uint32Array }[],
  idOf: (i: number) => string,
  scores: readonly Float64Array[],
): void {
  const order = arranged.order;
  const n = order.length;
  let runStart = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && tiedWithPrevious(arranged, subgroupCodes, i)) continue;
    if (i - runStart > 1) {
      const run = Array.from(order.subarray(runStart, i), (index) => ({ index, id: idOf(index) }));
      run.sort((a, b) => compareText(a.id, b.id));
      order.set(
        run.map((c) => c.index),
        runStart,
      );
      // tied scores are equal, yet −0 and +0 are told apart by sign: taken again in the new order
      scores.forEach((own, m) => {
        const arrangedScores = arranged.scores[m] as Float64Array;
        for (let k = runStart; k < i; k++) arrangedScores[k] = own[order[k] as number] as number;
      });
    }
    runStart = i;
  }
}

/** `values` at each index of `order`, in a typed array of the same kind. */
function gather<T extends Uint8Array | Int32Array>(values: T, order: Uint32Array): T {
  const out = new (values.constructor as new (length: number) => T)(order.length);
  for (let k = 0; k < order.length; k++) out[k] = values[order[k] as number] as number;
  return out;
}

function gatherDoubles(values: Float64Array, order: Uint32Array): Float64Array {
  const out = new Float64Array(order.length);
  for (let k = 0; k < order.length; k++) out[k] = values[order[k] as number] as number;
  return out;
}

function gatherText(values: readonly string[], order: Uint32Array): string[] {
  const out = new Array<string>(order.length);
  for (let k = 0; k < order.length; k++) out[k] = values[order[k] as number] as string;
  return out;
}

/** `data` with its cases rearranged into canonical order. */
export function inCanonicalOrder(
  data: CaseData,
  workspace: SortWorkspace = new SortWorkspace(data.labels.length),
): CaseData {
  return arrangeCases(data, workspace).data;
}

/**
 * `data` in canonical order, and the first model's cases sorted by score when the canonical
 * sort gave them on the way (fixed-point scores, no clusters; else null: sort them).
 */
export function arrangeCases(
  data: CaseData,
  workspace: SortWorkspace = new SortWorkspace(data.labels.length),
): { data: CaseData; firstSorted: SortedScores | null } {
  const { order, labels, scores, clusters, firstSorted } = arrange(data, workspace);
  // every member but the ids, read without building lazy ids
  const others = Object.fromEntries(
    Object.keys(data)
      .filter((key) => key !== 'ids')
      .map((key) => [key, data[key as keyof CaseData]]),
  ) as Omit<CaseData, 'ids'>;
  const idOf = caseIdReader(data);
  const arranged = defineLazyIds(
    {
      ...others,
      labels,
      scores,
      clusters,
      subgroupValues: new Map(
        [...data.subgroupValues].map(([column, values]) => [column, gatherText(values, order)]),
      ),
    },
    hasCaseIds(data),
    order.length,
    (k) => (idOf as (i: number) => string)(order[k] as number),
  );
  return { data: arranged, firstSorted };
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
