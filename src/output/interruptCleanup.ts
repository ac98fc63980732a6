/**
 * What must be undone if the process is interrupted (SIGINT, SIGTERM, SIGHUP): temporary
 * folders, the lock on `--out`, a running browser. Each is registered while it exists and
 * unregistered when it is cleaned up normally; the CLI's signal handlers run whatever is left.
 * Cleanups are synchronous, because a signal handler exits right after them.
 */
type Cleanup = () => void;

const cleanups = new Set<Cleanup>();

/** Registers `cleanup` to run on an interrupt; returns the function that unregisters it. */
export function onInterrupt(cleanup: Cleanup): () => void {
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}

/** Runs every registered cleanup, newest first (a browser before its profile folder). */
export function runInterruptCleanups(): void {
  const pending = [...cleanups].reverse();
  cleanups.clear();
  for (const cleanup of pending) {
    try {
      cleanup();
    } catch {
      // an interrupted run cleans what it can; one failure must not keep the rest
    }
  }
}
