/**
 * results.json: the results object as stable, pretty-printed JSON. Key order follows the
 * `Results` construction, so the same input and seed give byte-identical files. A number that is
 * not finite (NaN, ±Infinity) is written as null — JSON.stringify's own rule (ECMA-262
 * SerializeJSONProperty), so no replacer function is needed (one would be called for every
 * value, about a third of the time at 10⁶ cases).
 */
import type { Results } from '../results/results.js';

export function resultsJson(results: Results): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}
