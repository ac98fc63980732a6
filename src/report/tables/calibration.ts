/** Table: calibration of predicted probabilities (Brier, intercept, slope, O/E, Spiegelhalter, ICI). */
import type { Estimate, ModelResult } from '../../results/results.js';
import { formatFixed, formatLevel, formatStatistic } from '../../format/numbers.js';
import {
  cell,
  emptyCell,
  estimateCell,
  estimateCsv,
  numberColumn,
  pCell,
  textCell,
  textColumn,
} from './cells.js';
import { methodsNote, notes } from './notes.js';
import { type Draft, type TableCell, type TableColumn, type TableInput, type TableRow } from './table.js';

/** The notes: ideal values, the smoothing summaries, the interval methods. */
function calibrationNotes(
  models: ModelResult[],
  { level, smooth }: { level: string; smooth: boolean },
): string[] {
  const cals = models.map((m) => m.calibration as NonNullable<ModelResult['calibration']>);
  return notes(
    `Estimates with ${level} confidence intervals. Ideal values: intercept 0, slope 1, observed/expected ratio 1; lower Brier score and higher scaled Brier score are better.`,
    smooth &&
      'ICI, E50, E90, Emax: mean, median, 90th percentile and maximum absolute difference between the smoothed observed proportion and the predicted probability.',
    methodsNote(
      'Intercept and slope intervals',
      cals.flatMap((c) => [c.intercept.ci?.method, c.slope.ci?.method]),
    ),
    methodsNote(
      'Observed/expected interval',
      cals.map((c) => c.observedExpectedRatio.ci?.method),
    ),
    methodsNote(
      'Brier interval',
      cals.map((c) => c.brierCi?.method),
    ),
    methodsNote(
      'Smoothing',
      cals.map((c) => c.smooth?.method),
    ),
  );
}

export function calibrationTable({ results }: TableInput): Draft | null {
  const level = formatLevel(results.settings.level);
  const models = results.models.filter((m) => m.calibration);
  if (models.length === 0) return null;
  const three = (x: number | null) => formatFixed(x, 3);
  const columns: TableColumn[] = [
    textColumn('Measure', 'measure'),
    ...models.map((m) => numberColumn(m.name, estimateCsv(`${m.id}`))),
  ];
  type Make = (c: NonNullable<ModelResult['calibration']>) => TableCell;
  const row = (measure: string, rawName: string, make: Make): TableRow => ({
    cells: [
      textCell(measure, rawName),
      ...models.map((m) => {
        const c = make(m.calibration as NonNullable<ModelResult['calibration']>);
        return { ...c, raw: [...c.raw, null, null, null].slice(0, 3) };
      }),
    ],
  });
  const converged = (e: Estimate & { converged: boolean }, format: (x: number | null) => string) => {
    const c = estimateCell(e, format);
    return e.converged ? c : { ...c, sub: 'fit did not converge' };
  };
  const rows: TableRow[] = [
    row('Brier score', 'brier', (c) => estimateCell({ estimate: c.brier, ci: c.brierCi ?? null }, three)),
    row('Scaled Brier score', 'scaled_brier', (c) => cell(three(c.scaledBrier), [c.scaledBrier])),
    row('Calibration intercept (in the large)', 'intercept', (c) => converged(c.intercept, three)),
    row('Calibration slope', 'slope', (c) => converged(c.slope, three)),
    row('Observed/expected ratio', 'observed_expected', (c) => estimateCell(c.observedExpectedRatio, three)),
    row('Spiegelhalter z', 'spiegelhalter_z', (c) =>
      cell(formatStatistic(c.spiegelhalter.statistic), [c.spiegelhalter.statistic]),
    ),
    row('Spiegelhalter p', 'spiegelhalter_p', (c) => pCell(c.spiegelhalter.p)),
  ];
  const smooth = models.some((m) => m.calibration?.smooth);
  if (smooth) {
    const measures = [
      ['ICI', 'ici'],
      ['E50', 'e50'],
      ['E90', 'e90'],
      ['Emax', 'emax'],
    ] as const;
    for (const [label, key] of measures) {
      rows.push(
        row(label, key, (c) => (c.smooth ? cell(three(c.smooth[key]), [c.smooth[key]]) : emptyCell(1))),
      );
    }
  }
  return {
    stem: 'calibration',
    section: 'calibration',
    title: 'Calibration of predicted probabilities',
    columns,
    rows,
    notes: calibrationNotes(models, { level, smooth }),
  };
}
