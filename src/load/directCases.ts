/**
 * The one-pass case reader: delimited bytes → the arrays evaluate uses, with no per-cell
 * offsets kept and no string per row. Each row's fields are found by the same rules as
 * delimited.ts (RFC 4180 quotes, CRLF/LF/CR, empty lines skipped, blanks trimmed), its scores
 * parsed in place by the decimal grammar, its outcome matched against the (at most two)
 * values seen, its id kept as two byte offsets and checked for duplicates in a hash table,
 * its cluster and subgroup values interned (one string per distinct value).
 *
 * It reads only what needs no message: at the first thing out of the ordinary (a doubled
 * quote, a field count that differs from the header, a missing or malformed cell, a third
 * outcome value, a value over the size limit, a duplicate id) it returns null, and the
 * general reader (delimited.ts + readCases.ts) reads the file again and reports the problem
 * with its line and column, exactly as before. When it returns cases, they are the ones the
 * general reader would have returned (test/load/directCases.test.ts compares the two).
 *
 * What it reads is a chunk (`readDirectChunk`): the rows as arrays and byte offsets, no
 * strings — the form the WebAssembly scanner (directWasm.ts) gives too; chunkCases.ts makes
 * the cases of it.
 */
import type { DirectPlan } from './caseTable.js';
import { parseDecimalBytes } from './decimal.js';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const SPACE = 0x20;
const TAB = 0x09;

/** Longest text cell (id, outcome, subgroup, cluster) read, in bytes (as readCases.ts). */
const MAX_TEXT_BYTES = 64 * 1024;

/** What a chunk's reader needs: the file's bytes and the header's shape (no functions: it may run in a worker). */
export interface ChunkInput {
  bytes: Uint8Array;
  /** Columns in the header. */
  width: number;
  delimiter: number;
}

export interface DirectInput extends ChunkInput {
  /** Offset of the first byte after the header row. */
  bodyStart: number;
  /** Text of a cell (decoded as delimited.ts decodes it). */
  text: (start: number, end: number) => string;
}

/** A text column's distinct values, as the byte ranges of their first cells, and each case's value index. */
export interface InternedColumn {
  starts: number[];
  ends: number[];
  /** At least `kept` long. */
  index: Uint32Array;
}

/** The cases of one span of rows, as read there (typed arrays at least `kept` long). */
export interface DirectChunk {
  rows: number;
  kept: number;
  /** The outcome values in order of first appearance in the chunk, as byte ranges. */
  levelStarts: number[];
  levelEnds: number[];
  levels: Uint8Array;
  scores: Float64Array[];
  /** Where each kept case's id begins (idEnd finds its end); null without an id column. */
  idStarts: Uint32Array | null;
  /** Whether the chunk's ids rise strictly in (length, bytes) order. */
  idRising: boolean;
  clusters: InternedColumn | null;
  subgroups: InternedColumn[];
}

/** Blank, or one of the missing-value tokens NA, N/A, NaN, nan, null, NULL, "." (caseTable.ts). */
export function isMissingBytes(bytes: Uint8Array, start: number, end: number): boolean {
  const length = end - start;
  if (length === 0) return true;
  if (length > 4) return false;
  const a = bytes[start] as number;
  const b = bytes[start + 1];
  const c = bytes[start + 2];
  const d = bytes[start + 3];
  switch (length) {
    case 1:
      return a === 0x2e; // .
    case 2:
      return a === 0x4e && b === 0x41; // NA
    case 3:
      return (
        (a === 0x4e && b === 0x2f && c === 0x41) || // N/A
        (a === 0x4e && b === 0x61 && c === 0x4e) || // NaN
        (a === 0x6e && b === 0x61 && c === 0x6e) // nan
      );
    default:
      return (
        (a === 0x6e && b === 0x75 && c === 0x6c && d === 0x6c) || // null
        (a === 0x4e && b === 0x55 && c === 0x4c && d === 0x4c) // NULL
      );
  }
}

