/**
 * Tables of the subgroup analysis (`subgroups` in the study file): one table of each subgroup's
 * sample and AUCs, and one per operating point of sensitivity and specificity in each
 * subgroup, at the thresholds of the whole analysis (never re-chosen within a subgroup, see
 * contract.md "Subgroups"). Each table opens with all cases, so that a subgroup reads against
 * the whole. Rows are subgroup value × model, grouped by value: a reader scans one column per
 * measure down the subgroups.
 */
import type { Interval, ModelResult, Proportion, Results, SubgroupResult } from '../../results/results.js';
import { formatInteger, formatLevel, formatProportion, formatThreshold } from '../../format/numbers.js';
import { joinWords } from '../../format/words.js';
import { operatingPointIds, pointLabel, pointOf } from '../lookup.js';
import { cell, numberColumn, textColumn } from './cells.js';
import { methodsNote, notes } from './notes.js';
import {
  aucCell,
  aucColumn,
  NOT_ESTIMABLE,
  proportionColumns,
  subsetProportionCells,
} from './subsetCells.js';
import {
  slug,
  type Draft,
  type PointTableInput,
  type RawValue,
  type TableCell,
  type TableInput,
  type TableRow,
} from './table.js';

/** One group of rows: all cases, or one value of one subgroup column. */
export interface SubgroupGroup {
  /** "All cases" or "site: North". */
  label: string;
  /** CSV values: the column (or "all") and the value (or null). */
  raw: [string, string | null];
  n: number;
  positives: number;
  /** Per model, in the order of `results.models`: the model and its subgroup result. */
  models: { model: ModelResult; auc: { estimate: number | null; ci?: Interval | null } }[];
  /** The subgroup behind the group; null for all cases. */
  subgroup: SubgroupResult | null;
}

/** "site: North" — the column name as the data file writes it, then the value. */
export function subgroupLabel(subgroup: Pick<SubgroupResult, 'column' | 'value'>): string {
  return `${subgroup.column}: ${subgroup.value}`;
}

/** All cases, then every subgroup in results order, each with its models' AUCs. */
export function subgroupGroups(results: Results): SubgroupGroup[] {
  const all: SubgroupGroup = {
    label: 'All cases',
    raw: ['all', null],
    n: results.sample.n,
    positives: results.sample.positives,
    models: results.models.map((model) => ({ model, auc: model.auc })),
    subgroup: null,
  };
  const groups = (results.subgroups ?? []).map((s): SubgroupGroup => ({
    label: subgroupLabel(s),
    raw: [s.column, s.value],
    n: s.n,
    positives: s.positives,
    models: results.models.map((model) => ({
      model,
      auc: s.models.find((m) => m.id === model.id)?.auc ?? { estimate: null, ci: null },
    })),
    subgroup: s,
  }));
  return [all, ...groups];
}

/** The first cell of a row: the group's label on its first row only (the CSV repeats it). */
function groupCell(group: SubgroupGroup, first: boolean): TableCell {
  return cell(first ? group.label : '', [...group.raw]);
}

/** Subgroups that hold one outcome class only, named for a note. */
function singleClassNote(results: Results): string | null {
  const single = (results.subgroups ?? []).filter((s) => s.positives === 0 || s.negatives === 0);
  if (single.length === 0) return null;
  return `${joinWords(single.map(subgroupLabel))} ${single.length === 1 ? 'holds' : 'hold'} cases of one outcome class only: the AUC (and sensitivity or specificity on the missing class) is ${NOT_ESTIMABLE}.`;
}

const SMALL_SUBGROUP = 10;

/** A note when a subgroup has few positive or negative cases: its intervals are wide. */
function smallSubgroupNote(results: Results): string | null {
  const small = (results.subgroups ?? []).filter(
    (s) => s.positives > 0 && s.negatives > 0 && Math.min(s.positives, s.negatives) < SMALL_SUBGROUP,
  );
  if (small.length === 0) return null;
  return `Fewer than ${SMALL_SUBGROUP} positive or negative cases in ${joinWords(small.map(subgroupLabel))}: estimates there are imprecise, as the wide intervals show.`;
}

