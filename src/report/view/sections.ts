/** The sections of the view model that hold tables: their blocks, introductions and notes. */
import { readerStudyIntro } from '../wording/readerStudy.js';
import type { Results } from '../../results/results.js';
import { joinWords } from '../../format/words.js';
import { operatingPointIds, pointOf } from '../lookup.js';
import { sectionHeading, type SectionId } from '../structure.js';
import type { Table } from '../tables/table.js';
import { operatingPointParagraph } from '../wording/operatingPointRule.js';
import { subgroupsIntro, validationIntro } from './subsetIntros.js';
import { tableView } from './tableView.js';
import type { BlockView, SectionView, TableView, ViewModel } from './types.js';

/** A section with its heading from the report's structure. */
function section(
  id: SectionId,
  blocks: BlockView[],
  { intro = [], notes = [] }: { intro?: string[]; notes?: string[] } = {},
): SectionView {
  return { id, heading: sectionHeading(id), intro, blocks, notes, figures: [] };
}

function block(tables: TableView[], heading: string | null = null, paragraphs: string[] = []): BlockView {
  return { heading, paragraphs, tables };
}

/** The views of the tables of one section (and of one operating point). */
export function tablesOf(tables: Table[], id: SectionId, operatingPoint?: string): TableView[] {
  return tables
    .filter((t) => t.section === id && (operatingPoint === undefined || t.operatingPoint === operatingPoint))
    .map(tableView);
}

function operatingPointsSection(results: Results, tables: Table[]): SectionView | null {
  const ids = operatingPointIds(results);
  if (ids.length === 0) return null;
  const blocks = ids.map((id) => {
    const points = results.models.flatMap((m) => {
      const p = pointOf(m, id);
      return p ? [{ modelName: m.name, point: p }] : [];
    });
    const label = (points[0] as (typeof points)[number]).point.label;
    return block(tablesOf(tables, 'operatingPoints', id), label, [operatingPointParagraph(points)]);
  });
  return section('operatingPoints', blocks, {
    intro: [
      'Each model is evaluated at its own threshold. A case is called positive when its score is at or above the threshold.',
    ],
  });
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
  return section('calibration', views.length > 0 ? [block(views)] : [], { notes });
}

function decisionCurveSection(results: Results, tables: Table[]): SectionView | null {
  const views = tablesOf(tables, 'decisionCurve');
  const hasCurves = results.models.some((m) => m.decisionCurve && m.decisionCurve.length > 0);
  const scores = results.models.filter((m) => m.scoreKind === 'score').map((m) => m.name);
  if (!hasCurves) {
    if (scores.length === 0) return null;
    return section('decisionCurve', [], {
      notes: [
        `Net benefit was not computed for ${joinWords(scores)}: decision curves need predicted probabilities.`,
      ],
    });
  }
  const notes =
    scores.length > 0
      ? [
          `Net benefit is not shown for ${joinWords(scores)}: ${scores.length === 1 ? 'its scores are' : 'their scores are'} not probabilities.`,
        ]
      : [];
  return section('decisionCurve', views.length > 0 ? [block(views)] : [], { notes });
}

function subgroupsSection(results: Results, tables: Table[]): SectionView | null {
  if (!results.subgroups || results.subgroups.length === 0) return null;
  return section('subgroups', [block(tablesOf(tables, 'subgroups'))], { intro: subgroupsIntro(results) });
}

function validationSection(results: Results, tables: Table[]): SectionView | null {
  if (!results.validation) return null;
  return section('validation', [block(tablesOf(tables, 'validation'))], { intro: validationIntro(results) });
}

/** The sections that hold tables, each null when the results have nothing for it. */
export function buildSections(results: Results, tables: Table[]): ViewModel['sections'] {
  const comparisonTables = tablesOf(tables, 'comparisons');
  const prTables = tablesOf(tables, 'precisionRecall');
  return {
    cohort: section('cohort', [block(tablesOf(tables, 'cohort'))]),
    discrimination: section('discrimination', [block(tablesOf(tables, 'discrimination'))]),
    operatingPoints: operatingPointsSection(results, tables),
    comparisons: comparisonTables.length > 0 ? section('comparisons', [block(comparisonTables)]) : null,
    precisionRecall: prTables.length > 0 ? section('precisionRecall', [block(prTables)]) : null,
    calibration: calibrationSection(results, tables),
    decisionCurve: decisionCurveSection(results, tables),
    subgroups: subgroupsSection(results, tables),
    validation: validationSection(results, tables),
    readerStudy: results.readerStudy
      ? section('readerStudy', [block(tablesOf(tables, 'readerStudy'))], {
          intro: readerStudyIntro(results.readerStudy),
        })
      : null,
    figures: null,
  };
}
