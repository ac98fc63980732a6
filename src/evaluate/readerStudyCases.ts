/**
 * Shared by the reader-study steps: the cases split by class in id order, and turning
 * non-finite numbers (a zero denominator) into null.
 */
import type { Study } from '../load/loadStudy.js';
import { described, type MethodId } from '../results/methods.js';
import type { Interval } from '../results/results.js';

/** The cases of a reader study split by class, each class in id order (row order does not matter). */
export interface ReaderCases {
  positives: number[];
  negatives: number[];
}

export function readerCases(study: Study): ReaderCases {
  const { labels, ids } = study.data;
  const order = Array.from(labels, (_, i) => i).sort((a, b) => {
    const x = (ids as string[])[a] as string;
    const y = (ids as string[])[b] as string;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return {
    positives: order.filter((i) => labels[i] === 1),
    negatives: order.filter((i) => labels[i] === 0),
  };
}

export const pick = (values: Float64Array, indices: readonly number[]) =>
  Float64Array.from(indices, (i) => values[i] as number);

/** A finite number, or null (a zero denominator makes Hillis's df or an SE infinite or undefined). */
export const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

/** An interval by the method `methodId` (its prose from the registry), or null when a bound is not finite. */
export function ciOf(lower: number, upper: number, level: number, methodId: MethodId): Interval | null {
  return Number.isFinite(lower) && Number.isFinite(upper)
    ? { lower, upper, level, ...described(methodId) }
    : null;
}
