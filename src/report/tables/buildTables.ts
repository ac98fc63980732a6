/**
 * The report's tables as plain data, built once from the results: the HTML shows them
 * (through the view model) and `toCsv` writes them to `tables/<name>.csv`.
 *
 * Every cell carries the string the report shows (`text`, formatted by format.ts) and the
 * full-precision values behind it (`raw`). A column names its raw parts in `csv`, so one
 * display column "0.903 (0.862–0.933)" becomes three CSV columns (estimate, lower, upper);
 * `raw.length === column.csv.length` in every row. Tables are numbered (Table S1, S2, …) in
 * the order the report shows them, which is the order of the returned array.
 */
import type {
  ComparisonResult,
  Difference,
  Estimate,
  Interval,
  ModelResult,
  OperatingPointComparison,
  OperatingPointResult,
  PairedProportionComparison,
  Proportion,
  Results,
  TestResult,
} from '../../evaluate/results.js';
import {
  MISSING,
  formatAuc,
  formatCount,
  formatDifferenceInterval,
  formatFixed,
  formatInteger,
  formatInterval,
  formatLevel,
  formatNumber,
  formatPValue,
  formatProportion,
  formatProportionDifference,
  formatProportionInterval,
  formatRatio,
  formatSigned,
  formatSignedInteger,
  formatStatistic,
  formatThreshold,
  withInterval,
  type NumberStyle,
} from '../../format/numbers.js';

/** A full-precision value behind a cell, as written to CSV. */
export type RawValue = number | string | boolean | null;

