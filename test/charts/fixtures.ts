// Results fixtures for the chart tests: the bone-tumour example (fewer bootstrap replicates)
// and the 8-case study of test/helpers. Calibration and precision–recall points are added
// here when `evaluate` does not fill them yet.
import path from 'node:path';
import { evaluate, loadStudy, type PrecisionRecallPoint, type Results, type Study } from '../../src/index.js';
import { calibrationSummary } from '../../src/statistics/calibration.js';
import { calibrationResult } from '../../src/evaluate/calibrationResult.js';
import { BASIC_CSV, BASIC_STUDY, studyFolder } from '../helpers/fixtures.js';

function precisionRecallFromRoc(results: Results, index: number): PrecisionRecallPoint[] {
  const model = results.models[index];
  if (!model) return [];
  const { positives, negatives } = results.sample;
  return model.roc
    .map((p) => {
      const tp = p.sensitivity * positives;
      const fp = (1 - p.specificity) * negatives;
      return { threshold: p.threshold, recall: p.sensitivity, precision: tp + fp > 0 ? tp / (tp + fp) : 1 };
    })
    .filter((p) => p.recall > 0);
}

function complete(study: Study, results: Results): Results {
  results.models.forEach((model, i) => {
    model.precisionRecall ??= precisionRecallFromRoc(results, i);
    const scores = study.data.scores[i];
    if (model.calibration === undefined && model.scoreKind === 'probability' && scores) {
      model.calibration = calibrationResult(
        calibrationSummary(scores, study.data.labels, {
          level: results.settings.level,
          bins: 10,
          span: 0.75,
        }),
      );
    }
  });
  return results;
}

function evaluateStudy(file: string, replicates: number): { study: Study; results: Results } {
  const study = loadStudy(file);
  study.settings.bootstrap.replicates = replicates;
  return { study, results: complete(study, evaluate(study)) };
}

let boneTumour: { study: Study; results: Results } | undefined;

/** The bone-tumour example's study (scores and labels). */
export function boneTumourStudy(): Study {
  boneTumour ??= evaluateStudy(path.resolve('examples/bone-tumour/study.yaml'), 200);
  return boneTumour.study;
}

/** The bone-tumour example: 743 cases, two models, three operating points, one comparison. */
export function boneTumourResults(): Results {
  boneTumour ??= evaluateStudy(path.resolve('examples/bone-tumour/study.yaml'), 200);
  return structuredClone(boneTumour.results);
}

/** The 8-case, two-model study of test/helpers/fixtures.ts. */
export function basicResults(): Results {
  const dir = studyFolder({ 'study.yaml': BASIC_STUDY, 'data.csv': BASIC_CSV });
  return evaluateStudy(path.join(dir, 'study.yaml'), 200).results;
}

/**
 * Four models with long names (copies of the bone-tumour models), the last on a score scale
 * outside [0, 1] without calibration or decision curve, and two comparisons.
 */
export function manyModelsResults(): Results {
  const results = boneTumourResults();
  const [tl, sc] = results.models;
  if (!tl || !sc) throw new Error('two models expected');
  const logistic = structuredClone(tl);
  logistic.id = 'lr';
  logistic.name = 'Logistic regression (clinical + imaging features)';
  const score = structuredClone(sc);
  score.id = 'rad';
  score.name = 'Radiologist suspicion score';
  score.scoreKind = 'score';
  score.roc = score.roc.map((p) => ({ ...p, threshold: Math.round((p.threshold * 10 - 3) * 1e4) / 1e4 }));
  for (const op of score.operatingPoints) op.threshold = op.threshold === null ? null : op.threshold * 10 - 3;
  delete score.calibration;
  delete score.decisionCurve;
  results.models.push(logistic, score);
  const [comparison] = results.comparisons;
  if (comparison) results.comparisons.push({ ...structuredClone(comparison), models: ['lr', 'rad'] });
  return results;
}
