/**
 * evaluate, reader-study step: each standalone model of `models` against the readers of each
 * modality — AUC, and with `positiveFrom` the model's sensitivity at the readers' mean
 * specificity and its specificity at their mean sensitivity — by the single-modality
 * Obuchowski–Rockette analysis of model − reader differences (Hillis 2007 §5.3; RJafroc's
 * `StSignificanceTestingCadVsRad`, method "1T-RRRC"): the model a fixed reader, readers and
 * cases random. The matched threshold is chosen on these data and then treated as fixed.
 */
import type { Study } from '../load/loadStudy.js';
import type { ReaderStudyData } from '../load/readerStudy.js';
import { described } from '../results/methods.js';
import { readerStudyUnmatchedWarning, type WarningLog } from './warnings.js';
import { readerAuc, readerProportion, type FigureOfMerit } from '../statistics/readers/figuresOfMerit.js';
import { delongCovariance, jackknifeCovariance } from '../statistics/readers/covariance.js';
import { modelVersusReaders } from '../statistics/readers/modelVersusReaders.js';
import { thresholdAtSensitivity, thresholdAtSpecificity } from '../statistics/readers/matchedThreshold.js';
import type {
  MatchedModelVersusReaders,
  ModelVersusReadersResult,
  ReaderMetricResult,
  StandaloneComparison,
} from '../results/readerStudy.js';
import { ciOf, finite, pick, type ReaderCases } from './readerStudyCases.js';

export interface StandaloneInput {
  study: Study;
  reads: ReaderStudyData;
  cases: ReaderCases;
  level: number;
  sensitivity: ReaderMetricResult | undefined;
  specificity: ReaderMetricResult | undefined;
  warnings: WarningLog;
}

function compare(
  readers: FigureOfMerit[],
  model: FigureOfMerit,
  covariance: Float64Array,
  level: number,
): ModelVersusReadersResult {
  const result = modelVersusReaders({
    readers: readers.map((f) => f.estimate),
    model: model.estimate,
    covariance,
    level,
  });
  return {
    readersMean: result.readersMean,
    model: result.model,
    difference: result.difference,
    se: finite(result.se),
    df: finite(result.df),
    ci: ciOf(result.lower, result.upper, level, 'or-model-versus-readers'),
    t: finite(result.t),
    p: finite(result.p),
    ...described('or-model-versus-readers'),
  };
}

interface MatchedInput {
  measure: 'sensitivity' | 'specificity';
  scores: Float64Array;
  reads: ReaderStudyData;
  cases: ReaderCases;
  t: number;
  readersOther: number;
  level: number;
}

/** The model's sensitivity at the readers' mean specificity (or specificity at their mean sensitivity). */
function matched(input: MatchedInput): MatchedModelVersusReaders | null {
  const { measure, scores, reads, cases, t, readersOther, level } = input;
  const positives = pick(scores, cases.positives);
  const negatives = pick(scores, cases.negatives);
  const threshold =
    measure === 'sensitivity'
      ? thresholdAtSpecificity(positives, negatives, readersOther)
      : thresholdAtSensitivity(positives, negatives, readersOther);
  if (threshold === null) return null;
  const figure = (values: Float64Array, cut: number, which: 'sensitivity' | 'specificity') =>
    which === 'sensitivity'
      ? readerProportion(values, cut, 'positive calls')
      : readerProportion(values, cut, 'negative calls');
  const classOf = (which: 'sensitivity' | 'specificity') =>
    which === 'sensitivity' ? cases.positives : cases.negatives;
  const positiveFrom = reads.settings.positiveFrom as number;
  const readers = (reads.ratings[t] as Float64Array[]).map((ratings) =>
    figure(pick(ratings, classOf(measure)), positiveFrom, measure),
  );
  const model = figure(pick(scores, classOf(measure)), threshold, measure);
  const other = measure === 'sensitivity' ? 'specificity' : 'sensitivity';
  const modelOther = figure(pick(scores, classOf(other)), threshold, other).estimate;
  const covariance = jackknifeCovariance([...readers, model].map((f) => f.leaveOneOut));
  return {
    ...compare(readers, model, covariance, level),
    threshold,
    matched: { measure: other, readersMean: readersOther, model: modelOther },
  };
}

export function standaloneComparisons(input: StandaloneInput): StandaloneComparison[] {
  const { study, reads, cases, level, sensitivity, specificity, warnings } = input;
  const useDelong = reads.settings.covariance === 'delong';
  return study.models.map((model, m) => {
    const scores = study.data.scores[m] as Float64Array;
    const modelAuc = readerAuc(pick(scores, cases.positives), pick(scores, cases.negatives));
    return {
      model: model.id,
      name: model.name,
      modalities: reads.modalities.map((modality, t) => {
        const readers = (reads.ratings[t] as Float64Array[]).map((ratings) =>
          readerAuc(pick(ratings, cases.positives), pick(ratings, cases.negatives)),
        );
        const all = [...readers, modelAuc];
        const covariance = useDelong
          ? delongCovariance(all.map((f) => f.placements))
          : jackknifeCovariance(all.map((f) => f.leaveOneOut));
        const entry: StandaloneComparison['modalities'][number] = {
          modality,
          auc: compare(readers, modelAuc, covariance, level),
        };
        if (sensitivity && specificity) {
          const common = { scores, reads, cases, t, level };
          entry.sensitivity = matched({
            ...common,
            measure: 'sensitivity',
            readersOther: specificity.modalities[t]?.estimate as number,
          });
          entry.specificity = matched({
            ...common,
            measure: 'specificity',
            readersOther: sensitivity.modalities[t]?.estimate as number,
          });
          if (!entry.sensitivity || !entry.specificity) {
            readerStudyUnmatchedWarning(warnings, {
              model: model.id,
              measure: entry.sensitivity ? 'sensitivity' : 'specificity',
              modality,
            });
          }
        }
        return entry;
      }),
    };
  });
}
