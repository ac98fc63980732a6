/**
 * Reader study: the Obuchowski–Rockette–Hillis analysis of one figure of merit for the three
 * generalisations (random readers and cases, fixed readers, fixed cases).
 */
import type {
  ReaderInterval,
  ReaderMetric,
  ReaderMetricResult,
  ReaderStudyResult,
} from '../../results/readerStudy.js';
import { formatFixed, formatPValue, formatStatistic } from '../../format/numbers.js';
import {
  column,
  DESIGNS,
  empty,
  estimateCell,
  METRIC_LABELS,
  numberCell,
  text,
  type TableDraft,
} from './readerStudyCells.js';
import type { TableRow } from './table.js';

function intervalRow(
  label: string,
  estimate: number,
  part: ReaderInterval & { df?: number | null },
  signed: boolean,
  statistic: number | null,
  p: number | null,
  first: boolean,
): TableRow {
  return {
    ...(first ? { groupStart: true } : {}),
    cells: [
      text(label),
      estimateCell(estimate, part.ci, signed),
      numberCell(part.se, (x) => formatFixed(x, 4)),
      numberCell(part.df ?? null, (x) => formatFixed(x, 2)),
      numberCell(statistic, formatStatistic),
      numberCell(p, formatPValue),
    ],
  };
}

/** The ORH analysis of one figure of merit: each design's modality means, differences and global test. */
export function analysisTable(rs: ReaderStudyResult, metric: ReaderMetric, level: string): TableDraft {
  const result = rs[metric] as ReaderMetricResult;
  const rows: TableRow[] = [];
  for (const [design, label] of DESIGNS) {
    let first = true;
    const push = (row: TableRow) => {
      rows.push(first ? { ...row, groupStart: true } : row);
      first = false;
    };
    for (const m of result.modalities)
      push(intervalRow(`${label}: mean, ${m.id}`, m.estimate, m[design], false, null, null, false));
    for (const c of result.comparisons) {
      const part = c[design];
      const statistic = 't' in part ? part.t : 'z' in part ? part.z : null;
      push(
        intervalRow(
          `${label}: ${c.modalities[0]} − ${c.modalities[1]}${design === 'fixedReaders' ? ' (z)' : ' (t)'}`,
          c.difference,
          part,
          true,
          statistic,
          part.p,
          false,
        ),
      );
    }
    const test = result.test?.[design];
    if (test) {
      const isChi = 'df' in test;
      const df = isChi ? `${test.df}` : `${test.df1}, ${formatFixed(test.df2, 2)}`;
      push({
        cells: [
          text(`${label}: test of equal modalities (${isChi ? 'χ²' : 'F'} on ${df} df)`),
          empty(3),
          empty(1),
          numberCell(isChi ? test.df : test.df2, (x) => formatFixed(x, 2)),
          numberCell(test.statistic, formatStatistic),
          numberCell(test.p, formatPValue),
        ],
      });
    }
  }
  const v = result.varianceComponents;
  const component = (name: string, x: number | null) => (x === null ? null : `${name} ${formatFixed(x, 6)}`);
  return {
    stem: `reader-study-analysis-${metric}`,
    section: 'readerStudy',
    title: `${METRIC_LABELS[metric]}: Obuchowski–Rockette–Hillis analysis`,
    columns: [
      column('Analysis', ['analysis'], 'text'),
      column(`Estimate (${level} CI)`, ['estimate', 'lower', 'upper']),
      column('SE', ['se']),
      column('df', ['df']),
      column('Statistic', ['statistic']),
      column('p', ['p']),
    ],
    rows,
    notes: [
      `Covariance of the readers' ${METRIC_LABELS[metric].replace('AUC', 'AUCs').toLowerCase().replace('aucs', 'AUCs')} by the ${result.covariance}. Differences are later minus earlier modality. ` +
        `Random readers and cases: t intervals and F test with Hillis's (2007) denominator degrees of freedom; fixed readers: normal intervals and χ² test; fixed cases: t and F on (T − 1)(R − 1) df. Intervals of a mean are cut to [0, 1].`,
      `Variance components (OR model): ${[
        component('reader', v.reader),
        component('modality × reader', v.modalityReader),
        component('error', v.error),
        component('Cov1', v.cov1),
        component('Cov2', v.cov2),
        component('Cov3', v.cov3),
      ]
        .filter((s): s is string => s !== null)
        .join('; ')}.`,
    ],
  };
}
