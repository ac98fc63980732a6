/**
 * The report's structure: its sections in the order the page shows them. Every table and
 * every chart names the section it belongs to by one of these ids (a chart in `ChartSpec.section`,
 * a table in `Table.section`); nothing is placed by guessing from a name.
 *
 * The page itself (templates/layout.hbs) is: title, contents, key results, the sections below
 * in this order (each only when it has something to show), a "Figures" section for figures
 * whose section is absent, warnings, statistical methods, reproducibility.
 */

/** The sections that hold tables and figures, in report order, with their headings. */
export const SECTIONS = [
  { id: 'cohort', heading: 'Study sample' },
  { id: 'discrimination', heading: 'Discrimination' },
  { id: 'operatingPoints', heading: 'Operating points' },
  { id: 'comparisons', heading: 'Paired comparisons at the operating points' },
  { id: 'precisionRecall', heading: 'Precision–recall' },
  { id: 'calibration', heading: 'Calibration' },
  { id: 'decisionCurve', heading: 'Decision-curve analysis' },
  { id: 'subgroups', heading: 'Subgroups' },
  { id: 'validation', heading: 'Validation set for the thresholds' },
  { id: 'readerStudy', heading: 'Reader study' },
  { id: 'reproducibility', heading: 'Reproducibility' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

/** The section ids in report order. */
export const SECTION_IDS: readonly SectionId[] = SECTIONS.map((s) => s.id);

/** Sections that can hold figures, in report order: every section but reproducibility. */
export const FIGURE_SECTIONS: readonly Exclude<SectionId, 'reproducibility'>[] = SECTION_IDS.filter(
  (id): id is Exclude<SectionId, 'reproducibility'> => id !== 'reproducibility',
);

/** The heading a section has in the report and its contents. */
export function sectionHeading(id: SectionId): string {
  return (SECTIONS.find((s) => s.id === id) as (typeof SECTIONS)[number]).heading;
}

/** The parts of the page around the sections: their anchor ids and headings. */
export const PAGE_PARTS = {
  keyResults: { id: 'key-results', heading: 'Key results' },
  figures: { id: 'figures', heading: 'Figures' },
  warnings: { id: 'warnings', heading: 'Warnings' },
  methods: { id: 'methods', heading: 'Statistical methods' },
} as const;
