/**
 * The opening paragraphs of the subgroup and validation-set sections: what was analysed and
 * how, in the reader's words (no file names: those are in the reproducibility section).
 */
import type { Results } from '../../results/results.js';
import { formatInteger } from '../../format/numbers.js';
import { joinWords } from '../../format/words.js';
import { operatingPointIds, pointLabel } from '../lookup.js';

/** The subgroup columns in the order the results hold them. */
export function subgroupColumns(results: Results): string[] {
  return [...new Set((results.subgroups ?? []).map((s) => s.column))];
}

/** Whether the data-driven thresholds were chosen on the validation set. */
function thresholdsFromValidation(results: Results): boolean {
  return results.models.some((m) => m.operatingPoints.some((p) => p.thresholdSource === 'validation'));
}

export function subgroupsIntro(results: Results): string[] {
  const subgroups = results.subgroups ?? [];
  const columns = subgroupColumns(results);
  const points = operatingPointIds(results).length;
  const thresholds = thresholdsFromValidation(results)
    ? 'the thresholds chosen on the validation set'
    : 'the thresholds of the whole analysis';
  return [
    `Each model was evaluated within each value of ${joinWords(columns.map((c) => `“${c}”`))} (${formatInteger(subgroups.length)} subgroups)${points > 0 ? `, at ${thresholds}, applied unchanged in every subgroup` : ''}.`,
    'These analyses are descriptive: differences between subgroups were not tested, and subgroups with few positive or negative cases give wide intervals.',
  ];
}

export function validationIntro(results: Results): string[] {
  const v = results.validation;
  if (!v) return [];
  const s = v.sample;
  const derived = operatingPointIds(results).filter((id) =>
    results.models.some((m) =>
      m.operatingPoints.some((p) => p.id === id && p.thresholdSource === 'validation'),
    ),
  );
  const which =
    derived.length > 0
      ? `the ${derived.length === 1 ? 'threshold' : 'thresholds'} of the data-driven operating ${derived.length === 1 ? 'point' : 'points'} (${joinWords(derived.map((id) => pointLabel(results, id)))})`
      : 'data-driven thresholds';
  return [
    `${which.charAt(0).toUpperCase()}${which.slice(1)} ${derived.length === 1 ? 'was' : 'were'} chosen for each model on a separate validation set of ${formatInteger(s.n)} cases (${formatInteger(s.positives)} positive, ${formatInteger(s.negatives)} negative) and applied unchanged to the test set.`,
  ];
}
