/**
 * The decimal grammar for scores and numeric outcome values:
 *
 *     [+-]? ( digits [ sep digits? ] | sep digits ) ( [eE] [+-]? digits )?
 *
 * with `sep` the decimal separator ("." or ","). Unlike JavaScript's `Number()` it refuses
 * `0x1A`, `0b1`, `0o7`, `Infinity`, `1_000` and whitespace inside the number, so that `0x1`
 * is never read as the outcome `1`.
 *
 * Values are correctly rounded: with at most 15 significant digits and a power of ten within
 * 10^±22, both the integer mantissa and the power are exact doubles and one IEEE division or
 * multiplication rounds once (Clinger 1990, "How to read floating point numbers accurately",
 * the fast path); anything else goes to the engine's own correctly rounded `Number()` on the
 * same (grammar-checked) text.
 */

const ZERO = 0x30;
const NINE = 0x39;
const PLUS = 0x2b;
const MINUS = 0x2d;
const DOT = 0x2e;
const COMMA = 0x2c;

const EXACT_POWERS = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/** Decimal separator as a byte: "." or ",". */
export type DecimalSeparator = '.' | ',';

const separatorByte = (separator: DecimalSeparator) => (separator === ',' ? COMMA : DOT);

/**
 * The number written in `bytes[start, end)`, or NaN when the bytes do not follow the decimal
 * grammar. A value beyond the double range gives ±Infinity (the caller says "not finite").
 */
export function parseDecimalBytes(
  bytes: Uint8Array,
  start: number,
  end: number,
  separator: DecimalSeparator = '.',
): number {
  const sep = separatorByte(separator);
  let i = start;
  let negative = false;
  if (i < end && (bytes[i] === PLUS || bytes[i] === MINUS)) {
    negative = bytes[i] === MINUS;
    i++;
  }
  let mantissa = 0;
  let significant = 0; // significant digits taken into the mantissa
  let dropped = 0; // nonzero digits beyond what the fast path can hold
  let scale = 0; // power of ten the mantissa is multiplied by
  let digits = 0;
  for (; i < end; i++) {
    const b = bytes[i] as number;
    if (b < ZERO || b > NINE) break;
    digits++;
    if (significant < 15) {
      if (mantissa !== 0 || b !== ZERO) significant++;
      mantissa = mantissa * 10 + (b - ZERO);
    } else {
      scale++;
      dropped++;
    }
  }
  if (i < end && bytes[i] === sep) {
    i++;
    for (; i < end; i++) {
      const b = bytes[i] as number;
      if (b < ZERO || b > NINE) break;
      digits++;
      if (significant < 15) {
        if (mantissa !== 0 || b !== ZERO) significant++;
        mantissa = mantissa * 10 + (b - ZERO);
        scale--;
      } else if (b !== ZERO) dropped++;
    }
  }
  if (digits === 0) return NaN;
  let exponent = 0;
  if (i < end && (bytes[i] === 0x65 || bytes[i] === 0x45)) {
    i++;
    let exponentNegative = false;
    if (i < end && (bytes[i] === PLUS || bytes[i] === MINUS)) {
      exponentNegative = bytes[i] === MINUS;
      i++;
    }
    const exponentStart = i;
    for (; i < end; i++) {
      const b = bytes[i] as number;
      if (b < ZERO || b > NINE) break;
      if (exponent < 100_000) exponent = exponent * 10 + (b - ZERO);
    }
    if (i === exponentStart) return NaN;
    if (exponentNegative) exponent = -exponent;
  }
  if (i !== end) return NaN;
  const power = scale + exponent;
  if (dropped === 0 && power >= -22 && power <= 22) {
    const value =
      power >= 0 ? mantissa * (EXACT_POWERS[power] as number) : mantissa / (EXACT_POWERS[-power] as number);
    return negative ? -value : value;
  }
  if (mantissa === 0 && dropped === 0) return negative ? -0 : 0;
  return slowPath(bytes, start, end, sep);
}

function slowPath(bytes: Uint8Array, start: number, end: number, sep: number): number {
  // the text is ASCII (the grammar was checked): Buffer's native latin1 decoding is the fastest way to a string
  const view = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = view.toString('latin1', start, end);
  return Number(sep === DOT ? text : text.replace(',', '.'));
}

const encoder = new TextEncoder();

/** The decimal grammar on a string (outcome values, Parquet and Excel text cells). */
export function parseDecimalText(text: string, separator: DecimalSeparator = '.'): number {
  const trimmed = text.trim();
  // only ASCII can be a number; a long text is not worth encoding
  if (trimmed.length === 0 || trimmed.length > 400 || !/^[0-9+\-.,eE]+$/.test(trimmed)) return NaN;
  return parseDecimalBytes(encoder.encode(trimmed), 0, trimmed.length, separator);
}