/** The sections of the report, in order; tables and figures belong to one of them. */
export const SECTION_IDS = [
  'cohort',
  'discrimination',
  'operatingPoints',
  'comparisons',
  'precisionRecall',
  'calibration',
  'decisionCurve',
  'reproducibility',
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export interface TableColumn {
  /** The header the report shows. */
  label: string;
  /** CSV header of each raw part of the column's cells. */
  csv: string[];
  /** `text` columns are left-aligned; `number` columns right-aligned with tabular figures. */
  kind: 'text' | 'number';
  /** Keep cells on one line (short labels such as test names). */
  nowrap?: boolean;
}

export interface TableCell {
  text: string;
  /** A second, smaller line under `text` (e.g. the count "242/268" under a proportion). */
  sub?: string;
  /** Full-precision values, one per `csv` header of the column. */
  raw: RawValue[];
}

export interface TableRow {
  cells: TableCell[];
  /** First row of a group (a model, an operating point): drawn with a rule above. */
  groupStart?: boolean;
  /** A totals row. */
  total?: boolean;
}

export interface Table {
  /** File stem, e.g. "table-s2-discrimination". */
  name: string;
  /** "Table S2". */
  number: string;
  section: SectionId;
  /** For tables of one operating point: its id. */
  operatingPoint?: string;
  title: string;
  columns: TableColumn[];
  rows: TableRow[];
  /** Footnotes: abbreviations and the interval and test methods used. */
  notes: string[];
  /** A small table shown at its natural width rather than the full text width. */
  narrow?: boolean;
}

export type TableOptions = NumberStyle;

type Draft = Omit<Table, 'name' | 'number'> & { stem: string };

// ---------------------------------------------------------------- cells

function cell(text: string, raw: RawValue[], sub?: string): TableCell {
  return sub === undefined ? { text, raw } : { text, sub, raw };
}

function textCell(text: string, raw: RawValue = text): TableCell {
  return { text, raw: [raw] };
}

function bounds(ci: Interval | null | undefined): [number | null, number | null] {
  return ci ? [ci.lower, ci.upper] : [null, null];
}

function proportionCell(p: Proportion, style: NumberStyle): TableCell {
  return cell(
    withInterval(formatProportion(p.estimate, style), formatProportionInterval(p.ci, style)),
    [p.estimate, ...bounds(p.ci), p.numerator, p.denominator],
    formatCount(p.numerator, p.denominator),
  );
}

function estimateCell(
  e: { estimate: number | null; ci?: Interval | null },
  format: (x: number | null) => string,
  extra: RawValue[] = [],
): TableCell {
  const ci = e.ci ?? null;
  return cell(withInterval(format(e.estimate), formatInterval(ci, format)), [
    e.estimate,
    ...bounds(ci),
    ...extra,
  ]);
}

function intervalCell(ci: Interval | null | undefined, format: (x: number) => string): TableCell {
  return cell(formatInterval(ci ?? null, format), [...bounds(ci)]);
}

function pCell(p: number | null | undefined): TableCell {
  return cell(formatPValue(p ?? null), [p ?? null]);
}

function emptyCell(parts: number): TableCell {
  return { text: '', raw: new Array<RawValue>(parts).fill(null) };
}

// ---------------------------------------------------------------- columns

function textColumn(label: string, csv: string): TableColumn {
  return { label, csv: [csv], kind: 'text' };
}

function numberColumn(label: string, csv: string[]): TableColumn {
  return { label, csv, kind: 'number' };
}

const estimateCsv = (prefix: string) => [`${prefix}`, `${prefix}_lower`, `${prefix}_upper`];

// ---------------------------------------------------------------- wording

const MEASURE_NAMES = {
  sensitivity: 'Sensitivity',
  specificity: 'Specificity',
  ppv: 'PPV',
  npv: 'NPV',
} as const;

/** A short name of a test or interval method, for table cells and running text. */
export function shortMethodName(method: string): string {
  if (/cluster-adjusted McNemar/i.test(method)) return 'cluster-adjusted McNemar';
  if (/McNemar exact/i.test(method)) return 'McNemar exact';
  if (/McNemar mid-p/i.test(method)) return 'McNemar mid-p';
  if (/McNemar chi-squared test with continuity/i.test(method)) return 'McNemar χ² (corrected)';
  if (/McNemar chi-squared/i.test(method)) return 'McNemar χ²';
  if (/Obuchowski \(1997\)/i.test(method)) return 'Obuchowski';
  if (/DeLong/i.test(method)) return 'DeLong';
  if (/generalized score test|Kosinski/i.test(method)) return 'score test';
  if (/bootstrap/i.test(method)) return 'bootstrap';
  if (/Spiegelhalter/i.test(method)) return 'Spiegelhalter';
  return method;
}

/** The rule of an operating point in words: "sensitivity ≥ 0.90", "Youden-optimal", "threshold 0.5". */
export function ruleText(point: OperatingPointResult): string {
  const rule = point.rule;
  switch (rule.kind) {
    case 'minSensitivity':
      return `sensitivity ≥ ${formatFixed(rule.value, 2)}`;
    case 'minSpecificity':
      return `specificity ≥ ${formatFixed(rule.value, 2)}`;
    case 'youden':
      return 'Youden-optimal';
    case 'threshold':
      return `threshold ${formatThreshold(rule.value)}`;
  }
}

/** How a threshold was chosen, for a table note. */
export function thresholdSourceText(source: OperatingPointResult['thresholdSource']): string {
  switch (source) {
    case 'fixed':
      return 'prespecified';
    case 'test':
      return 'derived on this test set';
    case 'validation':
      return 'derived on the validation set';
  }
}

function methodsNote(what: string, methods: Iterable<string | undefined>): string | null {
  const distinct = [...new Set([...methods].filter((m): m is string => typeof m === 'string' && m !== ''))];
  return distinct.length === 0 ? null : `${what}: ${distinct.join('; ')}.`;
}

function notes(...items: (string | null | false | undefined)[]): string[] {
  return items.filter((x): x is string => typeof x === 'string' && x !== '');
}

function modelName(results: Results, id: string): string {
  return results.models.find((m) => m.id === id)?.name ?? id;
}

function pointOf(model: ModelResult, id: string): OperatingPointResult | undefined {
  return model.operatingPoints.find((p) => p.id === id);
}

function hasHolm(differences: Difference[]): boolean {
  return differences.some((d) => d.pAdjusted !== undefined && d.pAdjusted !== null);
}

/** Stems safe as file names: lower case letters, digits and hyphens. */
function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'x' : s.slice(0, 40);
}

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

// ---------------------------------------------------------------- tables

