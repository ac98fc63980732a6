/** The results of an evaluation: their types and JSON Schema, and the registry of methods. */
export * from './results.js';
export * from './methods.js';
export * from './references.js';
