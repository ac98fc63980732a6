/**
 * The statistical-methods paragraphs and their references, written from exactly what the
 * results hold: each sentence is included only when the method it describes was used (its
 * `methodId` appears in the results, or the results hold its estimates), and a reference is
 * listed only when a sentence cites it. Every method id (a closed list, see
 * src/results/methods.ts) has its sentence here.
 */
import type { Results } from '../results/results.js';
import { REFERENCES, type ReferenceKey } from '../results/references.js';
import { METHODS, methodIdsIn, type MethodId } from '../results/methods.js';
import { formatInteger, formatLevel, formatNumber } from '../format/numbers.js';
import { joinWords } from '../format/words.js';
import { ruleSentence } from './wording/operatingPointRule.js';
import { readerStudyMethods } from './wording/readerStudy.js';
import { inputFilesMethods, subgroupMethods, validationMethods } from './subsetMethods.js';

export interface MethodsText {
  paragraphs: string[];
  /** Full references of everything cited, alphabetical. */
  references: string[];
}

class Writer {
  readonly used = new Set<ReferenceKey>();
  readonly paragraphs: string[] = [];

  /** Replaces [[key1,key2]] by "(Cite 1; Cite 2)" and records the keys. */
  cite(text: string): string {
    return text.replace(/\[\[([a-z0-9,]+)\]\]/g, (_match, keys: string) => {
      const cites = keys.split(',').map((k) => {
        const key = k as ReferenceKey;
        this.used.add(key);
        return REFERENCES[key].cite;
      });
      return `(${cites.join('; ')})`;
    });
  }