function cohortTable(results: Results, style: NumberStyle): Draft {
  const s = results.sample;
  const rows: TableRow[] = [
    {
      cells: [
        textCell('Rows in the data file'),
        cell(formatInteger(results.input.rows), [results.input.rows]),
      ],
    },
  ];
  if (s.dropped !== undefined && s.dropped > 0) {
    rows.push({
      cells: [textCell('Rows dropped (missing score)'), cell(formatInteger(s.dropped), [s.dropped])],
    });
  }
  rows.push(
    { cells: [textCell('Cases analysed'), cell(formatInteger(s.n), [s.n])] },
    {
      cells: [
        textCell(`Reference standard positive (outcome = “${results.settings.positive}”)`, 'positives'),
        cell(formatInteger(s.positives), [s.positives]),
      ],
    },
    {
      cells: [
        textCell('Reference standard negative', 'negatives'),
        cell(formatInteger(s.negatives), [s.negatives]),
      ],
    },
    {
      cells: [
        textCell('Prevalence', 'prevalence'),
        cell(formatProportion(s.prevalence, style), [s.prevalence]),
      ],
    },
  );
  if (s.clusters !== undefined) {
    rows.push({
      cells: [textCell('Clusters (patients)', 'clusters'), cell(formatInteger(s.clusters), [s.clusters])],
    });
  }
  return {
    stem: 'cohort',
    section: 'cohort',
    title: 'Study sample',
    columns: [textColumn('Characteristic', 'characteristic'), numberColumn('Value', ['value'])],
    rows,
    notes: [],
    narrow: true,
  };
}

function discriminationTable(results: Results): Draft {
  const level = formatLevel(results.settings.level);
  const anyBootstrap = results.models.some((m) => m.auc.bootstrapCi);
  const ranges = results.models[0]?.partialAuc ?? [];
  const columns: TableColumn[] = [
    textColumn('Model', 'model'),
    numberColumn('AUC', ['auc']),
    numberColumn('SE', ['se']),
    numberColumn(`${level} CI`, ['ci_lower', 'ci_upper']),
  ];
  if (anyBootstrap)
    columns.push(numberColumn(`${level} CI (bootstrap)`, ['bootstrap_ci_lower', 'bootstrap_ci_upper']));
  ranges.forEach((r, k) => {
    const range = `${r.focus} ${formatFixed(r.range[0], 2)}–${formatFixed(r.range[1], 2)}`;
    const tag = ranges.length > 1 ? `_${k + 1}` : '';
    columns.push(
      numberColumn(`Partial AUC, ${range} (${level} CI)`, estimateCsv(`pauc${tag}`)),
      numberColumn(`Standardised partial AUC (${level} CI)`, estimateCsv(`pauc_mcclish${tag}`)),
    );
  });
  const rows: TableRow[] = results.models.map((m) => {
    const cells: TableCell[] = [
      textCell(m.name),
      cell(formatAuc(m.auc.estimate), [m.auc.estimate]),
      cell(formatFixed(m.auc.se, 4), [m.auc.se]),
      intervalCell(m.auc.ci, formatAuc),
    ];
    if (anyBootstrap) cells.push(intervalCell(m.auc.bootstrapCi, formatAuc));
    ranges.forEach((_r, k) => {
      const p = m.partialAuc[k];
      if (!p) {
        cells.push(emptyCell(3), emptyCell(3));
        return;
      }
      cells.push(
        estimateCell({ estimate: p.estimate, ci: p.ci ?? null }, (x) => formatFixed(x, 3)),
        estimateCell({ estimate: p.mcclish, ci: p.mcclishCi ?? null }, (x) => formatFixed(x, 3)),
      );
    });
    return { cells };
  });
  return {
    stem: 'discrimination',
    section: 'discrimination',
    title: 'Discrimination: area under the ROC curve (AUC)',
    columns,
    rows,
    notes: notes(
      'AUC, area under the receiver operating characteristic curve; SE, DeLong standard error.',
      methodsNote(
        'AUC interval',
        results.models.map((m) => m.auc.ci?.method),
      ),
      anyBootstrap &&
        methodsNote(
          'Bootstrap interval',
          results.models.map((m) => m.auc.bootstrapCi?.method),
        ),
      ranges.length > 0 &&
        'Partial AUC: area over the stated range; standardised by McClish’s formula (0.5 = chance, 1 = perfect).',
      ranges.length > 0 &&
        methodsNote(
          'Partial AUC interval',
          results.models.flatMap((m) => m.partialAuc.map((p) => p.ci?.method)),
        ),
    ),
  };
}

