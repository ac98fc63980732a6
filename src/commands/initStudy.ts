/**
 * `dxreport init data.csv`: inspects a case table and writes a commented starter study file.
 * Guesses: the outcome is a two-valued column (preferring names like "label", "outcome",
 * "diagnosis"), its positive value chosen from a vocabulary of disease words against normal
 * words, and said to be a guess when the words do not decide; scores are numeric columns with
 * every present value in [0, 1] (missing values allowed: then `missing: drop`); the id is a
 * column whose values are all distinct and that looks like an identifier. Every column not
 * used is listed with the reason. Column names are written as quoted YAML strings and shown
 * escaped in comments, so no name can add a key to the study.
 */
import path from 'node:path';
import type { CsvTable } from '../load/csv.js';
import { InputError } from '../load/errors.js';
import { LIMITS } from '../load/limits.js';

const OUTCOME_NAMES =
  /^(y|label|labels|outcome|target|truth|gold|reference|diagnosis|disease|malignant|positive|class|status)$/i;
const ID_NAMES = /(^id$|_id$|^id_|identifier|^case|^patient|^image|^subject)/i;

/** The loader's missing-value tokens (src/load/loadStudy.ts, `missing: drop`). */
const MISSING = new Set(['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', '.']);

/** Words (whole tokens, lower case) naming the disease / the target condition. */
const DISEASE_WORDS = new Set([
  ...['1', 'yes', 'y', 'true', 't', 'positive', 'pos', '+', 'case', 'cases', 'disease', 'diseased'],
  ...['cancer', 'malignant', 'malignancy', 'abnormal', 'abnormality', 'present', 'tumour', 'tumor'],
  ...['lesion', 'fracture', 'pathologic', 'pathological', 'sick', 'ill', 'event', 'dead', 'death'],
  ...['died', 'deceased', 'affected', 'infected', 'detected', 'confirmed', 'carcinoma', 'melanoma'],
  ...['referable', 'poor', 'progression', 'recurrence', 'relapse'],
]);
/** Words naming its absence. */
const NORMAL_WORDS = new Set([
  ...['0', 'no', 'n', 'false', 'f', 'negative', 'neg', '-', 'control', 'controls', 'normal'],
  ...['benign', 'healthy', 'absent', 'none', 'alive', 'survived', 'unaffected', 'clear', 'good'],
  ...['nonreferable', 'non-referable'],
]);
const NEGATIONS = new Set(['no', 'not', 'non', 'without']);

export interface OutcomeGuess {
  column: string;
  positive: string;
  /** Set when the vocabulary did not decide: says what was guessed and how to change it. */
  unsure?: string;
}

export interface UnusedColumn {
  column: string;
  reason: string;
}

export interface StudyGuess {
  outcome: OutcomeGuess | null;
  id: string | null;
  scores: { column: string; missing: number }[];
  unused: UnusedColumn[];
}

/** Whether a value names the disease (+1), its absence (−1), or neither (0). */
export function outcomeWord(value: string): 1 | -1 | 0 {
  const lower = value.trim().toLowerCase();
  if (DISEASE_WORDS.has(lower)) return 1;
  if (NORMAL_WORDS.has(lower)) return -1;
  const tokens = lower.split(/[^\p{L}\p{N}+]+/u).filter((t) => t !== '');
  if (tokens.some((t) => NEGATIONS.has(t))) return -1;
  if (tokens.some((t) => NORMAL_WORDS.has(t))) return -1;
  if (tokens.some((t) => DISEASE_WORDS.has(t))) return 1;
  return 0;
}

/** The positive value of a two-valued outcome column, and whether the words decided it. */
export function choosePositive(values: readonly string[]): { positive: string; sure: boolean } {
  const sorted = [...values].sort();
  const [a, b] = sorted as [string, string];
  const [wa, wb] = [outcomeWord(a), outcomeWord(b)];
  if (wa === 1 && wb !== 1) return { positive: a, sure: true };
  if (wb === 1 && wa !== 1) return { positive: b, sure: true };
  if (wa === -1 && wb === 0) return { positive: b, sure: true };
  if (wb === -1 && wa === 0) return { positive: a, sure: true };
  return { positive: b, sure: false };
}

