/**
 * evaluate: a validated `Study` → typed `Results`. Pure: no file system, no console; long
 * work reports through `onProgress`.
 */
import type { Study, CaseData } from '../load/loadStudy.js';
import type { McnemarVariant } from '../statistics/mcnemar.js';
import { holmAdjust } from '../statistics/holm.js';
import type { ProportionMethod } from '../statistics/proportionIntervals.js';
import {
  averagePrecisionFromCurve,
  sortScores,
  weightedRocCurve,
  type RocCurve,
} from '../statistics/rocCurve.js';
import type { DelongPlacements } from '../statistics/delong.js';
import {
  BOOTSTRAP_RNG,
  jackknifeDifference,
  jackknifeOf,
  runBlocksInThisThread,
  startBootstrap,
  type BootstrapInput,
  seriesOf,
  precomputedSummary,
  releaseBootstrap,
  summarise,
  type BootstrapDistribution,
  type OperatingPointMeasure,
} from './bootstrap.js';
import { splitByClass } from './casesByClass.js';
import {
  estimateDifference,
  falseCallChanges,
  pairedAucComparison,
  pairedProportionComparison,
  clusteredPairedProportionComparison,
  DELONG_PAIRED_METHOD,
  pairedCallsTable,
  pairedTable,
  type PairedSettings,
} from './comparisons.js';
import { aucResult, partialAucResults } from './discrimination.js';
import { boundedCurves } from './boundedCurves.js';
import { threadedBlockRunner } from './bootstrapThreads.js';
import { aucVarianceMethod, subgroupResults, summariseModels } from './subsets.js';
import {
  chooseThreshold,
  operatingPointMeasures,
  thresholdRule,
  type ProportionSettings,
} from './operatingPoints.js';
import {
  RESULTS_SCHEMA,
  type ComparisonResult,
  type DecisionCurvePoint,
  type Difference,
  type Interval,
  type ModelResult,
  type OperatingPointComparison,
  type OperatingPointResult,
  type Results,
} from './results.js';
import { WarningLog, type WarningCode } from './warnings.js';
import { inCanonicalOrder } from './canonicalOrder.js';
import {
  decisionCurve,
  npvAtPrevalence,
  ppvAtPrevalence,
  thresholdGrid,
  treatAllCurve,
} from '../statistics/decisionCurve.js';
import { maximumF1 } from '../statistics/averagePrecision.js';
import { calibrationSummary } from '../statistics/calibration.js';
import { VERSION } from '../version.js';
import { predictiveValueScoreTest, type PairedCallsTable } from '../statistics/predictiveValueScoreTest.js';

export interface EvaluateOptions {
  /**
   * Called as the bootstrap progresses: `done` of `total` resamples — the replicates, then
   * (for BCa intervals) the jackknife's leave-one-out fits.
   */
  onProgress?: (done: number, total: number) => void;
  /**
   * Threads for the bootstrap, this one included (default 1: no worker threads). The results
   * are the same for any number: each block of replicates has its own random stream.
   */
  threads?: number;
}

const BOOTSTRAP_PERCENTILE = 'stratified bootstrap percentile interval';

function bootstrapMethod(
  kind: 'percentile' | 'bca',
  stratified: boolean,
  clustered: boolean,
  replicates: number,
) {
  const design = clustered ? 'cluster bootstrap' : stratified ? 'stratified bootstrap' : 'bootstrap';
  return `${design} ${kind === 'bca' ? 'BCa' : 'percentile'} interval (${replicates} replicates)`;
}

function isProbabilityScale(scores: Float64Array): boolean {
  for (const v of scores) if (v < 0 || v > 1) return false;
  return true;
}

interface ModelWork {
  index: number;
  scores: Float64Array;
  curve: RocCurve;
  placements: DelongPlacements;
  thresholds: number[];
  result: ModelResult;
}

export function evaluate(study: Study, options: EvaluateOptions = {}): Results {
  const bootstraps: { cancel: () => void }[] = [];
  try {
    return evaluateStudy(study, options, bootstraps);
  } finally {
    // a bootstrap started but never finished (an error in between) must not keep worker
    // threads busy; cancelling a finished one does nothing
    for (const bootstrap of bootstraps) bootstrap.cancel();
  }
}

