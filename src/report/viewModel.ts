/**
 * The view model: everything the HTML templates show, as finished strings. Templates only
 * place these strings (escaped); every number is formatted here (through format.ts) and
 * every sentence written here, from the results alone.
 */
import type {
  ComparisonResult,
  Difference,
  ModelResult,
  OperatingPointComparison,
  OperatingPointResult,
  Results,
} from '../evaluate/results.js';
import { describeRule } from '../evaluate/operatingPoints.js';
import {
  formatAuc,
  formatInteger,
  formatInterval,
  formatIsoDate,
  formatLevel,
  formatP,
  formatProportion,
  formatProportionInterval,
  formatThreshold,
  joinWords,
  type NumberStyle,
} from '../format/numbers.js';
import { buildMethods } from './methods.js';
import {
  buildTables,
  operatingPointIds,
  SECTION_IDS,
  ruleText,
  shortMethodName,
  thresholdSourceText,
  type SectionId,
  type Table,
  type TableColumn,
} from './tables/buildTables.js';

export interface ViewModelContext extends NumberStyle {
  /** When the report was generated; null leaves the date out (reproducible output). */
  generatedAt: Date | null;
}

export interface CellView {
  text: string;
  sub: string | null;
  className: string;
}

export interface TableView {
  /** Anchor id, e.g. "table-s2". */
  id: string;
  /** "Table S2". */
  label: string;
  title: string;
  /** File name of its CSV, e.g. "table-s2-discrimination.csv". */
  csv: string;
  /** "table-wrap", plus "narrow" for small tables shown at their natural width. */
  className: string;
  head: { text: string; className: string }[];
  rows: { className: string; cells: CellView[] }[];
  notes: string[];
}

export interface FigureView {
  id: string;
  /** "Figure S1". */
  label: string;
  title: string;
  caption: string;
  /** Sanitised SVG markup (see renderHtml). */
  svg: string;
}

export interface BlockView {
  heading: string | null;
  paragraphs: string[];
  tables: TableView[];
}

export interface SectionView {
  id: SectionId | 'figures';
  heading: string;
  intro: string[];
  blocks: BlockView[];
  notes: string[];
  /** Filled by renderHtml from the charts. */
  figures: FigureView[];
}

export interface KeyResultGroup {
  heading: string | null;
  sentences: string[];
}

export interface WarningView {
  code: string;
  message: string;
  where: string;
}

export interface ViewModel {
  title: string;
  subtitle: string;
  /** ISO date, or null. */
  date: string | null;
  version: string;
  /** "Generated 2025-01-31 by dxreport 0.1.0". */
  generatedLine: string;
  /** One-line summary under the title. */
  facts: string[];
  contents: { id: string; heading: string }[];
  keyResults: KeyResultGroup[];
  sections: {
    cohort: SectionView;
    discrimination: SectionView;
    operatingPoints: SectionView | null;
    comparisons: SectionView | null;
    precisionRecall: SectionView | null;
    calibration: SectionView | null;
    decisionCurve: SectionView | null;
    /** Figures that belong to no section; filled by renderHtml. */
    figures: SectionView | null;
  };
  warnings: { id: string; heading: string; items: WarningView[] } | null;
  methods: { id: string; heading: string; paragraphs: string[]; references: string[] };
  reproducibility: {
    id: string;
    heading: string;
    items: { label: string; value: string }[];
    tables: TableView[];
  };
}

// ---------------------------------------------------------------- tables → views

function columnClass(column: TableColumn | undefined): string {
  if (!column) return 'text';
  return `${column.kind === 'number' ? 'num' : 'text'}${column.nowrap ? ' nowrap' : ''}`;
}

export function tableView(table: Table): TableView {
  return {
    id: table.number.toLowerCase().replace(/\s+/g, '-'),
    label: table.number,
    title: table.title,
    csv: `${table.name}.csv`,
    className: table.narrow ? 'table-wrap narrow' : 'table-wrap',
    head: table.columns.map((c) => ({ text: c.label, className: columnClass(c) })),
    rows: table.rows.map((r) => ({
      className:
        [r.groupStart ? 'group-start' : '', r.total ? 'total' : ''].filter(Boolean).join(' ') || 'row',
      cells: r.cells.map((c, k) => ({
        text: c.text,
        sub: c.sub ?? null,
        className: columnClass(table.columns[k]),
      })),
    })),
    notes: table.notes,
  };
}

// ---------------------------------------------------------------- wording helpers

type Verdict = 'higher' | 'lower' | 'similar' | null;