function guessOutcome(columns: { name: string; cells: string[] }[]): OutcomeGuess | null {
  const twoValued = columns.filter(
    (c) => new Set(c.cells).size === 2 && c.cells.every((v) => !MISSING.has(v)),
  );
  const column =
    twoValued.find((c) => OUTCOME_NAMES.test(c.name)) ??
    twoValued.find((c) => c.cells.every((v) => v === '0' || v === '1')) ??
    twoValued[0];
  if (!column) return null;
  const values = [...new Set(column.cells)];
  const { positive, sure } = choosePositive(values);
  if (sure) return { column: column.name, positive };
  const other = values.find((v) => v !== positive) as string;
  return {
    column: column.name,
    positive,
    unsure:
      `could not tell which value of ${quote(column.name)} is the disease: guessed ${quote(positive)}, ` +
      `not ${quote(other)}; if ${quote(other)} is, change "positive:" (a reversed outcome turns every AUC into 1 − AUC)`,
  };
}

/** A guess of the study's columns from the table. */
export function guessStudy(table: CsvTable): StudyGuess {
  const columns = table.header.map((name, index) => ({
    name,
    cells: table.rows.map((row) => row[index] ?? ''),
  }));
  const outcome = guessOutcome(columns);
  const distinct = (cells: string[]) => new Set(cells).size === cells.length;
  const idColumn =
    columns.find((c) => c.name !== outcome?.column && ID_NAMES.test(c.name) && distinct(c.cells)) ??
    columns.find(
      (c) =>
        c.name !== outcome?.column && distinct(c.cells) && c.cells.some((v) => !Number.isFinite(Number(v))),
    );
  const scores: StudyGuess['scores'] = [];
  const unused: UnusedColumn[] = [];
  for (const c of columns) {
    if (c.name === outcome?.column || c.name === idColumn?.name) continue;
    const present = c.cells.filter((v) => !MISSING.has(v));
    const missing = c.cells.length - present.length;
    const reason = scoreProblem(present);
    if (reason === null) scores.push({ column: c.name, missing });
    else unused.push({ column: c.name, reason });
  }
  return { outcome, id: idColumn?.name ?? null, scores, unused };
}

/** Why a column's present values are not a probability score, or null when they are. */
function scoreProblem(present: string[]): string | null {
  if (present.length === 0) return 'every value is missing';
  const bad = present.find((v) => !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v.trim()));
  if (bad !== undefined) return `not numeric (e.g. ${quote(bad.length > 30 ? `${bad.slice(0, 30)}…` : bad)})`;
  const numbers = present.map(Number);
  if (numbers.every((v) => v === 0 || v === 1)) return 'only 0 and 1: a yes/no call, not a score';
  if (new Set(numbers).size === 1) return 'the same value in every row';
  if (numbers.some((v) => v < 0 || v > 1)) {
    return 'numbers outside [0, 1]: to evaluate it as a score, add { id: …, score: …, scores: score }';
  }
  return null;
}

/**
 * A YAML double-quoted string (JSON's escapes are YAML's too), with every control, line or
 * paragraph separator and bidirectional character escaped, so it stays one visible line.
 */
