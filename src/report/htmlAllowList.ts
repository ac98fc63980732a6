/**
 * What a report page may contain: an allow-list of elements and attributes (HTML and the SVG
 * that Vega draws) and a check of CSS text. Anything not listed is refused, so a new way to
 * make a request (an attribute, an element, a CSS function) is closed by default rather than
 * by remembering to add a pattern. The Content-Security-Policy dxreport inserts stays as a
 * second line of defence.
 */

/** HTML elements a report may use: structure, text, tables, figures. No form, media or embed. */
export const HTML_ELEMENTS: ReadonlySet<string> = new Set([
  ...['html', 'head', 'body', 'title', 'meta', 'style'],
  ...['main', 'header', 'footer', 'nav', 'section', 'article', 'aside', 'address', 'hgroup'],
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'div', 'span', 'br', 'hr', 'wbr', 'pre', 'blockquote'],
  ...['ul', 'ol', 'li', 'dl', 'dt', 'dd', 'figure', 'figcaption', 'details', 'summary'],
  ...['table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td'],
  ...['a', 'strong', 'em', 'b', 'i', 'u', 's', 'small', 'sub', 'sup', 'code', 'kbd', 'samp', 'var'],
  ...['abbr', 'cite', 'q', 'dfn', 'mark', 'time', 'data', 'bdi', 'bdo', 'del', 'ins', 'img', 'svg'],
]);

/** SVG elements of a chart: shapes, text, grouping, clipping and gradients. No animation, link, image or script. */
export const SVG_ELEMENTS: ReadonlySet<string> = new Set([
  ...['svg', 'g', 'defs', 'title', 'desc', 'path', 'rect', 'circle', 'ellipse', 'line'],
  ...['polyline', 'polygon', 'text', 'tspan', 'clipPath', 'linearGradient', 'radialGradient'],
  ...['stop', 'pattern', 'mask', 'marker', 'symbol', 'use', 'style'],
]);

/** Attributes any element may carry: their values are plain text to the browser. */
const GLOBAL_TEXT_ATTRIBUTES = ['class', 'id', 'title', 'lang', 'dir', 'role', 'hidden', 'translate'];

/** Further HTML attributes, by element; their values are text or numbers (never fetched). */
const HTML_ATTRIBUTES: Record<string, readonly string[]> = {
  html: ['xmlns'],
  meta: ['charset', 'name', 'content'],
  style: ['media', 'type'],
  a: ['href'],
  img: ['src', 'alt', 'width', 'height'],
  ol: ['start', 'reversed', 'type'],
  li: ['value'],
  td: ['colspan', 'rowspan', 'headers'],
  th: ['colspan', 'rowspan', 'headers', 'scope', 'abbr'],
  col: ['span'],
  colgroup: ['span'],
  time: ['datetime'],
  data: ['value'],
  details: ['open'],
  del: ['datetime'],
  ins: ['datetime'],
};

/** SVG attributes (geometry, presentation, text layout, structure); href only on `use`, in-page. */
const SVG_ATTRIBUTES = new Set([
  ...['xmlns', 'xmlns:xlink', 'version', 'viewBox', 'preserveAspectRatio', 'width', 'height'],
  ...['x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy', 'fr', 'd', 'points'],
  ...['dx', 'dy', 'rotate', 'textLength', 'lengthAdjust', 'transform', 'offset', 'pathLength'],
  ...['fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap'],
  ...['stroke-linejoin', 'stroke-miterlimit', 'stroke-dasharray', 'stroke-dashoffset', 'opacity'],
  ...['clip-path', 'clip-rule', 'clipPathUnits', 'mask', 'maskUnits', 'maskContentUnits', 'display'],
  ...['visibility', 'pointer-events', 'shape-rendering', 'text-rendering', 'paint-order', 'vector-effect'],
  ...['font-family', 'font-size', 'font-weight', 'font-style', 'font-variant', 'font-stretch'],
  ...['text-anchor', 'dominant-baseline', 'alignment-baseline', 'baseline-shift', 'letter-spacing'],
  ...['word-spacing', 'text-decoration', 'writing-mode', 'direction', 'unicode-bidi'],
  ...['stop-color', 'stop-opacity', 'gradientUnits', 'gradientTransform', 'spreadMethod'],
  ...['patternUnits', 'patternContentUnits', 'patternTransform', 'markerWidth', 'markerHeight'],
  ...['markerUnits', 'refX', 'refY', 'orient', 'marker-start', 'marker-mid', 'marker-end'],
  ...['color', 'href', 'xlink:href', 'focusable', 'tabindex', 'mix-blend-mode', 'isolation', 'cursor'],
  ...[
    'overflow',
    'xml:space',
    'font',
    'text-overflow',
    'white-space',
    'image-rendering',
    'color-interpolation',
  ],
]);

