/**
 * The key results: two to four sentences a reader can quote and one table with every
 * prespecified measure (see keyResultsTable). The words follow the confidence intervals
 * (see wording/difference): a difference is "higher" only when its interval excludes zero and
 * its p-value agrees, and otherwise "not statistically significant" with the interval given.
 */
import { readerStudyKeyResults } from '../wording/readerStudy.js';
import type { ModelResult, Results } from '../../results/results.js';
import {
  formatAuc,
  formatDifferenceInterval,
  formatInterval,
  formatLevel,
  formatP,
  formatProportionDifference,
  formatSigned,
  type NumberStyle,
} from '../../format/numbers.js';
import { joinWords } from '../../format/words.js';
import { modelById } from '../lookup.js';
import { countWord } from '../methods.js';
import { PAGE_PARTS } from '../structure.js';
import {
  MEASURE_WORDS,
  differencePhrase,
  favoured,
  shownDifference,
  shownPointDifference,
  type PointMeasure,
  type ShownDifference,
} from '../wording/difference.js';
import { atPointPhrase } from '../wording/operatingPointRule.js';
import { keyResultsTable } from './keyResultsTable.js';
import type { KeyResultGroup, KeyResultsView } from './types.js';

/** Spell out at most this many operating-point differences; beyond it, count them. */
const MAX_SPELLED_OUT = 8;

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function aucWithCi(m: ModelResult, level: string, first: boolean): string {
  return `${formatAuc(m.auc.estimate)} (${first ? `${level} CI ` : ''}${formatInterval(m.auc.ci, formatAuc)})`;
}

/** "AUC was 0.955 (95% CI 0.942–0.968) for A and 0.959 (0.947–0.971) for B." */
export function aucEstimatesSentence(results: Results): string {
  const level = formatLevel(results.settings.level);
  const [only] = results.models;
  if (results.models.length === 1 && only) return `${only.name} had AUC ${aucWithCi(only, level, true)}.`;
  return `AUC was ${joinWords(results.models.map((m, k) => `${aucWithCi(m, level, k === 0)} for ${m.name}`))}.`;
}

/** Each AUC comparison in words, one clause per comparison. */
export function aucComparisonSentence(results: Results): string | null {
  const level = results.settings.level;
  const clauses = results.comparisons.map((cmp) =>
    differencePhrase({
      measure: 'AUC',
      nameA: modelById(results, cmp.models[0])?.name ?? cmp.models[0],
      nameB: modelById(results, cmp.models[1])?.name ?? cmp.models[1],
      d: shownDifference(cmp.auc, level),
      level,
      formatDifference: (x) => formatSigned(x, 3),
      formatRange: (ci) => formatInterval(ci, formatAuc),
    }),
  );
  if (clauses.length === 0) return null;
  // consecutive "AUC was higher for X than for Y" clauses share their opening words
  const lead = 'AUC was higher for ';
  const parts: string[] = [];
  clauses.forEach((clause, k) => {
    const previous = clauses[k - 1];
    if (k > 0 && clause.startsWith(lead) && previous?.startsWith(lead)) {
      parts[parts.length - 1] += `, ${clause.slice('AUC was higher '.length)}`;
    } else parts.push(clause);
  });
  return `${capitalise(parts.join('; '))}.`;
}

interface Clear {
  pointId: string;
  at: string;
  winner: string;
  loser: string;
  text: string;
}

/** "specificity (+0.036, 95% CI 0.004–0.068; p = 0.037)": the favoured model's side. */
function clearItem(measure: PointMeasure, d: ShownDifference, level: number, style: NumberStyle): string {
  const f = favoured(d);
  const ci = f.ci ? `, ${formatLevel(level)} CI ${formatDifferenceInterval(f.ci, style)}` : '';
  const p =
    f.p === null ? '' : `; ${f.pAdjusted !== null ? `Holm-adjusted ${formatP(f.pAdjusted)}` : formatP(f.p)}`;
  return `${MEASURE_WORDS[measure]} (${formatProportionDifference(f.difference, style)}${ci}${p})`;
}

