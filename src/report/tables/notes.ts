/** Table footnotes: the methods used, and which notes apply. */
import type { Difference } from '../../results/results.js';

export function methodsNote(what: string, methods: Iterable<string | undefined>): string | null {
  const distinct = [...new Set([...methods].filter((m): m is string => typeof m === 'string' && m !== ''))];
  return distinct.length === 0 ? null : `${what}: ${distinct.join('; ')}.`;
}

export function notes(...items: (string | null | false | undefined)[]): string[] {
  return items.filter((x): x is string => typeof x === 'string' && x !== '');
}

export function hasHolm(differences: Difference[]): boolean {
  return differences.some((d) => d.pAdjusted !== undefined && d.pAdjusted !== null);
}
