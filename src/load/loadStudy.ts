/**
 * load: study file + case table → a validated `Study`. The only stage that reads input files.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import type { CaseData, LoadWarning } from './caseData.js';
import { textTable, type TableSource } from './caseTable.js';
import { quoteValue } from './cellText.js';
import { parseCsv, type CsvTable } from './csv.js';
import { closest } from './errors.js';
import { decodeText } from './encoding.js';
import { checkStudyLimits, checkSubgroupValues } from './limits.js';
import { openTable } from './openTable.js';
import { columnIndex, readCases, type CaseColumns } from './readCases.js';
import { DEFAULT_MAX_INPUT_BYTES, MAX_STUDY_FILE_BYTES, readRegularFile } from './readInput.js';
import { StudyDocument, type PathSegment } from './studyDocument.js';
import { readYoloScores } from './yolo.js';
import { readReaderStudy, type ReaderStudyData } from './readerStudy.js';
import { studySchema, type StudyFile } from './studySchema.js';

export type { CaseData, LoadWarning } from './caseData.js';
export { StudyDocument } from './studyDocument.js';

export interface StudyModel {
  id: string;
  name: string;
  scoreColumn: string;
  /** How evaluate treats the scores (`scores: percent` arrives here as probability, ÷ 100). */
  scores?: 'probability' | 'score';
}

export interface Study {
  title: string;
  studyFile: string;
  /** SHA-256 (hex) of the study file's bytes, for the reproducibility record. */
  studySha256?: string;
  settings: StudyFile;
  models: StudyModel[];
  positiveLabel: string;
  negativeLabel: string;
  data: CaseData;
  /** The set data-driven thresholds are chosen on, when `thresholdsFrom` is set. */
  validation: CaseData | null;
  /** What loading noticed and the user should hear (decimal commas, an encoding detected). */
  warnings?: LoadWarning[];
  /** The reads of a reader study, when the study file has `readerStudy`. */
  readerStudy: ReaderStudyData | null;
}

export interface LoadOptions {
  /** Largest data file read, in bytes (default 1 GiB; the CLI's --max-input-size). */
  maxInputBytes?: number;
}

/** Allowed keys of the object schema at `segments`, for "did you mean" suggestions. */
function keysAt(schema: z.ZodType, segments: readonly PropertyKey[]): string[] {
  let current: unknown = schema;
  const unwrap = (s: unknown): unknown => {
    for (let i = 0; i < 10; i++) {
      const def = (s as { def?: { type?: string; innerType?: unknown; in?: unknown } }).def;
      if (!def) return s;
      if (
        def.type === 'optional' ||
        def.type === 'default' ||
        def.type === 'prefault' ||
        def.type === 'nullable'
      )
        s = def.innerType;
      else if (def.type === 'pipe') s = def.in;
      else return s;
    }
    return s;
  };
  current = unwrap(current);
  for (const segment of segments) {
    if (current instanceof z.ZodArray) current = unwrap(current.element);
    else if (current instanceof z.ZodObject && typeof segment === 'string')
      current = unwrap((current.shape as Record<string, unknown>)[segment]);
    else return [];
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

const EXPECTED_NAMES: Record<string, string> = {
  int: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
};

/** A value from the study file as a message shows it. */
function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'an empty value';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${quoteValue(value)}`;
  return quoteValue(String(value)).slice(1, -1) === String(value) ? String(value) : quoteValue(String(value));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED_NAMES[issue.expected] ?? issue.expected;
      return issue.input === undefined
        ? `expected ${expected} (the key is required)`
        : `expected ${expected}, not ${describeValue(issue.input)}`;
    }
    case 'too_small':
      return `expected ${issue.origin === 'array' ? 'at least ' + String(issue.minimum) + ' entries' : 'a value ' + (issue.inclusive ? '>= ' : '> ') + String(issue.minimum)}`;
    case 'too_big':
      return `expected ${issue.origin === 'array' ? 'at most ' + String(issue.maximum) + ' entries' : 'a value ' + (issue.inclusive ? '<= ' : '< ') + String(issue.maximum)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return 'not one of the accepted forms';
    default:
      return issue.message;
  }
}

function validate(doc: StudyDocument, raw: unknown): StudyFile {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw doc.error([], 'expected a mapping of study settings (title, data, outcome, models, …)');
  }
  const parsed = studySchema.safeParse(raw, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0] as z.core.$ZodIssue;
  const segments = issue.path.filter((s): s is PathSegment => typeof s !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] as string;
    const suggestion = closest(key, keysAt(studySchema, segments));
    throw doc.error(
      segments,
      `unknown key ${quoteValue(key)}${suggestion ? ` (did you mean ${suggestion}?)` : ''}; allowed: ${keysAt(studySchema, segments).join(', ')}`,
      key,
    );
  }
  throw doc.error(segments, describeIssue(issue));
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}

