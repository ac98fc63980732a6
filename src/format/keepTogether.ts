/**
 * Text that must not break across lines in a table: a parenthesised unit or interval label
 * ("(95% CI)", "(Holm)") and a model's name. Done with characters rather than markup so that
 * it holds in any template and in copied text: a no-break space (U+00A0) for a space, and a
 * word joiner (U+2060, invisible, ignored by search) after a hyphen, where browsers would
 * otherwise break ("DenseNet-121" stays whole, and still reads and finds as "DenseNet-121").
 */

const NO_BREAK_SPACE = '\u00a0';
const WORD_JOINER = '\u2060';

/** `text` that the line cannot break inside. */
export function unbreakable(text: string): string {
  return text.replace(/ /g, NO_BREAK_SPACE).replace(/-(?!\u2060)/g, `-${WORD_JOINER}`);
}

/** `text` with every parenthesised group kept on one line: "Difference A − B (95%\u00a0CI)". */
export function keepParenthesesTogether(text: string): string {
  return text.replace(/\([^()]*\)/g, (group) => group.replace(/ /g, NO_BREAK_SPACE));
}

/** `text` with each of `names` (e.g. the models' names) kept on one line wherever it occurs. */
export function keepNamesTogether(text: string, names: readonly string[]): string {
  // longest first, so a name inside a longer one does not split the longer one's match
  const ordered = [...new Set(names)].filter((n) => /[ -]/.test(n)).sort((a, b) => b.length - a.length);
  let out = text;
  for (const name of ordered) out = out.split(name).join(unbreakable(name));
  return out;
}
