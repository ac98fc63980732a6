/**
 * Text from the input shown in a message: quoted, so that leading and trailing whitespace is
 * visible (`"yes "`), with control characters, ANSI escapes and bidirectional overrides shown
 * escaped (a CSV cell can never write to the terminal), and cut to a length that keeps the
 * message one readable line (a 200 MB field is never echoed whole).
 */

/** Characters shown in a message before the rest is cut (the brief: about 60). */
export const SHOWN_CHARACTERS = 60;

// C0 and C1 controls, DEL, and the bidirectional and zero-width format characters.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"\\]/g;

function escapeCharacter(ch: string): string {
  switch (ch) {
    case '"':
      return '\\"';
    case '\\':
      return '\\\\';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    default:
      return `\\u${(ch.codePointAt(0) as number).toString(16).padStart(4, '0')}`;
  }
}

/**
 * `text` in double quotes for a message, escaped and cut after `max` characters with the
 * full length said: `"aaaa…" (200000000 characters)`.
 */
export function quoteValue(text: string, max = SHOWN_CHARACTERS): string {
  const cut = text.length > max;
  // never split a surrogate pair at the cut
  let end = Math.min(text.length, max);
  if (cut && /[\ud800-\udbff]/.test(text.charAt(end - 1))) end--;
  const shown = text.slice(0, end).replace(UNSAFE, escapeCharacter);
  return cut ? `"${shown}…" (${text.length} characters)` : `"${shown}"`;
}

/** A list of values for a message: `"a", "b" and "c"`. */
export function quoteList(values: readonly string[], conjunction = 'and'): string {
  const quoted = values.map((v) => quoteValue(v));
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted[quoted.length - 1] as string}`;
}
