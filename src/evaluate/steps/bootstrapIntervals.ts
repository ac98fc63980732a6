/**
 * Step 5: the bootstrap intervals. Finishes the bootstrap started in step 2 and reads every
 * interval that only resampling can give: new model results with them added, and for each
 * comparison its bootstrap findings (merged into the comparison by step 7, after the
 * multiplicity adjustment of step 6). Nothing built earlier is changed.
 */
import { npvAtPrevalence, ppvAtPrevalence } from '../../statistics/decisionCurve.js';
import { bootstrapMethods } from '../../results/methods.js';
import type {
  ComparisonResult,
  DecisionCurvePoint,
  Estimate,
  Interval,
  ModelResult,
  OperatingPointResult,
} from '../../results/results.js';
import {
  jackknifeDifference,
  jackknifeOf,
  precomputedSummary,
  releaseBootstrap,
  seriesOf,
  summarise,
  type BootstrapDistribution,
  type BootstrapSummary,
  type OperatingPointMeasure,
} from '../bootstrap.js';
import type { EvaluationContext } from '../context.js';
import { bootstrapReplicatesWarning, bootstrapUndefinedWarning, type WarningLog } from '../warnings.js';
import type { ModelWork } from './evaluateModel.js';
import type { BootstrapRuns } from './startBootstrap.js';

/** A paired bootstrap test: its interval and p by inverting the percentile interval. */
export interface BootstrapTest {
  ci: Interval | null;
  p: number | null;
}

/** What the bootstrap adds to one comparison. */
export interface ComparisonBootstrap {
  auc: Interval | null;
  averagePrecision: BootstrapTest;
  operatingPoints: {
    sensitivity: Interval | null;
    specificity: Interval | null;
    ppv: BootstrapTest;
    npv: BootstrapTest;
  }[];
  decisionCurve?: { threshold: number; difference: number; ci: Interval | null }[];
}

export interface BootstrapFindings {
  models: ModelResult[];
  comparisons: ComparisonBootstrap[];
  methods: ReturnType<typeof bootstrapMethods>;
}

/** Reading summaries off the distributions, with the warning for an undefined one. */
class Summaries {
  readonly methods: ReturnType<typeof bootstrapMethods>;

  constructor(
    readonly context: EvaluationContext,
    private readonly fixed: BootstrapDistribution,
    readonly points: BootstrapDistribution,
    private readonly warnings: WarningLog,
  ) {
    const boot = context.settings.bootstrap;
    this.methods = bootstrapMethods({
      interval: boot.interval,
      stratified: boot.stratified,
      clustered: context.data.clusters !== null,
      replicates: boot.replicates,
    });
  }

  get layout() {
    return this.fixed.layout;
  }

  interval(s: BootstrapSummary | null): Interval | null {
    if (!s) return null;
    const fallback = this.context.settings.bootstrap.interval === 'bca' && s.kind === 'percentile';
    return {
      lower: s.lower,
      upper: s.upper,
      level: this.context.level,
      ...(fallback ? this.methods.fallback : this.methods.interval),
    };
  }

  private checked(summary: BootstrapSummary | null, path: string) {
    if (!summary) bootstrapUndefinedWarning(this.warnings, path);
    return summary;
  }

  /** Statistic `slot` of model m; from the re-derived distribution for operating points. */
  single(m: number, slot: number, estimate: number | null, path: string, from = this.fixed): Interval | null {
    const { level } = this.context;
    const kind = this.context.settings.bootstrap.interval;
    const summary = this.checked(
      precomputedSummary(from, m, null, slot) ??
        summarise(seriesOf(from, m, slot), { estimate, level, kind, jackknife: jackknifeOf(from, m, slot) }),
      path,
    );
    if (!summary || from === this.fixed) return this.interval(summary);
    return { lower: summary.lower, upper: summary.upper, level, ...this.methods.rederived };
  }