/**
 * Higher or lower only when every piece of evidence agrees: the p-value (Holm-adjusted when
 * present) is below 1 − level and the interval excludes zero. Similar when the evidence does
 * not show a difference; null when there is no test and no interval.
 */
export function verdict(
  d: Pick<Difference, 'difference' | 'p' | 'pAdjusted' | 'ci'>,
  level: number,
): Verdict {
  if (d.difference === null) return null;
  const alpha = 1 - level + 1e-12;
  const p = d.pAdjusted ?? d.p;
  const evidence: boolean[] = [];
  if (p !== null && p !== undefined) evidence.push(p < alpha);
  if (d.ci) evidence.push(d.ci.lower > 0 || d.ci.upper < 0);
  if (evidence.length === 0) return null;
  if (evidence.every(Boolean) && d.difference !== 0) return d.difference > 0 ? 'higher' : 'lower';
  return 'similar';
}

/** "DeLong p = 0.027; Holm-adjusted p = 0.054" */
function testText(name: string, p: number | null, pAdjusted: number | null | undefined): string {
  const main = `${name} ${formatP(p)}`;
  return pAdjusted === null || pAdjusted === undefined
    ? main
    : `${main}; Holm-adjusted ${formatP(pAdjusted)}`;
}

function isDefaultLabel(point: OperatingPointResult): boolean {
  return point.label === describeRule(point.rule);
}

/** "At the high-sensitivity operating point (sensitivity ≥ 0.90)" */
export function operatingPointPhrase(point: OperatingPointResult): string {
  if (!isDefaultLabel(point)) return `At the “${point.label}” operating point (${ruleText(point)})`;
  switch (point.rule.kind) {
    case 'minSensitivity':
      return `At the high-sensitivity operating point (${ruleText(point)})`;
    case 'minSpecificity':
      return `At the high-specificity operating point (${ruleText(point)})`;
    case 'youden':
      return 'At the Youden-optimal threshold';
    case 'threshold':
      return `At the prespecified threshold of ${formatThreshold(point.rule.value)}`;
  }
}

function modelById(results: Results, id: string): ModelResult | undefined {
  return results.models.find((m) => m.id === id);
}

// ---------------------------------------------------------------- key results

function cohortSentence(results: Results, style: NumberStyle): string {
  const s = results.sample;
  const dropped = s.dropped ? ` (${formatInteger(s.dropped)} rows with a missing score were dropped)` : '';
  return `The test set comprised ${formatInteger(s.n)} cases, ${formatInteger(s.positives)} positive and ${formatInteger(s.negatives)} negative by the reference standard (prevalence ${formatProportion(s.prevalence, style)})${dropped}.`;
}

function aucSentence(results: Results, comparison: ComparisonResult): string | null {
  const a = modelById(results, comparison.models[0]);
  const b = modelById(results, comparison.models[1]);
  if (!a || !b) return null;
  const level = formatLevel(results.settings.level);
  const v = verdict(comparison.auc, results.settings.level);
  const auc = (m: ModelResult) => formatAuc(m.auc.estimate);
  const ci = (m: ModelResult) => formatInterval(m.auc.ci, formatAuc);
  const test = testText(shortMethodName(comparison.auc.method), comparison.auc.p, comparison.auc.pAdjusted);
  if (v === 'higher' || v === 'lower') {
    return `AUC was ${v} for ${a.name} than for ${b.name} (${auc(a)} [${level} CI ${ci(a)}] vs. ${auc(b)} [${ci(b)}]; ${test}).`;
  }
  const word = v === 'similar' ? 'similar ' : '';
  return `AUC was ${word}(${a.name} ${auc(a)} [${level} CI ${ci(a)}] vs. ${b.name} ${auc(b)} [${ci(b)}]; ${test}).`;
}

type Measure = 'sensitivity' | 'specificity' | 'ppv';
const MEASURE_WORD: Record<Measure, string> = {
  sensitivity: 'sensitivity',
  specificity: 'specificity',
  ppv: 'PPV',
};

