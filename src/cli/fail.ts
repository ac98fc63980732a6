/**
 * How a command ends on an error: one line on stderr (the stack trace only with --debug) and
 * a non-zero exit status.
 */
import { InputError } from '../load/errors.js';

/** Exit status of a run that failed: bad input or an error. */
export const EXIT_FAILURE = 1;

export function failWith(error: unknown, debug?: boolean): void {
  if (debug) console.error(error);
  else if (error instanceof InputError) console.error(`dxreport: ${error.message}`);
  else console.error(`dxreport: ${(error as Error).message} (rerun with --debug for details)`);
  process.exitCode = EXIT_FAILURE;
}
