/**
 * dxreport's own temporary folders: named `<prefix><pid>-<random>` so that a later run can
 * tell a folder left by an interrupted run (its process is gone) from one still in use, and
 * remove it. Each folder is removed on an interrupt too (see interruptCleanup).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { onInterrupt } from './interruptCleanup.js';
import { processAlive } from './processAlive.js';

export interface OwnedTemp {
  dir: string;
  /** Removes the folder and everything in it. */
  remove: () => void;
}

/** Creates `<parent>/<prefix><pid>-XXXXXX` (mode 0700: nobody else needs to see a half-written run). */
export function createOwnedTemp(parent: string, prefix: string): OwnedTemp {
  const dir = mkdtempSync(path.join(parent, `${prefix}${process.pid}-`));
  // a browser killed a moment ago may still be finishing a write into its profile: retry
  // while the folder is not yet empty (rmSync's retries wait synchronously between tries)
  const remove = () => rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 50 });
  const unregister = onInterrupt(remove);
  return {
    dir,
    remove: () => {
      unregister();
      remove();
    },
  };
}

/**
 * Removes `<parent>/<prefix><pid>-*` folders whose process is no longer running (left by an
 * interrupted or killed run); returns their names. Folders of running processes are kept.
 */
export function removeStaleOwnedTemps(parent: string, prefix: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    if (!entry.startsWith(prefix)) continue;
    const match = /^(\d+)-[A-Za-z0-9]{6}$/.exec(entry.slice(prefix.length));
    if (!match || processAlive(Number(match[1]))) continue;
    rmSync(path.join(parent, entry), { recursive: true, force: true });
    removed.push(entry);
  }
  return removed;
}
