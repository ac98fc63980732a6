// results.json against its JSON Schema (schema/results.schema.json, generated from the zod
// schemas of src/results/results.ts by `npm run build`): the committed example, and fresh
// results of the clustered and aSAH fixtures (BCa, re-chosen thresholds, subgroups), and the
// reader-study example (results.readerStudy).
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { evaluate, loadStudy, resultsJson } from '../../src/index.js';

const schema = JSON.parse(readFileSync('schema/results.schema.json', 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const errorsOf = (json: string) => {
  validate(JSON.parse(json));
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
};

describe('results.schema.json', () => {
  it('accepts the committed example results.json', () => {
    expect(errorsOf(readFileSync('reports/example/results.json', 'utf8'))).toEqual([]);
  });

  it('accepts the committed reader-study example results.json (results.readerStudy)', () => {
    const json = readFileSync('reports/reader-study/results.json', 'utf8');
    expect((JSON.parse(json) as { readerStudy?: unknown }).readerStudy).toBeDefined();
    expect(errorsOf(json)).toEqual([]);
  });

  it('rejects a reader-study interval without its method id', () => {
    const results = JSON.parse(readFileSync('reports/reader-study/results.json', 'utf8')) as {
      readerStudy: { auc: { comparisons: { randomReaders: { ci: Record<string, unknown> } }[] } };
    };
    delete results.readerStudy.auc.comparisons[0]?.randomReaders.ci.methodId;
    expect(validate(results)).toBe(false);
  });

  it('accepts fresh results with clusters, BCa, re-chosen thresholds and subgroups', () => {
    for (const file of ['test/fixtures/clustered/study.yaml', 'test/fixtures/asah/study.yaml']) {
      const study = loadStudy(file);
      study.settings.bootstrap.replicates = 200;
      study.settings.bootstrap.interval = 'bca';
      study.settings.bootstrap.rederiveThresholds = true;
      expect(errorsOf(resultsJson(evaluate(study)))).toEqual([]);
    }
  });

  it('rejects an interval without its method id, and an unknown method id', () => {
    const results = JSON.parse(readFileSync('reports/example/results.json', 'utf8')) as {
      models: { auc: { ci: Record<string, unknown> } }[];
    };
    const ci = results.models[0]?.auc.ci as Record<string, unknown>;
    ci.methodId = 'made-up';
    expect(validate(results)).toBe(false);
    delete ci.methodId;
    expect(validate(results)).toBe(false);
  });
});