function measureClause(
  measure: Measure,
  comparison: OperatingPointComparison,
  pa: OperatingPointResult,
  pb: OperatingPointResult,
  nameA: string,
  nameB: string,
  level: number,
  style: NumberStyle,
): { equal: string } | { clause: string } {
  const word = MEASURE_WORD[measure];
  const ea = pa[measure].estimate;
  const eb = pb[measure].estimate;
  if (ea === null || eb === null) {
    const undefinedFor = joinWords([...(ea === null ? [nameA] : []), ...(eb === null ? [nameB] : [])]);
    return {
      clause: `${word} could not be compared (undefined for ${undefinedFor}${measure === 'ppv' ? ': no case called positive' : ''})`,
    };
  }
  const ta = formatProportion(ea, style);
  const tb = formatProportion(eb, style);
  if (ta === tb) return { equal: `${word} ${ta}` };
  let d: Difference = comparison[measure];
  let testName = shortMethodName(d.method);
  if (measure === 'ppv' && d.p === null && comparison.ppv.scoreTest) {
    // no bootstrap: the score test decides
    d = { ...comparison.ppv.scoreTest, difference: d.difference, ci: null };
    testName = 'score test';
  }
  const v = verdict(d, level);
  const test = d.p === null ? '' : `; ${testText(testName, d.p, d.pAdjusted)}`;
  if (v === 'higher' || v === 'lower')
    return { clause: `${word} was ${v} for ${nameA} (${ta} vs. ${tb}${test})` };
  return { clause: `${word} was ${v === 'similar' ? 'similar ' : ''}(${ta} vs. ${tb}${test})` };
}

function errorsClause(
  change: number,
  kind: 'positives' | 'negatives',
  total: number,
  nameA: string,
  nameB: string,
) {
  if (change === 0) return '';
  const errors = kind === 'negatives' ? 'false positives' : 'false negatives';
  const fewer = change > 0 ? nameB : nameA;
  return `, with ${formatInteger(Math.abs(change))} fewer ${errors} for ${fewer} among ${formatInteger(total)} ${kind}`;
}

function operatingPointSentence(
  results: Results,
  comparison: ComparisonResult,
  point: OperatingPointComparison,
  style: NumberStyle,
): string | null {
  const a = modelById(results, comparison.models[0]);
  const b = modelById(results, comparison.models[1]);
  const pa = a?.operatingPoints.find((p) => p.id === point.id);
  const pb = b?.operatingPoints.find((p) => p.id === point.id);
  if (!a || !b || !pa || !pb) return null;
  const level = results.settings.level;
  const { positives, negatives } = results.sample;
  const errors: Record<Measure, string> = {
    sensitivity: errorsClause(point.falseNegativesChange, 'positives', positives, a.name, b.name),
    specificity: errorsClause(point.falsePositivesChange, 'negatives', negatives, a.name, b.name),
    ppv: '',
  };
  // measures both models share (at the shown precision) go together, where the first of them stands
  const clauses: string[] = [];
  const equal: string[] = [];
  let equalAt = -1;
  for (const measure of ['sensitivity', 'specificity', 'ppv'] as const) {
    const c = measureClause(measure, point, pa, pb, a.name, b.name, level, style);
    if ('equal' in c) {
      if (equalAt < 0) equalAt = clauses.length;
      equal.push(c.equal);
    } else {
      clauses.push(c.clause + errors[measure]);
    }
  }
  if (equal.length > 0) clauses.splice(equalAt, 0, `both models had ${joinWords(equal)}`);
  return `${operatingPointPhrase(pa)}, ${clauses.join('; ')}.`;
}

function singleModelSentences(results: Results, model: ModelResult, style: NumberStyle): string[] {
  const level = formatLevel(results.settings.level);
  const sentences = [
    `${model.name} had AUC ${formatAuc(model.auc.estimate)} (${level} CI ${formatInterval(model.auc.ci, formatAuc)}).`,
  ];
  for (const p of model.operatingPoints) {
    const est = (x: OperatingPointResult['sensitivity']) =>
      `${formatProportion(x.estimate, style)} (${formatProportionInterval(x.ci, style)})`;
    sentences.push(
      `${operatingPointPhrase(p)} (threshold ${formatThreshold(p.threshold)}), sensitivity was ${est(p.sensitivity)}, specificity ${est(p.specificity)}, PPV ${est(p.ppv)} and NPV ${est(p.npv)}.`,
    );
  }
  return sentences;
}

