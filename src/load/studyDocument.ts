/**
 * The study file as a YAML document: positions of keys for messages (file:line:column and
 * key path).
 */
import { LineCounter, parseDocument, isMap, isScalar, type Document, type Node } from 'yaml';
import { quoteValue } from './cellText.js';
import { InputError } from './errors.js';

export type PathSegment = string | number;

function formatKeyPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      // a key is user text: shown quoted and escaped unless it is a plain name
      const key = /^[A-Za-z0-9_$-]{1,60}$/.test(String(segment))
        ? String(segment)
        : quoteValue(String(segment), 40);
      out += out === '' ? key : `.${key}`;
    }
  }
  return out || '(top level)';
}

export class StudyDocument {
  readonly lineCounter = new LineCounter();
  readonly document: Document;

  constructor(
    readonly file: string,
    text: string,
  ) {
    this.document = parseDocument(text, {
      lineCounter: this.lineCounter,
      prettyErrors: false,
      uniqueKeys: true,
    });
    const first = this.document.errors[0];
    if (first) {
      const position = this.lineCounter.linePos(first.pos[0]);
      const detail = first.message.split('\n', 1)[0] ?? 'syntax error';
      throw new InputError(
        { file, line: position.line, column: position.col },
        `not valid YAML/JSON: ${detail}`,
      );
    }
  }

  /** Line/column of the node at `segments`, or of the nearest ancestor that exists. */
  position(segments: readonly PathSegment[], key?: string): { line?: number; column?: number } {
    for (let depth = segments.length; depth >= 0; depth--) {
      const node = this.document.getIn(segments.slice(0, depth), true) as Node | undefined;
      if (!node || !('range' in node) || !node.range) continue;
      let offset = node.range[0];
      if (key !== undefined && depth === segments.length && isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
        if (pair && isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
      }
      const { line, col } = this.lineCounter.linePos(offset);
      return { line, column: col };
    }
    return {};
  }

  error(segments: readonly PathSegment[], detail: string, key?: string): InputError {
    const keyPath = formatKeyPath(key === undefined ? segments : [...segments, key]);
    return new InputError({ file: this.file, ...this.position(segments, key), keyPath }, detail);
  }
}
