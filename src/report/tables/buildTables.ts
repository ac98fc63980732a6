/**
 * Every table of the report, in the order the report shows them (one file per table in this
 * folder); numbered Table S1, S2, … in that order. Built once per report: the HTML shows them
 * (through the view model) and `toCsv` writes them to `tables/<name>.csv`.
 */
import type { Results } from '../../results/results.js';
import { operatingPointIds, pointLabel } from '../lookup.js';
import { accuracyTable } from './accuracy.js';
import { aucComparisonTable } from './aucComparison.js';
import { averagePrecisionComparisonTable } from './averagePrecisionComparison.js';
import { calibrationTable } from './calibration.js';
import { cohortTable } from './cohort.js';
import { decisionCurveTable } from './decisionCurve.js';
import { discriminationTable } from './discrimination.js';
import { inputFilesTable } from './inputFiles.js';
import { pairedComparisonTable } from './pairedComparison.js';
import { precisionRecallTable } from './precisionRecall.js';
import { readerStudyTables } from './readerStudy.js';
import { settingsTable } from './settings.js';
import { subgroupTables } from './subgroups.js';
import type { Draft, Table, TableInput, TableOptions } from './table.js';
import { twoByTwoTable } from './twoByTwo.js';
import { validationSampleTable, validationThresholdsTable } from './validation.js';

/** The tables before numbering, in report order; null where the results have nothing to show. */
function drafts(input: TableInput): (Draft | null)[] {
  const { results } = input;
  const list: (Draft | null)[] = [cohortTable(input), discriminationTable(input)];
  if (results.comparisons.length > 0) list.push(aucComparisonTable(input));
  for (const pointId of operatingPointIds(results)) {
    const point = { ...input, pointId, label: pointLabel(results, pointId) };
    list.push(twoByTwoTable(point), accuracyTable(point));
  }
  results.comparisons.forEach((comparison, index) => {
    if (comparison.operatingPoints.length > 0)
      list.push(pairedComparisonTable({ ...input, comparison, index }));
  });
  if (results.models.some((m) => m.averagePrecision)) list.push(precisionRecallTable(input));
  if (results.comparisons.some((c) => c.averagePrecision)) list.push(averagePrecisionComparisonTable(input));
  list.push(
    calibrationTable(input),
    decisionCurveTable({ ...input, atTargetPrevalence: false }),
    decisionCurveTable({ ...input, atTargetPrevalence: true }),
    ...subgroupTables(input),
    validationSampleTable(input),
    validationThresholdsTable(input),
    ...readerStudyTables(input),
    inputFilesTable(input),
    settingsTable(input),
  );
  return list;
}

/** Every table of the report, numbered in the order the report shows them. */
export function buildTables(results: Results, options: TableOptions = {}): Table[] {
  const stems = new Set<string>();
  return drafts({ results, style: options })
    .filter((d): d is Draft => d !== null)
    .map((draft, k) => {
      const { stem, ...table } = draft;
      let name = `table-s${k + 1}-${stem}`;
      while (stems.has(name)) name += '-x';
      stems.add(name);
      return { name, number: `Table S${k + 1}`, ...table };
    });
}
