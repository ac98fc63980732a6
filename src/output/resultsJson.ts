/**
 * results.json: the results object as stable, pretty-printed JSON. Key order follows the
 * `Results` construction, so the same input and seed give byte-identical files.
 */
import type { Results } from '../results/results.js';

export function resultsJson(results: Results): string {
  return `${JSON.stringify(results, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`;
}
