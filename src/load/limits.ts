/**
 * Limits on the size of a study, each refused in one line naming the study key: beyond them
 * the report is unreadable (a 780-row comparison table, a forest plot 150,000 px tall) and the
 * run slow or out of memory (1,000 models aborted V8; 50,000 subgroup values took 266 s), so
 * a mistake (an id column given as a subgroup, scores given as models) is stopped early with
 * what to do instead. The defaults are documented in README "Limits".
 */
import type { InputError } from './errors.js';
import type { StudyFile } from './studySchema.js';

export const LIMITS = {
  /** Models in one study. */
  models: 40,
  /** Model pairs compared (`comparisons: all` gives k(k − 1)/2 for k models). */
  comparisons: 200,
  /** Operating points. */
  operatingPoints: 20,
  /** Subgroup columns. */
  subgroups: 20,
  /** Distinct values of one subgroup column. */
  subgroupValues: 200,
  /** Columns of a data file `dxreport init` inspects. */
  columns: 10_000,
} as const;

type Fail = (segments: readonly (string | number)[], detail: string) => InputError;

/** Refuses a study with more models, comparisons, operating points or subgroup columns than `LIMITS`. */
export function checkStudyLimits(settings: StudyFile, fail: Fail): void {
  const models = settings.models.length;
  if (models > LIMITS.models) {
    throw fail(
      ['models'],
      `${models} models, more than the limit of ${LIMITS.models}: split them into several studies`,
    );
  }
  const pairs =
    settings.comparisons === 'all'
      ? (models * (models - 1)) / 2
      : settings.comparisons === 'none'
        ? 0
        : settings.comparisons.length;
  if (pairs > LIMITS.comparisons) {
    throw fail(
      ['comparisons'],
      `${pairs} pairs of models, more than the limit of ${LIMITS.comparisons}: list the pairs to compare ([[a, b], …]) or write "none"`,
    );
  }
  if (settings.operatingPoints.length > LIMITS.operatingPoints) {
    throw fail(
      ['operatingPoints'],
      `${settings.operatingPoints.length} operating points, more than the limit of ${LIMITS.operatingPoints}`,
    );
  }
  if (settings.subgroups.length > LIMITS.subgroups) {
    throw fail(
      ['subgroups'],
      `${settings.subgroups.length} subgroup columns, more than the limit of ${LIMITS.subgroups}`,
    );
  }
}

/** Refuses a subgroup column with more distinct values than `LIMITS.subgroupValues` (an id column?). */
export function checkSubgroupValues(
  columns: readonly string[],
  values: ReadonlyMap<string, readonly string[]>,
  fail: Fail,
): void {
  columns.forEach((column, index) => {
    const distinct = new Set<string>();
    for (const value of values.get(column) ?? []) {
      distinct.add(value);
      if (distinct.size > LIMITS.subgroupValues) {
        throw fail(
          ['subgroups', index],
          `column "${column.length > 60 ? `${column.slice(0, 59)}…` : column}" has more than ${LIMITS.subgroupValues} distinct values, the limit for a subgroup (a category such as site or sex, not an identifier or a measurement)`,
        );
      }
    }
  });
}
