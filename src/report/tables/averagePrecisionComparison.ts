/** Table: paired comparisons of average precision. */
import type { Difference } from '../../results/results.js';
import { formatDifferenceInterval, formatLevel, formatSigned, withInterval } from '../../format/numbers.js';
import { modelName } from '../lookup.js';
import { bounds, cell, estimateCsv, numberColumn, pCell, textCell, textColumn } from './cells.js';
import { hasHolm, methodsNote, notes } from './notes.js';
import { type Draft, type TableCell, type TableColumn, type TableInput } from './table.js';

export function averagePrecisionComparisonTable({ results }: TableInput): Draft {
  const level = formatLevel(results.settings.level);
  const comparisons = results.comparisons.filter((c) => c.averagePrecision);
  const holm = hasHolm(comparisons.map((c) => c.averagePrecision as Difference));
  const columns: TableColumn[] = [
    textColumn('Comparison (A vs. B)', 'comparison'),
    numberColumn(`Difference A − B (${level} CI)`, estimateCsv('difference')),
    numberColumn('p', ['p']),
  ];
  if (holm) columns.push(numberColumn('p (Holm)', ['p_holm']));
  const rows = comparisons.map((c) => {
    const d = c.averagePrecision as Difference;
    const cells: TableCell[] = [
      textCell(
        `${modelName(results, c.models[0])} vs. ${modelName(results, c.models[1])}`,
        c.models.join(' vs. '),
      ),
      cell(withInterval(formatSigned(d.difference, 3), formatDifferenceInterval(d.ci ?? null)), [
        d.difference,
        ...bounds(d.ci),
      ]),
      pCell(d.p),
    ];
    if (holm) cells.push(pCell(d.pAdjusted));
    return { cells };
  });
  return {
    stem: 'average-precision-comparison',
    section: 'precisionRecall',
    title: 'Paired comparison of average precision',
    columns,
    rows,
    notes: notes(
      'Differences are model A minus model B on the same cases.',
      methodsNote(
        'Interval and test',
        comparisons.map((c) => c.averagePrecision?.method),
      ),
    ),
  };
}
