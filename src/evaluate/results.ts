/**
 * @deprecated The result types live in `src/results/` (results.ts); this re-export keeps
 * older imports working while other branches move over.
 */
export type * from '../results/results.js';
export { RESULTS_SCHEMA } from '../results/schemaId.js';
