/**
 * Step 7: assemble the results. Each comparison with its Holm-adjusted p-values and its
 * bootstrap findings (PPV and NPV then tested by the paired bootstrap, the score test kept
 * beside), the subgroups and the validation set at the thresholds of the whole analysis,
 * and the settings as resolved.
 */
import path from 'node:path';
import { treatAllCurve } from '../../statistics/decisionCurve.js';
import type {
  ComparisonResult,
  OperatingPointComparison,
  PairedProportionComparison,
  Results,
} from '../../results/results.js';
import { RESULTS_SCHEMA } from '../../results/schemaId.js';
import type { ReaderStudyResult } from '../../results/readerStudy.js';
import { VERSION } from '../../version.js';
import { BOOTSTRAP_RNG } from '../bootstrap.js';
import type { EvaluationContext } from '../context.js';
import { subgroupResults, summariseModels } from '../subsets.js';
import type { WarningLog } from '../warnings.js';
import type { BootstrapFindings, BootstrapTest, ComparisonBootstrap } from './bootstrapIntervals.js';
import type { ModelWork } from './evaluateModel.js';
import type { AdjustedP } from './multiplicity.js';

const adjusted = (p: number | null | undefined) => (p === undefined ? {} : { pAdjusted: p });

function pairedProportion(
  test: PairedProportionComparison,
  pAdjusted: number | null | undefined,
  bootstrapCi: BootstrapTest['ci'] | undefined,
): PairedProportionComparison {
  return { ...test, ...adjusted(pAdjusted), ...(bootstrapCi === undefined ? {} : { bootstrapCi }) };
}

/** A PPV or NPV comparison: the paired bootstrap's test when it ran (the score test kept beside). */
function predictiveValue(
  test: OperatingPointComparison['ppv'],
  pAdjusted: number | null | undefined,
  bootstrap: BootstrapTest | undefined,
  findings: BootstrapFindings | null,
): OperatingPointComparison['ppv'] {
  if (!bootstrap || !findings) return { ...test, ...adjusted(pAdjusted) };
  const { df: _scoreTestDf, ...rest } = test;
  return {
    ...rest,
    statistic: null,
    p: bootstrap.p,
    ...findings.methods.pairedTestFixedThresholds,
    ...adjusted(pAdjusted),
    ci: bootstrap.ci,
  };
}

function finalComparison(
  comparison: ComparisonResult,
  c: number,
  adjustedP: AdjustedP | null,
  findings: BootstrapFindings | null,
): ComparisonResult {
  const bootstrap: ComparisonBootstrap | undefined = findings?.comparisons[c];
  const operatingPoints = comparison.operatingPoints.map((point, j) => {
    const pAdjusted = adjustedP?.operatingPoints[j];
    const found = bootstrap?.operatingPoints[j];
    return {
      ...point,
      sensitivity: pairedProportion(point.sensitivity, pAdjusted?.sensitivity[c], found?.sensitivity),
      specificity: pairedProportion(point.specificity, pAdjusted?.specificity[c], found?.specificity),
      ppv: predictiveValue(point.ppv, pAdjusted?.ppv[c], found?.ppv, findings),
      npv: predictiveValue(point.npv, pAdjusted?.npv[c], found?.npv, findings),
    };
  });
  const averagePrecision =
    comparison.averagePrecision && bootstrap && findings
      ? {
          ...comparison.averagePrecision,
          ci: bootstrap.averagePrecision.ci,
          p: bootstrap.averagePrecision.p,
          ...findings.methods.pairedTest,
        }
      : comparison.averagePrecision;
  return {
    ...comparison,
    auc: {
      ...comparison.auc,
      ...adjusted(adjustedP?.auc[c]),
      ...(bootstrap ? { bootstrapCi: bootstrap.auc } : {}),
    },
    operatingPoints,
    ...(averagePrecision ? { averagePrecision } : {}),
    ...(bootstrap?.decisionCurve ? { decisionCurve: bootstrap.decisionCurve } : {}),
  };
}

