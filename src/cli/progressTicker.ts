/**
 * The progress display's thread: redraws the progress line on stderr when the step changes
 * and at least every half second, from the state the main thread writes (progressState.ts).
 * On STOP it clears the line and says so, so that what the main thread prints next starts on
 * a clean line.
 */
import { writeSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import {
  DONE,
  NAME_LENGTH,
  progressLine,
  STOP,
  STOPPED,
  TOTAL,
  VERSION,
  type ProgressBuffers,
} from './progressState.js';

const { state: stateBuffer, name: nameBuffer, columns } = workerData as ProgressBuffers & { columns: number };
const state = new Int32Array(stateBuffer);
const nameBytes = new Uint8Array(nameBuffer);
const decoder = new TextDecoder();
const REDRAW_MILLISECONDS = 500;

let lastVersion = -1;
let stepStarted = performance.now();
let shown = false;

function draw(): void {
  const version = Atomics.load(state, VERSION);
  if (version !== lastVersion) {
    lastVersion = version;
    stepStarted = performance.now();
  }
  const length = Atomics.load(state, NAME_LENGTH);
  if (length === 0) return;
  const step = decoder.decode(nameBytes.slice(0, length));
  const seconds = (performance.now() - stepStarted) / 1000;
  const line = progressLine(step, Atomics.load(state, DONE), Atomics.load(state, TOTAL), seconds);
  writeSync(2, `\r${line.slice(0, Math.max(10, columns - 1))}\x1b[K`);
  shown = true;
}

for (;;) {
  if (Atomics.load(state, STOP) !== 0) break;
  draw();
  Atomics.wait(state, VERSION, lastVersion, REDRAW_MILLISECONDS);
}
if (shown) writeSync(2, '\r\x1b[K');
Atomics.store(state, STOPPED, 1);
Atomics.notify(state, STOPPED);
