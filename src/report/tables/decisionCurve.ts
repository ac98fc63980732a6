/** Table: net benefit at selected threshold probabilities (at the sample's prevalence or restated at a target prevalence). */
import type { ModelResult } from '../../results/results.js';
import { formatFixed, formatLevel, formatNumber, formatProportion } from '../../format/numbers.js';
import { cell, emptyCell, estimateCell, estimateCsv, numberColumn } from './cells.js';
import { methodsNote, notes } from './notes.js';
import { type Draft, type TableColumn, type TableInput, type TableRow } from './table.js';

/** Decision-curve thresholds the table shows: the round ones present in the grid. */
export function decisionTableThresholds(grid: number[]): number[] {
  const round = [0.05, 0.1, 0.2, 0.3, 0.5];
  const present = round.filter((t) => grid.some((g) => Math.abs(g - t) < 1e-9));
  if (present.length > 0 || grid.length === 0) return present;
  // an unusual grid: five evenly spread points of it
  const picks = new Set<number>();
  for (let k = 0; k < 5; k++) picks.add(Math.round((k * (grid.length - 1)) / 4));
  return [...picks].map((i) => grid[i] as number);
}

function atThreshold<T extends { threshold: number }>(points: T[] | undefined, t: number): T | undefined {
  return points?.find((p) => Math.abs(p.threshold - t) < 1e-9);
}

export function decisionCurveTable({
  results,
  style,
  atTargetPrevalence,
}: TableInput & { atTargetPrevalence: boolean }): Draft | null {
  const level = formatLevel(results.settings.level);
  const curveOf = (m: ModelResult) =>
    atTargetPrevalence ? m.decisionCurveAtTargetPrevalence : m.decisionCurve;
  const treatAll = atTargetPrevalence
    ? results.decisionCurve?.treatAllAtTargetPrevalence
    : results.decisionCurve?.treatAll;
  const models = results.models.filter((m) => (curveOf(m)?.length ?? 0) > 0);
  if (models.length === 0) return null;
  const grid = (curveOf(models[0] as ModelResult) ?? []).map((p) => p.threshold);
  const thresholds = decisionTableThresholds(grid);
  if (thresholds.length === 0) return null;
  const anyCi = models.some((m) => curveOf(m)?.some((p) => p.ci));
  const three = (x: number | null) => formatFixed(x, 3);
  const columns: TableColumn[] = [
    numberColumn('Threshold probability', ['threshold']),
    numberColumn('Treat all', ['treat_all']),
    ...models.map((m) => numberColumn(m.name, anyCi ? estimateCsv(`${m.id}`) : [`${m.id}`])),
  ];
  const rows: TableRow[] = thresholds.map((t) => {
    const all = atThreshold(treatAll, t);
    return {
      cells: [
        cell(Number.isInteger(Math.round(t * 100 * 1e6) / 1e6) ? formatFixed(t, 2) : formatNumber(t), [t]),
        cell(three(all?.netBenefit ?? null), [all?.netBenefit ?? null]),
        ...models.map((m) => {
          const p = atThreshold(curveOf(m), t);
          if (!p) return emptyCell(anyCi ? 3 : 1);
          return anyCi
            ? estimateCell({ estimate: p.netBenefit, ci: p.ci ?? null }, three)
            : cell(three(p.netBenefit), [p.netBenefit]);
        }),
      ],
    };
  });
  const target = results.settings.targetPrevalence;
  return {
    stem: atTargetPrevalence ? 'decision-curve-target-prevalence' : 'decision-curve',
    section: 'decisionCurve',
    title: atTargetPrevalence
      ? `Net benefit at selected threshold probabilities, restated at prevalence ${formatProportion(target ?? null, style)}`
      : 'Net benefit at selected threshold probabilities',
    columns,
    rows,
    notes: notes(
      atTargetPrevalence
        ? 'Net benefit = sensitivity × π − (1 − specificity) × (1 − π) × t/(1 − t) at the target prevalence π, with sensitivity and specificity from this test set.'
        : 'Net benefit = TP/n − FP/n × t/(1 − t) at threshold probability t (a case is treated when its predicted probability is ≥ t).',
      `Treat none has net benefit 0. A model is useful at t when its net benefit exceeds both treat all and treat none.${anyCi ? ` ${level} CI in parentheses.` : ''}`,
      anyCi &&
        methodsNote(
          'Interval',
          models.flatMap((m) => (curveOf(m) ?? []).slice(0, 1).map((p) => p.ci?.method)),
        ),
    ),
  };
}