function aucComparisonTable(results: Results): Draft {
  const level = formatLevel(results.settings.level);
  const comparisons = results.comparisons;
  const holm = hasHolm(comparisons.map((c) => c.auc));
  const anyBootstrap = comparisons.some((c) => c.auc.bootstrapCi);
  const columns: TableColumn[] = [
    textColumn('Comparison (A vs. B)', 'comparison'),
    numberColumn('AUC A', ['auc_a']),
    numberColumn('AUC B', ['auc_b']),
    numberColumn(`Difference A − B (${level} CI)`, estimateCsv('difference')),
  ];
  if (anyBootstrap)
    columns.push(numberColumn(`${level} CI (bootstrap)`, ['bootstrap_ci_lower', 'bootstrap_ci_upper']));
  columns.push(
    numberColumn('Correlation', ['correlation']),
    numberColumn('z', ['z']),
    numberColumn('p', ['p']),
  );
  if (holm) columns.push(numberColumn('p (Holm)', ['p_holm']));
  const rows = comparisons.map((c) => {
    const [a, b] = c.models;
    const aucA = results.models.find((m) => m.id === a)?.auc.estimate ?? null;
    const aucB = results.models.find((m) => m.id === b)?.auc.estimate ?? null;
    const cells: TableCell[] = [
      textCell(`${modelName(results, a)} vs. ${modelName(results, b)}`, `${a} vs. ${b}`),
      cell(formatAuc(aucA), [aucA]),
      cell(formatAuc(aucB), [aucB]),
      cell(withInterval(formatSigned(c.auc.difference, 3), formatDifferenceInterval(c.auc.ci)), [
        c.auc.difference,
        ...bounds(c.auc.ci),
      ]),
    ];
    if (anyBootstrap)
      cells.push(cell(formatDifferenceInterval(c.auc.bootstrapCi), [...bounds(c.auc.bootstrapCi)]));
    cells.push(
      cell(formatFixed(c.auc.correlation, 3), [c.auc.correlation]),
      cell(formatStatistic(c.auc.z), [c.auc.z]),
      pCell(c.auc.p),
    );
    if (holm) cells.push(pCell(c.auc.pAdjusted));
    return { cells };
  });
  return {
    stem: 'auc-comparison',
    section: 'discrimination',
    title: 'Paired comparison of AUCs',
    columns,
    rows,
    notes: notes(
      'Differences are model A minus model B on the same cases. Correlation: between the two AUC estimates.',
      methodsNote(
        'Test and interval',
        comparisons.map((c) => c.auc.method),
      ),
      anyBootstrap &&
        methodsNote(
          'Bootstrap interval',
          comparisons.map((c) => c.auc.bootstrapCi?.method),
        ),
      holm && 'p (Holm): adjusted for the number of comparisons by Holm’s step-down procedure.',
    ),
  };
}

function twoByTwoTable(results: Results, pointId: string, label: string): Draft {
  const rows: TableRow[] = [];
  for (const model of results.models) {
    const point = pointOf(model, pointId);
    if (!point) continue;
    const { tp, fp, tn, fn } = point.counts;
    const nameCell = (text: string, sub?: string) => cell(text, [model.name], sub);
    rows.push(
      {
        groupStart: true,
        cells: [
          nameCell(model.name),
          textCell('Positive', 'positive'),
          cell(formatInteger(tp), [tp]),
          cell(formatInteger(fp), [fp]),
          cell(formatInteger(tp + fp), [tp + fp]),
        ],
      },
      {
        cells: [
          nameCell('', `threshold ${formatThreshold(point.threshold)}`),
          textCell('Negative', 'negative'),
          cell(formatInteger(fn), [fn]),
          cell(formatInteger(tn), [tn]),
          cell(formatInteger(fn + tn), [fn + tn]),
        ],
      },
      {
        total: true,
        cells: [
          nameCell(''),
          textCell('Total', 'total'),
          cell(formatInteger(tp + fn), [tp + fn]),
          cell(formatInteger(fp + tn), [fp + tn]),
          cell(formatInteger(tp + fp + tn + fn), [tp + fp + tn + fn]),
        ],
      },
    );
  }
  return {
    stem: `${slug(pointId)}-2x2`,
    section: 'operatingPoints',
    operatingPoint: pointId,
    title: `Index test results by reference standard: ${label}`,
    columns: [
      textColumn('Model', 'model'),
      textColumn('Index test', 'index_test'),
      numberColumn('Reference positive', ['reference_positive']),
      numberColumn('Reference negative', ['reference_negative']),
      numberColumn('Total', ['total']),
    ],
    rows,
    narrow: true,
    notes: [
      'Cross-tabulation of the index test (each model at its own threshold; score ≥ threshold is positive) against the reference standard (STARD 2015 item 23).',
    ],
  };
}