  paragraph(sentences: (string | null | false | undefined)[]): void {
    const text = sentences
      .filter((s): s is string => typeof s === 'string' && s !== '')
      .map((s) => this.cite(s));
    if (text.length > 0) this.paragraphs.push(text.join(' '));
  }
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** Small counts in words, as journals write them: "three", 12. */
function countWord(n: number): string {
  return NUMBER_WORDS[n] ?? formatInteger(n);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The statistical-methods paragraphs for these results. */
export function buildMethods(results: Results): MethodsText {
  const w = new Writer();
  const methods = methodIdsIn(results);
  const has = (...ids: MethodId[]) => ids.some((id) => methods.has(id));
  const s = results.settings;
  const level = formatLevel(s.level);
  const models = results.models;
  const points = models[0]?.operatingPoints ?? [];
  const bootstrapRan = [...methods].some((id) => METHODS[id].bootstrap);
  const clustered = [...methods].some((id) => METHODS[id].clustered);
  const holm = results.comparisons.some(
    (c) =>
      (c.auc.pAdjusted ?? null) !== null ||
      c.operatingPoints.some((p) =>
        [p.sensitivity, p.specificity, p.ppv, p.npv].some((d) => (d.pAdjusted ?? null) !== null),
      ),
  );

  // sample and reporting
  w.paragraph([
    `The analysis included ${formatInteger(results.sample.n)} cases, ${formatInteger(results.sample.positives)} with a positive reference standard (outcome value “${s.positive}”) and ${formatInteger(results.sample.negatives)} negative${results.sample.dropped ? `, after ${formatInteger(results.sample.dropped)} rows with a missing score were dropped` : ''}.`,
    `${models.length === 1 ? 'One model was' : `${capitalise(countWord(models.length))} models were`} evaluated on the same cases; higher scores indicate a higher likelihood of a positive reference standard.`,
    `Reporting follows STARD 2015 [[bossuyt2015]]. All confidence intervals (CIs) are ${level} intervals and all p-values are two-sided.`,
  ]);

  // discrimination
  const logit =
    has('delong-logit') &&
    models.some((m) => m.auc.ci?.methodId === 'delong-logit' || m.auc.ci?.methodId === 'obuchowski-logit');
  const partial = models.some((m) => m.partialAuc.length > 0);
  w.paragraph([
    'Discrimination was summarised by the area under the receiver operating characteristic curve (AUC), counting tied positive–negative score pairs as one half.',
    clustered
      ? 'Its standard error accounts for several cases per cluster [[obuchowski1997]].'
      : `Its standard error is DeLong’s nonparametric estimate [[delong1988]], computed with a fast algorithm [[sunxu2014]]; CIs are ${logit ? 'Wald intervals computed on the logit scale and back-transformed' : 'Wald intervals, AUC ± z·SE, limited to [0, 1]'}.`,
    partial &&
      'Partial AUC over the stated specificity or sensitivity range is reported raw and standardised with McClish’s transformation, on which 0.5 is chance and 1 perfect discrimination [[mcclish1989]].',
    results.comparisons.length > 0 &&
      (clustered
        ? 'AUCs of two models on the same cases were compared with the clustered test for correlated ROC curves [[obuchowski1997]].'
        : 'AUCs of two models on the same cases were compared with the paired DeLong test, which accounts for the correlation of the two estimates [[delong1988]].'),
  ]);

  // operating points
  if (points.length > 0) {
    const rules = points.map((p) => ruleSentence(p.rule));
    const sources = new Set(models.flatMap((m) => m.operatingPoints.map((p) => p.thresholdSource)));
    const proportionMethods: string[] = [];
    if (has('wilson')) proportionMethods.push('Wilson score intervals [[wilson1927]]');
    if (has('clopper-pearson')) proportionMethods.push('Clopper–Pearson exact intervals [[clopper1934]]');
    if (has('jeffreys')) proportionMethods.push('Jeffreys intervals [[brown2001]]');
    w.paragraph([
      `Each model was evaluated at ${points.length === 1 ? 'one operating point' : `${countWord(points.length)} operating points`}, each at the model’s own threshold: ${joinWords(rules)}. A case was called positive when its score was at or above the threshold.`,
      sources.has('test') &&
        'Data-driven thresholds were chosen on the test set itself and are therefore optimistic (accuracy at them tends to be lower in new data).',
      sources.has('validation') &&
        'Data-driven thresholds were chosen on a separate validation set and applied unchanged to the test set.',
      sources.has('validation') && validationMethods(results),
      proportionMethods.length > 0 &&
        `Sensitivity, specificity, positive and negative predictive values (PPV, NPV) and accuracy are given with ${joinWords(proportionMethods)}.`,
      has('log-method') && 'Likelihood ratios have log-method intervals [[simel1991]].',
      has('wald-binomial') &&
        'Youden’s J has a Wald interval from the binomial variances of sensitivity and specificity.',
      s.targetPrevalence !== undefined &&
        `PPV and NPV were also restated at a prevalence of ${formatNumber(s.targetPrevalence)} by Bayes’ theorem, from the sensitivity and specificity observed here.`,
    ]);
  }

  // paired comparisons at the operating points
  const pointComparisons = results.comparisons.flatMap((c) => c.operatingPoints);
  if (pointComparisons.length > 0) {
    const mcnemar: string[] = [];
    if (has('mcnemar-exact')) mcnemar.push('the exact (binomial) McNemar test [[mcnemar1947]]');
    if (has('mcnemar-midp')) mcnemar.push('the mid-p McNemar test [[mcnemar1947,fagerland2013]]');
    if (has('mcnemar-chisq-cc'))
      mcnemar.push('McNemar’s chi-squared test with continuity correction [[mcnemar1947]]');
    else if (has('mcnemar-chisq')) mcnemar.push('McNemar’s chi-squared test [[mcnemar1947]]');
    if (has('mcnemar-clustered')) mcnemar.push('a cluster-adjusted McNemar test [[obuchowski1998]]');
    const differenceIntervals: string[] = [];
    if (has('newcombe-paired')) differenceIntervals.push('Newcombe’s hybrid score interval [[newcombe1998]]');
    if (has('tango-paired')) differenceIntervals.push('Tango’s score interval [[tango1998]]');
    if (has('wald-cluster-adjusted'))
      differenceIntervals.push('a Wald interval with cluster-adjusted variance [[obuchowski1998]]');
    const ppvBootstrap = pointComparisons.some(
      (p) => p.ppv.methodId === 'paired-bootstrap-test-fixed-thresholds',
    );
    const scoreTest = pointComparisons.some((p) => p.ppv.scoreTest || p.npv.scoreTest);
    w.paragraph([
      mcnemar.length > 0 &&
        `Between two models, sensitivities (on the positive cases) and specificities (on the negative cases) were compared with ${joinWords(mcnemar)} on the discordant pairs${differenceIntervals.length > 0 ? `, with ${joinWords(differenceIntervals)} for the paired difference` : ''}.`,
      ppvBootstrap &&
        'PPVs and NPVs were compared by a stratified paired bootstrap with the thresholds held fixed, the p-value obtained by inverting the percentile interval.',
      scoreTest &&
        `${ppvBootstrap ? 'They were also compared' : 'PPVs and NPVs were compared'} with the weighted generalized score test [[kosinski2013]].`,
      'Differences are the first model minus the second; changes in false positives and false negatives are counted on the same cases.',
      holm &&
        'With more than one comparison, p-values were also adjusted with Holm’s step-down procedure [[holm1979]] within each family of comparisons: the AUCs, or one measure at one operating point.',
    ]);
  }

  // bootstrap
  if (bootstrapRan) {
    const b = s.bootstrap;
    const kind = b.interval === 'bca' ? 'bias-corrected and accelerated (BCa) [[efron1987]]' : 'percentile';
    w.paragraph([
      `Bootstrap CIs are ${kind} intervals from ${formatInteger(b.replicates)} ${clustered ? 'cluster' : b.stratified ? 'stratified (positives and negatives resampled separately)' : ''} bootstrap replicates [[efron1993]], drawn with ${b.rng}, seeded with ${b.seed}; they are reported for measures without an analytic interval (such as average precision and F1) and alongside the analytic intervals elsewhere.`.replace(
        /\s{2,}/g,
        ' ',
      ),
      b.rederiveThresholds &&
        'Data-driven thresholds were chosen anew in each replicate, so these intervals include the uncertainty of the threshold itself.',
    ]);
  }

  // precision–recall
  if (models.some((m) => m.averagePrecision)) {
    w.paragraph([
      'Average precision (AP) is the step-wise area under the precision–recall curve: the precision at each threshold weighted by the gain in recall there; a model without skill has AP equal to the prevalence.',
      results.comparisons.some((c) => c.averagePrecision && c.averagePrecision.p !== null) &&
        'Paired differences in AP were tested by the paired bootstrap.',
    ]);
  }

  // calibration
  const calibrations = models.flatMap((m) => (m.calibration ? [m.calibration] : []));
  const notProbabilities = models.filter((m) => m.scoreKind === 'score').map((m) => m.name);
  if (calibrations.length > 0) {
    const smooth = calibrations.some((c) => c.smooth);
    const parts = [
      'the Brier score [[brier1950]] and the scaled Brier score [[steyerberg2010]]',
      'calibration-in-the-large (the intercept of a logistic model with logit(p) as offset) and the calibration slope (logistic regression of the outcome on logit(p)) with Wald intervals [[cox1958,vancalster2016]]',
      has('oe-log-normal')
        ? 'the observed/expected ratio with a log-normal interval [[debray2017]]'
        : 'the observed/expected ratio',
    ];
    if (has('spiegelhalter')) parts.push('Spiegelhalter’s z test [[spiegelhalter1986]]');
    w.paragraph([
      `For models whose scores are predicted probabilities, calibration was assessed by ${parts.slice(0, -1).join('; ')}; and ${parts[parts.length - 1]}.`,
      smooth &&
        'A smoothed calibration curve was estimated by loess [[cleveland1979]] and summarised by the integrated calibration index (ICI), E50, E90 and Emax [[austin2019]].',
    ]);
  }
  if (notProbabilities.length > 0) {
    w.paragraph([
      `Calibration and net benefit require predicted probabilities and were not assessed for ${joinWords(notProbabilities)}, whose scores are not all within [0, 1].`,
    ]);
  }

  // decision curves
  if (models.some((m) => m.decisionCurve && m.decisionCurve.length > 0)) {
    const g = s.decisionCurve;
    w.paragraph([
      `Clinical utility was assessed by decision-curve analysis [[vickers2006]]: net benefit NB(t) = TP/n − FP/n · t/(1 − t), treating cases with predicted probability ≥ t, at threshold probabilities t from ${formatNumber(g.from)} to ${formatNumber(g.to)} in steps of ${formatNumber(g.by)}, compared with treating all and treating none.`,
      s.targetPrevalence !== undefined &&
        models.some((m) => (m.decisionCurveAtTargetPrevalence?.length ?? 0) > 0) &&
        `Net benefit was also restated at a prevalence of ${formatNumber(s.targetPrevalence)}.`,
    ]);
  }

  // subgroups (subsetMethods.ts)
  w.paragraph(subgroupMethods(results));

  // reader study (its own paragraphs, cited by key as here)
  const readerStudy = readerStudyMethods(results);
  w.paragraphs.push(...readerStudy.paragraphs);
  for (const key of readerStudy.references) w.used.add(key);

  // the input files' record
  w.paragraph([inputFilesMethods()]);

  // reporting conventions
  w.paragraph([
    `In the key results a difference is called higher or lower only when its p-value (Holm-adjusted when there are several comparisons) is below ${formatNumber(Math.round((1 - s.level) * 1e6) / 1e6)} and its ${level} CI excludes zero; otherwise the models are called similar.`,
    'p-values are given to two significant digits, and as p < 0.001 below 0.001.',
  ]);

  const references = [...w.used].map((k) => REFERENCES[k].full).sort((a, b) => a.localeCompare(b, 'en'));
  return { paragraphs: w.paragraphs, references };
}
