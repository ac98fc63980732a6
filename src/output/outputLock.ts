/**
 * A lock on an output folder, so that two runs never write into one folder at once: a file
 * `.<name>.dxreport-lock` beside the folder, created exclusively (O_EXCL) and holding the
 * owner's pid and host. A lock whose process is gone (a killed run) is stale and taken over;
 * one held by a running process is a refusal. The lock is removed when the run ends, on an
 * interrupt too.
 */
import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { onInterrupt } from './interruptCleanup.js';
import { processAlive } from './processAlive.js';

/** How long a lock file may stay empty (its owner between creating and writing it) before it counts as stale. */
const UNWRITTEN_LOCK_MILLISECONDS = 10_000;

export class OutputLockedError extends Error {}

export interface OutputLock {
  file: string;
  release: () => void;
}

interface LockHolder {
  pid: number;
  host: string;
}

export function lockFileFor(folder: string): string {
  return path.join(path.dirname(folder), `.${path.basename(folder)}.dxreport-lock`);
}

function readLock(file: string): { text: string; holder: LockHolder | null } | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null; // gone meanwhile
  }
  try {
    const holder = JSON.parse(text) as Partial<LockHolder>;
    if (typeof holder.pid === 'number' && typeof holder.host === 'string') {
      return { text, holder: { pid: holder.pid, host: holder.host } };
    }
  } catch {
    // being written, or garbage
  }
  return { text, holder: null };
}

function holderAlive(file: string, holder: LockHolder | null): boolean {
  if (!holder) {
    try {
      return Date.now() - statSync(file).mtimeMs < UNWRITTEN_LOCK_MILLISECONDS;
    } catch {
      return false;
    }
  }
  // a process on another host cannot be checked from here: take it as running
  return holder.host !== hostname() || processAlive(holder.pid);
}

/**
 * Moves a stale lock aside and removes it, unless another run replaced it meanwhile (then
 * it is put back). Renaming first makes the check and the removal one step.
 */
function removeStaleLock(file: string, staleText: string): void {
  const aside = `${file}.stale-${process.pid}`;
  try {
    renameSync(file, aside);
  } catch {
    return; // already gone
  }
  if (readLock(aside)?.text !== staleText) {
    try {
      linkSync(aside, file);
    } catch {
      // a third run holds the lock now; either way it is not ours to take
    }
  }
  unlinkSync(aside);
}

/**
 * Takes the lock on `folder` (an absolute path, symbolic links resolved) or throws
 * OutputLockedError naming the holder. `display` is the folder as the user wrote it.
 */
export function lockOutput(folder: string, display: string): OutputLock {
  const file = lockFileFor(folder);
  // the lock sits beside the folder: its parent must exist (as the folder's will for the output)
  mkdirSync(path.dirname(file), { recursive: true });
  const mine = `${JSON.stringify({ pid: process.pid, host: hostname() })}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const lock = readLock(file);
      if (!lock) continue;
      if (holderAlive(file, lock.holder)) {
        const who = lock.holder ? ` (pid ${lock.holder.pid} on ${lock.holder.host})` : '';
        throw new OutputLockedError(
          `--out ${display}: another dxreport run is writing here${who}; wait for it to finish, or remove ${file} if no dxreport is running`,
        );
      }
      removeStaleLock(file, lock.text);
      continue;
    }
    try {
      writeSync(fd, mine);
    } finally {
      closeSync(fd);
    }
    const remove = () => {
      if (readLock(file)?.text === mine) unlinkSync(file);
    };
    const unregister = onInterrupt(remove);
    return {
      file,
      release: () => {
        unregister();
        remove();
      },
    };
  }
  throw new OutputLockedError(`--out ${display}: another dxreport run is writing here; try again`);
}
