/**
 * Building the one `Interval` shape from bounds, and the normal-theory intervals used by
 * more than one statistic. The prose `method` comes from the registry of methods.
 */
import { zForLevel } from '../statistics/distributions.js';
import type { Bounds } from '../statistics/proportionIntervals.js';
import { described, type MethodId } from '../results/methods.js';
import type { Interval } from '../results/results.js';

export function interval(bounds: Bounds, level: number, methodId: MethodId): Interval {
  return { lower: bounds.lower, upper: bounds.upper, level, ...described(methodId) };
}

/** estimate ± z·se (a Wald interval), optionally clamped. */
export function waldInterval(
  estimate: number,
  se: number,
  level: number,
  methodId: MethodId,
  clampTo?: [number, number],
): Interval {
  const z = zForLevel(level);
  let lower = estimate - z * se;
  let upper = estimate + z * se;
  if (clampTo) {
    lower = Math.max(clampTo[0], lower);
    upper = Math.min(clampTo[1], upper);
  }
  return interval({ lower, upper }, level, methodId);
}

/**
 * Interval for a quantity in (0, 1) formed on the logit scale and transformed back:
 * logit(θ) ± z·se/(θ(1 − θ)) (delta method). Undefined at θ = 0 or 1.
 */
export function logitInterval(
  estimate: number,
  se: number,
  level: number,
  methodId: MethodId,
): Interval | null {
  if (!(estimate > 0 && estimate < 1)) return null;
  const z = zForLevel(level);
  const centre = Math.log(estimate / (1 - estimate));
  const spread = (z * se) / (estimate * (1 - estimate));
  const expit = (v: number) => 1 / (1 + Math.exp(-v));
  return interval({ lower: expit(centre - spread), upper: expit(centre + spread) }, level, methodId);
}
