/**
 * The reader-study tables (plain data, formatted here, computed in evaluate): each reader's
 * figures of merit per modality, the Obuchowski–Rockette–Hillis analysis of each figure of
 * merit for the three generalisations, and the standalone models against the readers.
 */
import type { Interval, Results } from '../evaluate/results.js';
import type {
  ReaderInterval,
  ReaderMetric,
  ReaderMetricResult,
  ReaderStudyResult,
} from '../results/readerStudy.js';
import {
  formatFixed,
  formatInterval,
  formatPValue,
  formatSigned,
  formatStatistic,
  formatThreshold,
  withInterval,
} from './format.js';
import type { RawValue, Table, TableCell, TableColumn, TableRow } from './tables.js';

export type TableDraft = Omit<Table, 'name' | 'number'> & { stem: string };

export const METRIC_LABELS: Record<ReaderMetric, string> = {
  auc: 'AUC',
  sensitivity: 'Sensitivity',
  specificity: 'Specificity',
};

const DESIGNS = [
  ['randomReaders', 'Random readers and cases'],
  ['fixedReaders', 'Fixed readers, random cases'],
  ['fixedCases', 'Fixed cases, random readers'],
] as const;

const text = (value: string): TableCell => ({ text: value, raw: [value] });
const bounds = (ci: Interval | null | undefined): RawValue[] => (ci ? [ci.lower, ci.upper] : [null, null]);
const three = (x: number) => formatFixed(x, 3);
/**
 * An interval bound with 3 decimals that keeps the sign of a small negative bound ("−0.000"):
 * an interval from −0.0004 reads "−0.000 to 0.088", not "0.000–0.088", beside p = 0.052.
 */
export function formatBound(x: number): string {
  const text = formatFixed(x, 3);
  return x < 0 && !text.startsWith('\u2212') ? `\u2212${text}` : text;
}

function estimateCell(estimate: number, ci: Interval | null | undefined, signed = false): TableCell {
  const format = signed ? (x: number) => formatSigned(x, 3) : three;
  return {
    text: withInterval(format(estimate), formatInterval(ci ?? null, three)),
    raw: [estimate, ...bounds(ci)],
  };
}
const numberCell = (x: number | null | undefined, format: (x: number | null) => string): TableCell => ({
  text: format(x ?? null),
  raw: [x ?? null],
});
const empty = (parts: number): TableCell => ({ text: '', raw: new Array<RawValue>(parts).fill(null) });
const column = (label: string, csv: string[], kind: 'text' | 'number' = 'number'): TableColumn => ({
  label,
  csv,
  kind,
});

export function metricsOf(rs: ReaderStudyResult): ReaderMetric[] {
  return (['auc', 'sensitivity', 'specificity'] as const).filter((m) => rs[m] !== undefined);
}

/** Each reader's AUC (sensitivity, specificity) per modality, and the readers' mean with its interval. */
function readersTable(rs: ReaderStudyResult, level: string): TableDraft {
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
function analysisTable(rs: ReaderStudyResult, metric: ReaderMetric, level: string): TableDraft {
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

/** Each standalone model against each modality's readers. */
function standaloneTable(rs: ReaderStudyResult, level: string): TableDraft | null {
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

/** Every reader-study table in report order (none without a reader study). */
export function readerStudyTables(results: Results, level: string): TableDraft[] {
  const rs = results.readerStudy;
  if (!rs) return [];
  const drafts: (TableDraft | null)[] = [
    readersTable(rs, level),
    ...metricsOf(rs).map((metric) => analysisTable(rs, metric, level)),
    standaloneTable(rs, level),
  ];
  return drafts.filter((d): d is TableDraft => d !== null);
}