interface TableInput {
  source: TableSource;
  bytes: Uint8Array;
  file: string;
}

function readDataFile(file: string, doc: StudyDocument, key: PathSegment[], options: LoadOptions): Buffer {
  const base = doc.error(key, '');
  return readRegularFile(file, {
    location: base.location,
    what: 'data file',
    shownPath: displayPath(file),
    maxBytes: options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES,
    raiseWith: '--max-input-size',
  });
}

/** The case table named by `data` (or `thresholdsFrom`): a file, or built from YOLO detection folders. */
function openCases(
  source: StudyFile['data'],
  baseDir: string,
  settings: StudyFile,
  doc: StudyDocument,
  dataKey: PathSegment[],
  context: { options: LoadOptions; warnings: LoadWarning[] },
): TableInput {
  if (typeof source === 'string') {
    const file = path.resolve(baseDir, source);
    const bytes = readDataFile(file, doc, dataKey, context.options);
    const table = openTable(bytes, {
      file: displayPath(file),
      ...(settings.decimal ? { decimal: settings.decimal } : {}),
      ...(settings.encoding ? { encoding: settings.encoding } : {}),
      keyPath: dataKey.join('.'),
      warnings: context.warnings,
    });
    return { source: table, bytes, file };
  }
  const { table, bytes, file } = readTable(source, baseDir, doc, dataKey, context.options);
  const columns = table.header.map((_, c) => table.rows.map((row) => row[c] as string));
  const built = textTable(table.file, table.header, columns, table.lines);
  return { source: { file: table.file, header: table.header, read: () => built }, bytes, file };
}

/** A case table from a CSV file, or built from YOLO detection folders, as strings. */
export function readTable(
  source: StudyFile['data'],
  baseDir: string,
  doc: StudyDocument,
  dataKey: PathSegment[],
  options: LoadOptions = {},
): { table: CsvTable; bytes: Buffer; file: string } {
  if (typeof source === 'string') {
    const file = path.resolve(baseDir, source);
    const bytes = readDataFile(file, doc, dataKey, options);
    return { table: parseCsv(bytes, displayPath(file)), bytes, file };
  }
  const yolo = source.yolo;
  const file = path.resolve(baseDir, yolo.labels);
  const bytes = readDataFile(file, doc, [...dataKey, 'yolo', 'labels'], options);
  const labels = parseCsv(bytes, displayPath(file));
  const idIndex = columnIndex(labels, yolo.id, doc, [...dataKey, 'yolo', 'id']);
  const ids = labels.rows.map((row) => row[idIndex] as string);
  const yoloOptions = { aggregate: yolo.aggregate, topK: yolo.topK, classes: yolo.classes };
  const columns = Object.entries(yolo.predictions).map(([name, folder]) => ({
    name,
    scores: readYoloScores(path.resolve(baseDir, folder), ids, yoloOptions),
  }));
  const table: CsvTable = {
    file: labels.file,
    header: [...labels.header, ...columns.map((c) => c.name)],
    rows: labels.rows.map((row, r) => [...row, ...columns.map((c) => String(c.scores[r] as number))]),
    lines: labels.lines,
  };
  return { table, bytes, file };
}

function caseColumns(settings: StudyFile, subgroups: string[]): CaseColumns {
  return {
    outcome: settings.outcome.column,
    ...(settings.id !== undefined ? { id: settings.id } : {}),
    scores: settings.models.map((m) => ({ column: m.score, scale: m.scores ?? settings.scores })),
    ...(settings.cluster !== undefined ? { cluster: settings.cluster } : {}),
    subgroups,
  };
}

/** Fixed thresholds are on the probability scale when scores are percentages (read ÷ 100). */
function checkPercentThresholds(settings: StudyFile, doc: StudyDocument): void {
  const percent = settings.models.some((m) => (m.scores ?? settings.scores) === 'percent');
  if (!percent) return;
  settings.operatingPoints.forEach((op, i) => {
    if (op.threshold !== undefined && op.threshold > 1) {
      throw doc.error(
        ['operatingPoints', i, 'threshold'],
        `scores: percent are read as probabilities (percent ÷ 100): write this threshold as a probability, e.g. 0.5 for 50 %`,
      );
    }
  });
}

