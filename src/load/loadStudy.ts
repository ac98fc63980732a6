/**
 * load: study file + CSV → a validated `Study`. The only stage that reads input files.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, isMap, isScalar, type Document, type Node } from 'yaml';
import { z } from 'zod';
import { parseCsv, type CsvTable } from './csv.js';
import { closest, InputError } from './errors.js';
import { checkStudyLimits, checkSubgroupValues } from './limits.js';
import { readYoloScores } from './yolo.js';
import { studySchema, type StudyFile } from './studySchema.js';

export interface CaseData {
  file: string;
  sha256: string;
  /** Rows read from the file, before any were dropped. */
  rows: number;
  /** Rows dropped for a missing score (`missing: drop`). */
  dropped: number;
  /** 1 for a positive case, 0 for a negative one. */
  labels: Uint8Array;
  ids: string[] | null;
  /** One score array per model, in the study's model order. */
  scores: Float64Array[];
  /** Cluster index of each case (0 … clusters − 1, in sorted name order), when `cluster` is set. */
  clusters: Int32Array | null;
  /** Raw values of each subgroup column. */
  subgroupValues: Map<string, string[]>;
}

export interface StudyModel {
  id: string;
  name: string;
  scoreColumn: string;
  scores?: 'probability' | 'score';
}

export interface Study {
  title: string;
  studyFile: string;
  settings: StudyFile;
  models: StudyModel[];
  positiveLabel: string;
  negativeLabel: string;
  data: CaseData;
  /** The set data-driven thresholds are chosen on, when `thresholdsFrom` is set. */
  validation: CaseData | null;
}

const MISSING_TOKENS = new Set(['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', '.']);

type PathSegment = string | number;

function formatKeyPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out || '(top level)';
}

export class StudyDocument {
  readonly lineCounter = new LineCounter();
  readonly document: Document;

  constructor(
    readonly file: string,
    text: string,
  ) {
    this.document = parseDocument(text, {
      lineCounter: this.lineCounter,
      prettyErrors: false,
      uniqueKeys: true,
    });
    const first = this.document.errors[0];
    if (first) {
      const position = this.lineCounter.linePos(first.pos[0]);
      const detail = first.message.split('\n', 1)[0] ?? 'syntax error';
      throw new InputError(
        { file, line: position.line, column: position.col },
        `not valid YAML/JSON: ${detail}`,
      );
    }
  }

