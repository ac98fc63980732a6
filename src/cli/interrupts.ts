/**
 * SIGINT, SIGTERM and SIGHUP while a report is being written: undo what is under way (the
 * browser, temporary folders, the lock on --out; see output/interruptCleanup.ts), say so, and
 * exit with the usual status 128 + the signal's number. The --out folder is never half
 * written: files are moved into it only when complete.
 *
 * The handlers are installed only around the asynchronous part of a run (writing, the PDF):
 * a handler runs only when the event loop is free, so installed during the synchronous
 * evaluation it would hold back Ctrl-C until the bootstrap ended. Killed there by the default
 * action, a run leaves at most its lock, which the next run finds stale and takes over, and,
 * when a PDF was asked for, the profile folder of the browser started ahead (the browser
 * itself exits when its pipe closes), which the next PDF run removes.
 */
import { constants } from 'node:os';
import { runInterruptCleanups } from '../output/interruptCleanup.js';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Runs `work` with the interrupt handlers installed. */
export async function cleanUpOnInterrupt<T>(work: () => Promise<T>): Promise<T> {
  const handlers = SIGNALS.map((signal) => {
    const handler = () => {
      runInterruptCleanups();
      process.stderr.write(`\ndxreport: stopped by ${signal}; temporary files removed, --out unchanged\n`);
      process.exit(128 + constants.signals[signal]);
    };
    process.on(signal, handler);
    return () => process.off(signal, handler);
  });
  try {
    return await work();
  } finally {
    for (const remove of handlers) remove();
  }
}
