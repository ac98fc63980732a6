/**
 * Safety of the report's markup, decided on the tree an HTML parser builds (parse5, which
 * follows the WHATWG parsing algorithm browsers use), not on patterns over the text: escaped
 * text such as `&lt;img onerror=…&gt;` is text, a `<head>` inside a comment or a `<title>` is
 * not a head, and an entity-encoded `src` is seen decoded. Every element and attribute must be
 * on the allow-list of `htmlAllowList.ts`; CSS is checked after decoding its escapes.
 *
 * The same walk checks a chart's SVG, the finished page (before dxreport inserts its
 * Content-Security-Policy) and, through `templateSafety.ts`, each template with its
 * Handlebars expressions replaced by marker characters.
 */
import { html as parse5Html, parse, parseFragment, type DefaultTreeAdapterTypes } from 'parse5';
import { InputError } from '../load/errors.js';
import {
  HTML_ELEMENTS,
  LINK_ATTRIBUTES,
  META_NAMES,
  SVG_CSS_ATTRIBUTES,
  SVG_ELEMENTS,
  attributeAllowed,
  cssProblem,
  linkProblem,
  textAttribute,
} from './htmlAllowList.js';

type ParentNode = DefaultTreeAdapterTypes.ParentNode;
type ChildNode = DefaultTreeAdapterTypes.ChildNode;
type Element = DefaultTreeAdapterTypes.Element;

/**
 * The Content-Security-Policy of the report: no request of any kind; images and the
 * embedded font (embeddedFonts.ts) only from `data:` URLs inside the page.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

const CSP_META = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`;

/** Refusal of markup that could run code or make a request: names the file (template, figure) and line. */
export class UnsafeContentError extends InputError {
  override name = 'UnsafeContentError';
}

/**
 * Characters that stand for Handlebars expressions in a template being checked (Unicode
 * private-use code points, which no template needs): an escaped `{{value}}`, a partial or
 * other markup, `{{include "css"}}`, and a block's own tags (`{{#if}}`, `{{else}}`, `{{/if}}`).
 */
export const MARKER = { value: '\uE000', markup: '\uE001', css: '\uE002', block: '\uE003' } as const;
const ANY_MARKER = /[\uE000-\uE003]/;
const ALL_MARKERS = /[\uE000-\uE003]/g;

export interface MarkupFinding {
  what: string;
  line: number;
}

interface Walk {
  /** The text that was parsed (for line numbers and the raw form of attributes). */
  source: string;
  /** A template skeleton: marker characters stand for Handlebars expressions. */
  template: boolean;
  /** Only SVG elements may appear (a chart). */
  svgOnly: boolean;
}

function elementKey(element: Element): string | null {
  if (element.namespaceURI === parse5Html.NS.HTML) return element.tagName;
  if (element.namespaceURI === parse5Html.NS.SVG) return `svg:${element.tagName}`;
  return null;
}

function attributeName(attribute: { name: string; prefix?: string }): string {
  return attribute.prefix ? `${attribute.prefix}:${attribute.name}` : attribute.name;
}

function lineOf(element: Element, attribute?: string): number {
  const location = element.sourceCodeLocation;
  return location?.attrs?.[attribute ?? '']?.startLine ?? location?.startLine ?? 1;
}

