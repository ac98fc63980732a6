/**
 * Step 3: each model on its own — AUC (DeLong, or Obuchowski when clustered) and partial
 * AUCs, the ROC and precision–recall curves, the operating points, and for probabilities
 * calibration and decision curves.
 */
import { delongPlacementsOfSorted, type DelongPlacements } from '../../statistics/delong.js';
import { maximumF1FromCurve } from '../../statistics/averagePrecision.js';
import { calibrationSummary, type CalibrationWarning } from '../../statistics/calibration.js';
import { decisionCurveFromCurve, npvAtPrevalence, ppvAtPrevalence } from '../../statistics/decisionCurve.js';
import { averagePrecisionFromCurve, type RocCurve, type SortedScores } from '../../statistics/rocCurve.js';
import type { ModelResult, OperatingPointResult } from '../../results/results.js';
import { calibrationResult } from '../calibrationResult.js';
import type { CalibrationJobs } from '../calibrationThreads.js';
import type { EvaluationContext } from '../context.js';
import { aucResult, partialAucResults } from '../discrimination.js';
import { boundedCurves } from '../boundedCurves.js';
import { operatingPointMeasures } from '../operatingPoints.js';
import {
  aucWarnings,
  calibrationWarning,
  notProbabilitiesWarning,
  partialAucWarnings,
  type WarningLog,
} from '../warnings.js';

/** A model's results and what the later steps need of it. */
export interface ModelWork {
  index: number;
  scores: Float64Array;
  curve: RocCurve;
  placements: DelongPlacements;
  thresholds: readonly number[];
  result: ModelResult;
}

/** Whether every score is in [0, 1]. */
export function isProbabilityScale(scores: Float64Array): boolean {
  for (const v of scores) if (v < 0 || v > 1) return false;
  return true;
}

/**
 * Whether every score of model m is in [0, 1], from its smallest and largest distinct value
 * (the context's sort): no pass over the cases, which costs 10–15 ms per model and call at
 * 10⁶ cases in a one-shot run, where the loop runs before it is optimised.
 */
function isProbabilityScaleOf(context: EvaluationContext, m: number): boolean {
  const { values } = context.sorted[m] as SortedScores;
  if (values.length === 0) return isProbabilityScale(context.data.scores[m] as Float64Array);
  return (values[0] as number) >= 0 && (values[values.length - 1] as number) <= 1;
}

/** PPV and NPV at the target prevalence, by Bayes' theorem from sensitivity and specificity. */
function atTargetPrevalence(
  point: OperatingPointResult,
  prevalence: number | undefined,
): OperatingPointResult {
  const sensitivity = point.sensitivity.estimate;
  const specificity = point.specificity.estimate;
  if (prevalence === undefined || sensitivity === null || specificity === null) return point;
  return {
    ...point,
    atTargetPrevalence: {
      prevalence,
      ppv: { estimate: ppvAtPrevalence(sensitivity, specificity, prevalence) },
      npv: { estimate: npvAtPrevalence(sensitivity, specificity, prevalence) },
    },
  };
}

function operatingPoints(
  context: EvaluationContext,
  m: number,
  warnings: WarningLog,
): OperatingPointResult[] {
  const curve = context.curves[m] as RocCurve;
  const thresholds = context.thresholds[m] as readonly number[];
  return context.settings.operatingPoints.map((spec, j) =>
    atTargetPrevalence(
      operatingPointMeasures({
        spec,
        threshold: thresholds[j] as number,
        thresholdSource:
          spec.threshold !== undefined ? 'fixed' : context.fromValidation ? 'validation' : 'test',
        curve,
        settings: context.proportion,
        warnings,
        path: `models[${m}].operatingPoints[${j}]`,
      }),
      context.settings.targetPrevalence,
    ),
  );
}

/** Whether model m's scores are treated as probabilities (declared, or all in [0, 1]). */
export function isProbabilityModel(context: EvaluationContext, m: number): boolean {
  const declared = context.study.models[m]?.scores;
  return (declared ?? (isProbabilityScaleOf(context, m) ? 'probability' : 'score')) === 'probability';
}

/** The options of model m's calibration summary (without its warning callback). */
export function calibrationOptions(context: EvaluationContext, m: number) {
  const { calibration } = context.settings;
  return {
    level: context.level,
    bins: calibration.bins,
    span: calibration.span,
    surface: calibration.surface,
    sorted: context.sorted[m],
  };
}

