// Templates are checked by an HTML parser against an allow-list, each refusal naming the
// template file and line (issue 14): the bypasses that got past the old patterns, or were
// stopped only by the CSP, are each refused here; dxreport inserts the CSP itself, in the
// parsed <head>.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, loadStudy } from '../../src/index.js';
import { cssProblem, decodeCss } from '../../src/report/htmlAllowList.js';
import { UnsafeContentError, finishPage, sanitiseSvg } from '../../src/report/htmlSafety.js';
import { CONTENT_SECURITY_POLICY, builtInTemplateDir, renderHtml } from '../../src/report/renderHtml.js';
import { checkTemplate, type TemplateFile } from '../../src/report/templateSafety.js';
import { buildViewModel, type ViewModel } from '../../src/report/viewModel.js';
import { BASIC_CSV, studyFolder } from '../helpers/fixtures.js';

type Element = DefaultTreeAdapterTypes.Element;

const partial = (text: string, file = 'partials/title.hbs'): TemplateFile => ({
  file,
  text,
  kind: 'partial',
});
const layout = (text: string): TemplateFile => ({ file: 'layout.hbs', text, kind: 'layout' });
const css = (text: string): TemplateFile => ({ file: 'report.css', text, kind: 'css' });

/** Expects a refusal naming `file` and `line`, with `what` in the message. */
function refused(template: TemplateFile, line: number, what: RegExp): void {
  let message = '';
  try {
    checkTemplate(template);
  } catch (error) {
    expect(error).toBeInstanceOf(UnsafeContentError);
    message = (error as Error).message;
  }
  expect(message, `${template.text} should be refused`).toMatch(new RegExp(`^${template.file}:${line}: `));
  expect(message).toMatch(what);
  expect(message).not.toContain('\n');
}