export function buildKeyResults(results: Results, style: NumberStyle = {}): KeyResultGroup[] {
  const groups: KeyResultGroup[] = [{ heading: null, sentences: [cohortSentence(results, style)] }];
  if (results.comparisons.length === 0) {
    if (results.models.length === 1) {
      (groups[0] as KeyResultGroup).sentences.push(
        ...singleModelSentences(results, results.models[0] as ModelResult, style),
      );
    } else {
      for (const m of results.models)
        groups.push({ heading: m.name, sentences: singleModelSentences(results, m, style) });
    }
    return groups;
  }
  const many = results.comparisons.length > 1;
  for (const c of results.comparisons) {
    const sentences = [
      aucSentence(results, c),
      ...c.operatingPoints.map((p) => operatingPointSentence(results, c, p, style)),
    ].filter((s): s is string => s !== null);
    if (many) {
      const [a, b] = c.models.map((id) => modelById(results, id)?.name ?? id);
      groups.push({ heading: `${a} vs. ${b}`, sentences });
    } else {
      (groups[0] as KeyResultGroup).sentences.push(...sentences);
    }
  }
  return groups;
}

// ---------------------------------------------------------------- warnings

const FIELD_WORDS: Record<string, string> = {
  auc: 'AUC',
  ppv: 'PPV',
  npv: 'NPV',
  sensitivity: 'sensitivity',
  specificity: 'specificity',
  accuracy: 'accuracy',
  f1: 'F1',
  youdenJ: 'Youden’s J',
  averagePrecision: 'average precision',
  partialAuc: 'partial AUC',
  calibration: 'calibration',
  intercept: 'calibration intercept',
  slope: 'calibration slope',
  sample: 'sample',
  settings: 'settings',
  bootstrap: 'bootstrap',
  positiveLikelihoodRatio: 'LR+',
  negativeLikelihoodRatio: 'LR−',
};

/** A results key path in words: "models[1].operatingPoints[3].ppv" → "S100B, Threshold 4, PPV". */
export function describePath(results: Results, path: string): string {
  const special: Record<string, string> = {
    sample: 'Sample',
    settings: 'Settings',
    'settings.bootstrap': 'Bootstrap settings',
  };
  if (special[path]) return special[path];
  const words: string[] = [];
  let model: ModelResult | undefined;
  let comparison: ComparisonResult | undefined;
  for (const token of path.split('.')) {
    const match = /^([A-Za-z]+)(?:\[(\d+)\])?$/.exec(token);
    if (!match) {
      words.push(token);
      continue;
    }
    const name = match[1] as string;
    const index = match[2] === undefined ? null : Number(match[2]);
    if (name === 'models' && index !== null) {
      model = results.models[index];
      words.push(model?.name ?? token);
    } else if (name === 'comparisons' && index !== null) {
      comparison = results.comparisons[index];
      words.push(
        comparison
          ? `${modelById(results, comparison.models[0])?.name ?? comparison.models[0]} vs. ${modelById(results, comparison.models[1])?.name ?? comparison.models[1]}`
          : token,
      );
    } else if (name === 'operatingPoints' && index !== null) {
      const owner = model ?? (comparison ? modelById(results, comparison.models[0]) : results.models[0]);
      words.push(owner?.operatingPoints[index]?.label ?? token);
    } else if (name === 'decisionCurve' && index !== null) {
      const t = (model?.decisionCurve ?? results.decisionCurve?.treatAll)?.[index]?.threshold;
      words.push(t === undefined ? 'net benefit' : `net benefit at threshold ${formatThreshold(t)}`);
    } else {
      words.push(FIELD_WORDS[name] ?? name);
    }
  }
  return words.join(', ');
}

// ---------------------------------------------------------------- sections

function section(
  id: SectionView['id'],
  heading: string,
  blocks: BlockView[],
  intro: string[] = [],
  notes: string[] = [],
): SectionView {
  return { id, heading, intro, blocks, notes, figures: [] };
}

function block(tables: TableView[], heading: string | null = null, paragraphs: string[] = []): BlockView {
  return { heading, paragraphs, tables };
}

function tablesOf(tables: Table[], id: SectionId, operatingPoint?: string): TableView[] {
  return tables
    .filter((t) => t.section === id && (operatingPoint === undefined || t.operatingPoint === operatingPoint))
    .map(tableView);
}

function operatingPointsSection(results: Results, tables: Table[]): SectionView | null {
  const ids = operatingPointIds(results);
  if (ids.length === 0) return null;
  const blocks = ids.map((id) => {
    const points = results.models.flatMap((m) => {
      const p = m.operatingPoints.find((x) => x.id === id);
      return p ? [{ model: m, point: p }] : [];
    });
    const first = points[0]?.point as OperatingPointResult;
    const sources = [...new Set(points.map((x) => thresholdSourceText(x.point.thresholdSource)))];
    const thresholds = points.map((x) => `${x.model.name} ${formatThreshold(x.point.threshold)}`);
    const rule = first.rule.kind === 'threshold' ? 'Prespecified threshold' : `Rule: ${ruleText(first)}`;
    const paragraph = `${rule}; threshold ${sources.join(' / ')}${first.rule.kind === 'threshold' ? '' : ', per model'}. Thresholds: ${joinWords(thresholds)}.`;
    return block(tablesOf(tables, 'operatingPoints', id), first.label, [paragraph]);
  });
  return section('operatingPoints', 'Operating points', blocks, [
    'Each model is evaluated at its own threshold. A case is called positive when its score is at or above the threshold.',
  ]);
}

