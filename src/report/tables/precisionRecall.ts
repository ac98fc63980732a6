/** Table: average precision and maximum F1 of each model. */
import {
  formatAuc,
  formatFixed,
  formatInterval,
  formatLevel,
  formatThreshold,
  withInterval,
} from '../../format/numbers.js';
import {
  bounds,
  cell,
  emptyCell,
  estimateCell,
  estimateCsv,
  numberColumn,
  textCell,
  textColumn,
} from './cells.js';
import { methodsNote, notes } from './notes.js';
import { type Draft, type TableCell, type TableColumn, type TableInput, type TableRow } from './table.js';

export function precisionRecallTable({ results }: TableInput): Draft {
  const level = formatLevel(results.settings.level);
  const anyMaxF1 = results.models.some((m) => m.maxF1);
  const columns: TableColumn[] = [
    textColumn('Model', 'model'),
    numberColumn(`Average precision (${level} CI)`, estimateCsv('average_precision')),
  ];
  if (anyMaxF1)
    columns.push(numberColumn('Maximum F1 (at threshold)', [...estimateCsv('max_f1'), 'max_f1_threshold']));
  columns.push(numberColumn('No-skill baseline (prevalence)', ['baseline']));
  const prevalence = results.sample.prevalence;
  const rows: TableRow[] = results.models.map((m) => {
    const cells: TableCell[] = [
      textCell(m.name),
      m.averagePrecision ? estimateCell(m.averagePrecision, formatAuc) : emptyCell(3),
    ];
    if (anyMaxF1) {
      cells.push(
        m.maxF1
          ? cell(
              withInterval(formatFixed(m.maxF1.estimate, 3), formatInterval(m.maxF1.ci ?? null)),
              [m.maxF1.estimate, ...bounds(m.maxF1.ci), m.maxF1.threshold],
              `at ${formatThreshold(m.maxF1.threshold)}`,
            )
          : emptyCell(4),
      );
    }
    cells.push(cell(formatFixed(prevalence, 3), [prevalence]));
    return { cells };
  });
  return {
    stem: 'precision-recall',
    section: 'precisionRecall',
    title: 'Precision–recall: average precision',
    columns,
    rows,
    notes: notes(
      'Average precision: the step-wise area under the precision–recall curve (the precision at each threshold weighted by the gain in recall). A model without skill has average precision equal to the prevalence.',
      methodsNote(
        'Interval',
        results.models.map((m) => m.averagePrecision?.ci?.method),
      ),
    ),
  };
}
