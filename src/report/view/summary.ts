/**
 * The one-page summary a clinician reads first: the design (test set, models, operating points
 * and where their thresholds came from), the primary result (AUCs and the primary comparison,
 * the first in the study file) and what each operating point means for 1,000 patients, at the
 * study's prevalence and at `targetPrevalence` when the study sets one. The counts come from
 * `perThousand` (a pure, tested function); this file only puts them in words and cells.
 */
import type { ModelResult, OperatingPointResult, Results } from '../../results/results.js';
import {
  MISSING,
  formatInteger,
  formatAuc,
  formatInterval,
  formatLevel,
  formatProportion,
  formatSigned,
  type NumberStyle,
} from '../../format/numbers.js';
import { joinWords } from '../../format/words.js';
import { modelById, operatingPointIds, pointOf } from '../lookup.js';
import { countWord } from '../methods.js';
import { PAGE_PARTS } from '../structure.js';
import { differencePhrase, shownDifference } from '../wording/difference.js';
import { readerStudyKeyResults } from '../wording/readerStudy.js';
import { perThousand, type CountRange, type PerThousand } from '../wording/perThousand.js';
import { ruleText } from '../wording/operatingPointRule.js';
import { aucEstimatesSentence } from './keyResults.js';
import type { CompactCellView, CompactTableView, SummaryView } from './types.js';

const PERCENT: NumberStyle = { proportions: 'percent', decimals: 1 };

