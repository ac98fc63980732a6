/** Wording helpers shared by the report and the charts' captions. */

/** Joins words as English prose: "a", "a and b", "a, b and c". */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** A title or caption as a sentence: trimmed, with a full stop unless it ends in one (or is empty). */
export function sentence(text: string): string {
  const t = text.trim();
  return t === '' || /[.!?]$/.test(t) ? t : `${t}.`;
}
