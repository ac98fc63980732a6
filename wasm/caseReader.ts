// AssemblyScript source of the one-pass case reader's WebAssembly scanner (compiled by
// scripts/build-wasm.mjs into src/load/caseReaderWasm.ts; the JavaScript side is
// src/load/directWasm.ts).
//
// Why WebAssembly: a one-shot run reads its file once, and V8 runs the JavaScript reader's
// byte loop interpreted until TurboFan has compiled it; WebAssembly runs compiled from its
// first call. At 10⁶ rows (30 MB) the JavaScript reader took about 0.18 s of a 1.3 s run.
//
// It is a line-by-line port of readDirectChunk (src/load/directCases.ts) for the tables it
// sees most — no quotes, no cluster or subgroup column — and of parseDecimalBytes
// (src/load/decimal.ts) up to its fast path: the same field rules, the same checks in the
// same order, the same double operations (one IEEE division or multiplication of an exact
// mantissa by an exact power of ten). Where the JavaScript would need its slow path or
// anything else it alone handles, the scan stops and says so (FALLBACK): the JavaScript reader
// then reads the table, with the same result. test/load/directWasm.test.ts compares the two.
//
// Memory is laid out by the JavaScript glue (which passes byte addresses); nothing here
// allocates. The file's bytes sit at `base`: every offset written out is relative to it.

const LF: u8 = 0x0a;
const CR: u8 = 0x0d;
const QUOTE: u8 = 0x22;
const SPACE: u8 = 0x20;
const TAB: u8 = 0x09;
const ZERO: u8 = 0x30;
const NINE: u8 = 0x39;
const PLUS: u8 = 0x2b;
const MINUS: u8 = 0x2d;
const MAX_TEXT_BYTES: i32 = 64 * 1024;

/** Scan results. */
const DONE: i32 = 1;
const FALLBACK: i32 = 0;
const FULL: i32 = 2;

/** The scale codes of a score column (JavaScript: undefined or 'score', 'probability', 'percent'). */
const PROBABILITY: i32 = 1;
const PERCENT: i32 = 2;

/** Set by parseDecimal when the JavaScript would take its slow path (Number() on the text). */
let slow = false;

@inline function byteAt(address: usize): u8 {
  return load<u8>(address);
}

/** isMissingBytes: blank, or NA, N/A, NaN, nan, null, NULL, "." */
function isMissing(start: usize, end: usize): bool {
  const length = <i32>(end - start);
  if (length == 0) return true;
  if (length > 4) return false;
  const a = byteAt(start);
  if (length == 1) return a == 0x2e;
  const b = byteAt(start + 1);
  if (length == 2) return a == 0x4e && b == 0x41;
  const c = byteAt(start + 2);
  if (length == 3)
    return (a == 0x4e && b == 0x2f && c == 0x41) || (a == 0x4e && b == 0x61 && c == 0x4e) || (a == 0x6e && b == 0x61 && c == 0x6e);
  const d = byteAt(start + 3);
  return (a == 0x6e && b == 0x75 && c == 0x6c && d == 0x6c) || (a == 0x4e && b == 0x55 && c == 0x4c && d == 0x4c);
}

function sameBytes(a: usize, aEnd: usize, b: usize, bEnd: usize): bool {
  if (aEnd - a != bEnd - b) return false;
  for (let t: usize = 0; a + t < aEnd; t++) if (byteAt(a + t) != byteAt(b + t)) return false;
  return true;
}

/** follows: does [start, end) come after [previous, previousEnd) in (length, bytes) order? */
function follows(previous: usize, previousEnd: usize, start: usize, end: usize): bool {
  const length = end - start;
  const previousLength = previousEnd - previous;
  if (length != previousLength) return length > previousLength;
  for (let t: usize = 0; t < length; t++) {
    const a = byteAt(previous + t);
    const b = byteAt(start + t);
    if (a != b) return b > a;
  }
  return false;
}

/** 10^0 … 10^22, exact doubles (decimal.ts's EXACT_POWERS). */
const EXACT_POWERS: StaticArray<f64> = [
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
  1e19, 1e20, 1e21, 1e22,
];

/**
 * parseDecimalBytes up to its fast path; sets `slow` where it would call Number(). The mantissa
 * is accumulated as an integer: the JavaScript's double accumulation is exact (at most 15
 * digits, below 2^53), so the integer converted once is the same double, without a chain of
 * floating-point multiply-adds per digit.
 */
