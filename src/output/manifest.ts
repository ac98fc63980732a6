/**
 * The manifest of an output folder: `.dxreport-manifest.json`, the files dxreport wrote there
 * last time. A later run removes those it does not write itself (a report.pdf from a full run
 * after a `--format json` run), and nothing else: the user's own files are never listed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const MANIFEST_FILE = '.dxreport-manifest.json';

const NOTE = 'Files dxreport wrote into this folder; a later run removes those it does not write again.';

/** The files listed in `folder`'s manifest (relative, `/`-separated), or [] without one. */
export function readManifest(folder: string): string[] {
  let text: string;
  try {
    text = readFileSync(path.join(folder, MANIFEST_FILE), 'utf8');
  } catch {
    return [];
  }
  try {
    const files = (JSON.parse(text) as { files?: unknown }).files;
    if (!Array.isArray(files)) return [];
    // only plain relative paths inside the folder: a tampered manifest must not reach outside it
    return files.filter(
      (file): file is string =>
        typeof file === 'string' &&
        file !== '' &&
        !path.isAbsolute(file) &&
        !file.split(/[\\/]/).some((part) => part === '..' || part === '' || part === '.'),
    );
  } catch {
    return [];
  }
}

export function writeManifest(folder: string, files: readonly string[]): void {
  const sorted = [...new Set(files)].sort();
  writeFileSync(
    path.join(folder, MANIFEST_FILE),
    `${JSON.stringify({ dxreport: NOTE, files: sorted }, null, 2)}\n`,
  );
}
