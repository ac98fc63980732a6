/**
 * dxreport's programmatic interface: load a study, evaluate it, and write the outputs.
 *
 *     import { loadStudy, evaluate } from 'dxreport';
 *     const results = evaluate(loadStudy('study.yaml'));
 */
export { loadStudy, type Study, type StudyModel, type CaseData } from './load/loadStudy.js';
export { InputError } from './load/errors.js';
export { studySchema, type StudyFile } from './load/studySchema.js';
export { evaluate, type EvaluateOptions } from './evaluate/evaluate.js';
export type * from './evaluate/results.js';
export { RESULTS_SCHEMA } from './evaluate/results.js';
export { resultsJson } from './output/resultsJson.js';
export { VERSION } from './version.js';
