/**
 * Holm (1979) step-down adjustment of a family of p-values (R's `p.adjust(method = "holm")`).
 * Null entries (undefined p-values) are skipped and stay null.
 */
export function holmAdjust(pValues: readonly (number | null)[]): (number | null)[] {
  const present = pValues
    .map((p, index) => ({ p, index }))
    .filter((e): e is { p: number; index: number } => e.p !== null && Number.isFinite(e.p))
    .sort((a, b) => a.p - b.p || a.index - b.index);
  const m = present.length;
  const adjusted: (number | null)[] = pValues.map(() => null);
  let running = 0;
  present.forEach((entry, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * entry.p));
    adjusted[entry.index] = running;
  });
  return adjusted;
}
