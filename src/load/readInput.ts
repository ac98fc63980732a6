/**
 * Reading an input file safely: regular files only (a FIFO, a device such as /dev/zero, a
 * directory or a socket is refused in one line naming the path, before anything blocks on
 * it), and at most a size limit that `--max-input-size` (or `loadStudy`'s `maxInputBytes`)
 * can raise, checked on the open file so that a file growing while it is read still stops
 * at the limit.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { quoteValue } from './cellText.js';
import { InputError, type InputErrorLocation } from './errors.js';

/** Default largest data file: 1 GiB, about 25 million rows of id, outcome and two scores. */
export const DEFAULT_MAX_INPUT_BYTES = 1024 ** 3;
/** Largest study file: a study file is a page of settings. */
export const MAX_STUDY_FILE_BYTES = 16 * 1024 ** 2;

/** "1.5 GiB", "300 MiB", "12 KiB", "800 bytes". */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 ? String(value) : Number(value.toFixed(value < 10 ? 1 : 0)).toString();
  return `${shown} ${units[unit] as string}`;
}

/** "500M", "2G", "1.5GiB", "1000000" → bytes; NaN when not understood. */
export function parseByteSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$/i.exec(text);
  if (!match) return NaN;
  const power = ' kmgt'.indexOf((match[2] || ' ').toLowerCase());
  return Math.round(Number(match[1]) * 1024 ** power);
}

function kindOf(stats: Stats): string | null {
  if (stats.isFile()) return null;
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

export interface ReadInputOptions {
  /** Where to point in an error (the file, or the study key that names it). */
  location: InputErrorLocation;
  /** What the file is, for messages: "data file", "study file". */
  what: string;
  /** Path as shown to the user. */
  shownPath: string;
  maxBytes: number;
  /** How to raise the limit, for the message. */
  raiseWith?: string;
}

/** The bytes of a regular file of at most `maxBytes`, or an InputError naming the path. */
export function readRegularFile(file: string, options: ReadInputOptions): Buffer {
  const { location, what, shownPath, maxBytes } = options;
  // a path is user text too: shown escaped (and quoted) when it holds anything unusual
  const quoted = quoteValue(shownPath, 200);
  const shown = quoted === `"${shownPath}"` ? shownPath : quoted;
  const fail = (detail: string) => new InputError(location, `cannot read the ${what} ${shown}: ${detail}`);
  let stats: Stats;
  try {
    // stat never blocks, even on a FIFO without a writer
    stats = statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw fail(
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EACCES'
          ? 'permission denied'
          : String(code ?? 'not a valid path'),
    );
  }
  const refuse = (s: Stats) => {
    const kind = kindOf(s);
    if (kind) throw fail(`it is ${kind}, not a regular file`);
    if (s.size > maxBytes) {
      throw fail(
        `it is ${formatBytes(s.size)}, more than the limit of ${formatBytes(maxBytes)}` +
          (options.raiseWith ? ` (raise it with ${options.raiseWith})` : ''),
      );
    }
  };
  refuse(stats);
  let fd: number;
  try {
    // O_NONBLOCK: should the path have become a FIFO since the stat, open does not hang
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw fail(code === 'EACCES' ? 'permission denied' : String(code));
  }
  try {
    const opened = fstatSync(fd);
    refuse(opened);
    // one byte more than the limit tells a file that grew past it
    let buffer = Buffer.allocUnsafe(Math.min(opened.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > maxBytes)
        throw fail(`it grew past the limit of ${formatBytes(maxBytes)} while being read`);
      if (length === buffer.length) {
        const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
        buffer.copy(larger, 0, 0, length);
        buffer = larger;
      }
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}
