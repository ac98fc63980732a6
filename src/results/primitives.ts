/**
 * The building blocks of the result schemas, shared by results.ts and readerStudy.ts (a file
 * of their own so that neither imports the other): a measured number, a count, a method id
 * and the one interval shape.
 */
import { z } from 'zod';
import { METHOD_IDS } from './methods.js';

/**
 * A measured number. results.json writes a number that is not finite (±Infinity, NaN) as
 * null, so its JSON Schema allows null (see scripts/write-schema.mjs).
 */
export const NULL_WHEN_NOT_FINITE = 'nullWhenNotFinite';
export const real = z.number().meta({ id: 'Real', [NULL_WHEN_NOT_FINITE]: true });
/** A number that may be undefined (null), or not finite. */
export const maybe = real.nullable();
export const count = z.number();

export const methodId = z.enum(METHOD_IDS).meta({ id: 'MethodId' });

export const intervalSchema = z
  .object({
    lower: real,
    upper: real,
    level: z.number(),
    method: z.string(),
    methodId,
  })
  .meta({ id: 'Interval' });
/** A confidence interval. */
export type Interval = z.infer<typeof intervalSchema>;
