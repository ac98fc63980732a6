/**
 * Cells shared by the subgroup and validation-set tables: an AUC or a proportion that may not
 * be estimable there (a subgroup with no positive or no negative case has no AUC, and no
 * sensitivity or specificity on the empty class), which the report says in words instead of
 * leaving the cell blank.
 */
import type { Interval, Proportion } from '../../results/results.js';
import {
  formatAuc,
  formatCount,
  formatInterval,
  formatLevel,
  formatProportion,
  formatProportionInterval,
  withInterval,
  type NumberStyle,
} from '../../format/numbers.js';
import { cell, numberColumn } from './cells.js';
import type { TableCell, TableColumn } from './table.js';

/** What a cell says when the subset cannot give the estimate (e.g. no positive case). */
export const NOT_ESTIMABLE = 'not estimable';

/**
 * An AUC with its interval, "not estimable" when the subset holds one class only; an AUC whose
 * interval could not be computed (a single case of one class) says so rather than look exact.
 */
export function aucCell(auc: { estimate: number | null; ci?: Interval | null }): TableCell {
  const ci = auc.ci ?? null;
  if (auc.estimate === null) return cell(NOT_ESTIMABLE, [null, null, null]);
  if (!ci) return cell(`${formatAuc(auc.estimate)} (CI ${NOT_ESTIMABLE})`, [auc.estimate, null, null]);
  return cell(withInterval(formatAuc(auc.estimate), formatInterval(ci, formatAuc)), [
    auc.estimate,
    ci?.lower ?? null,
    ci?.upper ?? null,
  ]);
}

/**
 * A proportion with its interval, "not estimable" when its denominator is 0, and its count
 * "64/88" as a second cell (one line per row keeps long subgroup tables short).
 */
export function subsetProportionCells(p: Proportion, style: NumberStyle): [TableCell, TableCell] {
  const estimable = p.denominator > 0 && p.estimate !== null;
  const ci = p.ci ?? null;
  const text = estimable
    ? withInterval(formatProportion(p.estimate, style), formatProportionInterval(ci, style))
    : NOT_ESTIMABLE;
  return [
    cell(text, [p.estimate, ci?.lower ?? null, ci?.upper ?? null]),
    cell(formatCount(p.numerator, p.denominator), [p.numerator, p.denominator]),
  ];
}

/** A proportion with its interval and its count beneath, "not estimable" when its denominator is 0. */
export function subsetProportionCell(p: Proportion, style: NumberStyle): TableCell {
  const [estimate, count] = subsetProportionCells(p, style);
  return cell(estimate.text, [...estimate.raw, ...count.raw], count.text);
}

/** The column of an AUC with its interval. */
export function aucColumn(level: number): TableColumn {
  return numberColumn(`AUC (${formatLevel(level)} CI)`, ['auc', 'auc_lower', 'auc_upper']);
}

/** The column of a proportion with its interval and count beneath, CSV headers prefixed by `key`. */
export function proportionColumn(label: string, key: string, level: number): TableColumn {
  const [estimate, count] = proportionColumns(label, key, level);
  return { ...estimate, csv: [...estimate.csv, ...count.csv] };
}

/** The columns of a proportion with its interval and of its count, CSV headers prefixed by `key`. */
export function proportionColumns(label: string, key: string, level: number): [TableColumn, TableColumn] {
  return [
    numberColumn(`${label} (${formatLevel(level)} CI)`, [key, `${key}_lower`, `${key}_upper`]),
    numberColumn('n/N', [`${key}_numerator`, `${key}_denominator`]),
  ];
}
