/**
 * The reader-study tables in report order (none without a reader study): the readers'
 * figures of merit, the analysis of each figure of merit, the standalone models.
 */
import { formatLevel } from '../../format/numbers.js';
import { metricsOf, type TableDraft } from './readerStudyCells.js';
import { analysisTable } from './readerStudyAnalysis.js';
import { readersTable } from './readerStudyReaders.js';
import { standaloneTable } from './readerStudyStandalone.js';
import type { TableInput } from './table.js';

export function readerStudyTables({ results }: TableInput): TableDraft[] {
  const rs = results.readerStudy;
  if (!rs) return [];
  const level = formatLevel(results.settings.level);
  const drafts: (TableDraft | null)[] = [
    readersTable(rs, level),
    ...metricsOf(rs).map((metric) => analysisTable(rs, metric, level)),
    standaloneTable(rs, level),
  ];
  return drafts.filter((d): d is TableDraft => d !== null);
}
