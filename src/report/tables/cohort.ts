/** Table: the study sample (rows read and dropped, cases, positives, negatives, prevalence, clusters). */
import { formatInteger, formatProportion } from '../../format/numbers.js';
import { cell, numberColumn, textCell, textColumn } from './cells.js';
import { type Draft, type TableInput, type TableRow } from './table.js';

export function cohortTable({ results, style }: TableInput): Draft {
  const s = results.sample;
  const rows: TableRow[] = [
    {
      cells: [
        textCell('Rows in the data file'),
        cell(formatInteger(results.input.rows), [results.input.rows]),
      ],
    },
  ];
  if (s.dropped !== undefined && s.dropped > 0) {
    rows.push({
      cells: [textCell('Rows dropped (missing score)'), cell(formatInteger(s.dropped), [s.dropped])],
    });
  }
  rows.push(
    { cells: [textCell('Cases analysed'), cell(formatInteger(s.n), [s.n])] },
    {
      cells: [
        textCell(`Reference standard positive (outcome = “${results.settings.positive}”)`, 'positives'),
        cell(formatInteger(s.positives), [s.positives]),
      ],
    },
    {
      cells: [
        textCell('Reference standard negative', 'negatives'),
        cell(formatInteger(s.negatives), [s.negatives]),
      ],
    },
    {
      cells: [
        textCell('Prevalence', 'prevalence'),
        cell(formatProportion(s.prevalence, style), [s.prevalence]),
      ],
    },
  );
  if (s.clusters !== undefined) {
    rows.push({
      cells: [textCell('Clusters (patients)', 'clusters'), cell(formatInteger(s.clusters), [s.clusters])],
    });
  }
  return {
    stem: 'cohort',
    section: 'cohort',
    title: 'Study sample',
    columns: [textColumn('Characteristic', 'characteristic'), numberColumn('Value', ['value'])],
    rows,
    notes: [],
    narrow: true,
  };
}