function percent(x: number): string {
  return formatProportion(x, PERCENT).replace(/\.0%$/, '%');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function thresholdsSentence(results: Results, points: OperatingPointResult[]): string {
  const sources = new Set(results.models.flatMap((m) => m.operatingPoints.map((p) => p.thresholdSource)));
  const v = results.validation?.sample;
  const chosen: string[] = [];
  if (sources.has('validation'))
    chosen.push(
      `chosen for each model on a separate validation set${v ? ` (${formatInteger(v.n)} cases, ${formatInteger(v.positives)} positive)` : ''} and applied unchanged to the test set`,
    );
  if (sources.has('test'))
    chosen.push(
      'chosen on the test set itself, so accuracy at such thresholds is optimistic (it tends to be lower in new patients)',
    );
  const fixed = points.filter((p) => p.thresholdSource === 'fixed').map((p) => ruleText(p));
  const clauses: string[] = [];
  if (fixed.length > 0)
    clauses.push(`${joinWords(fixed)} ${fixed.length === 1 ? 'was' : 'were'} fixed in advance`);
  if (chosen.length > 0)
    clauses.push(
      results.models.length * (points.length - fixed.length) === 1
        ? `${fixed.length > 0 ? 'the other threshold' : 'the threshold'} was ${joinWords(chosen)}`
        : `${fixed.length > 0 ? 'the other thresholds' : 'the thresholds'} were ${joinWords(chosen)}`,
    );
  return `${points.length === 1 ? 'One operating point was' : `${capitalise(countWord(points.length))} operating points were`} prespecified (${joinWords(points.map((p) => ruleText(p)))}); ${clauses.join('; ')}.`;
}

function designParagraphs(results: Results): string[] {
  const s = results.sample;
  const names = results.models.map((m) => m.name);
  const first = results.models[0];
  const points = first ? first.operatingPoints : [];
  const sentences = [
    `The test set held ${formatInteger(s.n)} cases: ${formatInteger(s.positives)} positive and ${formatInteger(s.negatives)} negative by the reference standard (prevalence ${percent(s.prevalence)}).`,
    names.length === 1
      ? `One model was evaluated: ${names[0]}.`
      : `${capitalise(countWord(names.length))} models were evaluated on the same cases: ${joinWords(names)}.`,
  ];
  if (points.length > 0) sentences.push(thresholdsSentence(results, points));
  return [sentences.join(' ')];
}

function primaryParagraphs(results: Results): string[] {
  const sentences = [aucEstimatesSentence(results)];
  const primary = results.comparisons[0];
  if (primary) {
    const [a, b] = primary.models.map((id) => modelById(results, id)?.name ?? id) as [string, string];
    const phrase = differencePhrase({
      measure: 'AUC',
      nameA: a,
      nameB: b,
      d: shownDifference(primary.auc, results.settings.level),
      level: results.settings.level,
      formatDifference: (x) => formatSigned(x, 3),
      formatRange: (ci) => formatInterval(ci, formatAuc),
    });
    const label = results.comparisons.length > 1 ? `In the primary comparison (${a} vs. ${b}), ` : '';
    sentences.push(label ? `${label}${phrase}.` : `${phrase.charAt(0).toUpperCase()}${phrase.slice(1)}.`);
  }
  // in a reader study the primary result is the readers' change (its first sentence)
  const readers = readerStudyKeyResults(results)[0];
  if (readers) sentences.push(readers);
  return [sentences.join(' ')];
}

function cell(text: string, sub: string | null = null, className = 'num', span = 1): CompactCellView {
  return { text, sub, className, span };
}

function countCell(x: number | null, range: CountRange | null): CompactCellView {
  return cell(formatInteger(x), range ? `${formatInteger(range.lower)}–${formatInteger(range.upper)}` : null);
}

function countCells(counts: PerThousand): CompactCellView[] {
  return [
    countCell(counts.truePositives, counts.truePositivesCi),
    countCell(counts.falseNegatives, counts.falseNegativesCi),
    countCell(counts.falsePositives, counts.falsePositivesCi),
  ];
}

/** The counts of one model at one point, at each prevalence. */
export function countsAt(point: OperatingPointResult, prevalences: number[]): PerThousand[] {
  return prevalences.map((prevalence) =>
    perThousand({
      prevalence,
      sensitivity: point.sensitivity.estimate,
      specificity: point.specificity.estimate,
      sensitivityCi: point.sensitivity.ci,
      specificityCi: point.specificity.ci,
    }),
  );
}

function prevalenceHeading(prevalence: number, study: boolean): string {
  const positives = perThousand({ prevalence, sensitivity: null, specificity: null }).positives;
  return `${study ? 'At the study’s prevalence' : 'At a prevalence'} of ${percent(prevalence)} (${formatInteger(positives)} of 1,000 positive)`;
}

/** The per-1,000 table: one row per model at each operating point, three counts per prevalence. */
export function perThousandTable(results: Results): CompactTableView | null {
  const ids = operatingPointIds(results);
  if (ids.length === 0) return null;
  const target = results.settings.targetPrevalence;
  const prevalences = [results.sample.prevalence, ...(target !== undefined ? [target] : [])];
  const width = 1 + 3 * prevalences.length;
  const rows: CompactTableView['rows'] = [];
  for (const id of ids) {
    const first = results.models.map((m) => pointOf(m, id)).find((p) => p !== undefined);
    if (!first) continue;
    const heading = ruleText(first);
    rows.push({
      className: 'kr-group',
      cells: [cell(heading.charAt(0).toUpperCase() + heading.slice(1), null, 'text kr-point', width)],
    });
    for (const m of results.models as ModelResult[]) {
      const p = pointOf(m, id);
      rows.push({
        className: '',
        cells: [
          cell(m.name, null, 'text'),
          ...(p
            ? countsAt(p, prevalences).flatMap(countCells)
            : Array.from({ length: width - 1 }, () => cell(MISSING))),
        ],
      });
    }
  }
  const groupRow = [
    cell('', null, 'text'),
    ...prevalences.map((x, k) => cell(prevalenceHeading(x, k === 0), null, 'group', 3)),
  ];
  const labels = [
    cell('Operating point, model', null, 'text'),
    ...prevalences.flatMap(() => ['Detected', 'Missed', 'False positives'].map((t) => cell(t))),
  ];
  return {
    className: 'compact-table',
    caption: 'What the operating points mean for 1,000 patients',
    headRows: [groupRow, labels],
    rows,
    notes: [
      `Expected numbers among 1,000 patients at the study’s prevalence${target !== undefined ? ` and at the target prevalence the study specified (${percent(target)})` : ''}, from each model’s sensitivity and specificity on the test set; below each, the range from their ${formatLevel(results.settings.level)} CIs. Detected: positive patients called positive (true positives); missed: positive patients called negative (false negatives); false positives: negative patients called positive.`,
    ],
  };
}

/** The summary section. */
export function buildSummary(results: Results): SummaryView {
  return {
    ...PAGE_PARTS.summary,
    design: designParagraphs(results),
    primary: results.models.length > 0 ? primaryParagraphs(results) : [],
    perThousand: perThousandTable(results),
  };
}
