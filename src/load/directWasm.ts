/**
 * The one-pass case reader's WebAssembly scanner (wasm/caseReader.ts, compiled into
 * caseReaderWasm.ts): a port of readDirectChunk (directCases.ts) for tables without quotes,
 * cluster or subgroup columns, whose scores all take the decimal fast path — what exports
 * write. It gives the same chunk as the JavaScript reader, or says that the JavaScript reader
 * must read the rows (null), which then does, with the same result.
 *
 * Why: a one-shot run reads its file once, and V8 runs the JavaScript reader's byte loop
 * interpreted until TurboFan has compiled it; WebAssembly runs compiled from its first call.
 * At 10⁶ rows (30 MB) the JavaScript reader took about 0.18 s of a 1.3 s run.
 *
 * Each read instantiates the module with a memory of its own sized for the file: the file's
 * bytes copied in, then the outputs, copied out into arrays of their own (so that no array
 * handed on shares the instance's memory, which structured cloning would copy whole). Where
 * WebAssembly cannot run (`node --jitless`, a failed compile, a file too large for 2 GB of
 * memory) the JavaScript reader reads every table.
 */
import type { DirectPlan } from './caseTable.js';
import { instantiate, lazyModule } from '../wasm/module.js';
import { CASE_READER_WASM } from './caseReaderWasm.js';
import { rowEstimate, slotsOf, type ChunkInput, type DirectChunk } from './directCases.js';

interface ReaderExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  heapBase(): number;
  readRows(
    base: number,
    from: number,
    to: number,
    plan: number,
    cells: number,
    levels: number,
    scores: number,
    ids: number,
    capacity: number,
    info: number,
  ): number;
}

const DONE = 1;
/** The scan's state between calls (wasm/caseReader.ts): rows, kept, levels, their bounds, ids rising, the previous id's bounds. */
const INFO_WORDS = 10;
/** Bytes per call of the scanner: calls after the first run on the code V8 optimises meanwhile. */
const SPAN_BYTES = 1 << 20;
const LF = 0x0a;
const PAGE_BYTES = 65536;
/** Most memory an instance takes; a larger file is read by the JavaScript reader. */
const MAXIMUM_BYTES = 2 ** 31;
/** Scale codes as wasm/caseReader.ts reads them. */
const SCALE_CODES = { probability: 1, percent: 2 } as const;

let enabled = true;

/** Turns the WebAssembly scanner off (or back on) in this thread (tests compare the two readers). */
export function useWasmCaseReader(on: boolean): void {
  enabled = on;
}

const readerModule = lazyModule(CASE_READER_WASM);

const align = (at: number) => Math.ceil(at / 16) * 16;

/**
 * The rows in bytes [from, to) read by the WebAssembly scanner, as readDirectChunk reads them;
 * null when the JavaScript reader must read them (or WebAssembly cannot run here).
 */
export function readDirectChunkWasm(
  input: ChunkInput,
  plan: DirectPlan,
  from: number,
  to: number,
): DirectChunk | null {
  if (!enabled || plan.cluster >= 0 || plan.subgroups.length > 0) return null;
  const slotOf = slotsOf(plan, input.width);
  if (slotOf.length === 0) return null;
  const exports = instantiate(readerModule()) as ReaderExports | null;
  if (!exports) return null;
  const { bytes, width, delimiter } = input;
  const models = plan.scores.length;
  // room for a quarter more rows than the first 64 kB suggest; a file of longer rows later
  // that fills it is read by the JavaScript reader
  const capacity = Math.ceil(rowEstimate(bytes, from, to) * 1.25) + 1024;
  const base = align(exports.heapBase());
  const planAt = align(base + bytes.length);
  const cellsAt = align(planAt + 4 * (6 + width + models));
  const infoAt = align(cellsAt + 8 * (models + 2));
  const scoresAt = align(infoAt + 4 * INFO_WORDS);
  const idsAt = align(scoresAt + 8 * capacity * models);
  const levelsAt = align(idsAt + 4 * capacity);
  const end = levelsAt + capacity;
  if (end > MAXIMUM_BYTES) return null;
  const memory = exports.memory;
  try {
    const missing = Math.ceil(end / PAGE_BYTES) - memory.buffer.byteLength / PAGE_BYTES;
    if (missing > 0) memory.grow(missing);
  } catch {
    return null;
  }
  const buffer = memory.buffer;
  new Uint8Array(buffer, base, bytes.length).set(bytes);
  const words = new Int32Array(buffer, planAt, 6 + width + models);
  words.set([
    width,
    delimiter,
    plan.decimal === ',' ? 0x2c : 0x2e,
    plan.drop ? 1 : 0,
    models,
    plan.id >= 0 ? 1 : 0,
  ]);
  words.set(slotOf, 6);
  plan.scores.forEach((score, m) => {
    words[6 + width + m] =
      score.scale === 'probability' || score.scale === 'percent' ? SCALE_CODES[score.scale] : 0;
  });
  const info = new Int32Array(buffer, infoAt, INFO_WORDS);
  info[7] = 1; // ids rising until two are not
  for (let start = from; start < to;) {
    // spans end just after a line feed (or at the end), so that no row is cut
    const lineFeed = start + SPAN_BYTES < to ? bytes.indexOf(LF, start + SPAN_BYTES) : -1;
    const end = lineFeed < 0 || lineFeed + 1 >= to ? to : lineFeed + 1;
    const status = exports.readRows(
      base,
      base + start,
      base + end,
      planAt,
      cellsAt,
      levelsAt,
      scoresAt,
      idsAt,
      capacity,
      infoAt,
    );
    if (status !== DONE) return null;
    start = end;
  }
  const [rows, kept, levelCount, level0Start, level0End, level1Start, level1End, rising] =
    info as unknown as number[];
  const levelStarts = [level0Start as number, level1Start as number].slice(0, levelCount);
  const levelEnds = [level0End as number, level1End as number].slice(0, levelCount);
  return {
    rows: rows as number,
    kept: kept as number,
    levelStarts,
    levelEnds,
    levels: new Uint8Array(buffer, levelsAt, kept).slice(),
    scores: plan.scores.map((_, m) => new Float64Array(buffer, scoresAt + 8 * capacity * m, kept).slice()),
    idStarts: plan.id >= 0 ? new Uint32Array(buffer, idsAt, kept).slice() : null,
    idRising: rising === 1,
    clusters: null,
    subgroups: [],
  };
}
