// Property test of the study schema (fast-check): any value at any key of a valid study, or
// any extra key, gives a study or one InputError line naming the study file, line and key
// path — never an exception of another kind, never a control character.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/load/errors.js';
import { loadStudy } from '../../src/load/loadStudy.js';
import { BASIC_CSV, studyFolder } from '../helpers/fixtures.js';

const VALID = {
  title: 'Test study',
  data: 'data.csv',
  id: 'case_id',
  outcome: { column: 'y', positive: 1 },
  models: [
    { id: 'a', score: 'a' },
    { id: 'b', score: 'b' },
  ],
  operatingPoints: [{ id: 'youden', youden: true }],
  bootstrap: { replicates: 0, seed: 1 },
};

const PATHS = [
  ['title'],
  ['data'],
  ['id'],
  ['outcome', 'column'],
  ['outcome', 'positive'],
  ['models', 0, 'score'],
  ['models', 1, 'scores'],
  ['operatingPoints', 0, 'minSensitivity'],
  ['bootstrap', 'replicates'],
  ['bootstrap', 'seed'],
  ['intervals', 'level'],
  ['decisionCurve', 'by'],
  ['missing'],
  ['scores'],
  ['decimal'],
  ['encoding'],
  ['subgroups'],
  ['comparisons'],
  ['calibration', 'bins'],
] as const;

function setAt(target: Record<string, unknown>, keys: readonly (string | number)[], value: unknown): void {
  let node = target as Record<string | number, unknown>;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= typeof key === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
  node[keys[keys.length - 1] as string | number] = value;
}

describe('study schema properties', () => {
  it('any value at any key: a study, or one line naming the file and the key', () => {
    const dir = studyFolder({ 'data.csv': BASIC_CSV });
    const file = path.join(dir, 'study.yaml');
    fc.assert(
      fc.property(
        fc.constantFrom(...PATHS),
        fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ unit: 'binary', maxLength: 80 }), fc.double()),
        fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }),
        (keys, value, extraKey) => {
          const study = structuredClone(VALID) as Record<string, unknown>;
          setAt(study, keys, value);
          if (extraKey !== undefined && !(extraKey in study)) study[extraKey] = 1;
          writeFileSync(file, JSON.stringify(study));
          try {
            loadStudy(file);
          } catch (error) {
            expect(error).toBeInstanceOf(InputError);
            const message = (error as Error).message;
            expect(message).not.toContain('\n');
            expect(message.startsWith(`${file}:`)).toBe(true);
            // eslint-disable-next-line no-control-regex
            expect(message).not.toMatch(/[\u0000-\u001f\u007f]/);
            expect(
              (error as InputError).location.line ?? (error as InputError).location.keyPath,
            ).toBeDefined();
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
