/**
 * The one look of every chart: Okabe–Ito colours (safe for the common colour-vision
 * deficiencies), each model in the same colour in every chart (by its index in
 * `results.models`), reference curves in greys, DejaVu Sans, and sizes for one column of an
 * A4 page (about 460 px = 122 mm wide at 96 px per inch; 11 px text is then 8 pt).
 */
import type { Config } from 'vega-lite';

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** The font family written into the SVG; DejaVu Sans first, then metric-compatible fallbacks. */
export const FONT_FAMILY = 'DejaVu Sans, Bitstream Vera Sans, Verdana, sans-serif';

/**
 * Okabe & Ito (2008), reordered so that the first models get the colours that read best as
 * thin lines on white: blue, vermillion, bluish green, reddish purple, orange, sky blue,
 * yellow. Black is kept for reference lines. More than seven models reuse the colours.
 */
export const MODEL_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442'];

export const GREYS = {
  /** Chance line, ideal calibration, zero line. */
  reference: '#9A9A9A',
  /** The treat-all strategy of a decision curve. */
  treatAll: '#707070',
  /** The treat-none strategy of a decision curve. */
  treatNone: '#111111',
  /** Axis lines and ticks. */
  axis: '#404040',
  grid: '#E9E9E9',
  text: '#1A1A1A',
};

export function modelColour(index: number): string {
  return MODEL_COLOURS[index % MODEL_COLOURS.length] as string;
}

/** Marker shapes of the operating points, by their index in the study. */
export const OPERATING_POINT_SHAPES = [
  'circle',
  'square',
  'triangle-up',
  'diamond',
  'triangle-down',
  'cross',
  'triangle-left',
  'triangle-right',
];

export function operatingPointShape(index: number): string {
  return OPERATING_POINT_SHAPES[index % OPERATING_POINT_SHAPES.length] as string;
}

/** Plot-area sizes in px: the whole figure, with axes and legend, stays within ≈ 460 px. */
export const SIZE = {
  /** Width of a plot area with a y axis on its left. */
  width: 375,
  /** Side of the square plot areas (ROC, precision–recall, calibration). */
  square: 330,
  /** Side of the enlarged inset in the square plots. */
  inset: 140,
  /** Height of a wide plot area (decision curve). */
  height: 260,
  /** Side of the calibration plot (shorter than `square`: histograms go under it). */
  calibration: 300,
  /** Height of the small histogram under the calibration plot. */
  strip: 60,
  /** Height of one model's panel of score distributions. */
  panel: 110,
};

export const FONT_SIZE = { label: 11, title: 12, legendTitle: 11 };

/** Stroke dash of reference lines. */
export const DASH = [5, 4];

export const theme: Config = {
  font: FONT_FAMILY,
  background: 'white',
  padding: 6,
  view: { stroke: null },
  axis: {
    labelFont: FONT_FAMILY,
    titleFont: FONT_FAMILY,
    labelFontSize: FONT_SIZE.label,
    titleFontSize: FONT_SIZE.title,
    titleFontWeight: 'normal',
    labelLimit: 0,
    titleLimit: 0,
    labelColor: GREYS.text,
    titleColor: GREYS.text,
    domainColor: GREYS.axis,
    tickColor: GREYS.axis,
    gridColor: GREYS.grid,
    titlePadding: 8,
    labelPadding: 3,
    labelFlush: false,
  },
  legend: {
    labelFont: FONT_FAMILY,
    titleFont: FONT_FAMILY,
    labelFontSize: FONT_SIZE.label,
    titleFontSize: FONT_SIZE.legendTitle,
    titleFontWeight: 'bold',
    labelLimit: 0,
    titleLimit: 0,
    labelColor: GREYS.text,
    titleColor: GREYS.text,
    orient: 'bottom',
    direction: 'vertical',
    symbolStrokeWidth: 2,
    symbolSize: 90,
    rowPadding: 3,
    titlePadding: 4,
    offset: 12,
  },
  header: {
    labelFont: FONT_FAMILY,
    titleFont: FONT_FAMILY,
    labelFontSize: FONT_SIZE.title,
    labelLimit: 0,
    titleFontSize: FONT_SIZE.title,
    labelColor: GREYS.text,
  },
  title: { font: FONT_FAMILY, fontSize: 13, anchor: 'start', color: GREYS.text },
  text: { font: FONT_FAMILY, fontSize: FONT_SIZE.label, color: GREYS.text },
  line: { strokeWidth: 2 },
  point: { size: 60 },
  rule: { color: GREYS.reference },
};

/** Height in px of a vertical symbol legend with `entries` rows (title included). */
export function legendHeight(entries: number, linesPerEntry = 1): number {
  return 19 + (15 + 13 * (linesPerEntry - 1)) * entries;
}

/**
 * Legends stacked under a plot of height `plotHeight` whose x axis has a title: the `legendY`
 * of each (vega-lite puts several bottom legends side by side, too wide for a column).
 */
export function stackedLegendOffsets(
  plotHeight: number,
  entries: number[],
  linesPerEntry: number[] = [],
): number[] {
  let y = plotHeight + 52;
  return entries.map((n, i) => {
    const at = y;
    y += legendHeight(n, linesPerEntry[i] ?? 1) + 4;
    return at;
  });
}