function calibrationSection(results: Results, tables: Table[]): SectionView | null {
  const views = tablesOf(tables, 'calibration');
  const scores = results.models.filter((m) => m.scoreKind === 'score').map((m) => m.name);
  if (views.length === 0 && scores.length === 0) return null;
  const notes =
    scores.length > 0
      ? [
          `Calibration was not assessed for ${joinWords(scores)}: ${scores.length === 1 ? 'its scores are' : 'their scores are'} not probabilities (not all within [0, 1]).`,
        ]
      : [];
  return section('calibration', 'Calibration', views.length > 0 ? [block(views)] : [], [], notes);
}

function decisionCurveSection(results: Results, tables: Table[]): SectionView | null {
  const views = tablesOf(tables, 'decisionCurve');
  const hasCurves = results.models.some((m) => m.decisionCurve && m.decisionCurve.length > 0);
  const scores = results.models.filter((m) => m.scoreKind === 'score').map((m) => m.name);
  if (!hasCurves) {
    if (scores.length === 0) return null;
    return section(
      'decisionCurve',
      'Decision-curve analysis',
      [],
      [],
      [
        `Net benefit was not computed for ${joinWords(scores)}: decision curves need predicted probabilities.`,
      ],
    );
  }
  const notes =
    scores.length > 0
      ? [
          `Net benefit is not shown for ${joinWords(scores)}: ${scores.length === 1 ? 'its scores are' : 'their scores are'} not probabilities.`,
        ]
      : [];
  return section(
    'decisionCurve',
    'Decision-curve analysis',
    views.length > 0 ? [block(views)] : [],
    [],
    notes,
  );
}

/** Builds the view model of the report. */
export function buildViewModel(results: Results, context: ViewModelContext): ViewModel {
  const style: NumberStyle = {
    ...(context.proportions !== undefined ? { proportions: context.proportions } : {}),
    ...(context.decimals !== undefined ? { decimals: context.decimals } : {}),
  };
  const tables = buildTables(results, style);
  const date = context.generatedAt ? formatIsoDate(context.generatedAt) : null;
  const version = results.dxreport.version;
  const s = results.sample;
  const pointCount = operatingPointIds(results).length;

  const comparisonTables = tablesOf(tables, 'comparisons');
  const prTables = tablesOf(tables, 'precisionRecall');
  const sections: ViewModel['sections'] = {
    cohort: section('cohort', 'Study sample', [block(tablesOf(tables, 'cohort'))]),
    discrimination: section('discrimination', 'Discrimination', [block(tablesOf(tables, 'discrimination'))]),
    operatingPoints: operatingPointsSection(results, tables),
    comparisons:
      comparisonTables.length > 0
        ? section('comparisons', 'Paired comparisons at the operating points', [block(comparisonTables)])
        : null,
    precisionRecall:
      prTables.length > 0 ? section('precisionRecall', 'Precision–recall', [block(prTables)]) : null,
    calibration: calibrationSection(results, tables),
    decisionCurve: decisionCurveSection(results, tables),
    figures: null,
  };

  const warnings =
    results.warnings.length > 0
      ? {
          id: 'warnings',
          heading: 'Warnings',
          items: results.warnings.map((w) => ({
            code: w.code,
            message: w.message,
            where: describePath(results, w.path),
          })),
        }
      : null;

  const methods = buildMethods(results);
  const reproducibility = {
    id: 'reproducibility',
    heading: 'Reproducibility',
    items: [
      { label: 'Input data', value: results.input.data },
      { label: 'SHA-256 of the input', value: results.input.sha256 },
      { label: 'Rows read', value: formatInteger(results.input.rows) },
      { label: 'dxreport version', value: version },
      { label: 'Results schema', value: results.schema },
      ...(date ? [{ label: 'Generated', value: date }] : []),
    ],
    tables: tablesOf(tables, 'reproducibility'),
  };

  const contents: { id: string; heading: string }[] = [{ id: 'key-results', heading: 'Key results' }];
  for (const sec of Object.values(sections)) if (sec) contents.push({ id: sec.id, heading: sec.heading });
  if (warnings) contents.push({ id: warnings.id, heading: warnings.heading });
  contents.push(
    { id: 'methods', heading: 'Statistical methods' },
    { id: reproducibility.id, heading: reproducibility.heading },
  );

  return {
    title: results.title,
    subtitle: 'Statistical supplement',
    date,
    version,
    generatedLine: date ? `Generated ${date} by dxreport ${version}` : `Generated by dxreport ${version}`,
    facts: [
      `${formatInteger(s.n)} cases (${formatInteger(s.positives)} positive, ${formatInteger(s.negatives)} negative)`,
      `${results.models.length} ${results.models.length === 1 ? 'model' : 'models'}`,
      `${pointCount} operating ${pointCount === 1 ? 'point' : 'points'}`,
      `${results.comparisons.length} paired ${results.comparisons.length === 1 ? 'comparison' : 'comparisons'}`,
    ],
    contents,
    keyResults: buildKeyResults(results, style),
    sections,
    warnings,
    methods: { id: 'methods', heading: 'Statistical methods', ...methods },
    reproducibility,
  };
}

