/**
 * Writing a run's files into an output folder without replacing the folder: everything is
 * written to a staging folder on the same file system (`.dxreport-tmp-<pid>-*` beside it),
 * and only when complete each file is renamed into place. The folder itself, its mode, owner,
 * a symbolic link to it and the files dxreport does not write stay as they are; files are
 * created with the process's umask. Files a previous run wrote (its manifest) that this run
 * does not write are removed afterwards. A failed run leaves the folder untouched.
 */
import {
  copyFileSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import path from 'node:path';
import { readManifest, writeManifest } from './manifest.js';
import { createOwnedTemp, removeStaleOwnedTemps } from './ownedTemp.js';

export const STAGING_PREFIX = '.dxreport-tmp-';

export interface StagedWriteOutcome {
  /** Files written, relative to the folder, `/`-separated, sorted. */
  files: string[];
  /** Files of an earlier run that this run did not write, now removed. */
  removed: string[];
}

/** Every file under `dir`, relative and `/`-separated. */
function listFiles(dir: string, prefix = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...listFiles(path.join(dir, entry.name), relative));
    else files.push(relative);
  }
  return files.sort();
}

/** Renames `from` to `to`; across file systems (a linked subfolder), copies beside `to` first, then renames. */
function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const beside = `${to}${STAGING_PREFIX}${process.pid}`;
    copyFileSync(from, beside);
    renameSync(beside, to);
  }
}

/** The staging folder's parent: beside `folder`, or inside it when beside is another file system (a mount point). */
function stagingParent(folder: string): string {
  const parent = path.dirname(folder);
  mkdirSync(parent, { recursive: true });
  try {
    if (statSync(parent).dev !== statSync(folder).dev) return folder;
  } catch {
    // the folder does not exist yet: it will be created in the parent
  }
  return parent;
}

/** Removes files of an earlier run that this run did not write (regular files only), then their emptied folders. */
function removeStale(folder: string, previous: readonly string[], written: ReadonlySet<string>): string[] {
  const removed: string[] = [];
  for (const file of previous) {
    if (written.has(file)) continue;
    const absolute = path.join(folder, file);
    try {
      if (!lstatSync(absolute).isFile()) continue;
      unlinkSync(absolute);
      removed.push(file);
    } catch {
      // already gone
    }
  }
  const folders = new Set(removed.map((file) => path.posix.dirname(file)).filter((dir) => dir !== '.'));
  for (const dir of [...folders].sort().reverse()) {
    try {
      rmdirSync(path.join(folder, dir)); // only when empty
    } catch {
      // holds other files: kept
    }
  }
  return removed;
}

/**
 * Runs `write(stagingDir)`, then moves every file it wrote into `folder` (created when
 * missing; an absolute path with links resolved).
 */
export async function writeIntoFolder(
  folder: string,
  write: (stagingDir: string) => Promise<void>,
): Promise<StagedWriteOutcome> {
  const parent = stagingParent(folder);
  removeStaleOwnedTemps(parent, STAGING_PREFIX);
  const staging = createOwnedTemp(parent, STAGING_PREFIX);
  try {
    await write(staging.dir);
    const files = listFiles(staging.dir);
    mkdirSync(folder, { recursive: true });
    const previous = readManifest(folder);
    // listed before the moves, so that an interrupted move still leaves every file of ours listed
    writeManifest(folder, [...previous, ...files]);
    for (const file of files) {
      const to = path.join(folder, file);
      mkdirSync(path.dirname(to), { recursive: true });
      moveFile(path.join(staging.dir, file), to);
    }
    const removed = removeStale(folder, previous, new Set(files));
    writeManifest(folder, files);
    return { files, removed };
  } finally {
    staging.remove();
  }
}