function parseDecimal(start: usize, end: usize, sep: u8): f64 {
  let i = start;
  let negative = false;
  if (i < end && (byteAt(i) == PLUS || byteAt(i) == MINUS)) {
    negative = byteAt(i) == MINUS;
    i++;
  }
  let mantissa: i64 = 0;
  let significant = 0;
  let dropped = 0;
  let scale = 0;
  let digits = 0;
  for (; i < end; i++) {
    const b = byteAt(i);
    if (b < ZERO || b > NINE) break;
    digits++;
    if (significant < 15) {
      if (mantissa != 0 || b != ZERO) significant++;
      mantissa = mantissa * 10 + <i64>(b - ZERO);
    } else {
      scale++;
      dropped++;
    }
  }
  if (i < end && byteAt(i) == sep) {
    i++;
    for (; i < end; i++) {
      const b = byteAt(i);
      if (b < ZERO || b > NINE) break;
      digits++;
      if (significant < 15) {
        if (mantissa != 0 || b != ZERO) significant++;
        mantissa = mantissa * 10 + <i64>(b - ZERO);
        scale--;
      } else if (b != ZERO) dropped++;
    }
  }
  if (digits == 0) return NaN;
  let exponent = 0;
  if (i < end && (byteAt(i) == 0x65 || byteAt(i) == 0x45)) {
    i++;
    let exponentNegative = false;
    if (i < end && (byteAt(i) == PLUS || byteAt(i) == MINUS)) {
      exponentNegative = byteAt(i) == MINUS;
      i++;
    }
    const exponentStart = i;
    for (; i < end; i++) {
      const b = byteAt(i);
      if (b < ZERO || b > NINE) break;
      if (exponent < 100000) exponent = exponent * 10 + <i32>(b - ZERO);
    }
    if (i == exponentStart) return NaN;
    if (exponentNegative) exponent = -exponent;
  }
  if (i != end) return NaN;
  const power = scale + exponent;
  if (dropped == 0 && power >= -22 && power <= 22) {
    const exact = <f64>mantissa;
    const value = power >= 0 ? exact * unchecked(EXACT_POWERS[power]) : exact / unchecked(EXACT_POWERS[-power]);
    return negative ? -value : value;
  }
  if (mantissa == 0 && dropped == 0) return negative ? -0.0 : 0.0;
  slow = true;
  return NaN;
}

/**
 * Reads the rows of [from, to) as readDirectChunk does, for a plan without cluster or
 * subgroup columns. The plan at `plan` (32-bit words): width, delimiter, decimal separator,
 * drop (0/1), models, id slot present (0/1), then slotOf[width] (−1, or 0 outcome, 1 … models
 * scores, models + 1 id), then scale[models]. Writes each kept case's outcome level (a byte) at
 * `levels`, its scores at `scores` (model m's at scores + 8·capacity·m), its id's start at `ids`
 * (32-bit); `info` (32-bit words) gets rows, kept, level count, two levels' start and end, ids
 * rising (0/1), the previous id's start and end — and the scan resumes from them: the
 * JavaScript calls this once per span of about a megabyte, each beginning after a line feed,
 * with `info` zeroed (and rising 1) before the first, so that the spans after the first run on
 * the optimised code V8 compiles meanwhile (a call in progress keeps the baseline code it began
 * with). Returns DONE, FALLBACK (the JavaScript reader must read the rows), or FULL (more than
 * `capacity` rows).
 */