describe('template refusals name the file and line', () => {
  it('a <meta http-equiv=refresh> in a partial, and any CSP a template brings', () => {
    refused(
      partial('<p>x</p>\n<meta http-equiv="refresh" content="0; url=https://example.com/">'),
      2,
      /meta http-equiv/,
    );
    refused(
      partial(
        `<div>\n<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}"></div>`,
      ),
      2,
      /meta http-equiv/,
    );
    refused(partial('<META HTTP-EQUIV=refresh CONTENT=0>'), 1, /meta http-equiv/);
    refused(partial('<meta name="referrer" content="unsafe-url">'), 1, /meta name="referrer"/);
  });

  it('triple-stash and {{& }} (user text is always escaped)', () => {
    refused(partial('<h1>\n  {{{title}}}\n</h1>'), 2, /unescaped/);
    refused(partial('<h1>{{& title}}</h1>'), 1, /unescaped/);
    refused(partial('{{#each facts}}\n\n<p>{{{this}}}</p>{{/each}}'), 3, /unescaped/);
  });

  it('a partial that does not exist', () => {
    const partials = new Set(['title', 'css']);
    refused(
      { ...partial('<p>\n{{include "titel"}}</p>'), partials },
      2,
      /no partial named "titel"; partials are title/,
    );
    refused({ ...partial('{{> nothing}}'), partials }, 1, /no partial named "nothing"/);
    expect(() =>
      checkTemplate({ ...partial('{{include "title"}}{{> title}}{{include "css"}}'), partials }),
    ).not.toThrow();
  });

  it('a Handlebars syntax error in one line', () => {
    refused(partial('<h1>{{title}}</h1>\n{{#if x}}\n<p>'), 3, /Handlebars syntax error: Expecting/);
    refused(partial('<h1>{{title}</h1>'), 1, /Handlebars syntax error/);
    refused(partial('{{#if a}}\n{{/each}}'), 1, /Handlebars syntax error: if doesn't match each/);
  });

  it('entity-encoded and other external links', () => {
    refused(partial('<img src="&#104;ttps://example.com/x.png">'), 1, /img src/);
    refused(partial('<img src="data:image/png;base64,AAAA" srcset="https://example.com/x 2x">'), 1, /srcset/);
    refused(partial('<a href="&#x68;ttps://example.com">x</a>'), 1, /link \(href\)/);
    refused(partial('<a href="javascript:alert(1)">x</a>'), 1, /link \(href\)/);
    refused(partial('<link rel="stylesheet" href="https://example.com/x.css">'), 1, /<link> element/);
    refused(partial('<link rel=prefetch href=//example.com>'), 1, /<link> element/);
    refused(partial('<base href="https://example.com/">'), 1, /<base> element/);
    refused(partial('<p>\n<iframe srcdoc="&lt;script&gt;"></iframe>'), 2, /<iframe> element/);
    refused(partial('<object data="x.swf"></object>'), 1, /<object> element/);
    refused(partial('<embed src="x">'), 1, /<embed> element/);
    refused(partial('<video poster="https://example.com/p.png"></video>'), 1, /<video> element/);
    refused(partial('<div poster="https://example.com/p.png"></div>'), 1, /poster attribute/);
    refused(partial('<table background="https://example.com/t.png"></table>'), 1, /background attribute/);
    refused(partial('<form><button formaction="https://example.com">x</button></form>'), 1, /<form> element/);
    refused(partial('<button formaction="https://example.com">x</button>'), 1, /<button> element/);
    refused(partial('<p formaction="https://example.com">x</p>'), 1, /formaction attribute/);
    refused(partial('<input type="image" src="https://example.com">'), 1, /<input> element/);
    refused(partial('<script>alert(1)</script>'), 1, /<script> element/);
    refused(partial('<noscript><p>x</p></noscript>'), 1, /<noscript> element/);
    refused(partial('<template><img src="https://example.com"></template>'), 1, /<template> element/);
    refused(partial('<p onclick="x()">x</p>'), 1, /event-handler attribute \(onclick\)/);
    refused(partial('<math><mi xlink:href="https://example.com">x</mi></math>'), 1, /MathML/);
  });

  it('SVG animation, links, images and foreign objects', () => {
    refused(partial('<svg><a href="https://example.com"><text>x</text></a></svg>'), 1, /<a> element|link/);
    refused(
      partial('<svg><rect>\n<set attributeName="fill" to="url(https://example.com/#p)"/></rect></svg>'),
      2,
      /<set> element/,
    );
    refused(
      partial('<svg><animate attributeName="href" values="https://example.com"/></svg>'),
      1,
      /<animate> element/,
    );
    refused(partial('<svg><image href="https://example.com/x.png"/></svg>'), 1, /<image> element/);
    refused(partial('<svg><use href="https://example.com/s.svg#a"/></svg>'), 1, /link \(href\)/);
    refused(partial('<svg><use xlink:href="data:image/svg+xml,x#a"/></svg>'), 1, /link \(xlink:href\)/);
    refused(partial('<svg><foreignObject><p>x</p></foreignObject></svg>'), 1, /<foreignObject> element/);
    refused(
      partial('<svg><filter><feImage href="https://example.com"/></filter></svg>'),
      1,
      /<filter> element/,
    );
    refused(partial('<svg><rect fill="url(https://example.com/#g)"/></svg>'), 1, /url\(\).*fill/);
    refused(partial('<svg><rect fill="\\75 rl(https://example.com/#g)"/></svg>'), 1, /url\(\)/);
    refused(partial('<svg><style>@import "https://example.com/x.css";</style></svg>'), 1, /@import/);
    refused(
      partial('<svg><style>rect { fill: u&#x72;l(https://example.com/#g) }</style></svg>'),
      1,
      /url\(\)/,
    );
  });

  it('CSS: url(), image-set, @import and escapes that decode to them', () => {
    refused(css('body {}\n\nh1 { background: url(https://example.com/x.png) }'), 3, /url\(\)/);
    refused(css('h1 {\n background: \\75 rl(https://example.com/x.png) }'), 2, /url\(\)/);
    refused(css('h1 { background: u\\72 l("//example.com/x.png") }'), 1, /url\(\)/);
    refused(css('h1 { background: \\000075\\000072\\00006c(x.png) }'), 1, /url\(\)/);
    refused(css('h1 { background-image: image-set("a.png" 1x, "b.png" 2x) }'), 1, /image-set/);
    refused(css('h1 { background-image: -webkit-image-set("a.png" 1x) }'), 1, /image-set/);
    refused(css('h1 { background-image: image("a.png") }'), 1, /image\(\)/);
    refused(css('@\\69mport "x.css";'), 1, /@import/);
    refused(css('@im/**/port "x.css";'), 1, /@import/);
    refused(css('@font-face { font-family: X; src: local(X) }'), 1, /@font-face/);
    refused(css('p {}\n</style><script>x()</script>'), 2, /<\/style/);
    refused(partial('<p style="background: url(//example.com/x.png)">x</p>'), 1, /url\(\).*style/);
    refused(partial('<p style="background:\\75\\72\\6c(//example.com/x.png)">x</p>'), 1, /url\(\)/);
    refused(partial('<style>\np { background: image-set("x.png" 1x) }</style>'), 1, /image-set/);
    expect(cssProblem('clip-path: url(#clip1); font-family: "Noto Sans"')).toBeNull();
    expect(decodeCss('\\75 \\72\\6C(')).toBe('url(');
  });

  it('values only in text attributes, never as markup, style, links or element names', () => {
    refused(partial('<a href="{{title}}">x</a>'), 1, /value in the href attribute/);
    refused(partial('<p style="color: {{colour}}">x</p>'), 1, /value in the style attribute/);
    refused(partial('<img src="{{logo}}" alt="">'), 1, /value in the src attribute/);
    refused(partial('<p class={{cls}}>x</p>'), 1, /unquoted class attribute/);
    refused(
      partial('<p title="{{include "title"}}">x</p>'),
      1,
      /partial or markup inside the title attribute/,
    );
    refused(partial('<{{tag}}>x</{{tag}}>'), 1, /element name/);
    refused(partial('<p {{attrs}}>x</p>'), 1, /in place of an attribute/);
    refused(partial('<style>p { color: {{colour}} }</style>'), 1, /inside <style>/);
    // a block inside a link keeps the link's literal text visible to the check
    refused(partial('<a href="{{#if x}}https://example.com{{/if}}">x</a>'), 1, /link \(href\)/);
  });

  it('accepts the built-in templates and ordinary house styles', () => {
    expect(() =>
      checkTemplate(
        partial(
          '{{! a house title }}<header class="house {{className}}" id="{{id}}" title="{{title}}">\n' +
            '<h1 lang="{{lang}}">{{title}}</h1>{{#each facts}}<span class="fact">{{this}}</span>{{/each}}\n' +
            '<a href="#{{id}}">{{heading}}</a><td colspan="{{span}}" scope="col">{{text}}</td>\n' +
            '<img src="data:image/png;base64,iVBORw0KGgo=" alt="logo">{{include "figure"}}{{> table}}</header>',
        ),
      ),
    ).not.toThrow();
    expect(() =>
      checkTemplate(
        layout(
          '<!DOCTYPE html><html><head><style>{{include "css"}}</style></head><body>{{svg}}</body></html>',
        ),
      ),
    ).not.toThrow();
  });
});

describe('the rendered page', () => {
  it('gets dxreport’s CSP as the first child of the parsed <head>, not in a comment or a title', () => {
    for (const page of [
      '<html><!-- <head> --><head><title>x</title></head><body><p>y</p></body></html>',
      '<html><head><title>&lt;head&gt; <head></title></head><body></body></html>',
    ]) {
      const out = finishPage(page);
      expect(out.startsWith('<!DOCTYPE html>\n')).toBe(true);
      const document = parse(out);
      const html = document.childNodes.find((n) => n.nodeName === 'html') as Element;
      const head = html.childNodes.find((n) => n.nodeName === 'head') as Element;
      const first = head.childNodes.find((n) => n.nodeName !== '#text') as Element;
      expect(first.nodeName).toBe('meta');
      expect(first.attrs).toEqual([
        { name: 'http-equiv', value: 'Content-Security-Policy' },
        { name: 'content', value: CONTENT_SECURITY_POLICY },
      ]);
    }
  });

  it('refuses a layout whose <head> is only in a comment or a title', () => {
    expect(() => finishPage('<html><!-- <head> --><body>x</body></html>')).toThrow(/no <head> start tag/);
    expect(() => finishPage('<html><title><head></title><body>x</body></html>')).toThrow(
      /no <head> start tag/,
    );
  });

  it('refuses a CSP copy in the body and markup assembled across templates', () => {
    expect(() =>
      finishPage(
        `<html><head></head><body><meta http-equiv="Content-Security-Policy" content="default-src *"></body></html>`,
      ),
    ).toThrow(/the rendered report:1: contains a <meta http-equiv>/);
    expect(() =>
      finishPage('<html><head></head><body>\n<p><img src="https://example.com/x"></p></body></html>'),
    ).toThrow(/the rendered report:2: .*img src/);
  });
});

describe('renderHtml with a --template-dir', () => {
  let vm: ViewModel;
  let dir: string;
  beforeAll(() => {
    const study = studyFolder({
      'study.yaml': `title: 'T'\ndata: data.csv\nid: case_id\noutcome: { column: y, positive: 1 }\nmodels:\n  - { id: a, name: A, score: a }\nbootstrap: { replicates: 0 }\n`,
      'data.csv': BASIC_CSV,
    });
    vm = buildViewModel(evaluate(loadStudy(path.join(study, 'study.yaml'))), { generatedAt: null });
    dir = mkdtempSync(path.join(tmpdir(), 'dxreport-templates-'));
  });

  function templates(files: Record<string, string>): string {
    const folder = mkdtempSync(path.join(dir, 't-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
      writeFileSync(path.join(folder, name), text);
    }
    return folder;
  }

  it('names the user’s template file and line', () => {
    const folder = templates({
      'partials/title.hbs': '<header>\n<meta http-equiv="refresh" content="0;url=https://example.com">',
    });
    expect(() => renderHtml(vm, [], { templateDir: folder })).toThrow(
      `${path.join(folder, 'partials/title.hbs')}:2: contains a <meta http-equiv>`,
    );
    const stash = templates({ 'title.hbs': '<h1>{{{title}}}</h1>' });
    expect(() => renderHtml(vm, [], { templateDir: stash })).toThrow(
      `${path.join(stash, 'title.hbs')}:1: {{{…}}}`,
    );
  });

  it('the built-in templates render, with the CSP inserted and no meta http-equiv of their own', () => {
    const html = renderHtml(vm, []);
    expect(html.match(/http-equiv/g)).toHaveLength(1);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<meta charset'));
    expect(builtInTemplateDir()).toBeTruthy();
  });
});

describe('charts: text is text', () => {
  it('keeps a hostile model name in an SVG as escaped text', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg"><text aria-label="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&quot;&gt;&lt;img src=x onerror=alert(1)&gt; id="x" url(https://e.com)</text></svg>';
    expect(sanitiseSvg(svg, 'f-', 'roc')).toBe(svg);
  });

  it('refuses an SVG with HTML or script in it', () => {
    expect(() => sanitiseSvg('<svg><p>x</p></svg>', 'f-', 'roc')).toThrow(
      /content outside its <svg> element/,
    );
    expect(() => sanitiseSvg('<svg></svg><img src=x onerror=y>', 'f-', 'roc')).toThrow(/outside its <svg>/);
    expect(() => sanitiseSvg('<svg><g onload="x()"/></svg>', 'f-', 'roc')).toThrow(/event-handler/);
  });
});
