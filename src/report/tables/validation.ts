/**
 * Tables of the validation set (`thresholdsFrom`): its sample, and per model its AUC and the
 * threshold chosen there at each data-driven operating point, with the sensitivity and
 * specificity it achieved on the validation set (contract.md "Subgroups, validation-set
 * thresholds"). The test set's accuracy at these thresholds is in the operating-point tables.
 */
import type { OperatingPointSummary } from '../../results/results.js';
import { formatInteger, formatLevel, formatProportion, formatThreshold } from '../../format/numbers.js';
import { pointLabel } from '../lookup.js';
import { thresholdSourceText } from '../wording/operatingPointRule.js';
import { cell, numberColumn, textCell, textColumn } from './cells.js';
import { methodsNote, notes } from './notes.js';
import { aucCell, aucColumn, proportionColumn, subsetProportionCell } from './subsetCells.js';
import type { Draft, TableInput, TableRow } from './table.js';

/** Table: the validation set's rows, cases, positives, negatives and prevalence. */
export function validationSampleTable({ results, style }: TableInput): Draft | null {
  const validation = results.validation;
  if (!validation) return null;
  const s = validation.sample;
  const row = (label: string, raw: string, text: string, value: number): TableRow => ({
    cells: [textCell(label, raw), cell(text, [value])],
  });
  const rows: TableRow[] = [];
  const read = results.input.validation?.rows;
  if (read !== undefined) rows.push(row('Rows in the data file', 'rows', formatInteger(read), read));
  if (s.dropped !== undefined && s.dropped > 0)
    rows.push(row('Rows dropped (missing score)', 'dropped', formatInteger(s.dropped), s.dropped));
  rows.push(
    row('Cases', 'n', formatInteger(s.n), s.n),
    row(
      `Reference standard positive (outcome = “${results.settings.positive}”)`,
      'positives',
      formatInteger(s.positives),
      s.positives,
    ),
    row('Reference standard negative', 'negatives', formatInteger(s.negatives), s.negatives),
    row('Prevalence', 'prevalence', formatProportion(s.prevalence, style), s.prevalence),
  );
  return {
    stem: 'validation-sample',
    section: 'validation',
    title: 'Validation set: sample',
    columns: [textColumn('Characteristic', 'characteristic'), numberColumn('Value', ['value'])],
    rows,
    notes: [],
    narrow: true,
  };
}

/** Table: per model, the validation-set AUC and the thresholds chosen there with their accuracy. */
export function validationThresholdsTable({ results, style }: TableInput): Draft | null {
  const validation = results.validation;
  if (!validation) return null;
  const level = results.settings.level;
  const columns = [
    textColumn('Model', 'model'),
    aucColumn(level),
    textColumn('Operating point', 'operating_point'),
    numberColumn('Threshold', ['threshold']),
    proportionColumn('Sensitivity', 'sensitivity', level),
    proportionColumn('Specificity', 'specificity', level),
  ];
  const rows: TableRow[] = results.models.flatMap((model) => {
    const summary = validation.models.find((m) => m.id === model.id);
    if (!summary) return [];
    const auc = aucCell(summary.auc);
    return summary.operatingPoints.map((point: OperatingPointSummary, j): TableRow => {
      const source = model.operatingPoints.find((p) => p.id === point.id)?.thresholdSource;
      return {
        ...(j === 0 ? { groupStart: true } : {}),
        cells: [
          cell(j === 0 ? model.name : '', [model.name]),
          j === 0 ? auc : { ...auc, text: '' },
          textCell(pointLabel(results, point.id), point.id),
          cell(
            formatThreshold(point.threshold),
            [point.threshold],
            source === 'fixed' ? thresholdSourceText(source) : undefined,
          ),
          subsetProportionCell(point.sensitivity, style),
          subsetProportionCell(point.specificity, style),
        ],
      };
    });
  });
  const methods = validation.models.flatMap((m) => [
    m.auc.ci?.method,
    ...m.operatingPoints.map((p) => p.sensitivity.ci?.method),
  ]);
  return {
    stem: 'validation-thresholds',
    section: 'validation',
    title: 'Validation set: discrimination and the thresholds chosen on it',
    columns,
    rows,
    notes: notes(
      `Thresholds of the data-driven operating points were chosen on these ${formatInteger(validation.sample.n)} cases and applied unchanged to the test set; sensitivity and specificity here are those achieved on the validation set (optimistic, as they were chosen on it), with ${formatLevel(level)} CIs and counts as numerator/denominator.`,
      methodsNote('Intervals', methods),
    ),
  };
}