function accuracyTable(results: Results, pointId: string, label: string, style: NumberStyle): Draft {
  const level = formatLevel(results.settings.level);
  const models = results.models.filter((m) => pointOf(m, pointId));
  const points = models.map((m) => pointOf(m, pointId) as OperatingPointResult);
  const columns: TableColumn[] = [
    textColumn('Measure', 'measure'),
    ...models.map((m) =>
      numberColumn(m.name, [...estimateCsv(`${m.id}`), `${m.id}_numerator`, `${m.id}_denominator`]),
    ),
  ];
  const row = (measure: string, rawName: string, make: (p: OperatingPointResult) => TableCell): TableRow => ({
    cells: [
      textCell(measure, rawName),
      ...points.map((p) => {
        const c = make(p);
        return { ...c, raw: [...c.raw, null, null, null, null, null].slice(0, 5) };
      }),
    ],
  });
  const ratio = (x: number | null) => formatRatio(x);
  const three = (x: number | null) => formatFixed(x, 3);
  const rows: TableRow[] = [
    row('Threshold', 'threshold', (p) =>
      cell(formatThreshold(p.threshold), [p.threshold], thresholdSourceText(p.thresholdSource)),
    ),
    row('Sensitivity', 'sensitivity', (p) => proportionCell(p.sensitivity, style)),
    row('Specificity', 'specificity', (p) => proportionCell(p.specificity, style)),
    row('PPV', 'ppv', (p) => proportionCell(p.ppv, style)),
    row('NPV', 'npv', (p) => proportionCell(p.npv, style)),
    row('Accuracy', 'accuracy', (p) => proportionCell(p.accuracy, style)),
    row('F1 score', 'f1', (p) => estimateCell(p.f1, three)),
    row('LR+', 'positive_likelihood_ratio', (p) => estimateCell(p.positiveLikelihoodRatio, ratio)),
    row('LR−', 'negative_likelihood_ratio', (p) => estimateCell(p.negativeLikelihoodRatio, ratio)),
    row('Youden’s J', 'youden_j', (p) => estimateCell(p.youdenJ, three)),
  ];
  const target = points.find((p) => p.atTargetPrevalence)?.atTargetPrevalence;
  if (target) {
    const prev = formatProportion(target.prevalence, style);
    rows.push(
      row(`PPV at prevalence ${prev}`, 'ppv_at_target_prevalence', (p) =>
        p.atTargetPrevalence
          ? estimateCell(p.atTargetPrevalence.ppv, (x) => formatProportion(x, style))
          : emptyCell(3),
      ),
      row(`NPV at prevalence ${prev}`, 'npv_at_target_prevalence', (p) =>
        p.atTargetPrevalence
          ? estimateCell(p.atTargetPrevalence.npv, (x) => formatProportion(x, style))
          : emptyCell(3),
      ),
    );
  }
  const sources = [...new Set(points.map((p) => p.thresholdSource))];
  return {
    stem: `${slug(pointId)}-accuracy`,
    section: 'operatingPoints',
    operatingPoint: pointId,
    title: `Diagnostic accuracy: ${label}`,
    columns,
    rows,
    notes: notes(
      `Estimates with ${level} confidence intervals (STARD 2015 item 24); counts are numerator/denominator. PPV, NPV: positive and negative predictive values; LR+, LR−: positive and negative likelihood ratios.`,
      sources.includes('test') &&
        'Thresholds derived on this test set are optimistic: accuracy at them will tend to be lower in new data.',
      methodsNote(
        'Intervals of proportions',
        points.flatMap((p) => [p.sensitivity.ci?.method, p.specificity.ci?.method, p.ppv.ci?.method]),
      ),
      methodsNote(
        'F1 interval',
        points.map((p) => p.f1.ci?.method),
      ),
      methodsNote(
        'Likelihood-ratio intervals',
        points.map((p) => p.positiveLikelihoodRatio.ci?.method),
      ),
      methodsNote(
        'Youden’s J interval',
        points.map((p) => p.youdenJ.ci?.method),
      ),
    ),
  };
}

