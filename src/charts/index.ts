/**
 * charts: `Results` → Vega-Lite specs (pure functions, one file per chart), and their
 * rendering in Node to SVG (vega's string renderer, no canvas) and to 300-dpi PNG (resvg).
 *
 *     const charts = buildCharts(results);
 *     for (const chart of charts) {
 *       const svg = await renderSvg(chart.spec);
 *       writeFileSync(`${chart.name}.png`, renderPng(svg));
 *     }
 *
 * The same results give byte-identical SVG and PNG: the specs carry their data inline, the
 * text is measured with fixed DejaVu Sans metrics, and vega's clip-path ids are reset.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Resvg, renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import type * as Vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import type { Results } from '../results/results.js';
import type { SectionId } from '../report/structure.js';
import { calibrationChart } from './calibration.js';
import { decisionCurveChart } from './decisionCurve.js';
import { forestCharts } from './forest.js';
import { precisionRecallChart } from './precisionRecall.js';
import { fallbackFontsFor } from './fallbackFonts.js';
import { rocChart } from './roc.js';
import { readerStudyForestChart, readerStudyRocChart } from './readerStudy.js';
import { scoreDistributionsChart } from './scoreDistributions.js';
import { subgroupForestChart } from './subgroupForest.js';
import { dejaVuTextWidth, isBold } from './textMetrics.js';
import { loadedVega, loadVega } from './vegaModules.js';

export interface ChartSpec {
  /** File stem, e.g. "roc". */
  name: string;
  /** The report section the chart is shown in. */
  section: SectionId;
  title: string;
  /** A figure caption a reader understands: what is plotted, what the marks and bands mean. */
  caption: string;
  spec: TopLevelSpec;
}

export {
  rocChart,
  precisionRecallChart,
  calibrationChart,
  decisionCurveChart,
  scoreDistributionsChart,
  forestCharts,
};
export { MODEL_COLOURS, modelColour, theme } from './theme.js';
export { loadVega } from './vegaModules.js';

/** A chart builder: one figure, several (a forest plot cut into pages), or none when the data are absent. */
export type ChartBuilder = (results: Results) => ChartSpec | readonly ChartSpec[] | null;

/** The chart builders in report order. */
export const CHART_BUILDERS: readonly ChartBuilder[] = [
  rocChart,
  precisionRecallChart,
  calibrationChart,
  decisionCurveChart,
  scoreDistributionsChart,
  forestCharts,
  readerStudyRocChart,
  readerStudyForestChart,
  subgroupForestChart,
];

/** Every chart the results have data for, in report order. */
export function buildCharts(results: Results): ChartSpec[] {
  const charts: ChartSpec[] = [];
  for (const build of CHART_BUILDERS) {
    const built = build(results);
    if (built === null) continue;
    if (Array.isArray(built)) charts.push(...(built as readonly ChartSpec[]));
    else charts.push(built as ChartSpec);
  }
  return charts;
}

/**
 * Compiles a Vega-Lite spec to Vega, collecting vega-lite's warnings instead of printing them.
 * Needs vega loaded: `await loadVega()` first (renderSvg does).
 */
export function compileSpec(spec: TopLevelSpec): { vega: Vega.Spec; warnings: string[] } {
  const { vega, vegaLite } = loadedVega();
  const warnings: string[] = [];
  const logger = vega.logger(vega.Warn, undefined, (_method, level, args) => {
    warnings.push(`${level} ${args.map(String).join(' ')}`);
  });
  const compiled = vegaLite.compile(spec, { logger });
  return { vega: compiled.spec, warnings };
}

interface TextItem {
  text?: unknown;
  fontSize?: number | string;
  fontWeight?: unknown;
  limit?: number;
  ellipsis?: string;
}

interface TextMetrics {
  width: (item: TextItem, text: unknown) => number;
}

function measureText(item: TextItem, text: unknown): number {
  const size = item.fontSize !== undefined && item.fontSize !== null ? Number(item.fontSize) || 0 : 11;
  const bold = isBold(item.fontWeight);
  let value = text === null || text === undefined ? '' : String(text).trim();
  const limit = Number(item.limit ?? 0);
  if (limit > 0 && dejaVuTextWidth(value, size, bold) > limit) {
    // vega truncates with an ellipsis; measure what it will draw
    const ellipsis = item.ellipsis ?? '\u2026';
    while (value.length > 0 && dejaVuTextWidth(value + ellipsis, size, bold) > limit) {
      value = value.slice(0, -1);
    }
    value += ellipsis;
  }
  return dejaVuTextWidth(value, size, bold);
}

/** Makes vega lay text out with DejaVu Sans widths instead of its 0.8-em guess. */
function useDejaVuMetrics(vega: typeof Vega): void {
  const metrics = (vega as unknown as { textMetrics: TextMetrics }).textMetrics;
  if (metrics.width !== measureText) metrics.width = measureText;
}

const NO_LOADING = {
  load: () => Promise.reject(new Error('charts carry their data inline; nothing is loaded')),
  sanitize: () => Promise.reject(new Error('charts carry their data inline; nothing is loaded')),
  http: () => Promise.reject(new Error('no network access')),
  file: () => Promise.reject(new Error('no file access')),
};

