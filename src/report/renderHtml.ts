/**
 * The HTML supplement: the view model and the charts' SVG through the Handlebars templates,
 * as one self-contained file (inline CSS and SVG, no script, a Content-Security-Policy that
 * forbids every request, no external URL).
 *
 * Templates live in `templates/` at the package root: `layout.hbs`, `partials/*.hbs` and
 * `report.css`. A user folder (`--template-dir`) may override any of them by file name
 * (`layout.hbs`, `report.css`, `partials/<name>.hbs` or `<name>.hbs`); the rest fall back to
 * the built-in ones. A template places a partial with `{{include "name"}}` or
 * `{{include "name" context}}` (standard `{{> name}}` works too, but prettier's Handlebars
 * parser rejects it, so the built-in templates use `include`). User text reaches the page
 * only through `{{ }}` (escaped); the only unescaped insertion is the SVG, checked here first.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { placeFigures, type FigureInput, type ViewModel } from './viewModel.js';

/** The Content-Security-Policy of the report: no request of any kind. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const CSP_META = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`;

export interface RenderHtmlOptions {
  /** A folder whose templates override the built-in ones by file name. */
  templateDir?: string;
}

export interface Figure {
  name: string;
  title: string;
  caption: string;
  svg: string;
  /** Optional placement; by default the section is guessed from the name. */
  section?: FigureInput['section'];
}

/** The built-in templates folder: `<package root>/templates`, from `src/render/` or `dist/render/`. */
export function builtInTemplateDir(): string {
  return fileURLToPath(new URL('../../templates/', import.meta.url));
}

interface TemplateSet {
  layout: string;
  partials: Map<string, string>;
}

function readPartials(dir: string, into: Map<string, string>): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return;
  for (const file of readdirSync(dir).sort()) {
    if (file.endsWith('.hbs') && file !== 'layout.hbs') {
      into.set(file.slice(0, -'.hbs'.length), readFileSync(path.join(dir, file), 'utf8'));
    }
  }
}

function loadTemplates(templateDir: string | undefined): TemplateSet {
  const builtIn = builtInTemplateDir();
  const partials = new Map<string, string>();
  readPartials(path.join(builtIn, 'partials'), partials);
  partials.set('css', readFileSync(path.join(builtIn, 'report.css'), 'utf8'));
  let layout = readFileSync(path.join(builtIn, 'layout.hbs'), 'utf8');
  if (templateDir !== undefined) {
    if (!existsSync(templateDir) || !statSync(templateDir).isDirectory()) {
      throw new Error(`template folder ${templateDir} does not exist`);
    }
    const userLayout = path.join(templateDir, 'layout.hbs');
    if (existsSync(userLayout)) layout = readFileSync(userLayout, 'utf8');
    const userCss = path.join(templateDir, 'report.css');
    if (existsSync(userCss)) partials.set('css', readFileSync(userCss, 'utf8'));
    readPartials(templateDir, partials);
    readPartials(path.join(templateDir, 'partials'), partials);
  }
  if (/<\/style/i.test(partials.get('css') ?? '')) throw new Error('report.css must not contain "</style"');
  return { layout, partials };
}

// ---------------------------------------------------------------- SVG

/** Thrown for an SVG or a rendered page that could run code or make a request. */
export class UnsafeContentError extends Error {
  override name = 'UnsafeContentError';
}

