// The evaluate pipeline step by step (src/evaluate/steps/): what each step builds from the
// earlier ones, that none changes what an earlier step built, and that the steps in order
// give evaluate's results.
import { describe, expect, it } from 'vitest';
import { loadStudy, type Study } from '../../src/load/loadStudy.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { WarningLog } from '../../src/evaluate/warnings.js';
import { resolveSettings } from '../../src/evaluate/steps/resolveSettings.js';
import { startBootstraps } from '../../src/evaluate/steps/startBootstrap.js';
import { evaluateModel } from '../../src/evaluate/steps/evaluateModel.js';
import { compareModels } from '../../src/evaluate/steps/compareModels.js';
import { bootstrapIntervals, type ComparisonBootstrap } from '../../src/evaluate/steps/bootstrapIntervals.js';
import { adjustForMultiplicity } from '../../src/evaluate/steps/multiplicity.js';
import { assembleResults } from '../../src/evaluate/steps/assemble.js';
import type { StartedBootstrap } from '../../src/evaluate/bootstrap.js';

function study(file: string, replicates: number): Study {
  const loaded = loadStudy(file);
  loaded.settings.bootstrap.replicates = replicates;
  return loaded;
}

/** Every step in order, as evaluate runs them, keeping what each returned. */
function runSteps(loaded: Study) {
  const warnings = new WarningLog();
  const context = resolveSettings(loaded, warnings);
  const started: StartedBootstrap[] = [];
  const bootstrap = startBootstraps(context, { threads: 1, started: (run) => started.push(run) });
  const models = loaded.models.map((_, m) => evaluateModel(context, m, warnings));
  const modelsBefore = JSON.stringify(models.map((w) => w.result));
  const comparisons = compareModels(context, models, warnings);
  const comparisonsBefore = JSON.stringify(comparisons);
  const findings = bootstrap ? bootstrapIntervals(context, bootstrap, models, comparisons, warnings) : null;
  const adjustedP = adjustForMultiplicity(comparisons, findings?.comparisons ?? null);
  const results = assembleResults({ context, models, comparisons, findings, adjustedP, warnings });
  return {
    context,
    started,
    models,
    modelsBefore,
    comparisons,
    comparisonsBefore,
    findings,
    adjustedP,
    results,
  };
}

describe('evaluate pipeline', () => {
  const asah = runSteps(study('test/fixtures/asah/study.yaml', 200));

  it('resolves the settings once: canonical cases, sample, pairs, thresholds', () => {
    const { context } = asah;
    expect(context.sample.n).toBe(context.labels.length);
    expect(context.sample.positives + context.sample.negatives).toBe(context.sample.n);
    // canonical order: negatives before positives (no clusters)
    expect([...context.labels]).toEqual([...context.labels].sort());
    expect(context.pairs).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
    expect(context.thresholds).toHaveLength(3);
    expect(context.thresholds[0]).toHaveLength(context.settings.operatingPoints.length);
    expect(context.fromValidation).toBe(false);
    const example = resolveSettings(study('examples/bone-tumour/study.yaml', 0), new WarningLog());
    expect(example.fromValidation).toBe(true);
  });

  it('starts one bootstrap, a second with re-chosen thresholds, none without replicates', () => {
    expect(asah.started).toHaveLength(1);
    const rederive = study('test/fixtures/asah/study.yaml', 100);
    rederive.settings.bootstrap.rederiveThresholds = true;
    const started: StartedBootstrap[] = [];
    const context = resolveSettings(rederive, new WarningLog());
    const runs = startBootstraps(context, { threads: 1, started: (run) => started.push(run) });
    expect(runs?.rederived).not.toBeNull();
    expect(started).toHaveLength(2);
    for (const run of started) run.cancel();
    const none = resolveSettings(study('test/fixtures/asah/study.yaml', 0), new WarningLog());
    expect(startBootstraps(none, { threads: 1, started: () => undefined })).toBeNull();
  });

  it('evaluates each model on its own: no calibration for scores that are not probabilities', () => {
    const wfns = asah.models[0]?.result;
    expect(wfns?.scoreKind).toBe('score');
    expect(wfns?.calibration).toBeUndefined();
    expect(wfns?.auc.ci?.methodId).toBe('delong-wald');
    expect(asah.results.warnings.some((w) => w.code === 'scores-not-probabilities')).toBe(true);
  });

  it('compares before any bootstrap: PPV by the score test, AUC by DeLong', () => {
    const point = asah.comparisons[0]?.operatingPoints[0];
    expect(point?.ppv.methodId).toBe('score-test-ppv');
    expect(point?.ppv.df).toBe(1);
    expect(asah.comparisons[0]?.auc.methodId).toBe('delong-paired');
    expect(asah.comparisons[0]?.averagePrecision?.methodId).toBe('difference-only');
  });

  it('adds the bootstrap intervals without changing the models or comparisons built before', () => {
    expect(JSON.stringify(asah.models.map((w) => w.result))).toBe(asah.modelsBefore);
    expect(JSON.stringify(asah.comparisons)).toBe(asah.comparisonsBefore);
    expect(asah.models[0]?.result.auc.bootstrapCi).toBeUndefined();
    expect(asah.findings?.models[0]?.auc.bootstrapCi?.methodId).toBe('bootstrap-percentile');
    expect(asah.findings?.comparisons).toHaveLength(3);
  });

  it('adjusts once, on the final p-values: the bootstrap p for PPV and NPV', () => {
    const comparisons = asah.comparisons;
    expect(adjustForMultiplicity(comparisons.slice(0, 1), null)).toBeNull();
    const findings = asah.findings?.comparisons as ComparisonBootstrap[];
    const adjusted = adjustForMultiplicity(comparisons, findings);
    const bootstrapP = findings.map((f) => f.operatingPoints[0]?.ppv.p ?? null);
    const scoreP = comparisons.map((c) => c.operatingPoints[0]?.ppv.p ?? null);
    expect(bootstrapP).not.toEqual(scoreP);
    const fromScore = adjustForMultiplicity(comparisons, null);
    expect(adjusted?.operatingPoints[0]?.ppv).not.toEqual(fromScore?.operatingPoints[0]?.ppv);
    expect(adjusted?.auc).toEqual(fromScore?.auc);
  });

  it('assembles: PPV tested by the paired bootstrap (score test kept beside), the same as evaluate', () => {
    const ppv = asah.results.comparisons[0]?.operatingPoints[0]?.ppv;
    expect(ppv?.methodId).toBe('paired-bootstrap-test-fixed-thresholds');
    expect(ppv?.scoreTest?.methodId).toBe('score-test-ppv');
    expect(ppv && 'df' in ppv).toBe(false);
    expect(Object.keys(ppv ?? {})).toEqual([
      'difference',
      'statistic',
      'p',
      'method',
      'methodId',
      'scoreTest',
      'pAdjusted',
      'ci',
    ]);
    expect(JSON.stringify(asah.results)).toBe(
      JSON.stringify(evaluate(study('test/fixtures/asah/study.yaml', 200))),
    );
  });
});
