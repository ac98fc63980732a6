/** Table: paired comparisons of AUCs (difference, correlation, z, p, Holm-adjusted p). */
import {
  formatAuc,
  formatDifferenceInterval,
  formatFixed,
  formatLevel,
  formatSigned,
  formatStatistic,
  withInterval,
} from '../../format/numbers.js';
import { modelName } from '../lookup.js';
import { bounds, cell, estimateCsv, numberColumn, pCell, textCell, textColumn } from './cells.js';
import { hasHolm, methodsNote, notes } from './notes.js';
import { type Draft, type TableCell, type TableColumn, type TableInput } from './table.js';

export function aucComparisonTable({ results }: TableInput): Draft {
  const level = formatLevel(results.settings.level);
  const comparisons = results.comparisons;
  const holm = hasHolm(comparisons.map((c) => c.auc));
  const anyBootstrap = comparisons.some((c) => c.auc.bootstrapCi);
  const columns: TableColumn[] = [
    textColumn('Comparison (A vs. B)', 'comparison'),
    numberColumn('AUC A', ['auc_a']),
    numberColumn('AUC B', ['auc_b']),
    numberColumn(`Difference A − B (${level} CI)`, estimateCsv('difference')),
  ];
  if (anyBootstrap)
    columns.push(numberColumn(`${level} CI (bootstrap)`, ['bootstrap_ci_lower', 'bootstrap_ci_upper']));
  columns.push(
    numberColumn('Correlation', ['correlation']),
    numberColumn('z', ['z']),
    numberColumn('p', ['p']),
  );
  if (holm) columns.push(numberColumn('p (Holm)', ['p_holm']));
  const rows = comparisons.map((c) => {
    const [a, b] = c.models;
    const aucA = results.models.find((m) => m.id === a)?.auc.estimate ?? null;
    const aucB = results.models.find((m) => m.id === b)?.auc.estimate ?? null;
    const cells: TableCell[] = [
      textCell(`${modelName(results, a)} vs. ${modelName(results, b)}`, `${a} vs. ${b}`),
      cell(formatAuc(aucA), [aucA]),
      cell(formatAuc(aucB), [aucB]),
      cell(withInterval(formatSigned(c.auc.difference, 3), formatDifferenceInterval(c.auc.ci)), [
        c.auc.difference,
        ...bounds(c.auc.ci),
      ]),
    ];
    if (anyBootstrap)
      cells.push(cell(formatDifferenceInterval(c.auc.bootstrapCi), [...bounds(c.auc.bootstrapCi)]));
    cells.push(
      cell(formatFixed(c.auc.correlation, 3), [c.auc.correlation]),
      cell(formatStatistic(c.auc.z), [c.auc.z]),
      pCell(c.auc.p),
    );
    if (holm) cells.push(pCell(c.auc.pAdjusted));
    return { cells };
  });
  return {
    stem: 'auc-comparison',
    section: 'discrimination',
    title: 'Paired comparison of AUCs',
    columns,
    rows,
    notes: notes(
      'Differences are model A minus model B on the same cases. Correlation: between the two AUC estimates.',
      methodsNote(
        'Test and interval',
        comparisons.map((c) => c.auc.method),
      ),
      anyBootstrap &&
        methodsNote(
          'Bootstrap interval',
          comparisons.map((c) => c.auc.bootstrapCi?.method),
        ),
      holm && 'p (Holm): adjusted for the number of comparisons by Holm’s step-down procedure.',
    ),
  };
}
