/**
 * McNemar's test for paired binary outcomes, from the two discordant counts
 * b (correct by the first model only) and c (correct by the second only).
 *
 * - exact: two-sided binomial test of b ~ Binomial(b + c, ½) (R's `binom.test`);
 * - midp: mid-p version, 2·P(X ≤ k) − P(X = k), k = min(b, c)
 *   (Fagerland, Lydersen & Laake 2013, BMC Med Res Methodol 13:91);
 * - chisq: (b − c)² / (b + c) on 1 df (`mcnemar.test(correct = FALSE)`);
 * - chisq-cc: (|b − c| − 1)² / (b + c) (Edwards 1948; `mcnemar.test(correct = TRUE)`).
 *
 * When b = c (including b = c = 0) every variant gives statistic 0 and p = 1.
 */
import { binomialCdf, binomialPmf, chiSquareUpperTail } from '../distributions.js';

export type McnemarVariant = 'exact' | 'midp' | 'chisq' | 'chisq-cc';

/** Which McNemar test was run (the results name it: see src/results/methods.ts). */
export type McnemarMethod = `mcnemar-${McnemarVariant}`;

export interface McnemarTest {
  statistic: number;
  df?: number;
  p: number;
  method: McnemarMethod;
}

export function mcnemarTest(b: number, c: number, variant: McnemarVariant): McnemarTest {
  const method: McnemarMethod = `mcnemar-${variant}`;
  const n = b + c;
  const k = Math.min(b, c);
  switch (variant) {
    case 'exact':
      return { statistic: b, p: b === c ? 1 : Math.min(1, 2 * binomialCdf(k, n, 0.5)), method };
    case 'midp':
      return {
        statistic: b,
        p: b === c ? 1 : Math.min(1, 2 * binomialCdf(k, n, 0.5) - binomialPmf(k, n, 0.5)),
        method,
      };
    case 'chisq': {
      const statistic = b === c ? 0 : ((b - c) * (b - c)) / n;
      return { statistic, df: 1, p: chiSquareUpperTail(statistic, 1), method };
    }
    case 'chisq-cc': {
      const excess = Math.abs(b - c) - 1;
      const statistic = b === c ? 0 : (excess * excess) / n;
      return { statistic, df: 1, p: chiSquareUpperTail(statistic, 1), method };
    }
  }
}
