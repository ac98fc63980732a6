/**
 * Decision-curve helpers (Vickers & Elkin 2006, Med Decis Making 26:565–574).
 */

/**
 * Threshold probabilities from `from` to `to` in steps of `by`, as exact decimals
 * (0.3, not 0.30000000000000004): built on integers and rounded to the decimals of `by`.
 */
export function decisionThresholdGrid(from: number, to: number, by: number): number[] {
  const decimals = Math.max(decimalPlaces(from), decimalPlaces(by), decimalPlaces(to));
  const scale = 10 ** decimals;
  const start = Math.round(from * scale);
  const end = Math.round(to * scale);
  const step = Math.round(by * scale);
  const grid: number[] = [];
  for (let k = start; k <= end; k += step) grid.push(Number((k / scale).toFixed(decimals)));
  return grid;
}

function decimalPlaces(x: number): number {
  const text = String(x);
  if (text.includes('e-')) return Number(text.split('e-')[1]);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Net benefit of treating everybody: π − (1 − π)·t/(1 − t). */
export function treatAllNetBenefit(prevalence: number, threshold: number): number {
  return prevalence - (1 - prevalence) * (threshold / (1 - threshold));
}