/** Reads and validates a study file (YAML or JSON) and the case table it names. */
export function loadStudy(studyFile: string, options: LoadOptions = {}): Study {
  const studyPath = path.resolve(studyFile);
  const studyBytes = readRegularFile(studyPath, {
    location: { file: studyFile },
    what: 'study file',
    shownPath: studyFile,
    maxBytes: MAX_STUDY_FILE_BYTES,
  });
  const text = Buffer.from(decodeText(studyBytes, studyFile).bytes).toString('utf8');
  const doc = new StudyDocument(studyFile, text);
  const settings = validate(doc, doc.document.toJS());
  checkStudyLimits(settings, (segments, detail) => doc.error(segments, detail));

  const models: StudyModel[] = settings.models.map((m) => {
    const scale = m.scores ?? settings.scores;
    return {
      id: m.id,
      name: m.name ?? m.id,
      scoreColumn: m.score,
      ...(scale ? { scores: scale === 'percent' ? 'probability' : scale } : {}),
    };
  });
  const modelIds = new Set<string>();
  settings.models.forEach((m, i) => {
    if (modelIds.has(m.id)) throw doc.error(['models', i, 'id'], `model id "${m.id}" is used twice`);
    modelIds.add(m.id);
  });
  if (Array.isArray(settings.comparisons)) {
    settings.comparisons.forEach((pair, i) =>
      pair.forEach((id, j) => {
        if (!modelIds.has(id)) {
          const suggestion = closest(id, [...modelIds]);
          throw doc.error(
            ['comparisons', i, j],
            `unknown model ${quoteValue(id)}${suggestion ? ` (did you mean ${suggestion}?)` : ''}; models are ${[...modelIds].join(', ')}`,
          );
        }
        if (j === 1 && pair[0] === pair[1])
          throw doc.error(['comparisons', i], 'a model cannot be compared with itself');
        if (j === 1) {
          const earlier = (settings.comparisons as [string, string][])
            .slice(0, i)
            .findIndex(([a, b]) => (a === pair[0] && b === pair[1]) || (a === pair[1] && b === pair[0]));
          if (earlier >= 0) {
            throw doc.error(
              ['comparisons', i],
              `the pair ${pair[0]}, ${pair[1]} is already compared in comparisons[${earlier}]`,
            );
          }
        }
      }),
    );
  }
  const pointIds = new Set<string>();
  settings.operatingPoints.forEach((op, i) => {
    if (pointIds.has(op.id))
      throw doc.error(['operatingPoints', i, 'id'], `operating point id "${op.id}" is used twice`);
    pointIds.add(op.id);
  });

  if (settings.bootstrap.rederiveThresholds && settings.thresholdsFrom !== undefined) {
    throw doc.error(
      ['bootstrap', 'rederiveThresholds'],
      'cannot be combined with thresholdsFrom: thresholds chosen on the validation set are fixed for the test data',
    );
  }
  checkPercentThresholds(settings, doc);
  const baseDir = path.dirname(studyPath);
  const context = { options, warnings: [] as LoadWarning[] };
  const readSet = (source: StudyFile['data'], key: string, subgroups: string[]) => {
    const input = openCases(source, baseDir, settings, doc, [key], context);
    return readCases({
      source: input.source,
      absoluteFile: input.file,
      bytes: input.bytes,
      settings,
      columns: caseColumns(settings, subgroups),
      doc,
      dataKey: [key],
      warnings: context.warnings,
    });
  };
  const { data, negativeLabel } = readSet(settings.data, 'data', settings.subgroups);
  checkSubgroupValues(settings.subgroups, data.subgroupValues, (segments, detail) =>
    doc.error(segments, detail),
  );
  const positiveLabel = String(settings.outcome.positive);
  let validation: CaseData | null = null;
  if (settings.thresholdsFrom !== undefined)
    validation = readSet(settings.thresholdsFrom, 'thresholdsFrom', []).data;
  const readerStudy = settings.readerStudy
    ? readReaderStudy({
        settings: settings.readerStudy,
        baseDir,
        caseIds: data.ids,
        keyError: (key, detail) => doc.error(key.split('.'), detail),
        readFile: (file, key) => readDataFile(file, doc, key.split('.'), options),
      })
    : null;
  return {
    title: settings.title,
    studyFile: studyPath,
    studySha256: createHash('sha256').update(studyBytes).digest('hex'),
    settings,
    models,
    positiveLabel,
    negativeLabel,
    data,
    validation,
    readerStudy,
    warnings: context.warnings,
  };
}
