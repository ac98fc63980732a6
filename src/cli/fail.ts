/**
 * How a command ends: errors as one line on stderr (the stack trace only with --debug) and a
 * non-zero exit status; warnings one line each.
 */
import type { Warning } from '../evaluate/results.js';
import { InputError } from '../load/errors.js';
import { OutputLockedError } from '../output/outputLock.js';
import { OutputTargetError } from '../output/outputTarget.js';
import { terminalText } from './terminalText.js';

/** Exit status of a run that failed: bad input or an error. */
export const EXIT_FAILURE = 1;
/** Exit status of a run that met a warning with --strict. */
export const EXIT_STRICT = 2;

/** A mistake in the command line itself, said in full by its message. */
export class UsageError extends Error {}

/** Errors whose message says everything: no "--debug" hint. */
const SELF_EXPLAINING = [InputError, UsageError, OutputTargetError, OutputLockedError];

export function failWith(error: unknown, debug?: boolean): void {
  if (debug) console.error(error);
  else if (SELF_EXPLAINING.some((kind) => error instanceof kind))
    console.error(`dxreport: ${terminalText((error as Error).message)}`);
  else console.error(`dxreport: ${terminalText((error as Error).message)} (rerun with --debug for details)`);
  process.exitCode = EXIT_FAILURE;
}

/** With --strict, warnings stop the run before anything is written. */
export class StrictWarningsError extends Error {
  constructor(readonly warnings: readonly Warning[]) {
    super(
      `${warnings.length} warning${warnings.length === 1 ? '' : 's'} with --strict: nothing was written (run without --strict to write the report anyway)`,
    );
  }
}

/**
 * Each warning on one line of stderr, `dxreport: warning: <message> [<path>]`, the path being
 * where in results.json it applies (a message alone may not say which model).
 */
export function printWarnings(warnings: readonly Warning[], label = 'warning'): void {
  for (const warning of warnings) {
    const where = warning.path ? ` [${warning.path}]` : '';
    console.error(`dxreport: ${label}: ${terminalText(warning.message)}${terminalText(where)}`);
  }
}