/** The operating-point differences whose interval excludes zero, and how many were compared. */
function clearDifferences(
  results: Results,
  style: NumberStyle,
): { clear: Clear[]; compared: number; undefinedCount: number } {
  const level = results.settings.level;
  const clear: Clear[] = [];
  let compared = 0;
  let undefinedCount = 0;
  for (const cmp of results.comparisons) {
    const [a, b] = cmp.models.map((id) => modelById(results, id));
    for (const point of cmp.operatingPoints) {
      const own = a?.operatingPoints.find((p) => p.id === point.id);
      for (const measure of ['sensitivity', 'specificity', 'ppv', 'npv'] as const) {
        const d = shownPointDifference(point, measure, level);
        if (d.difference === null) {
          undefinedCount += 1;
          continue;
        }
        compared += 1;
        if (d.verdict !== 'higher' && d.verdict !== 'lower') continue;
        const higherA = d.verdict === 'higher';
        clear.push({
          pointId: point.id,
          at: own ? atPointPhrase(own) : `at ${point.id}`,
          winner: (higherA ? a?.name : b?.name) ?? '',
          loser: (higherA ? b?.name : a?.name) ?? '',
          text: clearItem(measure, d, level, style),
        });
      }
    }
  }
  return { clear, compared, undefinedCount };
}

function groupBy<T>(items: T[], key: (x: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const x of items) groups.set(key(x), [...(groups.get(key(x)) ?? []), x]);
  return [...groups.values()];
}

/** The operating points in one sentence: the clear differences named, the others counted. */
export function operatingPointSentence(results: Results, style: NumberStyle): string | null {
  const { clear, compared, undefinedCount } = clearDifferences(results, style);
  if (compared === 0 && undefinedCount === 0) return null;
  const notCompared =
    undefinedCount === 0
      ? ''
      : ` ${capitalise(countWord(undefinedCount))} could not be compared, the measure being undefined for a model (— in the table).`;
  const level = formatLevel(results.settings.level);
  const others = compared - clear.length;
  if (clear.length === 0)
    return `At the operating points, none of the ${compared} paired differences was statistically significant; their ${level} CIs are in the table.${notCompared}`;
  const rest =
    others === 0
      ? ''
      : ` The other ${others} ${others === 1 ? 'difference was' : 'differences were'} not statistically significant (CIs in the table).`;
  if (clear.length > MAX_SPELLED_OUT)
    return `At the operating points, ${clear.length} of ${compared} paired differences had a ${level} CI excluding zero and were statistically significant (bold in the table).${rest}${notCompared}`;
  const twoModels = results.models.length === 2;
  const clauses = groupBy(clear, (x) => `${x.winner}\u0000${x.loser}`).map((pair) => {
    const x = pair[0] as Clear;
    const atPoints = groupBy(pair, (y) => y.pointId).map(
      (g) => `${joinWords(g.map((y) => y.text))} ${(g[0] as Clear).at}`,
    );
    return `${x.winner} had higher ${atPoints.join('; ')}${twoModels ? '' : ` than ${x.loser}`}`;
  });
  return `At the operating points, ${clauses.join('; ')}.${rest}${notCompared}`;
}

function modelSentences(results: Results, style: NumberStyle): string[] {
  return [
    aucEstimatesSentence(results),
    aucComparisonSentence(results),
    operatingPointSentence(results, style),
  ].filter((s): s is string => s !== null);
}

/** The key results: sentences and table for the models, then the reader study's sentences. */
export function buildKeyResults(results: Results, style: NumberStyle = {}): KeyResultsView {
  const groups: KeyResultGroup[] = [];
  const readerSentences = readerStudyKeyResults(results);
  if (readerSentences.length > 0) groups.push({ heading: 'Reader study', sentences: readerSentences });
  const hasModels = results.models.length > 0;
  return {
    ...PAGE_PARTS.keyResults,
    sentences: hasModels ? modelSentences(results, style) : [],
    table: hasModels ? keyResultsTable(results, style) : null,
    groups,
  };
}