/** evaluate's work; each bootstrap it starts is added to `bootstraps`. */
function evaluateStudy(
  study: Study,
  options: EvaluateOptions,
  bootstraps: { cancel: () => void }[],
): Results {
  const settings = study.settings;
  const warnings = new WarningLog();
  const data = inCanonicalOrder(study.data);
  const labels = data.labels;
  const level = settings.intervals.level;
  const proportionSettings: ProportionSettings = {
    level,
    method: settings.intervals.proportion as ProportionMethod,
  };
  const pairedSettings: PairedSettings = {
    level,
    mcnemar: settings.tests.mcnemar as McnemarVariant,
    pairedDifference: settings.intervals.pairedDifference,
  };
  const n = labels.length;
  let positives = 0;
  for (const label of labels) positives += label;
  const negatives = n - positives;
  const prevalence = positives / n;

  if (data.dropped > 0) {
    warnings.add(
      'rows-dropped',
      `${data.dropped} row(s) with a missing score were dropped (missing: drop)`,
      'sample',
    );
  }
  if (Math.min(positives, negatives) < 10) {
    warnings.add(
      'small-class',
      `only ${Math.min(positives, negatives)} ${positives < negatives ? 'positive' : 'negative'} case(s): intervals are wide and normal approximations may be poor`,
      'sample',
    );
  }

  const clusters = data.clusters;
  const varianceMethod = aucVarianceMethod(labels, clusters);
  const pairedAucMethod = clusters
    ? 'Obuchowski (1997) test for clustered correlated ROC curves'
    : DELONG_PAIRED_METHOD;
  const targetPrevalence = settings.targetPrevalence;
  const rules = settings.operatingPoints.map(thresholdRule);
  const maximumF1Result = (scores: Float64Array): ModelResult['maxF1'] => {
    const best = maximumF1(scores, labels);
    return best ? { estimate: best.f1, threshold: best.threshold } : undefined;
  };
  const grid = thresholdGrid(
    settings.decisionCurve.from,
    settings.decisionCurve.to,
    settings.decisionCurve.by,
  );

  // validation-set thresholds, when asked for
  const validationCurves = study.validation
    ? study.validation.scores.map((s) =>
        weightedRocCurve(sortScores(s), (study.validation as CaseData).labels),
      )
    : null;

  const pairs = comparisonPairs(study);
  // each model's curve and thresholds first, so that the bootstrap can start on them
  const curves = data.scores.map((scores) => weightedRocCurve(sortScores(scores), labels));
  const thresholdsByModel = curves.map((curve, m) =>
    rules.map((rule) =>
      rule.kind === 'threshold'
        ? rule.value
        : chooseThreshold(rule, validationCurves ? (validationCurves[m] as RocCurve) : curve),
    ),
  );

  // with worker threads, the bootstrap runs while this thread computes everything else
  const boot = settings.bootstrap;
  const threads = Math.max(1, Math.floor(options.threads ?? 1));
  const runner = threads > 1 ? threadedBlockRunner(threads) : runBlocksInThisThread;
  const bootstrapInput: BootstrapInput = {
    labels,
    scores: data.scores,
    thresholds: thresholdsByModel,
    rules,
    rederiveThresholds: false,
    partialAucRanges: settings.partialAuc,
    decisionThresholds: grid,
    replicates: boot.replicates,
    seed: boot.seed,
    stratified: boot.stratified,
    clusters: data.clusters,
    withJackknife: boot.interval === 'bca',
    // percentile summaries are computed with the replicates, by the same threads (BCa needs
    // each estimate, so its summaries are computed below)
    ...(boot.interval === 'percentile' ? { percentileSummaries: { level, pairs } } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  const start = (input: BootstrapInput) => {
    const run = startBootstrap(input, runner);
    bootstraps.push(run);
    return run;
  };
  const bootstrapRuns =
    boot.replicates > 0
      ? {
          fixed: start(bootstrapInput),
          // with rederiveThresholds, each model's operating-point intervals come from a second
          // pass over the same resamples in which data-driven thresholds are chosen anew;
          // comparisons keep the thresholds fixed, as the contract requires
          rederived: boot.rederiveThresholds
            ? start({
                ...bootstrapInput,
                rederiveThresholds: true,
                ...(boot.interval === 'percentile' ? { percentileSummaries: { level, pairs: [] } } : {}),
              })
            : null,
        }
      : null;

  const work: ModelWork[] = study.models.map((model, m) => {
    const path = `models[${m}]`;
    const scores = data.scores[m] as Float64Array;
    const byClass = splitByClass(scores, labels);
    const curve = curves[m] as RocCurve;
    const { auc, placements } = aucResult(byClass, { level, method: settings.intervals.auc }, varianceMethod);
    if (auc.estimate === 1 || auc.estimate === 0) {
      warnings.add(
        'perfect-separation',
        `${model.name} separates the classes perfectly (AUC ${auc.estimate}); its standard error is 0 or undefined and the interval degenerate`,
        `${path}.auc`,
      );
    }
    if (auc.se === null) {
      warnings.add(
        'variance-undefined',
        `${model.name}: the AUC's ${clusters ? 'clustered ' : ''}variance is undefined (too few positive or negative cases${clusters ? ', or clusters' : ''}); no interval`,
        `${path}.auc`,
      );
    } else if ((auc.estimate ?? 1) < 0.5) {
      warnings.add(
        'auc-below-chance',
        `${model.name} has AUC ${(auc.estimate as number).toFixed(3)} < 0.5: are higher scores really more likely positive?`,
        `${path}.auc`,
      );
    }
    const partialAucs = partialAucResults(curve, settings.partialAuc);
    partialAucs.forEach((p, k) => {
      if (p.mcclish === null) {
        warnings.add(
          'partial-auc-below-diagonal',
          `${model.name}: the partial AUC over ${p.focus} ${p.range[0]}–${p.range[1]} is below the diagonal's; McClish's standardisation is not defined`,
          `${path}.partialAuc[${k}]`,
        );
      }
    });
    const scoreKind = model.scores ?? (isProbabilityScale(scores) ? 'probability' : 'score');
    const thresholds = thresholdsByModel[m] as number[];
    const operatingPoints = settings.operatingPoints.map((spec, j) =>
      operatingPointMeasures(
        spec,
        thresholds[j] as number,
        spec.threshold !== undefined ? 'fixed' : validationCurves ? 'validation' : 'test',
        scores,
        labels,
        proportionSettings,
        warnings,
        `${path}.operatingPoints[${j}]`,
      ),
    );
    const maxF1 = maximumF1Result(scores);
    const curvePoints = boundedCurves(curve, [...operatingPoints.map((p) => p.threshold), maxF1?.threshold]);
    const result: ModelResult = {
      id: model.id,
      name: model.name,
      scoreColumn: model.scoreColumn,
      scoreKind,
      auc,
      partialAuc: partialAucs,
      roc: curvePoints.roc,
      averagePrecision: { estimate: averagePrecisionFromCurve(curve) },
      maxF1,
      precisionRecall: curvePoints.precisionRecall,
      operatingPoints,
      ...(curvePoints.thinning ? { curveThinning: curvePoints.thinning } : {}),
    };
    if (targetPrevalence !== undefined) {
      for (const point of operatingPoints) {
        const sensitivity = point.sensitivity.estimate;
        const specificity = point.specificity.estimate;
        if (sensitivity === null || specificity === null) continue;
        point.atTargetPrevalence = {
          prevalence: targetPrevalence,
          ppv: { estimate: ppvAtPrevalence(sensitivity, specificity, targetPrevalence) },
          npv: { estimate: npvAtPrevalence(sensitivity, specificity, targetPrevalence) },
        };
      }
    }
    if (scoreKind === 'probability') {
      result.decisionCurve = decisionCurve(scores, labels, grid);
      if (targetPrevalence !== undefined) {
        result.decisionCurveAtTargetPrevalence = decisionCurve(scores, labels, grid, { targetPrevalence });
      }
      result.calibration = calibrationSummary(scores, labels, {
        level,
        bins: settings.calibration.bins,
        span: settings.calibration.span,
        surface: settings.calibration.surface,
        onWarning: (warning) =>
          warnings.add(
            warning.code as WarningCode,
            `${model.name}: ${warning.message}`,
            `${path}.calibration`,
          ),
      });
    } else {
      warnings.add(
        'scores-not-probabilities',
        `${model.name}'s scores are not all in [0, 1]: calibration and net benefit are omitted (set scores: probability to override)`,
        path,
      );
    }
    return { index: m, scores, curve, placements, thresholds, result };
  });

  const comparisons: ComparisonResult[] = pairs.map(([a, b]) =>
    compareModels(work[a] as ModelWork, work[b] as ModelWork),
  );
  comparisons.forEach((comparison, c) => {
    const [a, b] = pairs[c] as [number, number];
    const names = `${study.models[a]?.name} vs ${study.models[b]?.name}`;
    const path = `comparisons[${c}]`;
    const scoresA = data.scores[a] as Float64Array;
    const scoresB = data.scores[b] as Float64Array;
    if (scoresA.every((v, i) => v === scoresB[i])) {
      warnings.add('identical-models', `${names}: the two models have identical scores`, path);
    }
    if (comparison.auc.p === null) {
      warnings.add(
        'test-undefined',
        `${names}: the variance of the AUC difference is ${comparison.auc.difference === 0 ? 'undefined' : 'zero or undefined'}; no test or interval`,
        `${path}.auc`,
      );
    }
    comparison.operatingPoints.forEach((point, j) => {
      for (const measure of ['sensitivity', 'specificity'] as const) {
        if (point[measure].p === null && point[measure].n > 0) {
          warnings.add(
            'test-undefined',
            `${names}: the paired ${measure} test is undefined (fewer than two clusters hold ${measure === 'sensitivity' ? 'positive' : 'negative'} cases)`,
            `${path}.operatingPoints[${j}].${measure}`,
          );
        }
      }
    });
  });

  function pairedAccuracy(
    scoresA: Float64Array,
    scoresB: Float64Array,
    ta: number,
    tb: number,
    positive: boolean,
  ) {
    return clusters
      ? clusteredPairedProportionComparison(scoresA, scoresB, labels, clusters, ta, tb, positive, level)
      : pairedProportionComparison(pairedTable(scoresA, scoresB, labels, ta, tb, positive), pairedSettings);
  }

  function compareModels(a: ModelWork, b: ModelWork): ComparisonResult {
    const operatingPoints: OperatingPointComparison[] = settings.operatingPoints.map((spec, j) => {
      const pointA = a.result.operatingPoints[j] as OperatingPointResult;
      const pointB = b.result.operatingPoints[j] as OperatingPointResult;
      const ta = a.thresholds[j] as number;
      const tb = b.thresholds[j] as number;
      const callsTable = pairedCallsTable(a.scores, b.scores, labels, ta, tb);
      return {
        id: spec.id,
        thresholds: [pointA.threshold, pointB.threshold],
        sensitivity: pairedAccuracy(a.scores, b.scores, ta, tb, true),
        specificity: pairedAccuracy(a.scores, b.scores, ta, tb, false),
        ppv: predictiveValueDifference(pointA.ppv.estimate, pointB.ppv.estimate, callsTable, 'ppv'),
        npv: predictiveValueDifference(pointA.npv.estimate, pointB.npv.estimate, callsTable, 'npv'),
        ...falseCallChanges(pointA, pointB),
      };
    });
    return {
      models: [a.result.id, b.result.id],
      auc: pairedAucComparison(a.placements, b.placements, level, varianceMethod.covariance, pairedAucMethod),
      operatingPoints,
      averagePrecision: {
        difference: estimateDifference(
          a.result.averagePrecision?.estimate ?? null,
          b.result.averagePrecision?.estimate ?? null,
        ),
        statistic: null,
        p: null,
        method: 'difference only (the paired bootstrap gives its interval and test)',
      },
    };
  }

  if (comparisons.length > 1) adjustForMultipleComparisons(comparisons);

  // the bootstrap fills every interval that only resampling can give
  if (bootstrapRuns) {
    if (boot.replicates < 1000) {
      warnings.add(
        'bootstrap-few-replicates',
        `${boot.replicates} bootstrap replicates: percentile limits are unstable below about 1000`,
        'settings.bootstrap',
      );
    }
    const distribution = bootstrapRuns.fixed.finish();
    const rederived = bootstrapRuns.rederived?.finish() ?? null;
    applyBootstrap(distribution, rederived ?? distribution);
    // the results hold only summaries: the replicates' memory can serve the next evaluate
    releaseBootstrap(distribution);
    if (rederived) releaseBootstrap(rederived);
  }

  function applyBootstrap(distribution: BootstrapDistribution, pointDistribution: BootstrapDistribution) {
    const layout = distribution.layout;
    const method = bootstrapMethod(boot.interval, boot.stratified, data.clusters !== null, boot.replicates);
    const percentileFallback = `${bootstrapMethod('percentile', boot.stratified, data.clusters !== null, boot.replicates)} (BCa not defined here)`;
    const toInterval = (
      s: { lower: number; upper: number; kind?: 'percentile' | 'bca' } | null,
    ): Interval | null =>
      s
        ? {
            lower: s.lower,
            upper: s.upper,
            level,
            method: boot.interval === 'bca' && s.kind === 'percentile' ? percentileFallback : method,
          }
        : null;
    const undefinedWarning = (path: string) =>
      warnings.add(
        'bootstrap-undefined',
        'undefined in more than 1% of bootstrap replicates (e.g. no case called positive): no bootstrap interval',
        path,
      );
    const single = (
      m: number,
      slot: number,
      estimate: number | null,
      path: string,
      from: BootstrapDistribution = distribution,
    ) => {
      const summary =
        precomputedSummary(from, m, null, slot) ??
        summarise(seriesOf(from, m, slot), estimate, level, boot.interval, jackknifeOf(from, m, slot));
      if (!summary) undefinedWarning(path);
      if (!summary || from === distribution) return toInterval(summary);
      return {
        lower: summary.lower,
        upper: summary.upper,
        level,
        method: `${method}, thresholds re-chosen in each replicate`,
      };
    };
    /** Summary of the paired difference of statistic `slot` between the models of comparison c. */
    const paired = (c: number, slot: number, estimate: number | null, path: string) => {
      const [a, b] = pairs[c] as [number, number];
      const summary =
        precomputedSummary(distribution, a, c, slot) ??
        summarise(
          seriesOf(distribution, a, slot),
          estimate,
          level,
          boot.interval,
          jackknifeDifference(distribution, a, b, slot),
          seriesOf(distribution, b, slot),
        );
      if (!summary) undefinedWarning(path);
      return summary;
    };
    for (const w of work) {
      const m = w.index;
      const r = w.result;
      const path = `models[${m}]`;
      r.auc.bootstrapCi = single(m, layout.auc, r.auc.estimate, `${path}.auc`);
      if (r.maxF1) r.maxF1.ci = single(m, layout.maximumF1, r.maxF1.estimate, `${path}.maxF1`);
      if (r.averagePrecision) {
        r.averagePrecision.ci = single(
          m,
          layout.averagePrecision,
          r.averagePrecision.estimate,
          `${path}.averagePrecision`,
        );
      }
      r.partialAuc.forEach((p, k) => {
        const slot = layout.partialAuc[k] as { raw: number; mcclish: number };
        p.ci = single(m, slot.raw, p.estimate, `${path}.partialAuc[${k}]`);
        p.mcclishCi = single(m, slot.mcclish, p.mcclish, `${path}.partialAuc[${k}]`);
      });
      r.operatingPoints.forEach((point, j) => {
        const slots = layout.operatingPoints[j] as Record<OperatingPointMeasure, number>;
        const pointPath = `${path}.operatingPoints[${j}]`;
        for (const measure of ['sensitivity', 'specificity', 'ppv', 'npv', 'accuracy'] as const) {
          point[measure].bootstrapCi = single(
            m,
            slots[measure],
            point[measure].estimate,
            `${pointPath}.${measure}`,
            pointDistribution,
          );
        }
        point.f1.ci = single(m, slots.f1, point.f1.estimate, `${pointPath}.f1`, pointDistribution);
        if (point.atTargetPrevalence) {
          // PPV and NPV at the target prevalence, by Bayes from each replicate's sensitivity and specificity
          const sensitivity = seriesOf(pointDistribution, m, slots.sensitivity);
          const specificity = seriesOf(pointDistribution, m, slots.specificity);
          const prevalenceTarget = point.atTargetPrevalence.prevalence;
          const bayes = (f: typeof ppvAtPrevalence) =>
            sensitivity.map((se, r) => f(se, specificity[r] as number, prevalenceTarget) ?? Number.NaN);
          for (const [key, f] of [
            ['ppv', ppvAtPrevalence],
            ['npv', npvAtPrevalence],
          ] as const) {
            const estimate = point.atTargetPrevalence[key];
            const summary = summarise(bayes(f), estimate.estimate, level, 'percentile', null);
            if (!summary) undefinedWarning(`${pointPath}.atTargetPrevalence.${key}`);
            // always a percentile interval: a transformed series has no jackknife for BCa
            estimate.ci = summary
              ? {
                  lower: summary.lower,
                  upper: summary.upper,
                  level,
                  method: `${bootstrapMethod('percentile', boot.stratified, data.clusters !== null, boot.replicates)}, by Bayes from sensitivity and specificity`,
                }
              : null;
          }
        }
        point.youdenJ.bootstrapCi = single(
          m,
          slots.youdenJ,
          point.youdenJ.estimate,
          `${pointPath}.youdenJ`,
          pointDistribution,
        );
      });
      r.decisionCurve?.forEach((point, g) => {
        point.ci = single(m, layout.netBenefit[g] as number, point.netBenefit, `${path}.decisionCurve[${g}]`);
      });
    }
    comparisons.forEach((comparison, c) => {
      const [a, b] = pairs[c] as [number, number];
      const path = `comparisons[${c}]`;
      const aucSummary = paired(c, layout.auc, comparison.auc.difference, `${path}.auc`);
      comparison.auc.bootstrapCi = aucSummary ? toInterval(aucSummary) : null;
      if (comparison.averagePrecision) {
        const s = paired(
          c,
          layout.averagePrecision,
          comparison.averagePrecision.difference,
          `${path}.averagePrecision`,
        );
        Object.assign(comparison.averagePrecision, {
          ci: toInterval(s),
          p: s ? s.p : null,
          method: `paired ${method}; p by inverting the percentile interval`,
        });
      }
      comparison.operatingPoints.forEach((point, j) => {
        const slots = layout.operatingPoints[j] as Record<OperatingPointMeasure, number>;
        const pointPath = `${path}.operatingPoints[${j}]`;
        for (const measure of ['ppv', 'npv'] as const) {
          const s = paired(c, slots[measure], point[measure].difference, `${pointPath}.${measure}`);
          point[measure].ci = toInterval(s);
          point[measure].statistic = null;
          delete point[measure].df;
          point[measure].p = s ? s.p : null;
          point[measure].method =
            `paired ${method}, thresholds fixed; p by inverting the percentile interval`;
        }
        for (const measure of ['sensitivity', 'specificity'] as const) {
          const s = paired(c, slots[measure], point[measure].difference, `${pointPath}.${measure}`);
          point[measure].bootstrapCi = toInterval(s);
        }
      });
      const curveA = work[a]?.result.decisionCurve;
      const curveB = work[b]?.result.decisionCurve;
      if (curveA && curveB) {
        comparison.decisionCurve = grid.map((t, g) => {
          const difference =
            (curveA[g] as DecisionCurvePoint).netBenefit - (curveB[g] as DecisionCurvePoint).netBenefit;
          const s = paired(c, layout.netBenefit[g] as number, difference, `${path}.decisionCurve[${g}]`);
          return { threshold: t, difference, ci: toInterval(s) };
        });
      }
    });
    if (comparisons.length > 1) adjustForMultipleComparisons(comparisons);
  }

  const modelIds = study.models.map((m) => m.id);
  const thresholds = work.map((w) => w.thresholds);
  const summarySettings = { ...proportionSettings, auc: settings.intervals.auc };
  const subgroups =
    data.subgroupValues.size > 0
      ? subgroupResults(
          data.subgroupValues,
          { labels, scores: data.scores, clusters },
          modelIds,
          settings.operatingPoints,
          thresholds,
          summarySettings,
          warnings,
        )
      : undefined;
  const validationData = study.validation;
  let validation: Results['validation'];
  if (validationData) {
    let validationPositives = 0;
    for (const label of validationData.labels) validationPositives += label;
    validation = {
      data: settings.thresholdsFrom as string,
      sha256: validationData.sha256,
      sample: {
        n: validationData.labels.length,
        positives: validationPositives,
        negatives: validationData.labels.length - validationPositives,
        prevalence: validationPositives / validationData.labels.length,
        ...(validationData.dropped > 0 ? { dropped: validationData.dropped } : {}),
      },
      models: summariseModels(
        validationData,
        modelIds,
        settings.operatingPoints,
        thresholds,
        summarySettings,
      ),
    };
  }

  const results: Results = {
    schema: RESULTS_SCHEMA,
    dxreport: { version: VERSION },
    title: study.title,
    settings: {
      level,
      proportion: settings.intervals.proportion,
      auc: settings.intervals.auc,
      mcnemar: settings.tests.mcnemar,
      pairedDifference: settings.intervals.pairedDifference,
      missing: settings.missing,
      bootstrap: {
        replicates: boot.replicates,
        seed: boot.seed,
        stratified: boot.stratified,
        interval: boot.interval,
        rng: BOOTSTRAP_RNG,
        rederiveThresholds: boot.rederiveThresholds,
      },
      decisionCurve: settings.decisionCurve,
      positive: study.positiveLabel,
      ...(settings.targetPrevalence !== undefined ? { targetPrevalence: settings.targetPrevalence } : {}),
    },
    input: {
      data: typeof settings.data === 'string' ? settings.data : settings.data.yolo.labels,
      sha256: data.sha256,
      rows: data.rows,
      ...(validationData && settings.thresholdsFrom !== undefined
        ? {
            validation: {
              data: settings.thresholdsFrom,
              sha256: validationData.sha256,
              rows: validationData.rows,
            },
          }
        : {}),
    },
    sample: {
      n,
      positives,
      negatives,
      prevalence,
      ...(data.dropped > 0 ? { dropped: data.dropped } : {}),
      ...(data.clusters ? { clusters: new Set(data.clusters).size } : {}),
    },
    models: work.map((w) => w.result),
    comparisons,
    ...(subgroups ? { subgroups } : {}),
    ...(validation ? { validation } : {}),
    decisionCurve: {
      treatAll: treatAllCurve(prevalence, grid),
      ...(targetPrevalence !== undefined
        ? { treatAllAtTargetPrevalence: treatAllCurve(targetPrevalence, grid) }
        : {}),
      treatNone: grid.map((t) => ({ threshold: t, netBenefit: 0 })),
    },
    warnings: warnings.list,
  };
  return results;
}

function predictiveValueDifference(
  a: number | null,
  b: number | null,
  calls: PairedCallsTable,
  which: 'ppv' | 'npv',
): OperatingPointComparison['ppv'] {
  const { difference: _sameDifference, ...scoreTest } = predictiveValueScoreTest(calls, which);
  // without a bootstrap the deterministic score test is the test; the bootstrap replaces it
  return {
    difference: estimateDifference(a, b),
    statistic: scoreTest.statistic,
    df: scoreTest.df,
    p: scoreTest.p,
    method: scoreTest.method,
    scoreTest,
  };
}

function comparisonPairs(study: Study): [number, number][] {
  const ids = study.models.map((m) => m.id);
  const spec = study.settings.comparisons;
  if (spec === 'none') return [];
  if (spec === 'all') {
    const pairs: [number, number][] = [];
    for (let a = 0; a < ids.length; a++) for (let b = a + 1; b < ids.length; b++) pairs.push([a, b]);
    return pairs;
  }
  return spec.map(([a, b]) => [ids.indexOf(a), ids.indexOf(b)]);
}

/** Holm adjustment within each family: one family per measure (and operating point). */
function adjustForMultipleComparisons(comparisons: ComparisonResult[]): void {
  const adjust = (tests: Difference[]) => {
    const adjusted = holmAdjust(tests.map((t) => t.p));
    tests.forEach((t, i) => (t.pAdjusted = adjusted[i] ?? null));
  };
  adjust(comparisons.map((c) => c.auc));
  const points = comparisons[0]?.operatingPoints.length ?? 0;
  for (let j = 0; j < points; j++) {
    for (const measure of ['sensitivity', 'specificity', 'ppv', 'npv'] as const) {
      adjust(comparisons.map((c) => (c.operatingPoints[j] as OperatingPointComparison)[measure]));
    }
  }
}

export { BOOTSTRAP_PERCENTILE };