/** SVG attributes whose value the browser reads as CSS (and so could hold `url(…)`). */
export const SVG_CSS_ATTRIBUTES: ReadonlySet<string> = new Set([
  ...['fill', 'stroke', 'clip-path', 'mask', 'marker-start', 'marker-mid', 'marker-end', 'color'],
  ...['font-family', 'stop-color', 'display', 'visibility', 'paint-order', 'text-decoration', 'cursor'],
  ...['font', 'mix-blend-mode'],
]);

/** `<meta name>` values a template may set: none of them makes a request or changes policy. */
export const META_NAMES: ReadonlySet<string> = new Set([
  ...['viewport', 'generator', 'description', 'author', 'keywords', 'color-scheme', 'robots'],
]);

/** Attribute values that are links: only an in-page `#fragment` (href) or an inline image (src). */
export const LINK_ATTRIBUTES: ReadonlySet<string> = new Set(['href', 'xlink:href', 'src']);

/** Whether `attribute` is allowed on `element` (an HTML tag name, or `svg:` + an SVG one). */
export function attributeAllowed(element: string, attribute: string): boolean {
  if (GLOBAL_TEXT_ATTRIBUTES.includes(attribute) || attribute === 'style') return true;
  if (/^aria-[a-z-]+$/.test(attribute) || /^data-[a-z0-9_.-]+$/.test(attribute)) return true;
  if (element.startsWith('svg:')) {
    if (attribute === 'href' || attribute === 'xlink:href') return element === 'svg:use';
    return SVG_ATTRIBUTES.has(attribute);
  }
  return (HTML_ATTRIBUTES[element] ?? []).includes(attribute);
}

/** Attributes whose value is plain text whatever it holds, so a template may fill them with `{{value}}`. */
export function textAttribute(attribute: string): boolean {
  return (
    GLOBAL_TEXT_ATTRIBUTES.includes(attribute) ||
    /^aria-[a-z-]+$/.test(attribute) ||
    /^data-[a-z0-9_.-]+$/.test(attribute) ||
    [
      'alt',
      'scope',
      'colspan',
      'rowspan',
      'headers',
      'abbr',
      'datetime',
      'value',
      'start',
      'content',
    ].includes(attribute)
  );
}

/** Why a link value is refused, or null: only `#fragment`, and for `<img src>` a base64 raster image. */
export function linkProblem(element: string, attribute: string, value: string): string | null {
  const v = value.trim();
  if (attribute === 'src') {
    return /^data:image\/(?:png|gif|jpeg|webp);base64,[A-Za-z0-9+/=\s]*$/i.test(v)
      ? null
      : `<${element} src> other than an inline PNG, GIF, JPEG or WebP (data:image/…;base64)`;
  }
  return v.startsWith('#') ? null : `a link (${attribute}) to somewhere other than this page (#…)`;
}

// ---------------------------------------------------------------- CSS

/**
 * CSS text with its escapes decoded (CSS Syntax §4.3.7: `\` + 1–6 hex digits and one optional
 * white space, or `\` + any other character) and comments removed, lower-cased: what the CSS
 * tokenizer sees, so `\75 rl(` and `u\72l(` read as `url(`.
 */
export function decodeCss(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '')
    .replace(/\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?|\\([\s\S])/g, (_m, hex: string | undefined, other: string) => {
      if (hex === undefined) return other === '\n' ? '' : other;
      const code = Number.parseInt(hex, 16);
      return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)
        ? '\uFFFD'
        : String.fromCodePoint(code);
    })
    .toLowerCase();
}

/** CSS constructs that fetch something or run code, with what to call them in a refusal. */
const UNSAFE_CSS: [RegExp, string][] = [
  [/@import\b/, 'an @import rule'],
  [/@font-face\b/, 'an @font-face rule (dxreport embeds its own font; a stylesheet may use installed ones)'],
  [/@namespace\b/, 'an @namespace rule'],
  [/(?:^|[^a-z0-9_-])(?:-webkit-|-moz-|-o-)?image-set\s*\(/, 'an image-set()'],
  [
    /(?:^|[^a-z0-9_-])(?:-webkit-)?(?:image|cross-fade|element|src)\s*\(/,
    'an image(), cross-fade(), element() or src()',
  ],
  [/expression\s*\(|behavior\s*:|-moz-binding/, 'a scripted CSS property'],
];

/** Why CSS text is refused, or null when it fetches nothing: `url()` only as `url(#in-page-id)`. */
export function cssProblem(text: string): string | null {
  const css = decodeCss(text);
  for (const [pattern, what] of UNSAFE_CSS) if (pattern.test(css)) return what;
  for (const match of css.matchAll(/url\s*\(\s*(["']?)\s*([^)]*)/g)) {
    if (!(match[2] ?? '').startsWith('#')) return 'a url() to another file or site';
  }
  return null;
}