  /** Line/column of the node at `segments`, or of the nearest ancestor that exists. */
  position(segments: readonly PathSegment[], key?: string): { line?: number; column?: number } {
    for (let depth = segments.length; depth >= 0; depth--) {
      const node = this.document.getIn(segments.slice(0, depth), true) as Node | undefined;
      if (!node || !('range' in node) || !node.range) continue;
      let offset = node.range[0];
      if (key !== undefined && depth === segments.length && isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
        if (pair && isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
      }
      const { line, col } = this.lineCounter.linePos(offset);
      return { line, column: col };
    }
    return {};
  }

  error(segments: readonly PathSegment[], detail: string, key?: string): InputError {
    const keyPath = formatKeyPath(key === undefined ? segments : [...segments, key]);
    return new InputError({ file: this.file, ...this.position(segments, key), keyPath }, detail);
  }
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

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}${issue.input === undefined ? ' (the key is required)' : ''}`;
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
  const parsed = studySchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0] as z.core.$ZodIssue;
  const segments = issue.path.filter((s): s is PathSegment => typeof s !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] as string;
    const suggestion = closest(key, keysAt(studySchema, segments));
    throw doc.error(
      segments,
      `unknown key "${key}"${suggestion ? ` (did you mean ${suggestion}?)` : ''}; allowed: ${keysAt(studySchema, segments).join(', ')}`,
      key,
    );
  }
  throw doc.error(segments, describeIssue(issue));
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function readText(file: string, context: () => InputError): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const base = context();
    throw new InputError(
      base.location,
      `${base.detail}: ${code === 'ENOENT' ? 'file not found' : (error as Error).message}`,
    );
  }
}

function columnIndex(table: CsvTable, column: string, doc: StudyDocument, segments: PathSegment[]): number {
  const index = table.header.indexOf(column);
  if (index >= 0) return index;
  const suggestion = closest(column, table.header);
  throw doc.error(
    segments,
    `column "${column}" is not in ${path.basename(table.file)}` +
      (suggestion ? ` (did you mean "${suggestion}"?)` : '') +
      `; its columns are: ${table.header.join(', ')}`,
  );
}

function positiveMatches(cell: string, positive: string | number | boolean): boolean {
  if (typeof positive === 'number') return cell !== '' && Number(cell) === positive;
  if (typeof positive === 'boolean') return cell.toLowerCase() === String(positive);
  return cell === positive;
}

/** A case table from a CSV file, or built from YOLO detection folders. */
export function readTable(
  source: StudyFile['data'],
  baseDir: string,
  doc: StudyDocument,
  dataKey: PathSegment[],
): { table: CsvTable; bytes: Buffer; file: string } {
  if (typeof source === 'string') {
    const file = path.resolve(baseDir, source);
    const bytes = readText(file, () => doc.error(dataKey, `cannot read ${displayPath(file)}`));
    return { table: parseCsv(bytes.toString('utf8'), displayPath(file)), bytes, file };
  }
  const yolo = source.yolo;
  const file = path.resolve(baseDir, yolo.labels);
  const bytes = readText(file, () =>
    doc.error([...dataKey, 'yolo', 'labels'], `cannot read ${displayPath(file)}`),
  );
  const labels = parseCsv(bytes.toString('utf8'), displayPath(file));
  const idIndex = columnIndex(labels, yolo.id, doc, [...dataKey, 'yolo', 'id']);
  const ids = labels.rows.map((row) => row[idIndex] as string);
  const options = { aggregate: yolo.aggregate, topK: yolo.topK, classes: yolo.classes };
  const columns = Object.entries(yolo.predictions).map(([name, folder]) => ({
    name,
    scores: readYoloScores(path.resolve(baseDir, folder), ids, options),
  }));
  const table: CsvTable = {
    file: labels.file,
    header: [...labels.header, ...columns.map((c) => c.name)],
    rows: labels.rows.map((row, r) => [...row, ...columns.map((c) => String(c.scores[r] as number))]),
    lines: labels.lines,
  };
  return { table, bytes, file };
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}

function readCases(
  source: StudyFile['data'],
  baseDir: string,
  settings: StudyFile,
  models: StudyModel[],
  doc: StudyDocument,
  dataKey: PathSegment[],
): { data: CaseData; negativeLabel: string } {
  const { table, bytes, file: absolute } = readTable(source, baseDir, doc, dataKey);
  const file = table.file;
  const outcomeIndex = columnIndex(table, settings.outcome.column, doc, ['outcome', 'column']);
  const idIndex = settings.id === undefined ? -1 : columnIndex(table, settings.id, doc, ['id']);
  const scoreIndices = models.map((model, i) =>
    columnIndex(table, model.scoreColumn, doc, ['models', i, 'score']),
  );
  scoreIndices.forEach((index, i) => {
    if (index === outcomeIndex) {
      throw doc.error(
        ['models', i, 'score'],
        `the score column cannot be the outcome column "${settings.outcome.column}"`,
      );
    }
  });
  const clusterIndex =
    settings.cluster === undefined ? -1 : columnIndex(table, settings.cluster, doc, ['cluster']);
  const subgroupIndices = settings.subgroups.map((column, i) =>
    columnIndex(table, column, doc, ['subgroups', i]),
  );

  const outcomeValues = new Map<string, number>();
  const labels: number[] = [];
  const ids: string[] = [];
  const seenIds = new Map<string, number>();
  const scores: number[][] = models.map(() => []);
  const clusterNames: string[] = [];
  const subgroupValues = new Map<string, string[]>(settings.subgroups.map((c) => [c, []]));
  let dropped = 0;

  table.rows.forEach((row, r) => {
    const line = table.lines[r] as number;
    const outcomeCell = row[outcomeIndex] as string;
    if (outcomeCell === '' || MISSING_TOKENS.has(outcomeCell)) {
      throw new InputError(
        { file, line, column: outcomeIndex + 1 },
        `missing outcome in column "${settings.outcome.column}": every case needs a reference-standard result`,
      );
    }
    if (!outcomeValues.has(outcomeCell)) outcomeValues.set(outcomeCell, line);
    if (outcomeValues.size > 2) {
      throw new InputError(
        { file, line, column: outcomeIndex + 1 },
        `outcome column "${settings.outcome.column}" has a third value "${outcomeCell}" (after ${[
          ...outcomeValues.keys(),
        ]
          .slice(0, 2)
          .map((v) => `"${v}"`)
          .join(' and ')}): it must hold exactly two values`,
      );
    }
    const rowScores: number[] = [];
    let missing = false;
    for (let m = 0; m < models.length; m++) {
      const index = scoreIndices[m] as number;
      const cell = row[index] as string;
      if (MISSING_TOKENS.has(cell)) {
        if (settings.missing === 'drop') {
          missing = true;
          break;
        }
        throw new InputError(
          { file, line, column: index + 1 },
          `missing score in column "${(models[m] as StudyModel).scoreColumn}" (set "missing: drop" in the study file to drop such rows)`,
        );
      }
      const value = Number(cell);
      if (!Number.isFinite(value)) {
        throw new InputError(
          { file, line, column: index + 1 },
          `score "${cell}" in column "${(models[m] as StudyModel).scoreColumn}" is not a finite number`,
        );
      }
      const model = models[m] as StudyModel;
      if (model.scores === 'probability' && (value < 0 || value > 1)) {
        throw new InputError(
          { file, line, column: index + 1 },
          `score ${cell} in column "${model.scoreColumn}" is outside [0, 1], but the study says scores: probability ` +
            `(remove that setting, or set scores: score, to evaluate these as plain scores)`,
        );
      }
      rowScores.push(value);
    }
    if (missing) {
      dropped++;
      return;
    }
    if (idIndex >= 0) {
      const id = row[idIndex] as string;
      if (MISSING_TOKENS.has(id)) {
        throw new InputError(
          { file, line, column: idIndex + 1 },
          `missing case id in column "${settings.id}"`,
        );
      }
      const previous = seenIds.get(id);
      if (previous !== undefined) {
        throw new InputError(
          { file, line, column: idIndex + 1 },
          `duplicate case id "${id}" (first on line ${previous}); ids in column "${settings.id}" must be unique`,
        );
      }
      seenIds.set(id, line);
      ids.push(id);
    }
    labels.push(positiveMatches(outcomeCell, settings.outcome.positive) ? 1 : 0);
    rowScores.forEach((value, m) => (scores[m] as number[]).push(value));
    if (clusterIndex >= 0) {
      const cluster = row[clusterIndex] as string;
      if (MISSING_TOKENS.has(cluster)) {
        throw new InputError(
          { file, line, column: clusterIndex + 1 },
          `missing cluster in column "${settings.cluster}": every case needs its patient (or other cluster)`,
        );
      }
      clusterNames.push(cluster);
    }
    subgroupIndices.forEach((index, s) =>
      (subgroupValues.get(settings.subgroups[s] as string) as string[]).push(row[index] as string),
    );
  });

  const values = [...outcomeValues.keys()];
  const positiveValues = values.filter((v) => positiveMatches(v, settings.outcome.positive));
  if (positiveValues.length > 1) {
    throw doc.error(
      ['outcome', 'positive'],
      `${JSON.stringify(settings.outcome.positive)} matches both ${positiveValues.map((v) => `"${v}"`).join(' and ')} ` +
        `in column "${settings.outcome.column}" of ${path.basename(file)}: write the outcome with one spelling per class`,
    );
  }
  const positiveValue = positiveValues[0];
  if (positiveValue === undefined) {
    throw doc.error(
      ['outcome', 'positive'],
      `no case in ${path.basename(file)} has outcome ${JSON.stringify(settings.outcome.positive)}; ` +
        `column "${settings.outcome.column}" holds ${values.map((v) => `"${v}"`).join(' and ')}`,
    );
  }
  if (values.length < 2) {
    throw new InputError(
      { file },
      `outcome column "${settings.outcome.column}" holds only "${positiveValue}": a diagnostic study needs positive and negative cases`,
    );
  }
  const negativeLabel = values.find((v) => v !== positiveValue) as string;

  let clusters: Int32Array | null = null;
  if (clusterIndex >= 0) {
    // numbered in sorted name order, so that the numbering does not depend on the row order
    const names = [...new Set(clusterNames)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const indexOf = new Map(names.map((name, index) => [name, index]));
    clusters = Int32Array.from(clusterNames, (name) => indexOf.get(name) as number);
  }

  return {
    data: {
      file: absolute,
      sha256: sha256(bytes),
      rows: table.rows.length,
      dropped,
      labels: Uint8Array.from(labels),
      ids: idIndex >= 0 ? ids : null,
      scores: scores.map((s) => Float64Array.from(s)),
      clusters,
      subgroupValues,
    },
    negativeLabel,
  };
}

/** Reads and validates a study file (YAML or JSON) and the case table it names. */
export function loadStudy(studyFile: string): Study {
  const studyPath = path.resolve(studyFile);
  const text = readText(
    studyPath,
    () => new InputError({ file: studyFile }, 'cannot read the study file'),
  ).toString('utf8');
  const doc = new StudyDocument(studyFile, text);
  const settings = validate(doc, doc.document.toJS());
  checkStudyLimits(settings, (segments, detail) => doc.error(segments, detail));

  const models: StudyModel[] = settings.models.map((m) => ({
    id: m.id,
    name: m.name ?? m.id,
    scoreColumn: m.score,
    ...((m.scores ?? settings.scores) ? { scores: m.scores ?? settings.scores } : {}),
  }));
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
            `unknown model "${id}"${suggestion ? ` (did you mean ${suggestion}?)` : ''}; models are ${[...modelIds].join(', ')}`,
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
  const baseDir = path.dirname(studyPath);
  const { data, negativeLabel } = readCases(settings.data, baseDir, settings, models, doc, ['data']);
  checkSubgroupValues(settings.subgroups, data.subgroupValues, (segments, detail) =>
    doc.error(segments, detail),
  );
  const positiveLabel = String(settings.outcome.positive);
  let validation: CaseData | null = null;
  if (settings.thresholdsFrom !== undefined) {
    validation = readCases(settings.thresholdsFrom, baseDir, { ...settings, subgroups: [] }, models, doc, [
      'thresholdsFrom',
    ]).data;
  }
  return {
    title: settings.title,
    studyFile: studyPath,
    settings,
    models,
    positiveLabel,
    negativeLabel,
    data,
    validation,
  };
}
