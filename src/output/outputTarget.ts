/**
 * Where `--out` may point. dxreport writes its files into the folder and keeps everything
 * else there, but a folder that holds the user's working tree or inputs is refused all the
 * same: the root, the current directory, and any folder containing the study or its data.
 * Symbolic links are resolved, so that a link to the study's folder is refused too and a
 * link to another folder gets the report in its target (the link itself stays).
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

export class OutputTargetError extends Error {}

export interface OutputTarget {
  /** As the user wrote it, for messages. */
  display: string;
  /** Absolute, with symbolic links resolved as far as the path exists. */
  real: string;
}

/** The real path of `file`, resolving links in the part of it that exists. */
function realPathOf(file: string): string {
  const absolute = path.resolve(file);
  let existing = absolute;
  const rest: string[] = [];
  while (!existsSync(existing)) {
    const parent = path.dirname(existing);
    if (parent === existing) break;
    rest.unshift(path.basename(existing));
    existing = parent;
  }
  return path.join(realpathSync(existing), ...rest);
}

function contains(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

const SUGGESTION = 'give a folder of its own, e.g. --out results';

/**
 * Checks `--out`: refuses an empty name, the root, the current directory, an existing
 * non-folder and any folder that contains one of `inputs` (the study file, its data).
 */
export function resolveOutputTarget(out: string, inputs: readonly string[] = []): OutputTarget {
  if (out.trim() === '')
    throw new OutputTargetError(`--out "${out}": the folder name is empty; ${SUGGESTION}`);
  const real = realPathOf(out);
  const quoted = JSON.stringify(out);
  if (path.parse(real).root === real) {
    throw new OutputTargetError(`--out ${quoted} is the root folder; ${SUGGESTION}`);
  }
  if (real === realPathOf(process.cwd())) {
    throw new OutputTargetError(`--out ${quoted} is the current folder; ${SUGGESTION}`);
  }
  if (existsSync(real) && !statSync(real).isDirectory()) {
    throw new OutputTargetError(`--out ${quoted} exists and is not a folder`);
  }
  for (const input of inputs) {
    if (contains(real, realPathOf(input))) {
      throw new OutputTargetError(
        `--out ${quoted} contains the input ${input}, so dxreport would write among your files; ${SUGGESTION}`,
      );
    }
  }
  return { display: out, real };
}