export function readRows(
  base: usize,
  from: usize,
  to: usize,
  plan: usize,
  cells: usize,
  levels: usize,
  scores: usize,
  ids: usize,
  capacity: i32,
  info: usize,
): i32 {
  const width = load<i32>(plan);
  const d = <u8>load<i32>(plan, 4);
  const sep = <u8>load<i32>(plan, 8);
  const drop = load<i32>(plan, 12) != 0;
  const models = load<i32>(plan, 16);
  const hasId = load<i32>(plan, 20) != 0;
  const slotOf = plan + 24;
  const scaleOf = slotOf + (<usize>width << 2);
  const idSlot = models + 1;
  const trimTab = d != TAB;
  // cellStart[slot] at cells, cellEnd[slot] at cells + 4·(models + 2)
  const cellEnds = cells + (<usize>(models + 2) << 2);
  const n = to;
  let rows = load<i32>(info);
  let kept = load<i32>(info, 4);
  let levelCount = load<i32>(info, 8);
  let level0Start: usize = base + <usize>load<i32>(info, 12);
  let level0End: usize = base + <usize>load<i32>(info, 16);
  let level1Start: usize = base + <usize>load<i32>(info, 20);
  let level1End: usize = base + <usize>load<i32>(info, 24);
  let rising = load<i32>(info, 28) != 0;
  let previousStart: usize = base + <usize>load<i32>(info, 32);
  let previousEnd: usize = base + <usize>load<i32>(info, 36);
  let p = from;
  slow = false;

  for (;;) {
    while (p < n && (byteAt(p) == LF || byteAt(p) == CR)) p++;
    if (p >= n) break;
    for (let f = 0; ; f++) {
      if (f >= width) return FALLBACK;
      let b: u8 = p < n ? byteAt(p) : 0;
      while (p < n && (b == SPACE || (b == TAB && trimTab))) {
        p++;
        b = p < n ? byteAt(p) : 0;
      }
      if (p < n && b == QUOTE) return FALLBACK;
      const start = p;
      while (p < n) {
        b = byteAt(p);
        if (b == d || b == LF || b == CR) break;
        p++;
      }
      let end = p;
      while (end > start) {
        const t = byteAt(end - 1);
        if (!(t == SPACE || (t == TAB && trimTab))) break;
        end--;
      }
      const slot = load<i32>(slotOf + (<usize>f << 2));
      if (slot >= 0) {
        store<u32>(cells + (<usize>slot << 2), <u32>start);
        store<u32>(cellEnds + (<usize>slot << 2), <u32>end);
      }
      if (p < n && byteAt(p) == d) {
        p++;
        continue;
      }
      if (f != width - 1) return FALLBACK;
      if (p < n) p += byteAt(p) == CR && p + 1 < n && byteAt(p + 1) == LF ? 2 : 1;
      break;
    }
    rows++;
    if (kept == capacity) return FULL;

    // the outcome: one of the values seen, or a new one
    const os = <usize>load<u32>(cells);
    const oe = <usize>load<u32>(cellEnds);
    let level = -1;
    if (levelCount > 0 && sameBytes(level0Start, level0End, os, oe)) level = 0;
    else if (levelCount > 1 && sameBytes(level1Start, level1End, os, oe)) level = 1;
    if (level < 0) {
      if (levelCount == 2 || isMissing(os, oe) || <i32>(oe - os) > MAX_TEXT_BYTES) return FALLBACK;
      level = levelCount;
      if (levelCount == 0) {
        level0Start = os;
        level0End = oe;
      } else {
        level1Start = os;
        level1End = oe;
      }
      levelCount++;
    }
    // the scores: every cell a number or (with missing: drop) a missing token
    let dropped = false;
    for (let m = 0; m < models; m++) {
      const s = <usize>load<u32>(cells + (<usize>(m + 1) << 2));
      const e = <usize>load<u32>(cellEnds + (<usize>(m + 1) << 2));
      const value = parseDecimal(s, e, sep);
      if (slow) return FALLBACK;
      if (isNaN(value)) {
        if (!drop || !isMissing(s, e)) return FALLBACK;
        dropped = true;
        continue;
      }
      if (!isFinite(value)) return FALLBACK;
      const scale = load<i32>(scaleOf + (<usize>m << 2));
      let onScale = value;
      if (scale == PERCENT) onScale = value >= 0 && value <= 100 ? value / 100 : NaN;
      else if (scale == PROBABILITY && !(value >= 0 && value <= 1)) onScale = NaN;
      if (isNaN(onScale)) return FALLBACK;
      store<f64>(scores + ((<usize>m * <usize>capacity + <usize>kept) << 3), onScale);
    }
    if (dropped) continue;
    if (hasId) {
      const s = <usize>load<u32>(cells + (<usize>idSlot << 2));
      const e = <usize>load<u32>(cellEnds + (<usize>idSlot << 2));
      if (isMissing(s, e) || <i32>(e - s) > MAX_TEXT_BYTES) return FALLBACK;
      store<u32>(ids + (<usize>kept << 2), <u32>(s - base));
      if (rising && kept > 0) rising = follows(previousStart, previousEnd, s, e);
      previousStart = s;
      previousEnd = e;
    }
    store<u8>(levels + <usize>kept, <u8>level);
    kept++;
  }
  store<i32>(info, rows);
  store<i32>(info, kept, 4);
  store<i32>(info, levelCount, 8);
  store<i32>(info, <i32>(level0Start - base), 12);
  store<i32>(info, <i32>(level0End - base), 16);
  store<i32>(info, <i32>(level1Start - base), 20);
  store<i32>(info, <i32>(level1End - base), 24);
  store<i32>(info, rising ? 1 : 0, 28);
  store<i32>(info, <i32>(previousStart - base), 32);
  store<i32>(info, <i32>(previousEnd - base), 36);
  return DONE;
}

/** Where the JavaScript glue may lay out its arrays. */
export function heapBase(): usize {
  return __heap_base;
}
