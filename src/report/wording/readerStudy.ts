/**
 * The reader study in words: the section's design paragraph, the key-results sentences in a
 * journal's style ("Mean reader AUC increased from 0.897 to 0.941 with B (difference 0.044,
 * 95% CI −0.000 to 0.088; p = 0.052)") and the methods paragraph with its references.
 */
import type { Results } from '../../results/results.js';
import { REFERENCES, type ReferenceKey } from '../../results/references.js';
import type { ReaderMetricResult, ReaderStudyResult } from '../../results/readerStudy.js';
import {
  formatFixed,
  formatInteger,
  formatLevel,
  formatP,
  formatThreshold,
  joinRange,
} from '../../format/numbers.js';
import { formatBound, METRIC_LABELS, metricsOf } from '../tables/readerStudyCells.js';

const ci = (lower: number, upper: number) => joinRange(formatBound(lower), formatBound(upper));

/** The design in one paragraph. */
export function readerStudyIntro(rs: ReaderStudyResult): string[] {
  return [
    `${formatInteger(rs.readers.length)} readers (${rs.readers.join(', ')}) read the same ${formatInteger(rs.cases)} cases ` +
      `(${formatInteger(rs.positives)} positive, ${formatInteger(rs.negatives)} negative) in ${formatInteger(rs.modalities.length)} modalities ` +
      `(${rs.modalities.join(', ')}): a fully crossed design of ${formatInteger(rs.readers.length * rs.cases * rs.modalities.length)} reads.` +
      (rs.positiveFrom !== undefined
        ? ` A rating of ${formatThreshold(rs.positiveFrom)} or more is a positive call.`
        : ''),
  ];
}

function changeSentence(metric: ReaderMetricResult, label: string, level: string, alpha: number): string[] {
  return metric.comparisons.map((c) => {
    const [later, earlier] = c.modalities;
    const laterMean = metric.modalities.find((m) => m.id === later)?.estimate ?? null;
    const earlierMean = metric.modalities.find((m) => m.id === earlier)?.estimate ?? null;
    const r = c.randomReaders;
    // the words follow the interval: a change only when the CI excludes zero and p agrees
    const clear = r.ci !== null && (r.ci.lower > 0 || r.ci.upper < 0) && r.p !== null && r.p < alpha;
    if (!clear)
      return (
        `Mean reader ${label} was ${formatFixed(earlierMean, 3)} (${earlier}) and ${formatFixed(laterMean, 3)} (${later}); ` +
        `the difference was not statistically significant (${formatFixed(c.difference, 3)}, ${level} CI ${r.ci ? ci(r.ci.lower, r.ci.upper) : 'not defined'}; ${formatP(r.p)}; ` +
        `readers and cases random).`
      );
    const verb = c.difference > 0 ? 'increased' : 'decreased';
    return (
      `Mean reader ${label} ${verb} from ${formatFixed(earlierMean, 3)} (${earlier}) to ${formatFixed(laterMean, 3)} (${later}) ` +
      `(difference ${formatFixed(c.difference, 3)}, ${level} CI ${r.ci ? ci(r.ci.lower, r.ci.upper) : 'not defined'}; ${formatP(r.p)}; ` +
      `readers and cases random).`
    );
  });
}

/** Key results: the change in each figure of merit and the standalone model against the readers. */
export function readerStudyKeyResults(results: Results): string[] {
  const rs = results.readerStudy;
  if (!rs) return [];
  const level = formatLevel(results.settings.level);
  const sentences = metricsOf(rs).flatMap((metric) =>
    changeSentence(
      rs[metric] as ReaderMetricResult,
      METRIC_LABELS[metric].replace('Sensitivity', 'sensitivity').replace('Specificity', 'specificity'),
      level,
      1 - results.settings.level + 1e-12,
    ),
  );
  for (const model of rs.standalone) {
    for (const entry of model.modalities) {
      const a = entry.auc;
      sentences.push(
        `${model.name} had an AUC of ${formatFixed(a.model, 3)} against the readers' mean ${formatFixed(a.readersMean, 3)} in ${entry.modality} ` +
          `(difference ${formatFixed(a.difference, 3)}, ${level} CI ${a.ci ? ci(a.ci.lower, a.ci.upper) : 'not defined'}; ${formatP(a.p)}).` +
          (entry.sensitivity && entry.specificity
            ? ` At the readers' mean specificity (${formatFixed(entry.sensitivity.matched.readersMean, 3)}) its sensitivity was ${formatFixed(entry.sensitivity.model, 3)} ` +
              `against their ${formatFixed(entry.sensitivity.readersMean, 3)}; at their mean sensitivity (${formatFixed(entry.specificity.matched.readersMean, 3)}) its specificity was ${formatFixed(entry.specificity.model, 3)} against their ${formatFixed(entry.specificity.readersMean, 3)}.`
            : ''),
      );
    }
  }
  return sentences;
}

/** The methods paragraphs and the keys of the references they cite. */
export function readerStudyMethods(results: Results): { paragraphs: string[]; references: ReferenceKey[] } {
  const rs = results.readerStudy;
  if (!rs) return { paragraphs: [], references: [] };
  const used = new Set<ReferenceKey>();
  const cite = (...keys: ReferenceKey[]) => {
    keys.forEach((k) => used.add(k));
    return `(${keys.map((k) => REFERENCES[k].cite).join('; ')})`;
  };
  const covariance =
    rs.covariance === 'delong'
      ? `DeLong's structural components ${cite('delong1988')} for the AUC and the case jackknife ${cite('efron1982')} for sensitivity and specificity`
      : `the case jackknife ${cite('efron1982')}`;
  const paragraphs = [
    `Reader study. Each reader's figure of merit in each modality was the empirical (trapezoidal) AUC of the ratings` +
      (rs.positiveFrom !== undefined
        ? `, and the sensitivity and specificity of the calls "rating ≥ ${formatThreshold(rs.positiveFrom)}"`
        : '') +
      `. Modalities were compared by the Obuchowski–Rockette analysis of variance ${cite('obuchowski1995')} with Hillis's denominator degrees of freedom ${cite('hillis2007', 'hillis2008')}, ` +
      `the covariances of the figures of merit estimated by ${covariance}, as in MRMCaov ${cite('smith2023')}. ` +
      `The primary analysis treats readers and cases as random (F test, t intervals); the analyses with readers fixed (χ² test, normal intervals) and with cases fixed (F and t on (T − 1)(R − 1) df) are also given, ` +
      `with each modality's own interval from that modality's data and each reader's own difference with the reader fixed. Differences are later minus earlier modality.`,
    ...(rs.standalone.length > 0
      ? [
          `Each standalone model was compared with the readers of each modality by the single-modality Obuchowski–Rockette analysis of the model − reader differences, ` +
            `the model a fixed reader and readers and cases random, with Hillis's df ${cite('hillis2007')}: the 1T-RRRC method of RJafroc's StSignificanceTestingCadVsRad ${cite('chakraborty2017')}.` +
            (rs.positiveFrom !== undefined
              ? ` The model's sensitivity was taken at the lowest of its scores whose specificity reaches the readers' mean specificity, and its specificity at the highest score whose sensitivity reaches their mean sensitivity; these thresholds are chosen on the same data and then treated as fixed.`
              : ''),
        ]
      : []),
  ];
  return { paragraphs, references: [...used] };
}
