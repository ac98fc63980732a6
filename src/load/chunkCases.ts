/**
 * The cases of the one-pass reader's chunk (directCases.ts): the strings it kept as byte
 * offsets decoded (outcome values, cluster and subgroup values, ids on demand), the ids checked
 * for duplicates, clusters numbered. A chunk is read by the WebAssembly scanner where it can
 * (directWasm.ts), else by the JavaScript reader; null when the general reader must read the
 * file (a row it must look at, no rows, duplicate ids).
 */
import type { DirectCases, DirectPlan } from './caseTable.js';
import {
  distinctIds,
  idEnd,
  readDirectChunk,
  type DirectChunk,
  type DirectInput,
  type InternedColumn,
} from './directCases.js';
import { readDirectChunkWasm } from './directWasm.js';

/** Reads every row, or returns null at the first one the general reader must look at. */
export function readDirectCases(input: DirectInput, plan: DirectPlan): DirectCases | null {
  const from = input.bodyStart;
  const to = input.bytes.length;
  const chunk = readDirectChunkWasm(input, plan, from, to) ?? readDirectChunk(input, plan, from, to);
  return chunk ? casesOfChunk(input, plan, chunk) : null;
}

/** The cases of a chunk that holds the whole body; null for no rows or duplicate ids. */
function casesOfChunk(input: DirectInput, plan: DirectPlan, chunk: DirectChunk): DirectCases | null {
  const { rows, kept, idStarts } = chunk;
  if (rows === 0) return null;
  const { bytes, delimiter } = input;
  if (idStarts && !chunk.idRising && !distinctIds(bytes, delimiter, idStarts, kept)) return null;
  const namesOf = ({ starts, ends }: Pick<InternedColumn, 'starts' | 'ends'>) =>
    starts.map((start, k) => input.text(start, ends[k] as number));
  return {
    rows,
    kept,
    levelNames: namesOf({ starts: chunk.levelStarts, ends: chunk.levelEnds }),
    levels: chunk.levels.subarray(0, kept),
    // views of the first `kept` entries: no copy (fresh memory is what costs most at 10⁶ rows)
    scores: chunk.scores.map((s) => s.subarray(0, kept)),
    idOf: idStarts
      ? (i) => input.text(idStarts[i] as number, idEnd(bytes, delimiter, idStarts[i] as number))
      : null,
    clusters: chunk.clusters ? clusterCodes(namesOf(chunk.clusters), chunk.clusters.index, kept) : null,
    subgroupValues: chunk.subgroups.map((column) => {
      const names = namesOf(column);
      const out = new Array<string>(kept);
      for (let i = 0; i < kept; i++) out[i] = names[column.index[i] as number] as string;
      return out;
    }),
    decimal: plan.decimal,
  };
}

/** Clusters numbered in sorted name order (as readCases.ts numbers them). */
function clusterCodes(names: string[], index: Uint32Array, kept: number): Int32Array {
  const sorted = names
    .map((name, k) => ({ name, k }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const rank = new Int32Array(names.length);
  sorted.forEach(({ k }, r) => (rank[k] = r));
  const codes = new Int32Array(kept);
  for (let i = 0; i < kept; i++) codes[i] = rank[index[i] as number] as number;
  return codes;
}
