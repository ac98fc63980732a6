/**
 * Checks of the report's templates before anything is rendered, each refusal naming the
 * template file and line:
 *
 * - a Handlebars syntax error in one line (file, line, what was expected);
 * - `{{{…}}}` and `{{& …}}` refused: user text reaches the page only escaped;
 * - the markup itself, parsed by parse5 with every Handlebars expression replaced by a marker
 *   character of the same length (so lines and columns stay put), against the allow-list of
 *   `htmlAllowList.ts`; a value may fill only a text attribute (class, id, title, …) or an
 *   in-page `href="#…"`, never a `style`, a `src`, an element name or a `<style>`;
 * - `report.css` through the CSS check (no `url()` but `url(#id)`, no `@import`, `image-set`,
 *   escapes decoded first) and without `</style`.
 *
 * The rendered page is parsed and checked again as a whole (`finishPage`), so markup split
 * across templates or made by combining blocks cannot slip between the two.
 */
import Handlebars from 'handlebars';
import { parse, parseFragment } from 'parse5';
import { cssProblem } from './htmlAllowList.js';
import { MARKER, UnsafeContentError, findUnsafeMarkup } from './htmlSafety.js';

export interface TemplateFile {
  /** The template's path, as the user should see it in a message. */
  file: string;
  text: string;
  kind: 'layout' | 'partial' | 'css';
  /** The partials that exist, to refuse `{{include "x"}}` or `{{> x}}` of another name here. */
  partials?: ReadonlySet<string>;
}

/** The partial a statement names literally (`{{include "x"}}`, `{{> x}}`), if any. */
function partialName(node: Node): string | null {
  if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') {
    const name = (node as hbs.AST.PartialStatement).name;
    return name.type === 'PathExpression' ? (name as hbs.AST.PathExpression).original : null;
  }
  if (node.type !== 'MustacheStatement') return null;
  const mustache = node as hbs.AST.MustacheStatement;
  const first = mustache.params[0];
  return (mustache.path as hbs.AST.PathExpression).original === 'include' && first?.type === 'StringLiteral'
    ? (first as hbs.AST.StringLiteral).value
    : null;
}

type Node = hbs.AST.Node;
type Position = hbs.AST.Position;

/** The Handlebars syntax tree of a template, or a one-line error naming the file and line. */
function parseTemplate(template: TemplateFile): hbs.AST.Program {
  try {
    return Handlebars.parse(template.text);
  } catch (error) {
    const message = (error as Error).message;
    const lines = message.split('\n');
    const line = /Parse error on line (\d+)/.exec(message)?.[1] ?? /- (\d+):\d+$/.exec(lines[0] ?? '')?.[1];
    const detail = lines.length > 1 ? (lines[lines.length - 1] as string) : (lines[0] as string);
    throw new UnsafeContentError(
      { file: template.file, ...(line ? { line: Number(line) } : {}) },
      `Handlebars syntax error: ${detail.replace(/ - \d+:\d+$/, '')}`,
    );
  }
}

/** What a mustache puts in the page, as a marker character. */
function mustacheMarker(node: hbs.AST.MustacheStatement): string {
  const path = node.path as hbs.AST.PathExpression;
  if (node.params.length === 0 && path.original === 'svg') return MARKER.markup; // a checked chart (a SafeString)
  if (path.original === 'include') {
    const first = node.params[0] as hbs.AST.StringLiteral | undefined;
    return first?.type === 'StringLiteral' && first.value === 'css' ? MARKER.css : MARKER.markup;
  }
  return MARKER.value;
}

/**
 * The template with every Handlebars expression painted over by its marker (newlines kept),
 * after refusing unescaped ones. Blocks are painted whole, then their contents restored.
 */
function skeleton(template: TemplateFile, program: hbs.AST.Program): string {
  const text = template.text;
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const offset = (p: Position): number => (lineStarts[p.line - 1] ?? text.length) + p.column;
  const out = text.split('');
  const paint = (node: Node, marker: string): void => {
    for (let i = offset(node.loc.start); i < offset(node.loc.end) && i < out.length; i++) {
      if (out[i] !== '\n') out[i] = marker;
    }
  };
  const visit = (node: Node): void => {
    const partial = partialName(node);
    if (partial !== null && template.partials && !template.partials.has(partial)) {
      const known = [...template.partials].filter((p) => p !== 'css').sort();
      throw new UnsafeContentError(
        { file: template.file, line: node.loc.start.line },
        `no partial named "${partial}"; partials are ${known.join(', ')}`,
      );
    }
    switch (node.type) {
      case 'Program':
        for (const child of (node as hbs.AST.Program).body) visit(child);
        return;
      case 'ContentStatement':
        return;
      case 'MustacheStatement': {
        const mustache = node as hbs.AST.MustacheStatement;
        if (!mustache.escaped) {
          throw new UnsafeContentError(
            { file: template.file, line: node.loc.start.line },
            '{{{…}}} and {{& …}} insert text unescaped: use {{…}} (user text is always escaped)',
          );
        }
        paint(node, mustacheMarker(mustache));
        return;
      }
      case 'CommentStatement':
        paint(node, ' ');
        return;
      case 'BlockStatement':
      case 'DecoratorBlock':
      case 'PartialBlockStatement': {
        const block = node as hbs.AST.BlockStatement;
        paint(node, node.type === 'PartialBlockStatement' ? MARKER.markup : MARKER.block);
        if (block.program) visit(block.program);
        if (block.inverse) visit(block.inverse);
        return;
      }
      default: // partials, decorators
        paint(node, MARKER.markup);
    }
  };
  visit(program);
  return out.join('');
}

/** The first line of `text` by which `problem` finds something (a binary search over prefixes). */
function firstLineWith(text: string, problem: (prefix: string) => string | null): number {
  const lines = text.split('\n');
  let lo = 1;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (problem(lines.slice(0, mid).join('\n'))) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Refuses a template that could run code, make a request or insert text unescaped. */
export function checkTemplate(template: TemplateFile): void {
  if (template.kind === 'css') {
    const closing = /<\/style/i.exec(template.text);
    if (closing) {
      const line = template.text.slice(0, closing.index).split('\n').length;
      throw new UnsafeContentError({ file: template.file, line }, 'a stylesheet must not contain "</style"');
    }
    const problem = cssProblem(template.text);
    if (problem) {
      throw new UnsafeContentError(
        { file: template.file, line: firstLineWith(template.text, cssProblem) },
        problem,
      );
    }
    return;
  }
  const painted = skeleton(template, parseTemplate(template));
  const tree =
    template.kind === 'layout'
      ? parse(painted, { sourceCodeLocationInfo: true })
      : parseFragment(painted, { sourceCodeLocationInfo: true });
  const problem = findUnsafeMarkup(tree, { source: painted, template: true });
  if (problem)
    throw new UnsafeContentError({ file: template.file, line: problem.line }, `contains ${problem.what}`);
}