/** The chart as a standalone SVG document (px units, 96 px per inch). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const { vega } = await loadVega();
  useDejaVuMetrics(vega);
  const { vega: compiled } = compileSpec(spec);
  vega.resetSVGDefIds();
  const view = new vega.View(vega.parse(compiled), {
    renderer: 'none',
    logLevel: vega.Error,
    loader: NO_LOADING as unknown as Vega.Loader,
  });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const FONT_DIRECTORIES = [
  '/usr/share/fonts/truetype/dejavu',
  '/usr/share/fonts/dejavu',
  '/usr/share/fonts/TTF',
  '/usr/share/fonts/dejavu-sans-fonts',
  '/usr/local/share/fonts',
  '/Library/Fonts',
  '/System/Library/Fonts/Supplemental',
  'C:\\Windows\\Fonts',
];
const FONT_FILES = [
  'DejaVuSans.ttf',
  'DejaVuSans-Bold.ttf',
  'DejaVuSans-Oblique.ttf',
  'DejaVuSans-BoldOblique.ttf',
];

let dejaVuFiles: string[] | undefined;

/** The DejaVu Sans font files on this machine (regular first), or [] when there are none. */
export function findDejaVuFonts(): string[] {
  if (dejaVuFiles) return dejaVuFiles;
  for (const directory of FONT_DIRECTORIES) {
    const files = FONT_FILES.map((file) => path.join(directory, file)).filter((file) => existsSync(file));
    if (files.length > 0 && files[0]?.endsWith('DejaVuSans.ttf')) {
      dejaVuFiles = files;
      return files;
    }
  }
  dejaVuFiles = [];
  return dejaVuFiles;
}

export interface PngOptions {
  /** Pixels per inch of the PNG; the SVG is taken as 96 px per inch. Default 300. */
  dpi?: number;
  /** Font files to use instead of the DejaVu Sans files found on the machine. */
  fontFiles?: string[];
}

/**
 * The SVG rasterised at `dpi` (default 300): the image is the SVG's size × dpi / 96 pixels,
 * and the PNG's pHYs chunk records the resolution so that it prints at the SVG's size.
 * Without font files resvg drops all text, so it falls back to the system fonts when no
 * DejaVu Sans is found.
 */
function resvgOptions(svg: string, options: PngOptions): ResvgRenderOptions {
  // DejaVu Sans, and fonts for the CJK text or emoji the chart holds (e.g. a Japanese model name)
  const fontFiles = options.fontFiles ?? [...findDejaVuFonts(), ...fallbackFontsFor(svg)];
  return {
    fitTo: { mode: 'zoom', value: pngDpi(svg, options) / 96 },
    background: 'white',
    font: {
      loadSystemFonts: fontFiles.length === 0,
      fontFiles,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
    logLevel: 'off',
  };
}

/** Bounds of a figure's PNG: whatever the SVG's size, the image stays printable and small. */
export const PNG_LIMITS = { side: 12_000, pixels: 40_000_000 } as const;

/**
 * The resolution the PNG is drawn at: `dpi` (default 300), lowered when the image would
 * exceed `PNG_LIMITS` (its pHYs chunk then records the lower resolution, so it still prints
 * at the SVG's size).
 */
export function pngDpi(svg: string, options: PngOptions = {}): number {
  const dpi = options.dpi ?? 300;
  let size: { width: number; height: number };
  try {
    size = svgSize(svg);
  } catch {
    return dpi;
  }
  const zoom = dpi / 96;
  const largest = Math.max(size.width, size.height) * zoom;
  const pixels = size.width * size.height * zoom * zoom;
  const scale = Math.min(1, PNG_LIMITS.side / largest, Math.sqrt(PNG_LIMITS.pixels / pixels));
  return scale < 1 ? Math.floor(dpi * scale * 1000) / 1000 : dpi;
}

export function renderPng(svg: string, options: PngOptions = {}): Uint8Array {
  const resvg = new Resvg(svg, resvgOptions(svg, options));
  return withResolution(new Uint8Array(resvg.render().asPng()), pngDpi(svg, options));
}

/**
 * `renderPng` on a background thread (libuv's pool), so that a report's figures rasterise in
 * parallel: the same bytes.
 */
export async function renderPngAsync(svg: string, options: PngOptions = {}): Promise<Uint8Array> {
  const image = await renderAsync(svg, resvgOptions(svg, options));
  return withResolution(new Uint8Array(image.asPng()), pngDpi(svg, options));
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Inserts (or replaces) the pHYs chunk: `dpi` as pixels per metre. */
export function withResolution(png: Uint8Array, dpi: number): Uint8Array {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: Uint8Array[] = [png.subarray(0, 8)];
  let offset = 8;
  let inserted = false;
  while (offset + 8 <= png.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    const end = offset + 12 + length;
    if (type !== 'pHYs') chunks.push(png.subarray(offset, end));
    if (type === 'IHDR' && !inserted) {
      chunks.push(physChunk(dpi));
      inserted = true;
    }
    offset = end;
  }
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function physChunk(dpi: number): Uint8Array {
  const chunk = new Uint8Array(21);
  const view = new DataView(chunk.buffer);
  const perMetre = Math.round(dpi / 0.0254);
  view.setUint32(0, 9);
  chunk.set([0x70, 0x48, 0x59, 0x73], 4); // "pHYs"
  view.setUint32(8, perMetre);
  view.setUint32(12, perMetre);
  chunk[16] = 1; // unit: metre
  view.setUint32(17, crc32(chunk.subarray(4, 17)));
  return chunk;
}

/** Width and height in px of an SVG document written by `renderSvg`. */
export function svgSize(svg: string): { width: number; height: number } {
  const match = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  if (!match) throw new Error('not an SVG with width and height');
  return { width: Number(match[1]), height: Number(match[2]) };
}
