/**
 * Writing a set of outputs atomically: everything goes to a temporary folder beside the
 * target and is moved into place only when complete, so a failed run never leaves half a
 * report nor touches a previous good one.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';

/**
 * Runs `write(tmpDir)` and then replaces `target` with what it wrote. Entries of an existing
 * `target` that this run does not write (a user's own notes, say) are carried over.
 */
export async function writeDirectoryAtomically(
  target: string,
  write: (dir: string) => Promise<void>,
): Promise<void> {
  const absolute = path.resolve(target);
  const parent = path.dirname(absolute);
  mkdirSync(parent, { recursive: true });
  if (existsSync(absolute) && !statSync(absolute).isDirectory()) {
    throw new Error(`--out ${target} exists and is not a folder`);
  }
  const temporary = mkdtempSync(path.join(parent, `.dxreport-tmp-${path.basename(absolute)}-`));
  try {
    await write(temporary);
    if (existsSync(absolute)) {
      const written = new Set(readdirSync(temporary));
      for (const entry of readdirSync(absolute)) {
        if (!written.has(entry))
          cpSync(path.join(absolute, entry), path.join(temporary, entry), { recursive: true });
      }
      const retired = `${temporary}-previous`;
      renameSync(absolute, retired);
      renameSync(temporary, absolute);
      rmSync(retired, { recursive: true, force: true });
    } else {
      renameSync(temporary, absolute);
    }
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
}