function pairedRow(
  measure: keyof typeof MEASURE_NAMES,
  point: OperatingPointComparison,
  a: OperatingPointResult | undefined,
  b: OperatingPointResult | undefined,
  style: NumberStyle,
  holm: boolean,
  first: boolean,
  label: string,
): TableRow {
  const d: Difference = point[measure];
  const paired =
    measure === 'sensitivity' || measure === 'specificity' ? (d as PairedProportionComparison) : null;
  const scoreTest: TestResult | null | undefined =
    measure === 'ppv' || measure === 'npv' ? point[measure].scoreTest : undefined;
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
    cell(d.p === null && d.ci === undefined ? MISSING : shortMethodName(d.method), [d.method]),
    pCell(d.p),
  ];
  if (holm) cells.push(pCell(d.pAdjusted));
  cells.push(
    paired
      ? cell(`${formatInteger(paired.discordant.b)} / ${formatInteger(paired.discordant.c)}`, [
          paired.discordant.b,
          paired.discordant.c,
        ])
      : emptyCell(2),
  );
  if (measure === 'sensitivity') {
    cells.push(cell(`${formatSignedInteger(point.falseNegativesChange)} FN`, [point.falseNegativesChange]));
  } else if (measure === 'specificity') {
    cells.push(cell(`${formatSignedInteger(point.falsePositivesChange)} FP`, [point.falsePositivesChange]));
  } else {
    cells.push(emptyCell(1));
  }
  cells.push(scoreTest ? pCell(scoreTest.p) : emptyCell(1));
  return first ? { cells, groupStart: true } : { cells };
}

