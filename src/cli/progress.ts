/**
 * Progress on the terminal: one line on stderr naming the current step (loading, each
 * model, the calibration smoother, the bootstrap with its count, charts, HTML, PDF) and the
 * seconds it has taken, redrawn at least twice a second by a thread of its own, so it keeps
 * moving while the main thread is busy. Nothing at all when stderr is not a terminal.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { terminalText } from './terminalText.js';
import {
  DONE,
  NAME_BYTES,
  NAME_LENGTH,
  progressBuffers,
  STOP,
  STOPPED,
  TOTAL,
  VERSION,
} from './progressState.js';

export interface Progress {
  /** A new step begins. */
  step: (name: string) => void;
  /** Within the step: `done` of `total`. */
  count: (done: number, total: number) => void;
  /** Clears the line; call before printing anything else. */
  stop: () => void;
}

const SILENT: Progress = { step: () => undefined, count: () => undefined, stop: () => undefined };

/** How long stop() waits for the ticker to clear its line. */
const STOP_MILLISECONDS = 1000;

const tickerUrl = new URL('./progressTicker.js', import.meta.url);

export function startProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || !existsSync(fileURLToPath(tickerUrl))) return SILENT;
  const buffers = progressBuffers();
  const state = new Int32Array(buffers.state);
  const name = new Uint8Array(buffers.name);
  const encoder = new TextEncoder();
  const ticker = new Worker(tickerUrl, { workerData: { ...buffers, columns: stream.columns || 80 } });
  ticker.unref();
  let stopped = false;
  return {
    step: (text) => {
      // the name (it may hold a model's name) is made safe for the terminal and cut on a
      // character boundary to fit the shared buffer
      let step = terminalText(text);
      let bytes = encoder.encode(step);
      while (bytes.length > NAME_BYTES) bytes = encoder.encode((step = step.slice(0, -1)));
      name.set(bytes);
      Atomics.store(state, NAME_LENGTH, bytes.length);
      Atomics.store(state, DONE, 0);
      Atomics.store(state, TOTAL, 0);
      Atomics.add(state, VERSION, 1);
      Atomics.notify(state, VERSION);
    },
    count: (done, total) => {
      Atomics.store(state, DONE, done);
      Atomics.store(state, TOTAL, total);
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      Atomics.store(state, STOP, 1);
      Atomics.add(state, VERSION, 1);
      Atomics.notify(state, VERSION);
      Atomics.wait(state, STOPPED, 0, STOP_MILLISECONDS);
    },
  };
}
