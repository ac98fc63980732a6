/**
 * Reader study: each reader's figures of merit per modality, with the readers' mean and its interval.
 */
import type { ReaderMetricResult, ReaderStudyResult } from '../../results/readerStudy.js';
import { formatThreshold } from '../../format/numbers.js';
import {
  column,
  empty,
  estimateCell,
  METRIC_LABELS,
  metricsOf,
  text,
  three,
  type TableDraft,
} from './readerStudyCells.js';
import type { TableColumn, TableRow } from './table.js';
/** Each reader's AUC (sensitivity, specificity) per modality, and the readers' mean with its interval. */
export function readersTable(rs: ReaderStudyResult, level: string): TableDraft {
  const metrics = metricsOf(rs);
  const columns: TableColumn[] = [column('Reader', ['reader'], 'text')];
  for (const modality of rs.modalities) {
    for (const metric of metrics) {
      columns.push(
        column(`${METRIC_LABELS[metric]}, ${modality}`, [
          `${metric}_${modality}`,
          `${metric}_${modality}_lower`,
          `${metric}_${modality}_upper`,
        ]),
      );
    }
  }
  const rows: TableRow[] = rs.readers.map((reader, r) => ({
    cells: [
      text(reader),
      ...rs.modalities.flatMap((_, t) =>
        metrics.map((metric) => {
          const value = (rs[metric] as ReaderMetricResult).modalities[t]?.readers[r]?.estimate as number;
          return { text: three(value), raw: [value, null, null] };
        }),
      ),
    ],
  }));
  rows.push({
    total: true,
    groupStart: true,
    cells: [
      text(`Mean (${level} CI)`),
      ...rs.modalities.flatMap((_, t) =>
        metrics.map((metric) => {
          const m = (rs[metric] as ReaderMetricResult).modalities[t];
          return m ? estimateCell(m.estimate, m.randomReaders.ci) : empty(3);
        }),
      ),
    ],
  });
  return {
    stem: 'reader-study-readers',
    section: 'readerStudy',
    title: `Each reader's ${metrics.map((m) => METRIC_LABELS[m].toLowerCase().replace('auc', 'AUC')).join(', ')} per modality`,
    columns,
    rows,
    notes: [
      `AUC: empirical (trapezoidal) area under each reader's ROC curve of the ratings.` +
        (rs.positiveFrom !== undefined
          ? ` Sensitivity and specificity of the calls "rating ≥ ${formatThreshold(rs.positiveFrom)}".`
          : ''),
      `Mean: the readers' mean, with its ${level} CI for random readers and random cases (Obuchowski–Rockette, Hillis df).`,
    ],
  };
}