/** Table: each subgroup's cases, positives, prevalence and every model's AUC. */
export function subgroupAucTable({ results, style }: TableInput): Draft | null {
  if (!results.subgroups || results.subgroups.length === 0) return null;
  const columns = [
    { ...textColumn('Subgroup', 'subgroup'), csv: ['subgroup', 'value'] },
    numberColumn('Cases', ['n']),
    numberColumn('Positive', ['positives']),
    numberColumn('Prevalence', ['prevalence']),
    textColumn('Model', 'model'),
    aucColumn(results.settings.level),
  ];
  const rows: TableRow[] = subgroupGroups(results).flatMap((group) =>
    group.models.map(({ model, auc }, k): TableRow => {
      const first = k === 0;
      const prevalence = group.n > 0 ? group.positives / group.n : null;
      const count = (x: number | null, text: string): TableCell => cell(first ? text : '', [x]);
      return {
        ...(first ? { groupStart: true } : {}),
        cells: [
          groupCell(group, first),
          count(group.n, formatInteger(group.n)),
          count(group.positives, formatInteger(group.positives)),
          count(prevalence, formatProportion(prevalence, style)),
          cell(model.name, [model.name]),
          aucCell(auc),
        ],
      };
    }),
  );
  const aucMethods = (results.subgroups ?? []).flatMap((s) => s.models.map((m) => m.auc.ci?.method));
  return {
    stem: 'subgroups-auc',
    section: 'subgroups',
    title: 'Subgroups: cases and discrimination (AUC)',
    columns,
    rows,
    notes: notes(
      'AUC, area under the receiver operating characteristic curve, estimated within each subgroup.',
      methodsNote('AUC interval', aucMethods),
      singleClassNote(results),
      smallSubgroupNote(results),
    ),
  };
}

/** The sensitivity and specificity of one model at one operating point, in a group. */
function pointOfGroup(
  group: SubgroupGroup,
  model: ModelResult,
  pointId: string,
): { sensitivity: Proportion; specificity: Proportion } | undefined {
  if (!group.subgroup) return pointOf(model, pointId);
  return group.subgroup.models.find((m) => m.id === model.id)?.operatingPoints.find((p) => p.id === pointId);
}

/** Table: sensitivity and specificity in each subgroup at one operating point's thresholds. */
export function subgroupAccuracyTable({ results, style, pointId, label }: PointTableInput): Draft | null {
  if (!results.subgroups || results.subgroups.length === 0) return null;
  const level = results.settings.level;
  const columns = [
    { ...textColumn('Subgroup', 'subgroup'), csv: ['subgroup', 'value'] },
    textColumn('Model', 'model'),
    ...proportionColumns('Sensitivity', 'sensitivity', level),
    ...proportionColumns('Specificity', 'specificity', level),
  ];
  const empty3: RawValue[] = [null, null, null];
  const empty2: RawValue[] = [null, null];
  const rows: TableRow[] = subgroupGroups(results).flatMap((group) =>
    group.models.map(({ model }, k): TableRow => {
      const point = pointOfGroup(group, model, pointId);
      return {
        ...(k === 0 ? { groupStart: true } : {}),
        cells: [
          groupCell(group, k === 0),
          cell(model.name, [model.name]),
          ...(point ? subsetProportionCells(point.sensitivity, style) : [cell('', empty3), cell('', empty2)]),
          ...(point ? subsetProportionCells(point.specificity, style) : [cell('', empty3), cell('', empty2)]),
        ],
      };
    }),
  );
  const thresholds = results.models.flatMap((m) => {
    const p = pointOf(m, pointId);
    return p ? [`${m.name} ${formatThreshold(p.threshold)}`] : [];
  });
  const source = results.models.map((m) => pointOf(m, pointId)?.thresholdSource).find((s) => s);
  const where =
    source === 'validation'
      ? 'threshold chosen on the validation set'
      : source === 'fixed'
        ? 'prespecified threshold'
        : 'threshold chosen on all cases';
  const methods = (results.subgroups ?? []).flatMap((s) =>
    s.models.flatMap((m) =>
      m.operatingPoints.filter((p) => p.id === pointId).map((p) => p.sensitivity.ci?.method),
    ),
  );
  return {
    stem: `subgroups-${slug(pointId)}`,
    section: 'subgroups',
    operatingPoint: pointId,
    title: `Subgroups: sensitivity and specificity, ${label}`,
    columns,
    rows,
    notes: notes(
      `Each model at its ${where} (${joinWords(thresholds)}), applied unchanged in every subgroup; counts are numerator/denominator, with ${formatLevel(level)} CIs.`,
      methodsNote('Intervals of proportions', methods),
    ),
  };
}

/** Every subgroup table, in report order: the AUCs, then one per operating point. */
export function subgroupTables(input: TableInput): (Draft | null)[] {
  const { results } = input;
  if (!results.subgroups || results.subgroups.length === 0) return [];
  return [
    subgroupAucTable(input),
    ...operatingPointIds(results).map((pointId) =>
      subgroupAccuracyTable({ ...input, pointId, label: pointLabel(results, pointId) }),
    ),
  ];
}
