/**
 * The view model's types: everything the HTML templates show, as finished strings. Custom
 * templates (`--template-dir`) read these names, so they are an interface: change them only
 * with the built-in templates and the README.
 */
import type { NumberStyle } from '../../format/numbers.js';
import type { SectionId } from '../structure.js';
import type { Table } from '../tables/table.js';

export interface ViewModelContext extends NumberStyle {
  /** When the report was generated; null leaves the date out (reproducible output). */
  generatedAt: Date | null;
  /** The report's tables, when the caller has built them already (built here otherwise). */
  tables?: Table[];
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
    /** Subgroup analysis, when the study file sets `subgroups`. */
    subgroups: SectionView | null;
    /** The validation set the thresholds were chosen on, when the study file sets `thresholdsFrom`. */
    validation: SectionView | null;
    readerStudy: SectionView | null;
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

/** A chart to place in the report (the SVG is sanitised by renderHtml before it gets here). */
export interface FigureInput {
  name: string;
  title: string;
  caption: string;
  svg: string;
  /** The section the figure belongs to (`ChartSpec.section`); without one it goes to a final "Figures" section. */
  section?: SectionId;
}
