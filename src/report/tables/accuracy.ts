/** Table: diagnostic accuracy of each model at one operating point (STARD 2015 item 24). */
import type { OperatingPointResult } from '../../results/results.js';
import {
  formatFixed,
  formatLevel,
  formatProportion,
  formatRatio,
  formatThreshold,
} from '../../format/numbers.js';
import { pointOf } from '../lookup.js';
import { thresholdSourceText } from '../wording/operatingPointRule.js';
import {
  cell,
  emptyCell,
  estimateCell,
  estimateCsv,
  numberColumn,
  proportionCell,
  textCell,
  textColumn,
} from './cells.js';
import { methodsNote, notes } from './notes.js';
import {
  slug,
  type Draft,
  type PointTableInput,
  type TableCell,
  type TableColumn,
  type TableRow,
} from './table.js';

/** The notes: abbreviations, the optimism of test-set thresholds, the interval methods. */
function accuracyNotes(points: OperatingPointResult[], level: string): string[] {
  const sources = [...new Set(points.map((p) => p.thresholdSource))];
  return notes(
    `Estimates with ${level} confidence intervals (STARD 2015 item 24); counts are numerator/denominator. PPV, NPV: positive and negative predictive values; LR+, LR−: positive and negative likelihood ratios.`,
    sources.includes('test') &&
      'Thresholds derived on this test set are optimistic: accuracy at them will tend to be lower in new data.',
    methodsNote(
      'Intervals of proportions',
      points.flatMap((p) => [p.sensitivity.ci?.method, p.specificity.ci?.method, p.ppv.ci?.method]),
    ),
    methodsNote(
      'F1 interval',
      points.map((p) => p.f1.ci?.method),
    ),
    methodsNote(
      'Likelihood-ratio intervals',
      points.map((p) => p.positiveLikelihoodRatio.ci?.method),
    ),
    methodsNote(
      'Youden’s J interval',
      points.map((p) => p.youdenJ.ci?.method),
    ),
  );
}

export function accuracyTable({ results, style, pointId, label }: PointTableInput): Draft {
  const level = formatLevel(results.settings.level);
  const models = results.models.filter((m) => pointOf(m, pointId));
  const points = models.map((m) => pointOf(m, pointId) as OperatingPointResult);
  const columns: TableColumn[] = [
    textColumn('Measure', 'measure'),
    ...models.map((m) =>
      numberColumn(m.name, [...estimateCsv(`${m.id}`), `${m.id}_numerator`, `${m.id}_denominator`]),
    ),
  ];
  const row = (measure: string, rawName: string, make: (p: OperatingPointResult) => TableCell): TableRow => ({
    cells: [
      textCell(measure, rawName),
      ...points.map((p) => {
        const c = make(p);
        return { ...c, raw: [...c.raw, null, null, null, null, null].slice(0, 5) };
      }),
    ],
  });
  const ratio = (x: number | null) => formatRatio(x);
  const three = (x: number | null) => formatFixed(x, 3);
  const rows: TableRow[] = [
    row('Threshold', 'threshold', (p) =>
      cell(formatThreshold(p.threshold), [p.threshold], thresholdSourceText(p.thresholdSource)),
    ),
    row('Sensitivity', 'sensitivity', (p) => proportionCell(p.sensitivity, style)),
    row('Specificity', 'specificity', (p) => proportionCell(p.specificity, style)),
    row('PPV', 'ppv', (p) => proportionCell(p.ppv, style)),
    row('NPV', 'npv', (p) => proportionCell(p.npv, style)),
    row('Accuracy', 'accuracy', (p) => proportionCell(p.accuracy, style)),
    row('F1 score', 'f1', (p) => estimateCell(p.f1, three)),
    row('LR+', 'positive_likelihood_ratio', (p) => estimateCell(p.positiveLikelihoodRatio, ratio)),
    row('LR−', 'negative_likelihood_ratio', (p) => estimateCell(p.negativeLikelihoodRatio, ratio)),
    row('Youden’s J', 'youden_j', (p) => estimateCell(p.youdenJ, three)),
  ];
  const target = points.find((p) => p.atTargetPrevalence)?.atTargetPrevalence;
  if (target) {
    const prev = formatProportion(target.prevalence, style);
    rows.push(
      row(`PPV at prevalence ${prev}`, 'ppv_at_target_prevalence', (p) =>
        p.atTargetPrevalence
          ? estimateCell(p.atTargetPrevalence.ppv, (x) => formatProportion(x, style))
          : emptyCell(3),
      ),
      row(`NPV at prevalence ${prev}`, 'npv_at_target_prevalence', (p) =>
        p.atTargetPrevalence
          ? estimateCell(p.atTargetPrevalence.npv, (x) => formatProportion(x, style))
          : emptyCell(3),
      ),
    );
  }
  return {
    stem: `${slug(pointId)}-accuracy`,
    section: 'operatingPoints',
    operatingPoint: pointId,
    title: `Diagnostic accuracy: ${label}`,
    columns,
    rows,
    notes: accuracyNotes(points, level),
  };
}
