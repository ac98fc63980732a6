/** The warnings section: each warning with its results key path in words. */
import type { ComparisonResult, ModelResult, Results, Warning } from '../../results/results.js';
import { readerWarning } from '../wording/warnings.js';
import { formatThreshold } from '../../format/numbers.js';
import { modelById } from '../lookup.js';

const FIELD_WORDS: Record<string, string> = {
  auc: 'AUC',
  ppv: 'PPV',
  npv: 'NPV',
  sensitivity: 'sensitivity',
  specificity: 'specificity',
  accuracy: 'accuracy',
  f1: 'F1',
  youdenJ: 'Youden’s J',
  averagePrecision: 'average precision',
  partialAuc: 'partial AUC',
  calibration: 'calibration',
  intercept: 'calibration intercept',
  slope: 'calibration slope',
  sample: 'sample',
  settings: 'settings',
  bootstrap: 'bootstrap',
  positiveLikelihoodRatio: 'LR+',
  negativeLikelihoodRatio: 'LR−',
};

/** A results key path in words: "models[1].operatingPoints[3].ppv" → "S100B, Threshold 4, PPV". */
export function describePath(results: Results, path: string): string {
  const special: Record<string, string> = {
    sample: 'Sample',
    settings: 'Settings',
    'settings.bootstrap': 'Bootstrap settings',
  };
  if (special[path]) return special[path];
  const words: string[] = [];
  let model: ModelResult | undefined;
  let comparison: ComparisonResult | undefined;
  for (const token of path.split('.')) {
    const match = /^([A-Za-z]+)(?:\[(\d+)\])?$/.exec(token);
    if (!match) {
      words.push(token);
      continue;
    }
    const name = match[1] as string;
    const index = match[2] === undefined ? null : Number(match[2]);
    if (name === 'models' && index !== null) {
      model = results.models[index];
      words.push(model?.name ?? token);
    } else if (name === 'comparisons' && index !== null) {
      comparison = results.comparisons[index];
      words.push(
        comparison
          ? `${modelById(results, comparison.models[0])?.name ?? comparison.models[0]} vs. ${modelById(results, comparison.models[1])?.name ?? comparison.models[1]}`
          : token,
      );
    } else if (name === 'operatingPoints' && index !== null) {
      const owner = model ?? (comparison ? modelById(results, comparison.models[0]) : results.models[0]);
      words.push(owner?.operatingPoints[index]?.label ?? token);
    } else if (name === 'decisionCurve' && index !== null) {
      const t = (model?.decisionCurve ?? results.decisionCurve?.treatAll)?.[index]?.threshold;
      words.push(t === undefined ? 'net benefit' : `net benefit at threshold ${formatThreshold(t)}`);
    } else {
      words.push(FIELD_WORDS[name] ?? name);
    }
  }
  return words.join(', ');
}

/** A warning as the report's reader reads it (see wording/warnings): no codes, no configuration advice. */
export function readerWarningText(results: Results, warning: Warning): string {
  const model = /^models\[(\d+)\]/.exec(warning.path);
  const name = model ? (results.models[Number(model[1])]?.name ?? null) : null;
  return readerWarning(warning.code, {
    where: describePath(results, warning.path),
    model: name,
    message: warning.message,
  });
}
