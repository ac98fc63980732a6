/**
 * Reader study: each standalone model against the readers of each modality (model − readers, 1T-RRRC).
 */
import type { ReaderStudyResult } from '../../results/readerStudy.js';
import { formatFixed, formatPValue, formatThreshold } from '../../format/numbers.js';
import { column, empty, estimateCell, numberCell, text, type TableDraft } from './readerStudyCells.js';
import type { TableRow } from './table.js';
/** Each standalone model against each modality's readers. */
export function standaloneTable(rs: ReaderStudyResult, level: string): TableDraft | null {
  if (rs.standalone.length === 0) return null;
  const rows: TableRow[] = [];
  for (const model of rs.standalone) {
    model.modalities.forEach((entry) => {
      const items: [string, typeof entry.auc | null | undefined][] = [
        ['AUC', entry.auc],
        ...(entry.sensitivity !== undefined
          ? ([
              [
                `Sensitivity at the readers' mean specificity (model threshold ${formatThreshold(entry.sensitivity?.threshold ?? null)})`,
                entry.sensitivity,
              ],
              [
                `Specificity at the readers' mean sensitivity (model threshold ${formatThreshold(entry.specificity?.threshold ?? null)})`,
                entry.specificity,
              ],
            ] as [string, typeof entry.auc | null | undefined][])
          : []),
      ];
      items.forEach(([measure, r], k) => {
        rows.push({
          ...(k === 0 ? { groupStart: true } : {}),
          cells: [
            text(k === 0 ? `${model.name} vs. readers, ${entry.modality}` : ''),
            text(measure),
            numberCell(r?.readersMean ?? null, (x) => formatFixed(x, 3)),
            numberCell(r?.model ?? null, (x) => formatFixed(x, 3)),
            r ? estimateCell(r.difference, r.ci, true) : empty(3),
            numberCell(r?.df ?? null, (x) => formatFixed(x, 2)),
            numberCell(r?.p ?? null, formatPValue),
          ],
        });
      });
    });
  }
  return {
    stem: 'reader-study-standalone',
    section: 'readerStudy',
    title: 'Standalone model against the readers',
    columns: [
      column('Comparison', ['comparison'], 'text'),
      column('Measure', ['measure'], 'text'),
      column("Readers' mean", ['readers_mean']),
      column('Model', ['model']),
      column(`Model − readers (${level} CI)`, ['difference', 'lower', 'upper']),
      column('df', ['df']),
      column('p', ['p']),
    ],
    rows,
    notes: [
      `Single-modality Obuchowski–Rockette analysis of the model − reader differences with Hillis's (2007) df, the model a fixed reader and readers and cases random (RJafroc's 1T-RRRC; Chakraborty 2017).` +
        (rs.positiveFrom !== undefined
          ? ` The model's threshold is chosen on these data to match the readers' mean specificity (or sensitivity) and then treated as fixed.`
          : ''),
    ],
  };
}