/** Why a template's attribute value with Handlebars expressions in it is refused, or null. */
function templateValueProblem(key: string, name: string, value: string, raw: string): string | null {
  if (value.includes(MARKER.markup) || value.includes(MARKER.css)) {
    return `a partial or markup inside the ${name} attribute of <${key}>`;
  }
  if (!value.includes(MARKER.value)) return null;
  if (!/=\s*["']/.test(raw))
    return `a Handlebars value in the unquoted ${name} attribute of <${key}> (quote it)`;
  if (textAttribute(name)) return null;
  if ((name === 'href' || name === 'xlink:href') && value.startsWith('#')) return null;
  return `a Handlebars value in the ${name} attribute of <${key}> (only text attributes such as class, id and title take values)`;
}

function attributeProblem(walk: Walk, element: Element, key: string): MarkupFinding | null {
  const location = element.sourceCodeLocation?.attrs;
  for (const attribute of element.attrs) {
    const name = attributeName(attribute);
    const at = (what: string): MarkupFinding => ({ what, line: lineOf(element, attribute.name) });
    if (/^on/i.test(attribute.name)) return at(`an event-handler attribute (${name}) on <${key}>`);
    if (ANY_MARKER.test(name)) return at(`a Handlebars expression in place of an attribute of <${key}>`);
    if (!attributeAllowed(key, name)) return at(`the ${name} attribute on <${key}>`);
    let value = attribute.value;
    if (walk.template) {
      const span = location?.[attribute.name];
      const raw = span ? walk.source.slice(span.startOffset, span.endOffset) : '';
      const problem = templateValueProblem(key, name, value, raw);
      if (problem) return at(problem);
      value = value.replace(ALL_MARKERS, '');
    }
    if (LINK_ATTRIBUTES.has(name)) {
      const problem = linkProblem(key, name, value);
      if (problem) return at(problem);
    }
    if (name === 'style' || (key.startsWith('svg:') && SVG_CSS_ATTRIBUTES.has(name))) {
      const problem = cssProblem(value);
      if (problem) return at(`${problem} in the ${name} attribute of <${key}>`);
    }
  }
  return null;
}

function elementProblem(walk: Walk, element: Element): MarkupFinding | null {
  const key = elementKey(element);
  const at = (what: string): MarkupFinding => ({ what, line: lineOf(element) });
  if (key === null) return at(`a <${element.tagName}> element (MathML)`);
  if (walk.svgOnly && !key.startsWith('svg:')) return at(`an HTML <${key}> element inside the SVG`);
  if (key === 'meta' && element.attrs.some((a) => a.name === 'http-equiv')) {
    return at(
      'a <meta http-equiv> (dxreport inserts the Content-Security-Policy itself; a template may not set one, refresh or redirect)',
    );
  }
  const allowed = key.startsWith('svg:') ? SVG_ELEMENTS.has(key.slice(4)) : HTML_ELEMENTS.has(key);
  if (!allowed) return at(`a <${key.replace(/^svg:/, '')}> element`);
  if (key === 'meta') {
    const name = element.attrs.find((a) => a.name === 'name')?.value.toLowerCase();
    if (name !== undefined && !META_NAMES.has(name)) return at(`<meta name="${name}">`);
  }
  const attributes = attributeProblem(walk, element, key);
  if (attributes) return attributes;
  if (key === 'style' || key === 'svg:style') {
    const css = element.childNodes.map((c) => ('value' in c ? c.value : '')).join('');
    if (walk.template && (css.includes(MARKER.value) || css.includes(MARKER.markup))) {
      return at('a Handlebars value inside <style> (only {{include "css"}} belongs there)');
    }
    const problem = cssProblem(css.replace(ALL_MARKERS, ''));
    if (problem) return at(`${problem} in <style>`);
  }
  return null;
}

/** A template expression right after `<` or `</` would let a value choose an element. */
function textProblem(walk: Walk, node: ChildNode, parent: ParentNode): MarkupFinding | null {
  if (!walk.template) return null;
  const text = 'value' in node ? node.value : 'data' in node ? node.data : '';
  if (!/<[/!?]?\s*[\uE000-\uE003]/.test(text)) return null;
  const line = node.sourceCodeLocation?.startLine ?? ('tagName' in parent ? lineOf(parent) : 1);
  return { what: 'a Handlebars expression as an element name', line };
}

/**
 * The first thing in the tree under `root` that is not on the allow-list, or null. Walks
 * with an explicit stack: nesting depth is the input's to choose.
 */
export function findUnsafeMarkup(
  root: ParentNode,
  options: { source: string; template?: boolean; svgOnly?: boolean },
): MarkupFinding | null {
  const walk: Walk = {
    source: options.source,
    template: options.template ?? false,
    svgOnly: options.svgOnly ?? false,
  };
  const stack: ParentNode[] = [root];
  while (stack.length > 0) {
    const parent = stack.pop() as ParentNode;
    for (const node of parent.childNodes) {
      if ('tagName' in node) {
        const problem = elementProblem(walk, node);
        if (problem) return problem;
        stack.push(node);
      } else {
        const problem = textProblem(walk, node, parent);
        if (problem) return problem;
      }
    }
  }
  return null;
}

// ---------------------------------------------------------------- the page

/**
 * Checks the rendered page and inserts dxreport's Content-Security-Policy `<meta>` as the first
 * child of the parsed `<head>` (found by the parser, so a `<head>` in a comment or a title does
 * not count), with the doctype in front when the layout left it out. `trustedHead` (dxreport's
 * own `@font-face` style, which the check would refuse in a template) goes in after the meta,
 * unchecked.
 */
export function finishPage(page: string, trustedHead = ''): string {
  const document = parse(page, { sourceCodeLocationInfo: true });
  const problem = findUnsafeMarkup(document, { source: page });
  if (problem) {
    throw new UnsafeContentError(
      { file: 'the rendered report', line: problem.line },
      `contains ${problem.what} (from the templates or their values)`,
    );
  }
  const htmlElement = document.childNodes.find((n): n is Element => 'tagName' in n && n.tagName === 'html');
  const head = htmlElement?.childNodes.find((n): n is Element => 'tagName' in n && n.tagName === 'head');
  const startTag = head?.sourceCodeLocation?.startTag;
  if (!startTag) {
    throw new UnsafeContentError(
      { file: 'the layout template' },
      'has no <head> start tag, where dxreport puts the Content-Security-Policy',
    );
  }
  const inserted = `\n${CSP_META}${trustedHead ? `\n${trustedHead}` : ''}`;
  const withCsp = `${page.slice(0, startTag.endOffset)}${inserted}${page.slice(startTag.endOffset)}`;
  const hasDoctype = document.childNodes.some((n) => n.nodeName === '#documentType');
  return hasDoctype ? withCsp.trimStart() : `<!DOCTYPE html>\n${withCsp.trimStart()}`;
}

// ---------------------------------------------------------------- SVG

/** An attribute rewritten in place: its span in the source and its new `name="value"`. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** Edits that prefix each element id, and the in-page references to them, with `prefix`. */
function idEdits(fragment: ParentNode, prefix: string): Edit[] {
  const elements: Element[] = [];
  const stack: ParentNode[] = [fragment];
  while (stack.length > 0) {
    for (const node of (stack.pop() as ParentNode).childNodes) {
      if ('tagName' in node) {
        elements.push(node);
        stack.push(node);
      }
    }
  }
  const ids = new Set(elements.flatMap((e) => e.attrs.filter((a) => a.name === 'id').map((a) => a.value)));
  if (ids.size === 0) return [];
  const edits: Edit[] = [];
  for (const element of elements) {
    for (const attribute of element.attrs) {
      const name = attributeName(attribute);
      let value = attribute.value;
      if (name === 'id') value = `${prefix}${value}`;
      else if ((name === 'href' || name === 'xlink:href') && ids.has(value.slice(1)))
        value = `#${prefix}${value.slice(1)}`;
      else
        value = value.replace(/url\(#([^)"']+)\)/g, (m, id: string) =>
          ids.has(id) ? `url(#${prefix}${id})` : m,
        );
      const span = element.sourceCodeLocation?.attrs?.[attribute.name];
      if (value !== attribute.value && span) {
        edits.push({
          start: span.startOffset,
          end: span.endOffset,
          text: `${name}="${escapeAttribute(value)}"`,
        });
      }
    }
  }
  return edits.sort((a, b) => b.start - a.start);
}

/**
 * Checks a chart's SVG and prepares it for inlining: removes the XML prolog and doctype and
 * prefixes its ids (clip paths, gradients) so that several SVGs in one page do not collide.
 * Text in the chart (model names, titles) is text to the parser, however it reads.
 */
export function sanitiseSvg(svg: string, idPrefix: string, name = 'figure'): string {
  const out = svg
    .replace(/^\s*<\?xml[^>]*\?>/, '')
    .replace(/^\s*<!DOCTYPE[^>[]*(?:\[[^\]]*\])?\s*>/i, '')
    .trim();
  const refuse = (what: string, line?: number): never => {
    throw new UnsafeContentError(
      { file: `figure ${name}`, ...(line ? { line } : {}) },
      `the SVG contains ${what}`,
    );
  };
  if (!/^<svg[\s>]/i.test(out))
    throw new UnsafeContentError({ file: `figure ${name}` }, 'not an SVG document');
  const fragment = parseFragment(out, { sourceCodeLocationInfo: true });
  const roots = fragment.childNodes.filter(
    (n) => !(n.nodeName === '#text' && 'value' in n && n.value.trim() === ''),
  );
  if (
    roots.length !== 1 ||
    !('tagName' in (roots[0] as ChildNode)) ||
    (roots[0] as Element).tagName !== 'svg'
  ) {
    refuse('content outside its <svg> element');
  }
  const problem = findUnsafeMarkup(fragment, { source: out, svgOnly: true });
  if (problem) refuse(problem.what, problem.line);
  let result = out;
  for (const edit of idEdits(fragment, idPrefix)) {
    result = `${result.slice(0, edit.start)}${edit.text}${result.slice(edit.end)}`;
  }
  return result;
}