/** Calibration and decision curves, for a model whose scores are probabilities. */
function probabilityResults(
  context: EvaluationContext,
  m: number,
  warnings: WarningLog,
  { onStep, calibrations }: ModelStepOptions,
) {
  const scores = context.data.scores[m] as Float64Array;
  const { labels, grid, settings } = context;
  const curve = context.curves[m] as RocCurve;
  const model = { name: context.study.models[m]?.name ?? '', path: `models[${m}]` };
  const targetPrevalence = settings.targetPrevalence;
  const decisionCurves = {
    decisionCurve: decisionCurveFromCurve(curve, grid),
    ...(targetPrevalence !== undefined
      ? { decisionCurveAtTargetPrevalence: decisionCurveFromCurve(curve, grid, { targetPrevalence }) }
      : {}),
  };
  // the smoother is the longest step of a large study: a progress display names it
  onStep?.(`${stepName(context, m)}: calibration smoother`);
  const onWarning = (warning: CalibrationWarning) => calibrationWarning(warnings, model, warning);
  // computed by a worker thread (calibrationThreads.ts), or here; the same values either way
  const computed = calibrations?.take(m) ?? null;
  computed?.warnings.forEach(onWarning);
  const summary = computed
    ? computed.summary
    : calibrationSummary(scores, labels, { ...calibrationOptions(context, m), onWarning });
  return { ...decisionCurves, calibration: calibrationResult(summary) };
}

/** How a progress display names model m's step. */
export function stepName(context: EvaluationContext, m: number): string {
  const models = context.study.models;
  return `model ${m + 1} of ${models.length}, ${models[m]?.name ?? ''}`;
}

export interface ModelStepOptions {
  /** Called as each longer step starts, naming it (for a progress display). */
  onStep?: ((step: string) => void) | undefined;
  /** Calibrations offered to worker threads, if any. */
  calibrations?: CalibrationJobs | null;
}

export function evaluateModel(
  context: EvaluationContext,
  m: number,
  warnings: WarningLog,
  options: ModelStepOptions = {},
): ModelWork {
  const { onStep } = options;
  onStep?.(stepName(context, m));
  const model = context.study.models[m] as EvaluationContext['study']['models'][number];
  const path = `models[${m}]`;
  const scores = context.data.scores[m] as Float64Array;
  const { labels, level } = context;
  const curve = context.curves[m] as RocCurve;
  const { auc, placements } = aucResult(
    { placements: delongPlacementsOfSorted(context.sorted[m] as SortedScores, labels, curve) },
    { level, method: context.settings.intervals.auc },
    context.varianceMethod,
  );
  aucWarnings(
    warnings,
    {
      name: model.name,
      path,
      clustered: context.data.clusters !== null,
      outcome: { positive: context.study.positiveLabel, negative: context.study.negativeLabel },
    },
    auc,
  );
  const partialAuc = partialAucResults(curve, context.settings.partialAuc);
  partialAucWarnings(warnings, { name: model.name, path }, partialAuc);
  const scoreKind = model.scores ?? (isProbabilityScaleOf(context, m) ? 'probability' : 'score');
  // one sort per model (the context's curve) serves ROC, PR, F1, operating points and decision curves
  const best = maximumF1FromCurve(curve);
  const points = operatingPoints(context, m, warnings);
  // results.json keeps every curve point up to a bound, then a thinned curve that still holds
  // every reported threshold (boundedCurves.ts)
  const curves = boundedCurves(curve, [...points.map((p) => p.threshold), best?.threshold]);
  const result: ModelResult = {
    id: model.id,
    name: model.name,
    scoreColumn: model.scoreColumn,
    scoreKind,
    auc,
    partialAuc,
    roc: curves.roc,
    averagePrecision: { estimate: averagePrecisionFromCurve(curve) },
    maxF1: best ? { estimate: best.f1, threshold: best.threshold } : undefined,
    precisionRecall: curves.precisionRecall,
    operatingPoints: points,
    ...(curves.thinning ? { curveThinning: curves.thinning } : {}),
    ...(scoreKind === 'probability' ? probabilityResults(context, m, warnings, options) : {}),
  };
  if (scoreKind !== 'probability') notProbabilitiesWarning(warnings, { name: model.name, path, scores });
  return { index: m, scores, curve, placements, thresholds: context.thresholds[m] as number[], result };
}
