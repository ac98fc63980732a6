/** Progress on the terminal (stderr): nothing when stderr is not a terminal. */

export function progressReporter(replicates: number): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  const started = Date.now();
  return (done, total) => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const what =
      total > replicates
        ? `resamples: ${replicates} replicates + ${total - replicates} jackknife fits for BCa`
        : 'replicates';
    process.stderr.write(`\rbootstrap ${done}/${total} ${what} (${seconds} s)${done === total ? '\n' : ''}`);
  };
}
