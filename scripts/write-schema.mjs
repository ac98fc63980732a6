// Writes the JSON Schemas in schema/ from the zod schemas they describe:
// study.schema.json (the study file, for editors) and results.schema.json (results.json).
import { mkdirSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { studySchema } from '../dist/load/studySchema.js';
import { NULL_WHEN_NOT_FINITE, RESULTS_SCHEMA, resultsSchema } from '../dist/results/results.js';

const write = (name, schema) => {
  mkdirSync(new URL('../schema/', import.meta.url), { recursive: true });
  writeFileSync(new URL(`../schema/${name}`, import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
};

const study = z.toJSONSchema(studySchema, { io: 'input', unrepresentable: 'any' });
study.title = 'dxreport study file';
write('study.schema.json', study);

// results.json writes a number that is not finite as null: such numbers may be null there
const results = z.toJSONSchema(resultsSchema, {
  io: 'output',
  reused: 'ref',
  override: ({ jsonSchema }) => {
    if (jsonSchema[NULL_WHEN_NOT_FINITE] === true) {
      delete jsonSchema[NULL_WHEN_NOT_FINITE];
      jsonSchema.type = ['number', 'null'];
    }
  },
});
results.title = `dxreport results (${RESULTS_SCHEMA})`;
write('results.schema.json', results);
