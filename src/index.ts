/**
 * dxreport's programmatic interface: load a study, evaluate it, and write the outputs.
 *
 *     import { loadStudy, evaluate } from 'dxreport';
 *     const results = evaluate(loadStudy('study.yaml'));
 *     // the bootstrap on 4 threads (the same results; the worker threads never keep the process alive)
 *     const faster = evaluate(loadStudy('study.yaml'), { threads: 4 });
 */
export { loadStudy, type Study, type StudyModel, type CaseData } from './load/loadStudy.js';
export { InputError } from './load/errors.js';
export { studySchema, type StudyFile } from './load/studySchema.js';
export { evaluate, type EvaluateOptions } from './evaluate/evaluate.js';
export { startBootstrapWorkers, stopBootstrapWorkers } from './evaluate/bootstrapThreads.js';
export type * from './results/results.js';
export {
  METHODS,
  METHOD_IDS,
  methodName,
  methodShortName,
  type MethodId,
  type MethodEntry,
} from './results/methods.js';
export { RESULTS_SCHEMA, resultsSchema } from './results/results.js';
export { resultsJson } from './output/resultsJson.js';
export { VERSION } from './version.js';