/** FNV-1a over bytes. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let j = start; j < end; j++) h = Math.imul(h ^ (bytes[j] as number), 0x01000193);
  return h >>> 0;
}

function sameBytes(bytes: Uint8Array, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false;
  for (let t = 0; a + t < aEnd; t++) if (bytes[a + t] !== bytes[b + t]) return false;
  return true;
}

function tableSize(entries: number): number {
  let size = 16;
  while (size < entries * 1.5) size *= 2;
  return size;
}

/** Distinct cell values of one column by their bytes: the value index of each cell, in order of first appearance. */
class Interner {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  private hashes: number[] = [];
  private slots = new Int32Array(16).fill(-1);

  constructor(private readonly bytes: Uint8Array) {}

  indexOf(start: number, end: number): number {
    const h = hashBytes(this.bytes, start, end);
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const k = this.slots[slot] as number;
      if (k < 0) {
        const index = this.starts.length;
        this.slots[slot] = index;
        this.starts.push(start);
        this.ends.push(end);
        this.hashes.push(h);
        if (this.starts.length * 2 > this.slots.length) this.rehash();
        return index;
      }
      if (
        this.hashes[k] === h &&
        sameBytes(this.bytes, this.starts[k] as number, this.ends[k] as number, start, end)
      )
        return k;
    }
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    this.hashes.forEach((h, k) => {
      let slot = h & mask;
      while ((this.slots[slot] as number) >= 0) slot = (slot + 1) & mask;
      this.slots[slot] = k;
    });
  }
}

/**
 * Where the id that begins at `start` ends: at the closing quote, or at the field's end less
 * trailing blanks (ids are kept as the offset where each begins: 4 bytes per case, no string).
 */
export function idEnd(bytes: Uint8Array, delimiter: number, start: number): number {
  // a quoted field's content begins right after its opening quote (an unquoted one never does)
  if (start > 0 && bytes[start - 1] === QUOTE) return bytes.indexOf(QUOTE, start);
  let end = start;
  for (let b = bytes[end]; end < bytes.length && b !== delimiter && b !== LF && b !== CR; b = bytes[++end]);
  const trimTab = delimiter !== TAB;
  for (let t = bytes[end - 1]; end > start && (t === SPACE || (t === TAB && trimTab)); t = bytes[end - 1])
    end--;
  return end;
}

/**
 * Ids of the kept cases as the offset where each begins. Ids that rise strictly in (length,
 * bytes) order down the file, as row numbers and accession numbers do (C1, C2, … C10), are
 * distinct without a look-up; others are checked in a hash table once all are read
 * (`distinctIds`).
 */
class IdCells {
  start: Uint32Array;
  /** Still strictly rising; the previous id's bounds. */
  rising = true;
  private previousStart = 0;
  private previousEnd = 0;

  constructor(
    private readonly bytes: Uint8Array,
    capacity: number,
  ) {
    this.start = new Uint32Array(capacity);
  }

  add(i: number, start: number, end: number): void {
    this.start[i] = start;
    if (this.rising && i > 0)
      this.rising = follows(this.bytes, this.previousStart, this.previousEnd, start, end);
    this.previousStart = start;
    this.previousEnd = end;
  }

  grow(capacity: number): void {
    this.start = grown(this.start, capacity);
  }
}

/** Whether the first `count` ids (beginning at `starts`) are all different. */
export function distinctIds(
  bytes: Uint8Array,
  delimiter: number,
  starts: Uint32Array,
  count: number,
): boolean {
  const hash = new Uint32Array(count);
  const slots = new Int32Array(tableSize(count)).fill(-1);
  const mask = slots.length - 1;
  for (let i = 0; i < count; i++) {
    const start = starts[i] as number;
    const end = idEnd(bytes, delimiter, start);
    const h = hashBytes(bytes, start, end);
    hash[i] = h;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const other = slots[slot] as number;
      if (other < 0) {
        slots[slot] = i;
        break;
      }
      const otherStart = starts[other] as number;
      if (hash[other] === h && sameBytes(bytes, otherStart, idEnd(bytes, delimiter, otherStart), start, end))
        return false;
    }
  }
  return true;
}

/** Does the cell [start, end) come after [previous, previousEnd) in (length, bytes) order? */
function follows(
  bytes: Uint8Array,
  previous: number,
  previousEnd: number,
  start: number,
  end: number,
): boolean {
  const length = end - start;
  if (length !== previousEnd - previous) return length > previousEnd - previous;
  for (let t = 0; t < length; t++) {
    const a = bytes[previous + t] as number;
    const b = bytes[start + t] as number;
    if (a !== b) return b > a;
  }
  return false;
}