/** Patterns that would run code or make a request, anywhere in the page or an SVG. */
const UNSAFE_ANYWHERE: [RegExp, string][] = [
  [/<script/i, 'a <script> element'],
  [/<(?:iframe|object|embed|base|frame)\b/i, 'an embedding element'],
  [/<[^>]*\son[a-z]+\s*=/i, 'an event-handler attribute'],
  [/\b(?:href|src|action|srcset)\s*=\s*["']?\s*(?:https?:|\/\/|javascript:)/i, 'a link to an external URL'],
  [/url\(\s*["']?\s*(?:https?:|\/\/)/i, 'a url() to an external resource'],
  [/@import/i, 'an @import rule'],
];

/** Further elements an SVG chart never needs. */
const UNSAFE_IN_SVG: [RegExp, string][] = [
  [/<foreignObject/i, 'a <foreignObject> element'],
  [
    /<(?:link|meta|style|image|use)\b[^>]*\b(?:xlink:)?href\s*=\s*["']?(?!["'#]|data:)/i,
    'a reference to another file',
  ],
  [/<(?:link|meta)\b/i, 'a <link> or <meta> element'],
];

/**
 * Checks a chart's SVG and prepares it for inlining: removes the XML prolog and doctype and
 * prefixes its ids (clip paths, gradients) so that several SVGs in one page do not collide.
 */
export function sanitiseSvg(svg: string, idPrefix: string, name = 'figure'): string {
  for (const [pattern, what] of [...UNSAFE_ANYWHERE, ...UNSAFE_IN_SVG]) {
    if (pattern.test(svg)) throw new UnsafeContentError(`${name}: the SVG contains ${what}`);
  }
  let out = svg
    .replace(/<\?xml[^>]*\?>/g, '')
    .replace(/<!DOCTYPE[^>]*>/gi, '')
    .trim();
  if (!/^<svg[\s>]/i.test(out)) throw new UnsafeContentError(`${name}: not an SVG document`);
  const ids = new Set([...out.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] as string));
  if (ids.size > 0) {
    out = out
      .replace(/(\sid=")([^"]+)(")/g, (_m, a: string, id: string, c: string) => `${a}${idPrefix}${id}${c}`)
      .replace(/url\(#([^)"']+)\)/g, (m, id: string) => (ids.has(id) ? `url(#${idPrefix}${id})` : m))
      .replace(/((?:xlink:)?href=")#([^"]+)(")/g, (m, a: string, id: string, c: string) =>
        ids.has(id) ? `${a}#${idPrefix}${id}${c}` : m,
      );
  }
  return out;
}

/**
 * Checks a whole rendered page: no script, no external request. Adds the doctype and the CSP
 * when a layout left them out (prettier's Handlebars printer drops the doctype).
 */
function checkPage(html: string): string {
  for (const [pattern, what] of UNSAFE_ANYWHERE) {
    if (pattern.test(html)) throw new UnsafeContentError(`the report contains ${what}`);
  }
  if (/<link\b[^>]*\bhref\s*=\s*["']?(?!["'#]|data:)/i.test(html)) {
    throw new UnsafeContentError('the report links to another file (<link href>)');
  }
  let page = /^\s*<!DOCTYPE html>/i.test(html) ? html.trimStart() : `<!DOCTYPE html>\n${html.trimStart()}`;
  const metas = [...page.matchAll(/<meta\b[^>]*http-equiv\s*=\s*["']?Content-Security-Policy[^>]*>/gi)];
  if (metas.length > 0) {
    const content = metas.map((m) =>
      /\bcontent\s*=\s*"([^"]*)"/i.exec(m[0])?.[1]?.replace(/\s+/g, ' ').trim(),
    );
    if (metas.length > 1 || content[0] !== CONTENT_SECURITY_POLICY) {
      throw new UnsafeContentError('the layout sets a Content-Security-Policy other than dxreport’s');
    }
    return page;
  }
  const head = /<head[^>]*>/i.exec(page);
  if (!head) throw new UnsafeContentError('the layout has no <head> for the Content-Security-Policy');
  const at = head.index + head[0].length;
  page = `${page.slice(0, at)}\n${CSP_META}${page.slice(at)}`;
  return page;
}

// ---------------------------------------------------------------- render

/**
 * Renders the report as one self-contained HTML string.
 * @param viewModel from `buildViewModel`
 * @param figures the charts, in the order they should appear within their sections
 */
export function renderHtml(viewModel: ViewModel, figures: Figure[], options: RenderHtmlOptions = {}): string {
  const { layout, partials } = loadTemplates(options.templateDir);
  const hbs = Handlebars.create();
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  for (const [name, text] of partials) {
    if (name === 'css') continue;
    hbs.registerPartial(name, text);
    compiled.set(name, hbs.compile(text, { preventIndent: true }));
  }
  const css = partials.get('css') ?? '';
  // {{include "name" context?}}: a partial by name (prettier's Handlebars parser has no {{> partial}})
  hbs.registerHelper('include', function (this: unknown, name: unknown, ...rest: unknown[]) {
    const options = rest.pop() as Handlebars.HelperOptions;
    if (name === 'css') return new hbs.SafeString(css);
    const template = typeof name === 'string' ? compiled.get(name) : undefined;
    if (!template) throw new Error(`template: no partial named ${JSON.stringify(name)}`);
    const context = rest.length > 0 ? rest[0] : this;
    return new hbs.SafeString(template(context, { data: options.data as unknown }));
  });
  const placed = placeFigures(
    viewModel,
    figures.map((f, k) => ({ ...f, svg: sanitiseSvg(f.svg, `fig${k + 1}-`, f.name) })),
  );
  const template = hbs.compile(layout, { preventIndent: true });
  return checkPage(template(placed));
}