/** Subgroups and the validation set, at the thresholds of the whole analysis. */
function subsets(context: EvaluationContext, warnings: WarningLog) {
  const { study, settings, data, labels } = context;
  const modelIds = study.models.map((m) => m.id);
  const thresholds = context.thresholds.map((t) => [...t]);
  const summarySettings = { ...context.proportion, auc: settings.intervals.auc };
  const subgroups =
    data.subgroupValues.size > 0
      ? subgroupResults(
          data.subgroupValues,
          { labels, scores: data.scores, clusters: data.clusters },
          modelIds,
          settings.operatingPoints,
          thresholds,
          summarySettings,
          warnings,
        )
      : undefined;
  const validationData = study.validation;
  if (!validationData) return { subgroups, validation: undefined };
  let positives = 0;
  for (const label of validationData.labels) positives += label;
  const n = validationData.labels.length;
  const validation: Results['validation'] = {
    data: settings.thresholdsFrom as string,
    sha256: validationData.sha256,
    sample: {
      n,
      positives,
      negatives: n - positives,
      prevalence: positives / n,
      ...(validationData.dropped > 0 ? { dropped: validationData.dropped } : {}),
    },
    models: summariseModels(validationData, modelIds, settings.operatingPoints, thresholds, summarySettings),
  };
  return { subgroups, validation };
}

function resolvedSettings(context: EvaluationContext): Results['settings'] {
  const { settings, level } = context;
  const boot = settings.bootstrap;
  return {
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
    positive: context.study.positiveLabel,
    ...(settings.targetPrevalence !== undefined ? { targetPrevalence: settings.targetPrevalence } : {}),
  };
}

export interface AssembleInput {
  context: EvaluationContext;
  models: readonly ModelWork[];
  comparisons: readonly ComparisonResult[];
  findings: BootstrapFindings | null;
  adjustedP: AdjustedP | null;
  /** The reader study's results (steps/readerStudy.ts), when the study has one. */
  readerStudy?: ReaderStudyResult | null;
  warnings: WarningLog;
}

export function assembleResults(input: AssembleInput): Results {
  const { context, findings, adjustedP, warnings } = input;
  const { study, settings, data, sample, grid } = context;
  const { subgroups, validation } = subsets(context, warnings);
  const targetPrevalence = settings.targetPrevalence;
  return {
    schema: RESULTS_SCHEMA,
    dxreport: { version: VERSION },
    title: study.title,
    settings: resolvedSettings(context),
    input: {
      data: typeof settings.data === 'string' ? settings.data : settings.data.yolo.labels,
      sha256: data.sha256,
      rows: data.rows,
      ...(study.validation && settings.thresholdsFrom !== undefined
        ? {
            validation: {
              data: settings.thresholdsFrom,
              sha256: study.validation.sha256,
              rows: study.validation.rows,
            },
          }
        : {}),
      ...(study.studySha256 !== undefined
        ? { study: { file: path.basename(study.studyFile), sha256: study.studySha256 } }
        : {}),
    },
    sample: {
      ...sample,
      ...(data.dropped > 0 ? { dropped: data.dropped } : {}),
      ...(data.clusters ? { clusters: new Set(data.clusters).size } : {}),
    },
    models: findings ? findings.models : input.models.map((w) => w.result),
    comparisons: input.comparisons.map((comparison, c) =>
      finalComparison(comparison, c, adjustedP, findings),
    ),
    ...(subgroups ? { subgroups } : {}),
    ...(validation ? { validation } : {}),
    decisionCurve: {
      treatAll: treatAllCurve(sample.prevalence, grid),
      ...(targetPrevalence !== undefined
        ? { treatAllAtTargetPrevalence: treatAllCurve(targetPrevalence, grid) }
        : {}),
      treatNone: grid.map((t) => ({ threshold: t, netBenefit: 0 })),
    },
    ...(input.readerStudy ? { readerStudy: input.readerStudy } : {}),
    warnings: warnings.list,
  };
}
