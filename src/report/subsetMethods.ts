/**
 * The methods sentences of the subgroup analysis and of the validation set (contract.md
 * "Subgroups, validation-set thresholds"), and of the record of the input files. References
 * are cited as [[key]], which methods.ts resolves.
 */
import type { Results } from '../results/results.js';
import { formatInteger } from '../format/numbers.js';
import { joinWords } from '../format/words.js';

/** The subgroup paragraph's sentences; none when the study has no subgroups. */
export function subgroupMethods(results: Results): string[] {
  const subgroups = results.subgroups ?? [];
  if (subgroups.length === 0) return [];
  const columns = [...new Set(subgroups.map((s) => s.column))].map((c) => `“${c}”`);
  const clustered = subgroups.some((s) => s.models.some((m) => m.auc.ci?.methodId?.startsWith('obuchowski')));
  const fromValidation = results.models.some((m) =>
    m.operatingPoints.some((p) => p.thresholdSource === 'validation'),
  );
  const hasPoints = results.models.some((m) => m.operatingPoints.length > 0);
  return [
    `Subgroups were defined by each value of ${joinWords(columns)} (${formatInteger(subgroups.length)} subgroups).`,
    `Within each subgroup, each model’s AUC was estimated with its ${clustered ? 'cluster-adjusted interval [[obuchowski1997]]' : 'DeLong interval [[delong1988]]'}${
      hasPoints
        ? `, and sensitivity and specificity at the thresholds ${fromValidation ? 'chosen on the validation set' : 'of the whole analysis'}, which were not re-chosen within a subgroup`
        : ''
    }.`,
    'Subgroup results are descriptive: no test of differences between subgroups (interaction) was made, and an AUC is not estimable in a subgroup holding one outcome class only.',
  ];
}

/** The validation-set sentence (its size), or null without one. */
export function validationMethods(results: Results): string | null {
  const v = results.validation;
  if (!v) return null;
  const s = v.sample;
  return `The validation set held ${formatInteger(s.n)} cases (${formatInteger(s.positives)} positive, ${formatInteger(s.negatives)} negative); each model’s AUC and its accuracy at the chosen thresholds are also reported there.`;
}

/** The sentence on the input files' hashes. */
export function inputFilesMethods(): string {
  return 'Every input file (the study file and the data) is identified in the reproducibility section by the SHA-256 hash of its bytes.';
}
