/**
 * Subgroup and validation-set summaries: AUC (DeLong, or Obuchowski when clustered) and the
 * accuracy at fixed thresholds — the thresholds of the whole analysis, never re-chosen
 * within a subgroup.
 */
import { clusterLayout, clusteredAucCovariance } from '../statistics/clusteredAuc.js';
import { confusionAt, rocCurve, type RocCurve } from '../statistics/rocCurve.js';
import type { OperatingPointSpec } from '../load/studySchema.js';
import { splitByClass } from './casesByClass.js';
import { aucResult, DELONG, type AucVarianceMethod } from './discrimination.js';
import { proportion, type ProportionSettings } from './operatingPoints.js';
import type { OperatingPointSummary, SubgroupModelResult, SubgroupResult } from '../results/results.js';
import { subgroupWarning, type WarningLog } from './warnings.js';

export interface CaseSubset {
  labels: Uint8Array;
  scores: Float64Array[];
  clusters: Int32Array | null;
}

/** The AUC variance method for these cases: Obuchowski's when they are clustered. */
export function aucVarianceMethod(labels: Uint8Array, clusters: Int32Array | null): AucVarianceMethod {
  if (!clusters) return DELONG;
  const layout = clusterLayout(clusters, labels);
  return {
    covariance: (a, b) => clusteredAucCovariance(a, b, layout),
    methods: { wald: 'obuchowski-wald', logit: 'obuchowski-logit', paired: 'obuchowski-paired' },
  };
}

export function operatingPointSummary(
  spec: OperatingPointSpec,
  threshold: number,
  curve: RocCurve,
  settings: ProportionSettings,
): OperatingPointSummary {
  const counts = confusionAt(curve, threshold);
  const { tp, fp, tn, fn } = counts;
  return {
    id: spec.id,
    threshold: Number.isFinite(threshold) ? threshold : null,
    counts,
    sensitivity: proportion(tp, tp + fn, settings),
    specificity: proportion(tn, tn + fp, settings),
    ppv: proportion(tp, tp + fp, settings),
    npv: proportion(tn, tn + fn, settings),
  };
}

export function summariseModels(
  subset: CaseSubset,
  modelIds: string[],
  points: OperatingPointSpec[],
  thresholds: number[][],
  settings: ProportionSettings & { auc: 'delong' | 'delong-logit' },
): SubgroupModelResult[] {
  let positives = 0;
  for (const label of subset.labels) positives += label;
  const bothClasses = positives > 0 && positives < subset.labels.length;
  const method = aucVarianceMethod(subset.labels, subset.clusters);
  return modelIds.map((id, m) => {
    const scores = subset.scores[m] as Float64Array;
    const curve = rocCurve(scores, subset.labels);
    const auc = bothClasses
      ? aucResult(
          splitByClass(scores, subset.labels),
          { level: settings.level, method: settings.auc },
          method,
        ).auc
      : { estimate: null, se: null, ci: null };
    return {
      id,
      auc: { estimate: auc.estimate, se: auc.se, ci: auc.ci },
      operatingPoints: points.map((spec, j) =>
        operatingPointSummary(spec, (thresholds[m] as number[])[j] as number, curve, settings),
      ),
    };
  });
}

function take<T extends Float64Array | Uint8Array | Int32Array>(array: T, indices: readonly number[]): T {
  const constructor = array.constructor as unknown as { new (length: number): T };
  const out = new constructor(indices.length);
  for (let k = 0; k < indices.length; k++) out[k] = array[indices[k] as number] as number;
  return out;
}

/**
 * The rows of each distinct value, in one pass over the column (not one pass per value, which
 * took 266 s for 50,000 values on 100,000 rows), the values in a stable order: numerically
 * when every value is a number, else by code point.
 */
export function rowsByValue(values: readonly string[]): [string, number[]][] {
  const rows = new Map<string, number[]>();
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as string;
    const list = rows.get(value);
    if (list) list.push(i);
    else rows.set(value, [i]);
  }
  const distinct = [...rows.keys()];
  const numeric = distinct.every((v) => v !== '' && Number.isFinite(Number(v)));
  distinct.sort((a, b) => (numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
  return distinct.map((value) => [value, rows.get(value) as number[]]);
}

export function subgroupResults(
  subgroupValues: Map<string, string[]>,
  all: CaseSubset,
  modelIds: string[],
  points: OperatingPointSpec[],
  thresholds: number[][],
  settings: ProportionSettings & { auc: 'delong' | 'delong-logit' },
  warnings: WarningLog,
): SubgroupResult[] {
  const results: SubgroupResult[] = [];
  for (const [column, values] of subgroupValues) {
    for (const [value, indices] of rowsByValue(values)) {
      const subset: CaseSubset = {
        labels: take(all.labels, indices),
        scores: all.scores.map((s) => take(s, indices)),
        clusters: all.clusters ? take(all.clusters, indices) : null,
      };
      let positives = 0;
      for (const label of subset.labels) positives += label;
      const path = `subgroups[${results.length}]`;
      subgroupWarning(warnings, { column, value, positives, n: indices.length, path });
      results.push({
        column,
        value,
        n: indices.length,
        positives,
        negatives: indices.length - positives,
        models: summariseModels(subset, modelIds, points, thresholds, settings),
      });
    }
  }
  return results;
}
