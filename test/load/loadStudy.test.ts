// Bad input gets one line naming the file and line/column or key path, and what to do.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/load/errors.js';
import { loadStudy } from '../../src/load/loadStudy.js';
import { BASIC_CSV, BASIC_STUDY, studyFolder } from '../helpers/fixtures.js';

function errorOf(files: Record<string, string>): InputError {
  const dir = studyFolder(files);
  try {
    loadStudy(path.join(dir, 'study.yaml'));
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).not.toContain('\n');
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('loadStudy', () => {
  it('reads a valid study with defaults filled in', () => {
    const dir = studyFolder({ 'study.yaml': BASIC_STUDY, 'data.csv': BASIC_CSV });
    const study = loadStudy(path.join(dir, 'study.yaml'));
    expect(study.models.map((m) => m.id)).toEqual(['a', 'b']);
    expect(Array.from(study.data.labels)).toEqual([1, 1, 1, 0, 0, 0, 1, 0]);
    expect(study.settings.intervals.level).toBe(0.95);
    expect(study.settings.tests.mcnemar).toBe('exact');
    expect(study.negativeLabel).toBe('0');
  });

  it('reads JSON study files, semicolon CSV, BOM, CRLF and quoted fields', () => {
    const csv = '\uFEFFcase_id;y;a;b\r\n"c;1";1;0.9;0.1\r\nc2;0;0.2;0.5\r\nc3;1;0.7;0.4\r\nc4;0;0.1;0.3\r\n';
    const json = JSON.stringify({
      title: 't',
      data: 'data.csv',
      id: 'case_id',
      outcome: { column: 'y', positive: 1 },
      models: [{ id: 'a', score: 'a' }],
    });
    const dir = studyFolder({ 'study.yaml': json, 'data.csv': csv });
    const study = loadStudy(path.join(dir, 'study.yaml'));
    expect(study.data.ids).toEqual(['c;1', 'c2', 'c3', 'c4']);
    expect(Array.from(study.data.scores[0] as Float64Array)).toEqual([0.9, 0.2, 0.7, 0.1]);
  });

  it('suggests the closest key for an unknown key, with its line', () => {
    const error = errorOf({
      'study.yaml': BASIC_STUDY.replace('operatingPoints:', 'operatingPoint:'),
      'data.csv': BASIC_CSV,
    });
    expect(error.message).toMatch(
      /study\.yaml:8:1: operatingPoint: unknown key "operatingPoint" \(did you mean operatingPoints\?\)/,
    );
  });

  it('names the key path of an out-of-range value', () => {
    const error = errorOf({
      'study.yaml': BASIC_STUDY.replace('{ id: youden, youden: true }', '{ id: hs, minSensitivity: 1.5 }'),
      'data.csv': BASIC_CSV,
    });
    expect(error.message).toContain('operatingPoints[0].minSensitivity: expected a value <= 1');
    expect(error.location.line).toBe(9);
  });

  it('reports a YAML syntax error with line and column', () => {
    const error = errorOf({ 'study.yaml': 'title: [unclosed\ndata: x.csv\n', 'data.csv': BASIC_CSV });
    expect(error.message).toMatch(/study\.yaml:\d+:\d+: not valid YAML\/JSON/);
  });

  it('names a missing score column and suggests the closest', () => {
    const error = errorOf({
      'study.yaml': BASIC_STUDY.replace('score: b }', 'score: bb }'),
      'data.csv': BASIC_CSV,
    });
    expect(error.message).toContain('models[1].score: column "bb" is not in data.csv (did you mean "b"?)');
  });

  it('rejects a third outcome value with its line', () => {
    const error = errorOf({ 'study.yaml': BASIC_STUDY, 'data.csv': BASIC_CSV.replace('c5,0,', 'c5,2,') });
    expect(error.message).toMatch(/data\.csv:6:2: outcome column "y" has a third value "2"/);
  });

  it('rejects a missing score unless missing: drop', () => {
    const csv = BASIC_CSV.replace('c4,0,0.3,0.2', 'c4,0,,0.2');
    expect(errorOf({ 'study.yaml': BASIC_STUDY, 'data.csv': csv }).message).toMatch(
      /data\.csv:5:3: missing score in column "a" \(set "missing: drop"/,
    );
    const dir = studyFolder({ 'study.yaml': `${BASIC_STUDY}missing: drop\n`, 'data.csv': csv });
    const study = loadStudy(path.join(dir, 'study.yaml'));
    expect(study.data.dropped).toBe(1);
    expect(study.data.labels.length).toBe(7);
  });

  it('rejects non-finite scores, duplicate ids and ragged rows', () => {
    expect(
      errorOf({ 'study.yaml': BASIC_STUDY, 'data.csv': BASIC_CSV.replace('0.35', 'Infinity') }).message,
    ).toMatch(/data\.csv:4:3: score "Infinity" in column "a" is not a finite number/);
    expect(
      errorOf({ 'study.yaml': BASIC_STUDY, 'data.csv': BASIC_CSV.replace('c6,', 'c2,') }).message,
    ).toMatch(/data\.csv:7:1: duplicate case id "c2" \(first on line 3\)/);
    expect(
      errorOf({ 'study.yaml': BASIC_STUDY, 'data.csv': BASIC_CSV.replace('c7,1,0.7,0.9', 'c7,1,0.7') })
        .message,
    ).toMatch(/data\.csv:8: row has 3 fields but the header has 4/);
  });

  it('requires the positive value to occur', () => {
    const error = errorOf({
      'study.yaml': BASIC_STUDY.replace('positive: 1', 'positive: yes'),
      'data.csv': BASIC_CSV,
    });
    expect(error.message).toContain('outcome.positive: no case in data.csv has outcome "yes"');
  });

  it('rejects unknown models in comparisons', () => {
    const error = errorOf({ 'study.yaml': `${BASIC_STUDY}comparisons: [[a, c]]\n`, 'data.csv': BASIC_CSV });
    expect(error.message).toContain('comparisons[0][1]: unknown model "c"');
  });

  it('requires exactly one rule per operating point', () => {
    const error = errorOf({
      'study.yaml': BASIC_STUDY.replace(
        '{ id: youden, youden: true }',
        '{ id: x, youden: true, threshold: 0.5 }',
      ),
      'data.csv': BASIC_CSV,
    });
    expect(error.message).toContain('operatingPoints[0]: give exactly one rule, not youden and threshold');
  });

  it('says when the data file is missing', () => {
    const error = errorOf({ 'study.yaml': BASIC_STUDY.replace('data.csv', 'nope.csv') });
    expect(error.message).toMatch(/study\.yaml:2:7: data: cannot read .*nope\.csv: file not found/);
  });

  it('refuses an outcome spelled two ways for the positive class', () => {
    const error = errorOf({ 'study.yaml': BASIC_STUDY, 'data.csv': BASIC_CSV.replace(/,0,/g, ',1.0,') });
    expect(error.message).toContain('outcome.positive: 1 matches both "1" and "1.0"');
  });

  it('refuses a score column that is the outcome, empty ids and clusters, repeated pairs', () => {
    expect(
      errorOf({ 'study.yaml': BASIC_STUDY.replace('score: b }', 'score: y }'), 'data.csv': BASIC_CSV })
        .message,
    ).toContain('models[1].score: the score column cannot be the outcome column "y"');
    expect(errorOf({ 'study.yaml': BASIC_STUDY, 'data.csv': BASIC_CSV.replace('c3,', ',') }).message).toMatch(
      /data\.csv:4:1: missing case id/,
    );
    const clustered = BASIC_CSV.split('\n')
      .map((line, i) => `${line},${i === 0 ? 'patient' : i === 3 ? '' : `p${i}`}`)
      .join('\n');
    expect(
      errorOf({ 'study.yaml': `${BASIC_STUDY}cluster: patient\n`, 'data.csv': clustered }).message,
    ).toMatch(/data\.csv:4:5: missing cluster in column "patient"/);
    expect(
      errorOf({ 'study.yaml': `${BASIC_STUDY}comparisons: [[a, b], [b, a]]\n`, 'data.csv': BASIC_CSV })
        .message,
    ).toContain('comparisons[1]: the pair b, a is already compared in comparisons[0]');
  });

  it('refuses scores outside [0, 1] declared as probabilities', () => {
    const error = errorOf({
      'study.yaml': BASIC_STUDY.replace('score: a }', 'score: a, scores: probability }'),
      'data.csv': BASIC_CSV.replace('c2,1,0.8', 'c2,1,1.8'),
    });
    expect(error.message).toMatch(
      /data\.csv:3:3: score "1\.8" in column "a" is outside \[0, 1\], but the study says scores: probability/,
    );
  });

  it('bounds the decision-curve grid', () => {
    const error = errorOf({
      'study.yaml': `${BASIC_STUDY}decisionCurve: { by: 0.0000001 }\n`,
      'data.csv': BASIC_CSV,
    });
    expect(error.message).toContain('decisionCurve');
  });
});