function grown<T extends Uint32Array | Uint8Array | Float64Array>(array: T, capacity: number): T {
  const larger = new (array.constructor as new (length: number) => T)(capacity);
  larger.set(array);
  return larger;
}

/** A first guess at the number of rows, from the average length of the first lines. */
export function rowEstimate(bytes: Uint8Array, from: number, to: number): number {
  const sample = Math.min(to, from + 65_536);
  let lines = 1;
  // the native search from line feed to line feed: a byte loop here runs unoptimised in a
  // one-shot run (about 3 ms for the 743-case example's 30 kB)
  for (let i = bytes.indexOf(LF, from); i >= 0 && i < sample; i = bytes.indexOf(LF, i + 1)) lines++;
  const perRow = Math.max(2, (sample - from) / lines);
  return Math.ceil(((to - from) / perRow) * 1.05) + 16;
}

/**
 * The cell a probability or percentage scale accepts, on the scale evaluate uses; NaN when
 * the general reader would refuse it (it then says why).
 */
function scaled(value: number, scale: DirectPlan['scores'][number]['scale']): number {
  if (scale === 'percent') return value >= 0 && value <= 100 ? value / 100 : NaN;
  if (scale === 'probability' && !(value >= 0 && value <= 1)) return NaN;
  return value;
}

/** Where the study's columns are in a row: slot 0 outcome, 1 … models, then id, cluster, subgroups. */
export function slotsOf(plan: DirectPlan, width: number): Int32Array {
  const slotOf = new Int32Array(width).fill(-1);
  const used = [plan.outcome, ...plan.scores.map((s) => s.index), plan.id, plan.cluster, ...plan.subgroups];
  // a column used twice (e.g. id and subgroup) is left to the general reader
  const distinct = used.filter((c) => c >= 0);
  if (new Set(distinct).size !== distinct.length) return new Int32Array(0);
  used.forEach((column, slot) => {
    if (column >= 0) slotOf[column] = slot;
  });
  return slotOf;
}

/**
 * Reads the rows in bytes [from, to) — `from` the body's start or just after a line feed, `to`
 * the file's end or just after a line feed — or returns null at the first row the general
 * reader must look at.
 */