  /** The paired difference of statistic `slot` between the models of comparison c. */
  paired(c: number, slot: number, estimate: number | null, path: string): BootstrapSummary | null {
    const [a, b] = this.context.pairs[c] as [number, number];
    const kind = this.context.settings.bootstrap.interval;
    const from = this.fixed;
    return this.checked(
      precomputedSummary(from, a, c, slot) ??
        summarise(seriesOf(from, a, slot), {
          estimate,
          level: this.context.level,
          kind,
          jackknife: jackknifeDifference(from, a, b, slot),
          minus: seriesOf(from, b, slot),
        }),
      path,
    );
  }

  /** PPV or NPV at the target prevalence, by Bayes from each replicate's sensitivity and specificity. */
  atPrevalence(m: number, slots: Record<OperatingPointMeasure, number>, estimate: Estimate, path: string) {
    return (prevalence: number, f: typeof ppvAtPrevalence): Interval | null => {
      const sensitivity = seriesOf(this.points, m, slots.sensitivity);
      const specificity = seriesOf(this.points, m, slots.specificity);
      const series = sensitivity.map((se, r) => f(se, specificity[r] as number, prevalence) ?? Number.NaN);
      // always a percentile interval: a transformed series has no jackknife for BCa
      const summary = this.checked(
        summarise(series, { estimate: estimate.estimate, level: this.context.level, kind: 'percentile' }),
        path,
      );
      return summary
        ? { lower: summary.lower, upper: summary.upper, level: this.context.level, ...this.methods.bayes }
        : null;
    };
  }
}

const POINT_MEASURES = ['sensitivity', 'specificity', 'ppv', 'npv', 'accuracy'] as const;

function pointWithIntervals(
  s: Summaries,
  m: number,
  point: OperatingPointResult,
  j: number,
): OperatingPointResult {
  const slots = s.layout.operatingPoints[j] as Record<OperatingPointMeasure, number>;
  const path = `models[${m}].operatingPoints[${j}]`;
  const measures = Object.fromEntries(
    POINT_MEASURES.map((measure) => [
      measure,
      {
        ...point[measure],
        bootstrapCi: s.single(m, slots[measure], point[measure].estimate, `${path}.${measure}`, s.points),
      },
    ]),
  ) as Pick<OperatingPointResult, (typeof POINT_MEASURES)[number]>;
  const f1 = { ...point.f1, ci: s.single(m, slots.f1, point.f1.estimate, `${path}.f1`, s.points) };
  const target = point.atTargetPrevalence;
  let atTargetPrevalence = target;
  if (target) {
    const ppv = s.atPrevalence(
      m,
      slots,
      target.ppv,
      `${path}.atTargetPrevalence.ppv`,
    )(target.prevalence, ppvAtPrevalence);
    const npv = s.atPrevalence(
      m,
      slots,
      target.npv,
      `${path}.atTargetPrevalence.npv`,
    )(target.prevalence, npvAtPrevalence);
    atTargetPrevalence = { ...target, ppv: { ...target.ppv, ci: ppv }, npv: { ...target.npv, ci: npv } };
  }
  const youdenJ = {
    ...point.youdenJ,
    bootstrapCi: s.single(m, slots.youdenJ, point.youdenJ.estimate, `${path}.youdenJ`, s.points),
  };
  return { ...point, ...measures, f1, ...(target ? { atTargetPrevalence } : {}), youdenJ };
}

