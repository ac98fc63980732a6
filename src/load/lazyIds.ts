/**
 * Case ids made only when read. At 10⁶ cases, creating a string per case cost the loader about
 * 0.7 s of CPU (most of it garbage collection), yet evaluate reads ids only to order cases tied
 * on every other key (canonicalOrder.ts), which continuous scores almost never are, and a
 * reader study to join its reads. `ids` stays an ordinary `string[] | null` member for every
 * reader: an enumerable getter that builds the array on first read and keeps it. One case's
 * id can be had without building the array (`caseIdReader`), for the few tied cases.
 */

interface LazyIds {
  present: boolean;
  /** The id of case `i`, made on request. */
  idOf: (i: number) => string;
}

/** Objects whose `ids` is lazy, with whether they have any (known without building them). */
const lazyIds = new WeakMap<object, LazyIds>();

/** Defines `target.ids` as the ids `idOf(0 … count − 1)` made on first read (null when `present` is false). */
export function defineLazyIds<T extends object>(
  target: T,
  present: boolean,
  count: number,
  idOf: (i: number) => string,
): T & { ids: string[] | null } {
  let built: string[] | null = null;
  const build = () => {
    const ids = new Array<string>(count);
    for (let i = 0; i < count; i++) ids[i] = idOf(i);
    return ids;
  };
  Object.defineProperty(target, 'ids', {
    enumerable: true,
    configurable: true,
    get: () => (present ? (built ??= build()) : null),
  });
  lazyIds.set(target, { present, idOf: (i) => (built ? (built[i] as string) : idOf(i)) });
  return target as T & { ids: string[] | null };
}

/** Whether `data` has case ids, without building lazy ones. */
export function hasCaseIds(data: { ids: string[] | null }): boolean {
  return lazyIds.get(data)?.present ?? data.ids !== null;
}

/** The id of one case at a time, without building every id; null without ids. */
export function caseIdReader(data: { ids: string[] | null }): ((i: number) => string) | null {
  const lazy = lazyIds.get(data);
  if (lazy) return lazy.present ? lazy.idOf : null;
  const ids = data.ids;
  return ids ? (i) => ids[i] as string : null;
}
