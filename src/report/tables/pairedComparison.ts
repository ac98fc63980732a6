/** Table: paired comparison of two models at every operating point (sensitivity, specificity, PPV, NPV). */
import type {
  ComparisonResult,
  Difference,
  OperatingPointComparison,
  OperatingPointResult,
  PairedProportionComparison,
  TestResult,
} from '../../results/results.js';
import {
  MISSING,
  formatDifferenceInterval,
  formatInteger,
  formatLevel,
  formatProportion,
  formatProportionDifference,
  formatSignedInteger,
  withInterval,
  type NumberStyle,
} from '../../format/numbers.js';
import { modelName, pointOf } from '../lookup.js';
import { shortMethodName } from '../wording/methodNames.js';
import { bounds, cell, emptyCell, estimateCsv, numberColumn, pCell, textCell, textColumn } from './cells.js';
import { hasHolm, methodsNote, notes } from './notes.js';
import { type Draft, type TableCell, type TableColumn, type TableInput, type TableRow } from './table.js';

const MEASURE_NAMES = {
  sensitivity: 'Sensitivity',
  specificity: 'Specificity',
  ppv: 'PPV',
  npv: 'NPV',
} as const;

/** One row of the table: one measure at one operating point. */
interface PairedRowInput {
  measure: keyof typeof MEASURE_NAMES;
  point: OperatingPointComparison;
  /** Model A's and B's results at the operating point. */
  a: OperatingPointResult | undefined;
  b: OperatingPointResult | undefined;
  style: NumberStyle;
  /** Whether the table has a Holm-adjusted p column. */
  holm: boolean;
  /** The first row of the operating point, which names it. */
  first: boolean;
  label: string;
}

/** The last three cells: discordant pairs, the change in errors, the score test's p. */
function pairedRowTail(measure: PairedRowInput['measure'], point: OperatingPointComparison): TableCell[] {
  const d: Difference = point[measure];
  const paired =
    measure === 'sensitivity' || measure === 'specificity' ? (d as PairedProportionComparison) : null;
  const scoreTest: TestResult | null | undefined =
    measure === 'ppv' || measure === 'npv' ? point[measure].scoreTest : undefined;
  const cells: TableCell[] = [
    paired
      ? cell(`${formatInteger(paired.discordant.b)} / ${formatInteger(paired.discordant.c)}`, [
          paired.discordant.b,
          paired.discordant.c,
        ])
      : emptyCell(2),
  ];
  if (measure === 'sensitivity') {
    cells.push(cell(`${formatSignedInteger(point.falseNegativesChange)} FN`, [point.falseNegativesChange]));
  } else if (measure === 'specificity') {
    cells.push(cell(`${formatSignedInteger(point.falsePositivesChange)} FP`, [point.falsePositivesChange]));
  } else {
    cells.push(emptyCell(1));
  }
  cells.push(scoreTest ? pCell(scoreTest.p) : emptyCell(1));
  return cells;
}

function pairedRow({ measure, point, a, b, style, holm, first, label }: PairedRowInput): TableRow {
  const d: Difference = point[measure];
  const estimateA = a ? a[measure].estimate : null;
  const estimateB = b ? b[measure].estimate : null;
  const cells: TableCell[] = [
    cell(first ? label : '', [point.id]),
    textCell(MEASURE_NAMES[measure], measure),
    cell(formatProportion(estimateA, style), [estimateA]),
    cell(formatProportion(estimateB, style), [estimateB]),
    cell(
      withInterval(
        formatProportionDifference(d.difference, style),
        formatDifferenceInterval(d.ci ?? null, style),
      ),
      [d.difference, ...bounds(d.ci)],
    ),
    cell(d.p === null && d.ci === undefined ? MISSING : shortMethodName(d.methodId), [d.method]),
    pCell(d.p),
  ];
  if (holm) cells.push(pCell(d.pAdjusted));
  cells.push(...pairedRowTail(measure, point));
  return first ? { cells, groupStart: true } : { cells };
}

function pairedColumns(level: string, holm: boolean): TableColumn[] {
  const columns: TableColumn[] = [
    textColumn('Operating point', 'operating_point'),
    textColumn('Measure', 'measure'),
    numberColumn('A', ['a']),
    numberColumn('B', ['b']),
    numberColumn(`Difference A − B (${level} CI)`, estimateCsv('difference')),
    { ...textColumn('Test', 'test'), nowrap: true },
    numberColumn('p', ['p']),
  ];
  if (holm) columns.push(numberColumn('p (Holm)', ['p_holm']));
  columns.push(
    numberColumn('Discordant pairs A / B', ['discordant_a_only', 'discordant_b_only']),
    numberColumn('Errors A − B', ['errors_change']),
    numberColumn('Score test p', ['score_test_p']),
  );
  return columns;
}

/** The table of one comparison (the `index`-th of the results). */
export function pairedComparisonTable({
  results,
  style,
  comparison,
  index,
}: TableInput & { comparison: ComparisonResult; index: number }): Draft {
  const level = formatLevel(results.settings.level);
  const [idA, idB] = comparison.models;
  const modelA = results.models.find((m) => m.id === idA);
  const modelB = results.models.find((m) => m.id === idB);
  const nameA = modelName(results, idA);
  const nameB = modelName(results, idB);
  const measures = ['sensitivity', 'specificity', 'ppv', 'npv'] as const;
  const all = comparison.operatingPoints.flatMap((p) => measures.map((m) => p[m] as Difference));
  const holm = hasHolm(all);
  const { positives, negatives } = results.sample;
  const columns = pairedColumns(level, holm);
  const rows: TableRow[] = [];
  for (const point of comparison.operatingPoints) {
    const a = modelA ? pointOf(modelA, point.id) : undefined;
    const b = modelB ? pointOf(modelB, point.id) : undefined;
    const label = a?.label ?? b?.label ?? point.id;
    measures.forEach((measure, k) =>
      rows.push(pairedRow({ measure, point, a, b, style, holm, first: k === 0, label })),
    );
  }
  const suffix = results.comparisons.length > 1 ? `-${index + 1}` : '';
  return {
    stem: `paired-comparison${suffix}`,
    section: 'comparisons',
    title: `Paired comparison at the operating points: ${nameA} (A) vs. ${nameB} (B)`,
    columns,
    rows,
    notes: notes(
      `A: ${nameA}; B: ${nameB}. Each model at its own threshold; differences are A minus B on the same cases. Sensitivity is compared on the ${formatInteger(positives)} positive cases, specificity on the ${formatInteger(negatives)} negative cases. Discordant pairs: cases classified correctly by A only / by B only. Errors A − B: false negatives (FN, sensitivity rows) or false positives (FP, specificity rows) of A minus those of B; negative means A makes fewer errors.`,
      methodsNote(
        'Sensitivity and specificity',
        comparison.operatingPoints.flatMap((p) => [p.sensitivity.method, p.sensitivity.ci?.method]),
      ),
      methodsNote(
        'PPV and NPV',
        comparison.operatingPoints.flatMap((p) => [p.ppv.method]),
      ),
      methodsNote(
        'Score test',
        comparison.operatingPoints.flatMap((p) => [p.ppv.scoreTest?.method, p.npv.scoreTest?.method]),
      ),
      holm && 'p (Holm): adjusted over the comparisons of each measure at each operating point.',
    ),
  };
}
