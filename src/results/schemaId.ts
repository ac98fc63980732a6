/**
 * The `schema` key of every results.json: the format's name and major version. In a module
 * of its own so that the code writing it does not load results.ts, whose zod schemas take
 * some 10–20 ms to build at start-up and are needed only for the JSON Schema and tests.
 */
export const RESULTS_SCHEMA = 'dxreport/results@1';