export function readDirectChunk(
  input: ChunkInput,
  plan: DirectPlan,
  from: number,
  to: number,
): DirectChunk | null {
  const { bytes, width, delimiter: d } = input;
  const n = to;
  const slotOf = slotsOf(plan, width);
  if (slotOf.length === 0) return null;
  const models = plan.scores.length;
  const idSlot = models + 1;
  const clusterSlot = models + 2;
  const subgroupSlot = models + 3;
  const cellStart = new Int32Array(subgroupSlot + plan.subgroups.length);
  const cellEnd = new Int32Array(cellStart.length);
  const trimTab = d !== TAB;
  let capacity = rowEstimate(bytes, from, to);
  let scores = plan.scores.map(() => new Float64Array(capacity));
  let levels = new Uint8Array(capacity);
  const ids = plan.id >= 0 ? new IdCells(bytes, capacity) : null;
  const clusterValues = plan.cluster >= 0 ? new Interner(bytes) : null;
  let clusterIndex = new Uint32Array(clusterValues ? capacity : 0);
  const subgroupValues = plan.subgroups.map(() => new Interner(bytes));
  let subgroupIndex = plan.subgroups.map(() => new Uint32Array(capacity));
  const levelStart: number[] = [];
  const levelEnd: number[] = [];
  let rows = 0;
  let kept = 0;
  let p = from;

  for (;;) {
    while (p < n && (bytes[p] === LF || bytes[p] === CR)) p++;
    if (p >= n) break;
    // the fields of one row
    for (let f = 0; ; f++) {
      if (f >= width) return null;
      let b = bytes[p] as number;
      while (p < n && (b === SPACE || (b === TAB && trimTab))) b = bytes[++p] as number;
      let start: number;
      let end: number;
      if (p < n && b === QUOTE) {
        const close = bytes.indexOf(QUOTE, p + 1);
        if (close < 0 || bytes[close + 1] === QUOTE) return null;
        start = p + 1;
        end = close;
        p = close + 1;
        b = bytes[p] as number;
        while (p < n && (b === SPACE || (b === TAB && trimTab))) b = bytes[++p] as number;
        if (p < n && b !== d && b !== LF && b !== CR) return null;
      } else {
        start = p;
        while (p < n) {
          b = bytes[p] as number;
          if (b === d || b === LF || b === CR) break;
          p++;
        }
        end = p;
        for (
          let t = bytes[end - 1];
          end > start && (t === SPACE || (t === TAB && trimTab));
          t = bytes[end - 1]
        )
          end--;
      }
      const slot = slotOf[f] as number;
      if (slot >= 0) {
        cellStart[slot] = start;
        cellEnd[slot] = end;
      }
      if (p < n && bytes[p] === d) {
        p++;
        continue;
      }
      if (f !== width - 1) return null;
      if (p < n) p += bytes[p] === CR && bytes[p + 1] === LF ? 2 : 1;
      break;
    }
    rows++;
    if (kept === capacity) {
      capacity = Math.ceil(capacity * 1.5) + 16;
      scores = scores.map((s) => grown(s, capacity));
      levels = grown(levels, capacity);
      ids?.grow(capacity);
      if (clusterValues) clusterIndex = grown(clusterIndex, capacity);
      subgroupIndex = subgroupIndex.map((s) => grown(s, capacity));
    }

    // the outcome: one of the values seen, or a new one
    const os = cellStart[0] as number;
    const oe = cellEnd[0] as number;
    let level = -1;
    for (let k = 0; k < levelStart.length && level < 0; k++) {
      if (sameBytes(bytes, levelStart[k] as number, levelEnd[k] as number, os, oe)) level = k;
    }
    if (level < 0) {
      if (levelStart.length === 2 || isMissingBytes(bytes, os, oe) || oe - os > MAX_TEXT_BYTES) return null;
      level = levelStart.length;
      levelStart.push(os);
      levelEnd.push(oe);
    }
    // the scores: every cell a number or (with missing: drop) a missing token
    let dropped = false;
    for (let m = 0; m < models; m++) {
      const s = cellStart[m + 1] as number;
      const e = cellEnd[m + 1] as number;
      const value = parseDecimalBytes(bytes, s, e, plan.decimal);
      if (Number.isNaN(value)) {
        if (!plan.drop || !isMissingBytes(bytes, s, e)) return null;
        dropped = true;
        continue;
      }
      if (!Number.isFinite(value)) return null;
      const onScale = scaled(value, (plan.scores[m] as DirectPlan['scores'][number]).scale);
      if (Number.isNaN(onScale)) return null;
      (scores[m] as Float64Array)[kept] = onScale;
    }
    if (dropped) continue;
    if (ids) {
      const s = cellStart[idSlot] as number;
      const e = cellEnd[idSlot] as number;
      if (isMissingBytes(bytes, s, e) || e - s > MAX_TEXT_BYTES) return null;
      ids.add(kept, s, e);
    }
    levels[kept] = level;
    if (clusterValues) {
      const s = cellStart[clusterSlot] as number;
      const e = cellEnd[clusterSlot] as number;
      if (isMissingBytes(bytes, s, e) || e - s > MAX_TEXT_BYTES) return null;
      clusterIndex[kept] = clusterValues.indexOf(s, e);
    }
    for (let g = 0; g < subgroupValues.length; g++) {
      const s = cellStart[subgroupSlot + g] as number;
      const e = cellEnd[subgroupSlot + g] as number;
      if (e - s > MAX_TEXT_BYTES) return null;
      (subgroupIndex[g] as Uint32Array)[kept] = (subgroupValues[g] as Interner).indexOf(s, e);
    }
    kept++;
  }
  return {
    rows,
    kept,
    levelStarts: levelStart,
    levelEnds: levelEnd,
    levels,
    scores,
    idStarts: ids ? ids.start : null,
    idRising: ids ? ids.rising : true,
    clusters: clusterValues
      ? { starts: clusterValues.starts, ends: clusterValues.ends, index: clusterIndex }
      : null,
    subgroups: subgroupValues.map((values, g) => ({
      starts: values.starts,
      ends: values.ends,
      index: subgroupIndex[g] as Uint32Array,
    })),
  };
}
