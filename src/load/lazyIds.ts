/**
 * Case ids made only when read. At 10⁶ cases, creating a string per case cost the loader about
 * 0.7 s of CPU (most of it garbage collection), yet evaluate reads ids only to order cases tied
 * on every other key (canonicalOrder.ts), which continuous scores almost never are, and a
 * reader study to join its reads. `ids` stays an ordinary `string[] | null` member for every
 * reader: an enumerable getter that builds the array on first read and keeps it.
 */

/** Objects whose `ids` is lazy, with whether they have any (known without building them). */
const hasLazyIds = new WeakMap<object, boolean>();

/** Defines `target.ids` as `build()` on first read (null when `present` is false). */
export function defineLazyIds<T extends object>(
  target: T,
  present: boolean,
  build: () => string[],
): T & { ids: string[] | null } {
  let built: string[] | null = null;
  Object.defineProperty(target, 'ids', {
    enumerable: true,
    configurable: true,
    get: () => (present ? (built ??= build()) : null),
  });
  hasLazyIds.set(target, present);
  return target as T & { ids: string[] | null };
}

/** Whether `data` has case ids, without building lazy ones. */
export function hasCaseIds(data: { ids: string[] | null }): boolean {
  return hasLazyIds.get(data) ?? data.ids !== null;
}
