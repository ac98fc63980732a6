/**
 * The key results: a few sentences a reader can quote, each with its estimate, interval and
 * test, written from the results alone. A difference is called higher or lower only when
 * the evidence agrees (see `verdict`).
 */
import { readerStudyKeyResults } from '../wording/readerStudy.js';
import type {
  ComparisonResult,
  Difference,
  ModelResult,
  OperatingPointComparison,
  OperatingPointResult,
  Results,
} from '../../results/results.js';
import {
  formatAuc,
  formatInteger,
  formatInterval,
  formatLevel,
  formatProportion,
  formatProportionInterval,
  formatThreshold,
  type NumberStyle,
} from '../../format/numbers.js';
import { joinWords } from '../../format/words.js';
import { modelById } from '../lookup.js';
import { shortMethodName } from '../wording/methodNames.js';
import { operatingPointPhrase } from '../wording/operatingPointRule.js';
import { testText, verdict } from '../wording/verdict.js';
import type { KeyResultGroup } from './types.js';

function cohortSentence(results: Results, style: NumberStyle): string {
  const s = results.sample;
  const dropped = s.dropped ? ` (${formatInteger(s.dropped)} rows with a missing score were dropped)` : '';
  return `The test set comprised ${formatInteger(s.n)} cases, ${formatInteger(s.positives)} positive and ${formatInteger(s.negatives)} negative by the reference standard (prevalence ${formatProportion(s.prevalence, style)})${dropped}.`;
}

function aucSentence(results: Results, comparison: ComparisonResult): string | null {
  const a = modelById(results, comparison.models[0]);
  const b = modelById(results, comparison.models[1]);
  if (!a || !b) return null;
  const level = formatLevel(results.settings.level);
  const v = verdict(comparison.auc, results.settings.level);
  const auc = (m: ModelResult) => formatAuc(m.auc.estimate);
  const ci = (m: ModelResult) => formatInterval(m.auc.ci, formatAuc);
  const test = testText(shortMethodName(comparison.auc.methodId), comparison.auc.p, comparison.auc.pAdjusted);
  if (v === 'higher' || v === 'lower') {
    return `AUC was ${v} for ${a.name} than for ${b.name} (${auc(a)} [${level} CI ${ci(a)}] vs. ${auc(b)} [${ci(b)}]; ${test}).`;
  }
  const word = v === 'similar' ? 'similar ' : '';
  return `AUC was ${word}(${a.name} ${auc(a)} [${level} CI ${ci(a)}] vs. ${b.name} ${auc(b)} [${ci(b)}]; ${test}).`;
}

type Measure = 'sensitivity' | 'specificity' | 'ppv';
const MEASURE_WORD: Record<Measure, string> = {
  sensitivity: 'sensitivity',
  specificity: 'specificity',
  ppv: 'PPV',
};

/** Two models at one operating point, as the key results compare them. */
interface PointPair {
  comparison: OperatingPointComparison;
  /** Model A's and B's results at the point. */
  pa: OperatingPointResult;
  pb: OperatingPointResult;
  nameA: string;
  nameB: string;
  level: number;
  style: NumberStyle;
}

function measureClause(
  measure: Measure,
  { comparison, pa, pb, nameA, nameB, level, style }: PointPair,
): { equal: string } | { clause: string } {
  const word = MEASURE_WORD[measure];
  const ea = pa[measure].estimate;
  const eb = pb[measure].estimate;
  if (ea === null || eb === null) {
    const undefinedFor = joinWords([...(ea === null ? [nameA] : []), ...(eb === null ? [nameB] : [])]);
    return {
      clause: `${word} could not be compared (undefined for ${undefinedFor}${measure === 'ppv' ? ': no case called positive' : ''})`,
    };
  }
  const ta = formatProportion(ea, style);
  const tb = formatProportion(eb, style);
  if (ta === tb) return { equal: `${word} ${ta}` };
  let d: Difference = comparison[measure];
  let testName = shortMethodName(d.methodId);
  if (measure === 'ppv' && d.p === null && comparison.ppv.scoreTest) {
    // no bootstrap: the score test decides
    d = { ...comparison.ppv.scoreTest, difference: d.difference, ci: null };
    testName = 'score test';
  }
  const v = verdict(d, level);
  const test = d.p === null ? '' : `; ${testText(testName, d.p, d.pAdjusted)}`;
  if (v === 'higher' || v === 'lower')
    return { clause: `${word} was ${v} for ${nameA} (${ta} vs. ${tb}${test})` };
  return { clause: `${word} was ${v === 'similar' ? 'similar ' : ''}(${ta} vs. ${tb}${test})` };
}