function modelWithIntervals(s: Summaries, work: ModelWork): ModelResult {
  const m = work.index;
  const r = work.result;
  const path = `models[${m}]`;
  const { layout } = s;
  const auc = { ...r.auc, bootstrapCi: s.single(m, layout.auc, r.auc.estimate, `${path}.auc`) };
  const maxF1 = r.maxF1 && {
    ...r.maxF1,
    ci: s.single(m, layout.maximumF1, r.maxF1.estimate, `${path}.maxF1`),
  };
  const averagePrecision = r.averagePrecision && {
    ...r.averagePrecision,
    ci: s.single(m, layout.averagePrecision, r.averagePrecision.estimate, `${path}.averagePrecision`),
  };
  const partialAuc = r.partialAuc.map((p, k) => {
    const slot = layout.partialAuc[k] as { raw: number; mcclish: number };
    const ci = s.single(m, slot.raw, p.estimate, `${path}.partialAuc[${k}]`);
    return { ...p, ci, mcclishCi: s.single(m, slot.mcclish, p.mcclish, `${path}.partialAuc[${k}]`) };
  });
  const operatingPoints = r.operatingPoints.map((point, j) => pointWithIntervals(s, m, point, j));
  const decisionCurve = r.decisionCurve?.map((point, g) => ({
    ...point,
    ci: s.single(m, layout.netBenefit[g] as number, point.netBenefit, `${path}.decisionCurve[${g}]`),
  }));
  return {
    ...r,
    auc,
    ...(r.maxF1 ? { maxF1 } : {}),
    ...(r.averagePrecision ? { averagePrecision } : {}),
    partialAuc,
    operatingPoints,
    ...(decisionCurve ? { decisionCurve } : {}),
  };
}

function test(s: Summaries, summary: BootstrapSummary | null): BootstrapTest {
  return { ci: s.interval(summary), p: summary ? summary.p : null };
}

/** The bootstrap's findings on comparison c (the differences are the comparison's own, as BCa needs them). */
function comparisonFindings(
  s: Summaries,
  models: readonly ModelWork[],
  comparison: ComparisonResult,
  c: number,
): ComparisonBootstrap {
  const [a, b] = s.context.pairs[c] as [number, number];
  const path = `comparisons[${c}]`;
  const { layout } = s;
  const modelA = (models[a] as ModelWork).result;
  const modelB = (models[b] as ModelWork).result;
  const auc = s.interval(s.paired(c, layout.auc, comparison.auc.difference, `${path}.auc`));
  const averagePrecision = test(
    s,
    s.paired(
      c,
      layout.averagePrecision,
      comparison.averagePrecision?.difference ?? null,
      `${path}.averagePrecision`,
    ),
  );
  const operatingPoints = comparison.operatingPoints.map((point, j) => {
    const slots = layout.operatingPoints[j] as Record<OperatingPointMeasure, number>;
    const pointPath = `${path}.operatingPoints[${j}]`;
    const of = (measure: 'sensitivity' | 'specificity' | 'ppv' | 'npv') =>
      s.paired(c, slots[measure], point[measure].difference, `${pointPath}.${measure}`);
    const ppv = test(s, of('ppv'));
    const npv = test(s, of('npv'));
    return {
      sensitivity: s.interval(of('sensitivity')),
      specificity: s.interval(of('specificity')),
      ppv,
      npv,
    };
  });
  const curveA = modelA.decisionCurve;
  const curveB = modelB.decisionCurve;
  if (!curveA || !curveB) return { auc, averagePrecision, operatingPoints };
  const decisionCurve = s.context.grid.map((threshold, g) => {
    const change =
      (curveA[g] as DecisionCurvePoint).netBenefit - (curveB[g] as DecisionCurvePoint).netBenefit;
    const summary = s.paired(c, layout.netBenefit[g] as number, change, `${path}.decisionCurve[${g}]`);
    return { threshold, difference: change, ci: s.interval(summary) };
  });
  return { auc, averagePrecision, operatingPoints, decisionCurve };
}

export function bootstrapIntervals(
  context: EvaluationContext,
  runs: BootstrapRuns,
  models: readonly ModelWork[],
  comparisons: readonly ComparisonResult[],
  warnings: WarningLog,
): BootstrapFindings {
  bootstrapReplicatesWarning(warnings, context.settings.bootstrap.replicates);
  const fixed = runs.fixed.finish();
  const rederived = runs.rederived?.finish() ?? null;
  const s = new Summaries(context, fixed, rederived ?? fixed, warnings);
  const findings = {
    models: models.map((work) => modelWithIntervals(s, work)),
    comparisons: comparisons.map((comparison, c) => comparisonFindings(s, models, comparison, c)),
    methods: s.methods,
  };
  // the results hold only summaries: the replicates' memory can serve the next evaluate
  releaseBootstrap(fixed);
  if (rederived) releaseBootstrap(rederived);
  return findings;
}