function pairedComparisonTable(
  results: Results,
  comparison: ComparisonResult,
  index: number,
  style: NumberStyle,
): Draft {
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
  const rows: TableRow[] = [];
  for (const point of comparison.operatingPoints) {
    const a = modelA ? pointOf(modelA, point.id) : undefined;
    const b = modelB ? pointOf(modelB, point.id) : undefined;
    const label = a?.label ?? b?.label ?? point.id;
    measures.forEach((measure, k) => rows.push(pairedRow(measure, point, a, b, style, holm, k === 0, label)));
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

function precisionRecallTable(results: Results): Draft {
  const level = formatLevel(results.settings.level);
  const anyMaxF1 = results.models.some((m) => m.maxF1);
  const columns: TableColumn[] = [
    textColumn('Model', 'model'),
    numberColumn(`Average precision (${level} CI)`, estimateCsv('average_precision')),
  ];
  if (anyMaxF1)
    columns.push(numberColumn('Maximum F1 (at threshold)', [...estimateCsv('max_f1'), 'max_f1_threshold']));
  columns.push(numberColumn('No-skill baseline (prevalence)', ['baseline']));
  const prevalence = results.sample.prevalence;
  const rows: TableRow[] = results.models.map((m) => {
    const cells: TableCell[] = [
      textCell(m.name),
      m.averagePrecision ? estimateCell(m.averagePrecision, formatAuc) : emptyCell(3),
    ];
    if (anyMaxF1) {
      cells.push(
        m.maxF1
          ? cell(
              withInterval(formatFixed(m.maxF1.estimate, 3), formatInterval(m.maxF1.ci ?? null)),
              [m.maxF1.estimate, ...bounds(m.maxF1.ci), m.maxF1.threshold],
              `at ${formatThreshold(m.maxF1.threshold)}`,
            )
          : emptyCell(4),
      );
    }
    cells.push(cell(formatFixed(prevalence, 3), [prevalence]));
    return { cells };
  });
  return {
    stem: 'precision-recall',
    section: 'precisionRecall',
    title: 'Precision–recall: average precision',
    columns,
    rows,
    notes: notes(
      'Average precision: the step-wise area under the precision–recall curve (the precision at each threshold weighted by the gain in recall). A model without skill has average precision equal to the prevalence.',
      methodsNote(
        'Interval',
        results.models.map((m) => m.averagePrecision?.ci?.method),
      ),
    ),
  };
}

function averagePrecisionComparisonTable(results: Results): Draft {
  const level = formatLevel(results.settings.level);
  const comparisons = results.comparisons.filter((c) => c.averagePrecision);
  const holm = hasHolm(comparisons.map((c) => c.averagePrecision as Difference));
  const columns: TableColumn[] = [
    textColumn('Comparison (A vs. B)', 'comparison'),
    numberColumn(`Difference A − B (${level} CI)`, estimateCsv('difference')),
    numberColumn('p', ['p']),
  ];
  if (holm) columns.push(numberColumn('p (Holm)', ['p_holm']));
  const rows = comparisons.map((c) => {
    const d = c.averagePrecision as Difference;
    const cells: TableCell[] = [
      textCell(
        `${modelName(results, c.models[0])} vs. ${modelName(results, c.models[1])}`,
        c.models.join(' vs. '),
      ),
      cell(withInterval(formatSigned(d.difference, 3), formatDifferenceInterval(d.ci ?? null)), [
        d.difference,
        ...bounds(d.ci),
      ]),
      pCell(d.p),
    ];
    if (holm) cells.push(pCell(d.pAdjusted));
    return { cells };
  });
  return {
    stem: 'average-precision-comparison',
    section: 'precisionRecall',
    title: 'Paired comparison of average precision',
    columns,
    rows,
    notes: notes(
      'Differences are model A minus model B on the same cases.',
      methodsNote(
        'Interval and test',
        comparisons.map((c) => c.averagePrecision?.method),
      ),
    ),
  };
}

function calibrationTable(results: Results): Draft | null {
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
    const s =
      (pick: (x: NonNullable<NonNullable<ModelResult['calibration']>['smooth']>) => number): Make =>
      (c) =>
        c.smooth ? cell(three(pick(c.smooth)), [pick(c.smooth)]) : emptyCell(1);
    rows.push(
      row(
        'ICI',
        'ici',
        s((x) => x.ici),
      ),
      row(
        'E50',
        'e50',
        s((x) => x.e50),
      ),
      row(
        'E90',
        'e90',
        s((x) => x.e90),
      ),
      row(
        'Emax',
        'emax',
        s((x) => x.emax),
      ),
    );
  }
  const cals = models.map((m) => m.calibration as NonNullable<ModelResult['calibration']>);
  return {
    stem: 'calibration',
    section: 'calibration',
    title: 'Calibration of predicted probabilities',
    columns,
    rows,
    notes: notes(
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
    ),
  };
}

function decisionCurveTable(results: Results, atTargetPrevalence: boolean, style: NumberStyle): Draft | null {
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

/** Readable names of the settings' values (the CSV keeps the study-file values). */
const SETTING_NAMES = {
  proportion: { wilson: 'Wilson score', 'clopper-pearson': 'Clopper–Pearson exact', jeffreys: 'Jeffreys' },
  mcnemar: {
    exact: 'exact (binomial)',
    midp: 'mid-p',
    chisq: 'chi-squared',
    'chisq-cc': 'chi-squared with continuity correction',
  },
  pairedDifference: { newcombe: 'Newcombe hybrid score', tango: 'Tango score' },
  bootstrapInterval: { percentile: 'percentile', bca: 'bias-corrected and accelerated (BCa)' },
};

function settingsTable(results: Results): Draft {
  const s = results.settings;
  const named = (names: Record<string, string>, key: string) => names[key] ?? key;
  const rows: [string, string, RawValue][] = [
    ['Confidence level', formatLevel(s.level), s.level],
    ['Interval for proportions', named(SETTING_NAMES.proportion, s.proportion), s.proportion],
    ['McNemar test', named(SETTING_NAMES.mcnemar, s.mcnemar), s.mcnemar],
    [
      'Interval for paired differences',
      named(SETTING_NAMES.pairedDifference, s.pairedDifference),
      s.pairedDifference,
    ],
    ['Bootstrap replicates', formatInteger(s.bootstrap.replicates), s.bootstrap.replicates],
  ];
  if (s.bootstrap.replicates > 0) {
    rows.push(
      ['Bootstrap seed', String(s.bootstrap.seed), s.bootstrap.seed],
      ['Random number generator', s.bootstrap.rng, s.bootstrap.rng],
      ['Stratified bootstrap', s.bootstrap.stratified ? 'yes' : 'no', s.bootstrap.stratified],
      [
        'Bootstrap interval',
        named(SETTING_NAMES.bootstrapInterval, s.bootstrap.interval),
        s.bootstrap.interval,
      ],
    );
  }
  rows.push(
    [
      'Decision-curve thresholds',
      `${formatNumber(s.decisionCurve.from)} to ${formatNumber(s.decisionCurve.to)} by ${formatNumber(s.decisionCurve.by)}`,
      `${s.decisionCurve.from}:${s.decisionCurve.to}:${s.decisionCurve.by}`,
    ],
    ['Positive outcome value', s.positive, s.positive],
  );
  if (s.targetPrevalence !== undefined) {
    rows.push(['Target prevalence', formatNumber(s.targetPrevalence), s.targetPrevalence]);
  }
  return {
    stem: 'settings',
    section: 'reproducibility',
    title: 'Resolved analysis settings',
    columns: [textColumn('Setting', 'setting'), textColumn('Value', 'value')],
    rows: rows.map(([label, text, raw]) => ({ cells: [textCell(label), textCell(text, raw)] })),
    notes: [],
    narrow: true,
  };
}

/** The label of an operating point as the report names it. */
function pointLabel(results: Results, id: string): string {
  for (const m of results.models) {
    const p = pointOf(m, id);
    if (p) return p.label;
  }
  return id;
}

/** The ids of the operating points, in study order. */
export function operatingPointIds(results: Results): string[] {
  const ids: string[] = [];
  for (const m of results.models) for (const p of m.operatingPoints) if (!ids.includes(p.id)) ids.push(p.id);
  return ids;
}

/** Every table of the report, numbered in the order the report shows them. */
export function buildTables(results: Results, options: TableOptions = {}): Table[] {
  const style: NumberStyle = options;
  const drafts: (Draft | null)[] = [cohortTable(results, style), discriminationTable(results)];
  if (results.comparisons.length > 0) drafts.push(aucComparisonTable(results));
  for (const id of operatingPointIds(results)) {
    const label = pointLabel(results, id);
    drafts.push(twoByTwoTable(results, id, label), accuracyTable(results, id, label, style));
  }
  results.comparisons.forEach((c, k) => {
    if (c.operatingPoints.length > 0) drafts.push(pairedComparisonTable(results, c, k, style));
  });
  if (results.models.some((m) => m.averagePrecision)) drafts.push(precisionRecallTable(results));
  if (results.comparisons.some((c) => c.averagePrecision))
    drafts.push(averagePrecisionComparisonTable(results));
  drafts.push(
    calibrationTable(results),
    decisionCurveTable(results, false, style),
    decisionCurveTable(results, true, style),
    settingsTable(results),
  );
  const stems = new Set<string>();
  return drafts
    .filter((d): d is Draft => d !== null)
    .map((draft, k) => {
      const { stem, ...table } = draft;
      let name = `table-s${k + 1}-${stem}`;
      while (stems.has(name)) name += '-x';
      stems.add(name);
      return { name, number: `Table S${k + 1}`, ...table };
    });
}

// ---------------------------------------------------------------- CSV

function csvValue(value: RawValue): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '';
    if (!Number.isFinite(value)) return value > 0 ? 'Inf' : '-Inf';
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The table as CSV (RFC 4180: comma-separated, CRLF line ends, fields with commas, quotes or
 * line breaks quoted, quotes doubled), one header per raw value, numbers at full precision
 * (JavaScript's shortest round-trip form), empty for a missing value, Inf/-Inf for infinities.
 */
export function toCsv(table: Table): string {
  const header = table.columns.flatMap((c) => c.csv);
  const lines = [header, ...table.rows.map((r) => r.cells.flatMap((c) => c.raw.map(csvValue)))];
  return lines.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Checks that every row has one cell per column and one raw value per CSV header. */
export function checkTable(table: Table): void {
  for (const [r, row] of table.rows.entries()) {
    if (row.cells.length !== table.columns.length) {
      throw new Error(
        `${table.name}: row ${r} has ${row.cells.length} cells for ${table.columns.length} columns`,
      );
    }
    row.cells.forEach((c, k) => {
      const expected = (table.columns[k] as TableColumn).csv.length;
      if (c.raw.length !== expected) {
        throw new Error(
          `${table.name}: row ${r} column ${k} has ${c.raw.length} raw values for ${expected} CSV headers`,
        );
      }
    });
  }
}
