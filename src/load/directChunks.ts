/**
 * The one-pass reader's chunks (directCases.ts) joined in file order into the cases: the
 * same cases, in the same order, with the same outcome, cluster and subgroup values in the
 * same order of first appearance, as one chunk over the whole body gives — the values are
 * matched by their bytes, as within a chunk. Null when the general reader must read the file:
 * a chunk that needed it, no rows, a third outcome value, duplicate ids.
 */
import type { DirectCases, DirectPlan } from './caseTable.js';
import {
  distinctIds,
  follows,
  idEnd,
  Interner,
  readDirectChunk,
  sameBytes,
  type DirectChunk,
  type DirectInput,
  type InternedColumn,
} from './directCases.js';
import { readDirectChunkWasm } from './directWasm.js';

/**
 * Reads every row in one chunk — by the WebAssembly scanner where it can (directWasm.ts), else
 * by the JavaScript reader — or returns null at the first one the general reader must look at.
 */
export function readDirectCases(input: DirectInput, plan: DirectPlan): DirectCases | null {
  const from = input.bodyStart;
  const to = input.bytes.length;
  const chunk = readDirectChunkWasm(input, plan, from, to) ?? readDirectChunk(input, plan, from, to);
  return chunk ? joinDirectChunks(input, plan, [chunk]) : null;
}

/** The chunks' cases, in order; null if any chunk is null or the whole needs the general reader. */
export function joinDirectChunks(
  input: DirectInput,
  plan: DirectPlan,
  chunks: readonly (DirectChunk | null)[],
): DirectCases | null {
  const read: DirectChunk[] = [];
  for (const chunk of chunks) {
    if (chunk === null) return null;
    read.push(chunk);
  }
  let rows = 0;
  let kept = 0;
  for (const chunk of read) {
    rows += chunk.rows;
    kept += chunk.kept;
  }
  if (rows === 0) return null;
  const { bytes, delimiter } = input;

  // the outcome values in order of first appearance over the file: at most two
  const levelStarts: number[] = [];
  const levelEnds: number[] = [];
  const levelMaps = read.map((chunk) =>
    chunk.levelStarts.map((start, k) => {
      const end = chunk.levelEnds[k] as number;
      let level = levelStarts.findIndex((s, j) => sameBytes(bytes, s, levelEnds[j] as number, start, end));
      if (level < 0) {
        level = levelStarts.length;
        levelStarts.push(start);
        levelEnds.push(end);
      }
      return level;
    }),
  );
  if (levelStarts.length > 2) return null;

  const idStarts =
    plan.id >= 0 ? joined(read, (chunk) => chunk.idStarts as Uint32Array, Uint32Array, kept) : null;
  if (idStarts && !idsDistinct(input, read, idStarts, kept)) return null;
  const single = read.length === 1;
  const levels = single
    ? (read[0] as DirectChunk).levels.subarray(0, kept)
    : joinedMapped(read, (chunk) => chunk.levels, levelMaps, kept);
  const clusters =
    plan.cluster >= 0 ? joinInterned(input, read, (chunk) => chunk.clusters as InternedColumn, kept) : null;
  return {
    rows,
    kept,
    levelNames: levelStarts.map((start, k) => input.text(start, levelEnds[k] as number)),
    levels,
    // one chunk: views of its first `kept` entries, no copy (fresh memory is what costs most at 10⁶ rows)
    scores: plan.scores.map((_, m) =>
      joined(read, (chunk) => chunk.scores[m] as Float64Array, Float64Array, kept),
    ),
    idOf: idStarts
      ? (i) => input.text(idStarts[i] as number, idEnd(bytes, delimiter, idStarts[i] as number))
      : null,
    clusters: clusters ? clusterCodes(clusters.names, clusters.index, kept) : null,
    subgroupValues: plan.subgroups.map((_, g) => {
      const { names, index } = joinInterned(
        input,
        read,
        (chunk) => chunk.subgroups[g] as InternedColumn,
        kept,
      );
      const out = new Array<string>(kept);
      for (let i = 0; i < kept; i++) out[i] = names[index[i] as number] as string;
      return out;
    }),
    decimal: plan.decimal,
  };
}

/** The chunks' arrays end to end (the first `kept` entries of each); one chunk's is a view. */
function joined<T extends Uint32Array | Float64Array>(
  chunks: readonly DirectChunk[],
  arrayOf: (chunk: DirectChunk) => T,
  Type: new (length: number) => T,
  kept: number,
): T {
  if (chunks.length === 1) return arrayOf(chunks[0] as DirectChunk).subarray(0, kept) as T;
  const out = new Type(kept);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(arrayOf(chunk).subarray(0, chunk.kept), offset);
    offset += chunk.kept;
  }
  return out;
}

/** The chunks' value indices end to end, each chunk's mapped through its own `maps` entry. */
function joinedMapped(
  chunks: readonly DirectChunk[],
  indexOf: (chunk: DirectChunk) => Uint8Array | Uint32Array,
  maps: readonly number[][],
  kept: number,
): Uint8Array {
  const out = new Uint8Array(kept);
  let offset = 0;
  chunks.forEach((chunk, c) => {
    const map = maps[c] as number[];
    const index = indexOf(chunk);
    for (let i = 0; i < chunk.kept; i++) out[offset + i] = map[index[i] as number] as number;
    offset += chunk.kept;
  });
  return out;
}

/** Whether the ids are all different: rising within and across the chunks, or by a hash table. */
function idsDistinct(
  input: DirectInput,
  chunks: readonly DirectChunk[],
  starts: Uint32Array,
  kept: number,
): boolean {
  const { bytes, delimiter } = input;
  let rising = chunks.every((chunk) => chunk.idRising);
  let offset = 0;
  for (const chunk of chunks) {
    if (!rising) break;
    if (offset > 0 && chunk.kept > 0) {
      const previous = starts[offset - 1] as number;
      const first = starts[offset] as number;
      rising = follows(
        bytes,
        previous,
        idEnd(bytes, delimiter, previous),
        first,
        idEnd(bytes, delimiter, first),
      );
    }
    offset += chunk.kept;
  }
  return rising || distinctIds(bytes, delimiter, starts, kept);
}

/** A text column's values over the chunks (in order of first appearance) and each case's index into them. */
function joinInterned(
  input: DirectInput,
  chunks: readonly DirectChunk[],
  columnOf: (chunk: DirectChunk) => InternedColumn,
  kept: number,
): { names: string[]; index: Uint32Array } {
  if (chunks.length === 1) {
    const { starts, ends, index } = columnOf(chunks[0] as DirectChunk);
    return { names: starts.map((start, k) => input.text(start, ends[k] as number)), index };
  }
  const all = new Interner(input.bytes);
  const index = new Uint32Array(kept);
  let offset = 0;
  for (const chunk of chunks) {
    const column = columnOf(chunk);
    const map = column.starts.map((start, k) => all.indexOf(start, column.ends[k] as number));
    for (let i = 0; i < chunk.kept; i++) index[offset + i] = map[column.index[i] as number] as number;
    offset += chunk.kept;
  }
  return { names: all.starts.map((start, k) => input.text(start, all.ends[k] as number)), index };
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
