/**
 * Every wording of an operating point's rule, in one place: the short form of tables and
 * headings ("sensitivity ≥ 0.90"), the key results' opening phrase ("At the high-sensitivity
 * operating point (sensitivity ≥ 0.90)"), the methods' sentence ("the highest threshold with
 * sensitivity ≥ 0.90") and how the threshold was found. The default label itself
 * ("Sensitivity ≥ 0.9") is part of the results, written by `describeRule` in evaluate.
 */
import { describeRule } from '../../evaluate/operatingPoints.js';
import type { OperatingPointResult, ThresholdRule } from '../../results/results.js';
import { formatFixed, formatThreshold } from '../../format/numbers.js';
import { joinWords } from '../../format/words.js';

/** The rule of an operating point in words: "sensitivity ≥ 0.90", "Youden-optimal", "threshold 0.5". */
export function ruleText(point: OperatingPointResult): string {
  const rule = point.rule;
  switch (rule.kind) {
    case 'minSensitivity':
      return `sensitivity ≥ ${formatFixed(rule.value, 2)}`;
    case 'minSpecificity':
      return `specificity ≥ ${formatFixed(rule.value, 2)}`;
    case 'youden':
      return 'Youden-optimal';
    case 'threshold':
      return `threshold ${formatThreshold(rule.value)}`;
  }
}

/** The rule as the methods section states it; it cites Youden as [[youden1950]]. */
export function ruleSentence(rule: ThresholdRule): string {
  switch (rule.kind) {
    case 'minSensitivity':
      return `the highest threshold with sensitivity ≥ ${formatFixed(rule.value, 2)}`;
    case 'minSpecificity':
      return `the lowest threshold with specificity ≥ ${formatFixed(rule.value, 2)}`;
    case 'youden':
      return 'the threshold maximising Youden’s index J = sensitivity + specificity − 1 [[youden1950]]';
    case 'threshold':
      return `a prespecified threshold of ${formatThreshold(rule.value)}`;
  }
}

/** How a threshold was chosen, for a table note. */
export function thresholdSourceText(source: OperatingPointResult['thresholdSource']): string {
  switch (source) {
    case 'fixed':
      return 'prespecified';
    case 'test':
      return 'derived on this test set';
    case 'validation':
      return 'derived on the validation set';
  }
}

function isDefaultLabel(point: OperatingPointResult): boolean {
  return point.label === describeRule(point.rule);
}

/** "At the high-sensitivity operating point (sensitivity ≥ 0.90)" */
export function operatingPointPhrase(point: OperatingPointResult): string {
  if (!isDefaultLabel(point)) return `At the “${point.label}” operating point (${ruleText(point)})`;
  switch (point.rule.kind) {
    case 'minSensitivity':
      return `At the high-sensitivity operating point (${ruleText(point)})`;
    case 'minSpecificity':
      return `At the high-specificity operating point (${ruleText(point)})`;
    case 'youden':
      return 'At the Youden-optimal threshold';
    case 'threshold':
      return `At the prespecified threshold of ${formatThreshold(point.rule.value)}`;
  }
}

/**
 * The paragraph above an operating point's tables: its rule, where its threshold came from and
 * each model's threshold.
 */
export function operatingPointParagraph(
  points: { modelName: string; point: OperatingPointResult }[],
): string {
  const first = (points[0] as { point: OperatingPointResult }).point;
  const sources = [...new Set(points.map((x) => thresholdSourceText(x.point.thresholdSource)))];
  const thresholds = points.map((x) => `${x.modelName} ${formatThreshold(x.point.threshold)}`);
  const rule = first.rule.kind === 'threshold' ? 'Prespecified threshold' : `Rule: ${ruleText(first)}`;
  return `${rule}; threshold ${sources.join(' / ')}${first.rule.kind === 'threshold' ? '' : ', per model'}. Thresholds: ${joinWords(thresholds)}.`;
}

/** "at sensitivity ≥ 0.90", "at the Youden-optimal threshold", "at threshold 0.5" */
export function atPointPhrase(point: OperatingPointResult): string {
  return point.rule.kind === 'youden' ? 'at the Youden-optimal threshold' : `at ${ruleText(point)}`;
}
