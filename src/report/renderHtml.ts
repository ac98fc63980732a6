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
 * only through `{{ }}` (escaped; `{{{ }}}` is refused); the charts' SVG, checked first, goes in
 * with `{{svg}}`. Each template is checked before rendering and the page after it
 * (`templateSafety.ts`, `htmlSafety.ts`); dxreport inserts the Content-Security-Policy itself.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { embeddedFontStyle } from './embeddedFonts.js';
import { finishPage, sanitiseSvg } from './htmlSafety.js';
import { checkTemplate } from './templateSafety.js';
import { placeFigures, type FigureInput, type ViewModel } from './viewModel.js';

export { CONTENT_SECURITY_POLICY, UnsafeContentError, sanitiseSvg } from './htmlSafety.js';

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

/** The built-in templates folder: `<package root>/templates`, from `src/report/` or `dist/report/`. */
export function builtInTemplateDir(): string {
  return fileURLToPath(new URL('../../templates/', import.meta.url));
}

interface TemplateSet {
  layout: string;
  partials: Map<string, string>;
  /** The file each template came from, by name ('layout', 'css', a partial's name). */
  files: Map<string, string>;
}

function readPartials(dir: string, into: Map<string, string>, files: Map<string, string>): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return;
  for (const file of readdirSync(dir).sort()) {
    if (file.endsWith('.hbs') && file !== 'layout.hbs') {
      into.set(file.slice(0, -'.hbs'.length), readFileSync(path.join(dir, file), 'utf8'));
      files.set(file.slice(0, -'.hbs'.length), path.join(dir, file));
    }
  }
}

function loadTemplates(templateDir: string | undefined): TemplateSet {
  const builtIn = builtInTemplateDir();
  const partials = new Map<string, string>();
  const files = new Map([
    ['layout', path.join(builtIn, 'layout.hbs')],
    ['css', path.join(builtIn, 'report.css')],
  ]);
  readPartials(path.join(builtIn, 'partials'), partials, files);
  partials.set('css', readFileSync(path.join(builtIn, 'report.css'), 'utf8'));
  let layout = readFileSync(path.join(builtIn, 'layout.hbs'), 'utf8');
  if (templateDir !== undefined) {
    if (!existsSync(templateDir) || !statSync(templateDir).isDirectory()) {
      throw new Error(`template folder ${templateDir} does not exist`);
    }
    const userLayout = path.join(templateDir, 'layout.hbs');
    if (existsSync(userLayout)) {
      layout = readFileSync(userLayout, 'utf8');
      files.set('layout', userLayout);
    }
    const userCss = path.join(templateDir, 'report.css');
    if (existsSync(userCss)) {
      partials.set('css', readFileSync(userCss, 'utf8'));
      files.set('css', userCss);
    }
    readPartials(templateDir, partials, files);
    readPartials(path.join(templateDir, 'partials'), partials, files);
  }
  const names = new Set(partials.keys());
  checkTemplate({ file: files.get('layout') as string, text: layout, kind: 'layout', partials: names });
  for (const [name, text] of partials) {
    const kind = name === 'css' ? 'css' : 'partial';
    checkTemplate({ file: files.get(name) as string, text, kind, partials: names });
  }
  return { layout, partials, files };
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
  // {{svg}} in a figure's context: its chart, checked above (a helper, so no triple-stash)
  const checkedSvg = new Set(placedSvgs(placed));
  hbs.registerHelper('svg', function (this: unknown) {
    const svg = (this as { svg?: unknown } | null)?.svg;
    return typeof svg === 'string' && checkedSvg.has(svg) ? new hbs.SafeString(svg) : '';
  });
  const template = hbs.compile(layout, { preventIndent: true });
  return finishPage(template(placed), embeddedFontStyle(path.join(builtInTemplateDir(), 'fonts')));
}

/** The SVG of every figure placed in the view model's sections. */
function placedSvgs(placed: ViewModel): string[] {
  return Object.values(placed.sections).flatMap((section) =>
    section && 'figures' in section ? section.figures.map((f) => f.svg) : [],
  );
}