function errorsClause(
  change: number,
  kind: 'positives' | 'negatives',
  total: number,
  nameA: string,
  nameB: string,
) {
  if (change === 0) return '';
  const errors = kind === 'negatives' ? 'false positives' : 'false negatives';
  const fewer = change > 0 ? nameB : nameA;
  return `, with ${formatInteger(Math.abs(change))} fewer ${errors} for ${fewer} among ${formatInteger(total)} ${kind}`;
}

function operatingPointSentence(
  results: Results,
  comparison: ComparisonResult,
  point: OperatingPointComparison,
  style: NumberStyle,
): string | null {
  const a = modelById(results, comparison.models[0]);
  const b = modelById(results, comparison.models[1]);
  const pa = a?.operatingPoints.find((p) => p.id === point.id);
  const pb = b?.operatingPoints.find((p) => p.id === point.id);
  if (!a || !b || !pa || !pb) return null;
  const pair: PointPair = {
    comparison: point,
    pa,
    pb,
    nameA: a.name,
    nameB: b.name,
    level: results.settings.level,
    style,
  };
  const { positives, negatives } = results.sample;
  const errors: Record<Measure, string> = {
    sensitivity: errorsClause(point.falseNegativesChange, 'positives', positives, a.name, b.name),
    specificity: errorsClause(point.falsePositivesChange, 'negatives', negatives, a.name, b.name),
    ppv: '',
  };
  // measures both models share (at the shown precision) go together, where the first of them stands
  const clauses: string[] = [];
  const equal: string[] = [];
  let equalAt = -1;
  for (const measure of ['sensitivity', 'specificity', 'ppv'] as const) {
    const c = measureClause(measure, pair);
    if ('equal' in c) {
      if (equalAt < 0) equalAt = clauses.length;
      equal.push(c.equal);
    } else {
      clauses.push(c.clause + errors[measure]);
    }
  }
  if (equal.length > 0) clauses.splice(equalAt, 0, `both models had ${joinWords(equal)}`);
  return `${operatingPointPhrase(pa)}, ${clauses.join('; ')}.`;
}

function singleModelSentences(results: Results, model: ModelResult, style: NumberStyle): string[] {
  const level = formatLevel(results.settings.level);
  const sentences = [
    `${model.name} had AUC ${formatAuc(model.auc.estimate)} (${level} CI ${formatInterval(model.auc.ci, formatAuc)}).`,
  ];
  for (const p of model.operatingPoints) {
    const est = (x: OperatingPointResult['sensitivity']) =>
      `${formatProportion(x.estimate, style)} (${formatProportionInterval(x.ci, style)})`;
    sentences.push(
      `${operatingPointPhrase(p)} (threshold ${formatThreshold(p.threshold)}), sensitivity was ${est(p.sensitivity)}, specificity ${est(p.specificity)}, PPV ${est(p.ppv)} and NPV ${est(p.npv)}.`,
    );
  }
  return sentences;
}

function modelKeyResults(results: Results, style: NumberStyle): KeyResultGroup[] {
  const groups: KeyResultGroup[] = [{ heading: null, sentences: [cohortSentence(results, style)] }];
  if (results.comparisons.length === 0) {
    if (results.models.length === 1) {
      (groups[0] as KeyResultGroup).sentences.push(
        ...singleModelSentences(results, results.models[0] as ModelResult, style),
      );
    } else {
      for (const m of results.models)
        groups.push({ heading: m.name, sentences: singleModelSentences(results, m, style) });
    }
    return groups;
  }
  const many = results.comparisons.length > 1;
  for (const c of results.comparisons) {
    const sentences = [
      aucSentence(results, c),
      ...c.operatingPoints.map((p) => operatingPointSentence(results, c, p, style)),
    ].filter((s): s is string => s !== null);
    if (many) {
      const [a, b] = c.models.map((id) => modelById(results, id)?.name ?? id);
      groups.push({ heading: `${a} vs. ${b}`, sentences });
    } else {
      (groups[0] as KeyResultGroup).sentences.push(...sentences);
    }
  }
  return groups;
}

/** The key results: the models' (and their comparisons'), then the reader study's. */
export function buildKeyResults(results: Results, style: NumberStyle = {}): KeyResultGroup[] {
  const groups = modelKeyResults(results, style);
  const readerSentences = readerStudyKeyResults(results);
  if (readerSentences.length > 0) groups.push({ heading: 'Reader study', sentences: readerSentences });
  return groups;
}
