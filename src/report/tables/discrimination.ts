/** Table: each model's AUC with its DeLong SE and intervals, and partial AUCs. */
import { formatAuc, formatFixed, formatLevel } from '../../format/numbers.js';
import {
  cell,
  emptyCell,
  estimateCell,
  estimateCsv,
  intervalCell,
  numberColumn,
  textCell,
  textColumn,
} from './cells.js';
import { methodsNote, notes } from './notes.js';
import { type Draft, type TableCell, type TableColumn, type TableInput, type TableRow } from './table.js';

export function discriminationTable({ results }: TableInput): Draft {
  const level = formatLevel(results.settings.level);
  const anyBootstrap = results.models.some((m) => m.auc.bootstrapCi);
  const ranges = results.models[0]?.partialAuc ?? [];
  const columns: TableColumn[] = [
    textColumn('Model', 'model'),
    numberColumn('AUC', ['auc']),
    numberColumn('SE', ['se']),
    numberColumn(`${level} CI`, ['ci_lower', 'ci_upper']),
  ];
  if (anyBootstrap)
    columns.push(numberColumn(`${level} CI (bootstrap)`, ['bootstrap_ci_lower', 'bootstrap_ci_upper']));
  ranges.forEach((r, k) => {
    const range = `${r.focus} ${formatFixed(r.range[0], 2)}–${formatFixed(r.range[1], 2)}`;
    const tag = ranges.length > 1 ? `_${k + 1}` : '';
    columns.push(
      numberColumn(`Partial AUC, ${range} (${level} CI)`, estimateCsv(`pauc${tag}`)),
      numberColumn(`Standardised partial AUC (${level} CI)`, estimateCsv(`pauc_mcclish${tag}`)),
    );
  });
  const rows: TableRow[] = results.models.map((m) => {
    const cells: TableCell[] = [
      textCell(m.name),
      cell(formatAuc(m.auc.estimate), [m.auc.estimate]),
      cell(formatFixed(m.auc.se, 4), [m.auc.se]),
      intervalCell(m.auc.ci, formatAuc),
    ];
    if (anyBootstrap) cells.push(intervalCell(m.auc.bootstrapCi, formatAuc));
    ranges.forEach((_r, k) => {
      const p = m.partialAuc[k];
      if (!p) {
        cells.push(emptyCell(3), emptyCell(3));
        return;
      }
      cells.push(
        estimateCell({ estimate: p.estimate, ci: p.ci ?? null }, (x) => formatFixed(x, 3)),
        estimateCell({ estimate: p.mcclish, ci: p.mcclishCi ?? null }, (x) => formatFixed(x, 3)),
      );
    });
    return { cells };
  });
  return {
    stem: 'discrimination',
    section: 'discrimination',
    title: 'Discrimination: area under the ROC curve (AUC)',
    columns,
    rows,
    notes: notes(
      'AUC, area under the receiver operating characteristic curve; SE, DeLong standard error.',
      methodsNote(
        'AUC interval',
        results.models.map((m) => m.auc.ci?.method),
      ),
      anyBootstrap &&
        methodsNote(
          'Bootstrap interval',
          results.models.map((m) => m.auc.bootstrapCi?.method),
        ),
      ranges.length > 0 &&
        'Partial AUC: area over the stated range; standardised by McClish’s formula (0.5 = chance, 1 = perfect).',
      ranges.length > 0 &&
        methodsNote(
          'Partial AUC interval',
          results.models.flatMap((m) => m.partialAuc.map((p) => p.ci?.method)),
        ),
    ),
  };
}