export function quote(value: string): string {
  return JSON.stringify(value).replace(
    // eslint-disable-next-line no-control-regex -- control characters are what this escapes
    /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g,
    (c) => `\\u${(c.codePointAt(0) as number).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Study ids for the score columns: Latin letters with their accents removed, anything else
 * outside [A-Za-z0-9_.-] dropped; `model-<n>` when nothing is left; always distinct.
 */
export function modelIds(columns: readonly string[]): string[] {
  const used = new Set<string>();
  return columns.map((column, index) => {
    const base =
      column
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .replace(/[^A-Za-z0-9_.-]+/g, '_')
        .replace(/^[_.-]+|[_.-]+$/g, '')
        .slice(0, 40) || `model-${index + 1}`;
    let id = base;
    for (let k = 2; used.has(id.toLowerCase()); k++) id = `${base}-${k}`;
    used.add(id.toLowerCase());
    return id;
  });
}

export interface StarterStudy {
  text: string;
  /** What the user must hear on the console (a guessed outcome, dropped rows). */
  notices: string[];
}

function modelSection(guess: StudyGuess): string[] {
  if (guess.scores.length === 0) {
    return [
      '  # no column with every value in [0, 1] was found: name your score column(s) here',
      '  - { id: model, score: SCORE_COLUMN }',
    ];
  }
  const ids = modelIds(guess.scores.map((s) => s.column));
  return guess.scores.map(
    (s, k) => `  - { id: ${ids[k]}, name: ${quote(s.column)}, score: ${quote(s.column)} }`,
  );
}

/** The starter study file, every setting at its default with a comment saying what it does. */
export function starterStudyWithNotices(table: CsvTable, dataPath: string): StarterStudy {
  if (table.header.length > LIMITS.columns) {
    throw new InputError(
      { file: table.file, line: 1 },
      `${table.header.length} columns, more than the ${LIMITS.columns} dxreport init inspects: keep the id, outcome and score columns`,
    );
  }
  const guess = guessStudy(table);
  const notices: string[] = [];
  const title = path.basename(dataPath).replace(/\.[^.]+$/, '');
  const unused = guess.unused.map((u) => `#   ${quote(u.column)}: ${u.reason}`);
  const withMissing = guess.scores.filter((s) => s.missing > 0);
  const missingNote = withMissing.map((s) => `${quote(s.column)} ${s.missing}`).join(', ');
  if (withMissing.length > 0) {
    notices.push(`score columns with missing values (rows dropped by "missing: drop"): ${missingNote}`);
  }
  const outcome = guess.outcome
    ? `outcome: { column: ${quote(guess.outcome.column)}, positive: ${quote(guess.outcome.positive)} }   # the reference standard and its positive (disease) value`
    : 'outcome: { column: OUTCOME_COLUMN, positive: 1 }   # no two-valued column was found: name the reference standard';
  if (guess.outcome?.unsure) notices.push(`CHECK the outcome: ${guess.outcome.unsure}`);
  const text = [
    '# dxreport study file — generated by `dxreport init`; check every guess, then run',
    `#   dxreport report ${'<this file>'} --out results`,
    '# Reference: README.md "Study file". Keys left out take the defaults shown here.',
    `title: ${quote(`${title} — diagnostic accuracy`)}`,
    `data: ${quote(dataPath)}              # one row per case, relative to this file`,
    guess.id
      ? `id: ${quote(guess.id)}                       # case identifiers (checked for duplicates)`
      : '# id: case_id                  # optional column of case identifiers',
    ...(guess.outcome?.unsure ? [`# CHECK: ${guess.outcome.unsure}`] : []),
    outcome,
    'models:                          # one entry per score column (higher = more likely positive)',
    ...modelSection(guess),
    ...(unused.length > 0 ? ['# columns not used:', ...unused] : []),
    'comparisons: all                 # every pair of models; or [[a, b]]; differences are a − b',
    'operatingPoints:                 # thresholds at which sensitivity, specificity, PPV, NPV are reported',
    '  - { id: high-sensitivity, minSensitivity: 0.90 }   # highest threshold with sensitivity ≥ 0.90',
    '  - { id: high-specificity, minSpecificity: 0.90 }   # lowest threshold with specificity ≥ 0.90',
    '  - { id: youden, youden: true }                     # maximises sensitivity + specificity − 1',
    '  # - { id: prespecified, threshold: 0.5 }           # a threshold fixed in advance',
    'intervals:',
    '  level: 0.95                    # confidence level of every interval',
    '  proportion: wilson             # wilson | clopper-pearson | jeffreys',
    '  auc: delong                    # delong | delong-logit',
    '  pairedDifference: newcombe     # newcombe | tango (paired sensitivity/specificity differences)',
    'tests:',
    '  mcnemar: exact                 # exact | midp | chisq | chisq-cc',
    'bootstrap:',
    '  replicates: 2000               # 0 turns the bootstrap off (no PPV/NPV comparison intervals)',
    '  seed: 1                        # same data + seed → identical results',
    '  stratified: true               # resample positives and negatives separately',
    '  interval: percentile           # percentile | bca',
    'decisionCurve: { from: 0.01, to: 0.99, by: 0.01 }   # threshold probabilities for net benefit',
    '# targetPrevalence: 0.05         # restate PPV, NPV and net benefit at the clinical prevalence',
    withMissing.length > 0
      ? `missing: drop                    # rows with a missing score are dropped; missing values: ${missingNote}`
      : 'missing: error                   # error | drop (rows with a missing score)',
    '',
  ].join('\n');
  return { text, notices };
}

/** The starter study file's text (see `starterStudyWithNotices` for what to tell the user). */
export function starterStudy(table: CsvTable, dataPath: string): string {
  return starterStudyWithNotices(table, dataPath).text;
}