// ---------------------------------------------------------------- figures

/** A chart to place in the report (the SVG is sanitised by renderHtml before it gets here). */
export interface FigureInput {
  name: string;
  title: string;
  caption: string;
  svg: string;
  /** The section the figure belongs to; by default guessed from its name. */
  section?: SectionId;
}

/** The section a chart belongs to, from its name ("roc" → discrimination, …). */
export function figureSection(name: string): SectionId | null {
  const n = name.toLowerCase();
  if (/calibrat/.test(n)) return 'calibration';
  if (/decision|net-?benefit|\bdca\b/.test(n)) return 'decisionCurve';
  if (/precision|(^|[-_])pr([-_]|$)/.test(n)) return 'precisionRecall';
  if (/forest|difference|paired|comparison/.test(n)) return 'comparisons';
  if (/roc|auc|score|distribution|histogram|discrimination/.test(n)) return 'discrimination';
  if (/cohort|sample|flow/.test(n)) return 'cohort';
  return null;
}

/** Sections that can hold figures, in report order: every section but reproducibility. */
const FIGURE_ORDER = SECTION_IDS.filter((id) => id !== 'reproducibility');

function sentence(text: string): string {
  const t = text.trim();
  return t === '' || /[.!?]$/.test(t) ? t : `${t}.`;
}

/**
 * A copy of the view model with the figures placed in their sections and numbered
 * (Figure S1, S2, …) in the order the report shows them. Figures whose section is absent
 * go to a final "Figures" section.
 */
export function placeFigures(vm: ViewModel, figures: FigureInput[]): ViewModel {
  const sections: ViewModel['sections'] = { ...vm.sections };
  const bySection = new Map<string, FigureInput[]>();
  for (const f of figures) {
    const wanted = f.section ?? figureSection(f.name);
    const key =
      wanted && wanted in sections && sections[wanted as keyof ViewModel['sections']] ? wanted : 'figures';
    bySection.set(key, [...(bySection.get(key) ?? []), f]);
  }
  let n = 0;
  const views = (list: FigureInput[] | undefined): FigureView[] =>
    (list ?? []).map((f) => {
      n += 1;
      const title = sentence(f.title);
      const caption = f.caption.trim();
      // a caption that opens with the title would repeat it
      const bare = title.replace(/\.$/, '').toLowerCase();
      const repeats = bare !== '' && caption.toLowerCase().startsWith(bare);
      return {
        id: `figure-s${n}`,
        label: `Figure S${n}`,
        title: repeats ? '' : title,
        caption: repeats ? sentence(caption) : caption,
        svg: f.svg,
      };
    });
  for (const id of FIGURE_ORDER) {
    const sec = sections[id];
    if (sec) sections[id] = { ...sec, figures: [...sec.figures, ...views(bySection.get(id))] };
  }
  const extra = views(bySection.get('figures'));
  const contents = [...vm.contents];
  if (extra.length > 0) {
    sections.figures = {
      id: 'figures',
      heading: 'Figures',
      intro: [],
      blocks: [],
      notes: [],
      figures: extra,
    };
    const at = contents.findIndex((c) => c.id === 'warnings' || c.id === 'methods');
    contents.splice(at < 0 ? contents.length : at, 0, { id: 'figures', heading: 'Figures' });
  }
  return { ...vm, sections, contents };
}
