/**
 * The progress display's shared state: written by the main thread, drawn by the ticker
 * thread (progressTicker.ts), so the line keeps updating while the main thread is busy in a
 * long synchronous step (the smoother, the bootstrap).
 */

/** Int32 words of the state. */
export const VERSION = 0;
export const DONE = 1;
export const TOTAL = 2;
export const STOP = 3;
export const STOPPED = 4;
export const NAME_LENGTH = 5;
export const WORDS = 6;
/** Bytes of the step's name (UTF-8), after the words. */
export const NAME_BYTES = 240;

export interface ProgressBuffers {
  state: SharedArrayBuffer;
  name: SharedArrayBuffer;
}

export function progressBuffers(): ProgressBuffers {
  return {
    state: new SharedArrayBuffer(WORDS * Int32Array.BYTES_PER_ELEMENT),
    name: new SharedArrayBuffer(NAME_BYTES),
  };
}

/** The progress line: the step, its count when it has one, and the time it has taken. */
export function progressLine(step: string, done: number, total: number, seconds: number): string {
  const count = total > 0 ? ` ${done}/${total}` : '';
  return `dxreport: ${step}${count} (${seconds.toFixed(0)} s)`;
}
