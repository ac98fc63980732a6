/**
 * evaluate, reader-study step: the Obuchowski–Rockette analysis (statistics, plain numbers) in
 * the results' shape — intervals with their level and method, later − earlier differences,
 * and non-finite values (a zero denominator) as null, remembering which analyses had them.
 */
import type { OrComparison, OrGlobalTest, OrModality } from '../statistics/readers/obuchowskiRockette.js';
import type { ModalityComparison, ModalityResult, ModalityTest } from '../results/readerStudy.js';
import { described, type MethodId } from '../results/methods.js';
import { ciOf, finite } from './readerStudyCases.js';

/** The method id of each generalisation (methods.ts has its prose and references). */
export const OR_METHOD_IDS = {
  randomReaders: 'or-random-readers',
  fixedReaders: 'or-fixed-readers',
  fixedCases: 'or-fixed-cases',
} as const satisfies Record<string, MethodId>;

const PARTS = {
  randomReaders: 'random readers',
  fixedReaders: 'fixed readers',
  fixedCases: 'fixed cases',
} as const;

export class AnalysisShape {
  /** The analyses (random readers, …) with a value that is not defined. */
  readonly undefinedParts = new Set<string>();

  constructor(private readonly level: number) {}

  private value(x: number, part: keyof typeof PARTS): number | null {
    if (!Number.isFinite(x)) this.undefinedParts.add(PARTS[part]);
    return finite(x);
  }

  private interval(lower: number, upper: number, part: keyof typeof PARTS) {
    const out = ciOf(lower, upper, this.level, OR_METHOD_IDS[part]);
    if (!out) this.undefinedParts.add(PARTS[part]);
    return out;
  }

  modality(m: OrModality, id: string): Omit<ModalityResult, 'readers'> {
    const { randomReaders: rr, fixedReaders: fr, fixedCases: fc } = m;
    return {
      id,
      estimate: m.estimate,
      randomReaders: {
        se: this.value(rr.se, 'randomReaders'),
        df: this.value(rr.df, 'randomReaders'),
        ci: this.interval(rr.lower, rr.upper, 'randomReaders'),
      },
      fixedReaders: {
        se: this.value(fr.se, 'fixedReaders'),
        ci: this.interval(fr.lower, fr.upper, 'fixedReaders'),
      },
      fixedCases: {
        se: this.value(fc.se, 'fixedCases'),
        df: fc.df,
        ci: this.interval(fc.lower, fc.upper, 'fixedCases'),
      },
    };
  }

  /** The comparison as later − earlier modality (e.g. AI-assisted − unaided), as the report reads it. */
  comparison(c: OrComparison, modalities: readonly string[]): Omit<ModalityComparison, 'readers'> {
    const { randomReaders: rr, fixedReaders: fr, fixedCases: fc } = c;
    return {
      modalities: [modalities[c.b] as string, modalities[c.a] as string],
      difference: -c.difference,
      randomReaders: {
        se: this.value(rr.se, 'randomReaders'),
        df: this.value(rr.df, 'randomReaders'),
        ci: this.interval(-rr.upper, -rr.lower, 'randomReaders'),
        t: this.value(-rr.t, 'randomReaders'),
        p: this.value(rr.p, 'randomReaders'),
        ...described(OR_METHOD_IDS.randomReaders),
      },
      fixedReaders: {
        se: this.value(fr.se, 'fixedReaders'),
        ci: this.interval(-fr.upper, -fr.lower, 'fixedReaders'),
        z: this.value(-fr.z, 'fixedReaders'),
        p: this.value(fr.p, 'fixedReaders'),
        ...described(OR_METHOD_IDS.fixedReaders),
      },
      fixedCases: {
        se: this.value(fc.se, 'fixedCases'),
        df: fc.df,
        ci: this.interval(-fc.upper, -fc.lower, 'fixedCases'),
        t: this.value(-fc.t, 'fixedCases'),
        p: this.value(fc.p, 'fixedCases'),
        ...described(OR_METHOD_IDS.fixedCases),
      },
    };
  }

  test(test: OrGlobalTest): ModalityTest {
    const { randomReaders: rr, fixedReaders: fr, fixedCases: fc } = test;
    return {
      randomReaders: {
        statistic: this.value(rr.statistic, 'randomReaders'),
        df1: rr.df1,
        df2: this.value(rr.df2, 'randomReaders'),
        p: this.value(rr.p, 'randomReaders'),
        ...described(OR_METHOD_IDS.randomReaders),
      },
      fixedReaders: {
        statistic: this.value(fr.statistic, 'fixedReaders'),
        df: fr.df,
        p: this.value(fr.p, 'fixedReaders'),
        ...described(OR_METHOD_IDS.fixedReaders),
      },
      fixedCases: {
        statistic: this.value(fc.statistic, 'fixedCases'),
        df1: fc.df1,
        df2: fc.df2,
        p: this.value(fc.p, 'fixedCases'),
        ...described(OR_METHOD_IDS.fixedCases),
      },
    };
  }
}
