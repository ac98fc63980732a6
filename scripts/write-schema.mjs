// Writes schema/study.schema.json (JSON Schema for editors) from the study file's zod schema.
import { mkdirSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { studySchema } from '../dist/load/studySchema.js';

const schema = z.toJSONSchema(studySchema, { io: 'input', unrepresentable: 'any' });
schema.title = 'dxreport study file';
mkdirSync(new URL('../schema/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('../schema/study.schema.json', import.meta.url),
  `${JSON.stringify(schema, null, 2)}\n`,
);
