/**
 * The statistical-methods paragraphs and their references, written from exactly what the
 * results hold: each sentence is included only when the method it describes was used (its
 * `method` string appears in the results, or the results hold its estimates), and a
 * reference is listed only when a sentence cites it. Method strings no sentence accounts
 * for are listed verbatim, so nothing used goes unmentioned.
 */
import type { Results } from '../evaluate/results.js';
import { formatInteger, formatLevel, formatNumber } from '../format/numbers.js';
import { joinWords } from '../format/words.js';
import { ruleSentence } from './wording/operatingPointRule.js';

export type ReferenceKey =
  | 'austin2019'
  | 'bossuyt2015'
  | 'brier1950'
  | 'brown2001'
  | 'cleveland1979'
  | 'clopper1934'
  | 'cox1958'
  | 'debray2017'
  | 'delong1988'
  | 'efron1987'
  | 'efron1993'
  | 'fagerland2013'
  | 'holm1979'
  | 'kosinski2013'
  | 'mcclish1989'
  | 'mcnemar1947'
  | 'newcombe1998'
  | 'obuchowski1997'
  | 'obuchowski1998'
  | 'simel1991'
  | 'spiegelhalter1986'
  | 'steyerberg2010'
  | 'sunxu2014'
  | 'tango1998'
  | 'vancalster2016'
  | 'vickers2006'
  | 'wilson1927'
  | 'youden1950';

/** In-text citation and full reference (Vancouver-like, plain text: no links). */
export const REFERENCES: Record<ReferenceKey, { cite: string; full: string }> = {
  austin2019: {
    cite: 'Austin & Steyerberg 2019',
    full: 'Austin PC, Steyerberg EW. The Integrated Calibration Index (ICI) and related metrics for quantifying the calibration of logistic regression models. Stat Med. 2019;38(21):4051–4065.',
  },
  bossuyt2015: {
    cite: 'Bossuyt et al. 2015',
    full: 'Bossuyt PM, Reitsma JB, Bruns DE, et al. STARD 2015: an updated list of essential items for reporting diagnostic accuracy studies. BMJ. 2015;351:h5527.',
  },
  brier1950: {
    cite: 'Brier 1950',
    full: 'Brier GW. Verification of forecasts expressed in terms of probability. Mon Weather Rev. 1950;78(1):1–3.',
  },
  brown2001: {
    cite: 'Brown et al. 2001',
    full: 'Brown LD, Cai TT, DasGupta A. Interval estimation for a binomial proportion. Stat Sci. 2001;16(2):101–133.',
  },
  cleveland1979: {
    cite: 'Cleveland 1979',
    full: 'Cleveland WS. Robust locally weighted regression and smoothing scatterplots. J Am Stat Assoc. 1979;74(368):829–836.',
  },
  clopper1934: {
    cite: 'Clopper & Pearson 1934',
    full: 'Clopper CJ, Pearson ES. The use of confidence or fiducial limits illustrated in the case of the binomial. Biometrika. 1934;26(4):404–413.',
  },
  cox1958: {
    cite: 'Cox 1958',
    full: 'Cox DR. Two further applications of a model for binary regression. Biometrika. 1958;45(3–4):562–565.',
  },
  debray2017: {
    cite: 'Debray et al. 2017',
    full: 'Debray TPA, Damen JAAG, Snell KIE, et al. A guide to systematic review and meta-analysis of prediction model performance. BMJ. 2017;356:i6460.',
  },
  delong1988: {
    cite: 'DeLong et al. 1988',
    full: 'DeLong ER, DeLong DM, Clarke-Pearson DL. Comparing the areas under two or more correlated receiver operating characteristic curves: a nonparametric approach. Biometrics. 1988;44(3):837–845.',
  },
  efron1987: {
    cite: 'Efron 1987',
    full: 'Efron B. Better bootstrap confidence intervals. J Am Stat Assoc. 1987;82(397):171–185.',
  },
  efron1993: {
    cite: 'Efron & Tibshirani 1993',
    full: 'Efron B, Tibshirani RJ. An Introduction to the Bootstrap. New York: Chapman & Hall; 1993.',
  },
  fagerland2013: {
    cite: 'Fagerland et al. 2013',
    full: 'Fagerland MW, Lydersen S, Laake P. The McNemar test for binary matched-pairs data: mid-p and asymptotic are better than exact conditional. BMC Med Res Methodol. 2013;13:91.',
  },
  holm1979: {
    cite: 'Holm 1979',
    full: 'Holm S. A simple sequentially rejective multiple test procedure. Scand J Stat. 1979;6(2):65–70.',
  },
  kosinski2013: {
    cite: 'Kosinski 2013',
    full: 'Kosinski AS. A weighted generalized score statistic for comparison of predictive values of diagnostic tests. Stat Med. 2013;32(6):964–977.',
  },
  mcclish1989: {
    cite: 'McClish 1989',
    full: 'McClish DK. Analyzing a portion of the ROC curve. Med Decis Making. 1989;9(3):190–195.',
  },
  mcnemar1947: {
    cite: 'McNemar 1947',
    full: 'McNemar Q. Note on the sampling error of the difference between correlated proportions or percentages. Psychometrika. 1947;12(2):153–157.',
  },
  newcombe1998: {
    cite: 'Newcombe 1998',
    full: 'Newcombe RG. Improved confidence intervals for the difference between binomial proportions based on paired data. Stat Med. 1998;17(22):2635–2650.',
  },
  obuchowski1997: {
    cite: 'Obuchowski 1997',
    full: 'Obuchowski NA. Nonparametric analysis of clustered ROC curve data. Biometrics. 1997;53(2):567–578.',
  },
  obuchowski1998: {
    cite: 'Obuchowski 1998',
    full: 'Obuchowski NA. On the comparison of correlated proportions for clustered data. Stat Med. 1998;17(13):1495–1507.',
  },
  simel1991: {
    cite: 'Simel et al. 1991',
    full: 'Simel DL, Samsa GP, Matchar DB. Likelihood ratios with confidence: sample size estimation for diagnostic test studies. J Clin Epidemiol. 1991;44(8):763–770.',
  },
  spiegelhalter1986: {
    cite: 'Spiegelhalter 1986',
    full: 'Spiegelhalter DJ. Probabilistic prediction in patient management and clinical trials. Stat Med. 1986;5(5):421–433.',
  },
  steyerberg2010: {
    cite: 'Steyerberg et al. 2010',
    full: 'Steyerberg EW, Vickers AJ, Cook NR, et al. Assessing the performance of prediction models: a framework for traditional and novel measures. Epidemiology. 2010;21(1):128–138.',
  },
  sunxu2014: {
    cite: 'Sun & Xu 2014',
    full: 'Sun X, Xu W. Fast implementation of DeLong’s algorithm for comparing the areas under correlated receiver operating characteristic curves. IEEE Signal Process Lett. 2014;21(11):1389–1393.',
  },
  tango1998: {
    cite: 'Tango 1998',
    full: 'Tango T. Equivalence test and confidence interval for the difference in proportions for the paired-sample design. Stat Med. 1998;17(8):891–908.',
  },
  vancalster2016: {
    cite: 'Van Calster et al. 2016',
    full: 'Van Calster B, Nieboer D, Vergouwe Y, De Cock B, Pencina MJ, Steyerberg EW. A calibration hierarchy for risk models was defined: from utopia to empirical data. J Clin Epidemiol. 2016;74:167–176.',
  },
  vickers2006: {
    cite: 'Vickers & Elkin 2006',
    full: 'Vickers AJ, Elkin EB. Decision curve analysis: a novel method for evaluating prediction models. Med Decis Making. 2006;26(6):565–574.',
  },
  wilson1927: {
    cite: 'Wilson 1927',
    full: 'Wilson EB. Probable inference, the law of succession, and statistical inference. J Am Stat Assoc. 1927;22(158):209–212.',
  },
  youden1950: {
    cite: 'Youden 1950',
    full: 'Youden WJ. Index for rating diagnostic tests. Cancer. 1950;3(1):32–35.',
  },
};

export interface MethodsText {
  paragraphs: string[];
  /** Full references of everything cited, alphabetical. */
  references: string[];
}

/** Every `method` string anywhere in the results. */
export function methodStrings(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) methodStrings(item, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'method' && typeof item === 'string') into.add(item);
      else if (typeof item === 'object') methodStrings(item, into);
    }
  }
  return into;
}

/** Method strings accounted for by the paragraphs (everything else is listed verbatim). */
const DESCRIBED = [
  /DeLong/,
  /Obuchowski/,
  /Wilson score/,
  /Clopper/,
  /Jeffreys/,
  /McNemar/,
  /Newcombe/,
  /Tango/,
  /bootstrap/,
  /generalized score test/,
  /Simel/,
  /^Wald \(binomial variances\)$/,
  /^Wald \(estimate ± z·SE\)$/,
  /Spiegelhalter/,
  /Debray/,
  /^loess/,
  /^difference of predictive values \(no bootstrap run/,
];

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

function has(methods: Set<string>, pattern: RegExp): boolean {
  for (const m of methods) if (pattern.test(m)) return true;
  return false;
}

/** The statistical-methods paragraphs for these results. */
export function buildMethods(results: Results): MethodsText {
  const w = new Writer();
  const methods = methodStrings(results);
  const s = results.settings;
  const level = formatLevel(s.level);
  const models = results.models;
  const points = models[0]?.operatingPoints ?? [];
  const bootstrapRan = has(methods, /bootstrap .*interval \(\d+ replicates\)/);
  const clustered = has(methods, /Obuchowski/);
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
    has(methods, /DeLong \(1988\), logit/) && models.some((m) => /logit/.test(m.auc.ci?.method ?? ''));
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
    if (has(methods, /Wilson score/)) proportionMethods.push('Wilson score intervals [[wilson1927]]');
    if (has(methods, /Clopper/)) proportionMethods.push('Clopper–Pearson exact intervals [[clopper1934]]');
    if (has(methods, /Jeffreys/)) proportionMethods.push('Jeffreys intervals [[brown2001]]');
    w.paragraph([
      `Each model was evaluated at ${points.length === 1 ? 'one operating point' : `${countWord(points.length)} operating points`}, each at the model’s own threshold: ${joinWords(rules)}. A case was called positive when its score was at or above the threshold.`,
      sources.has('test') &&
        'Data-driven thresholds were chosen on the test set itself and are therefore optimistic (accuracy at them tends to be lower in new data).',
      sources.has('validation') &&
        'Data-driven thresholds were chosen on a separate validation set and applied unchanged to the test set.',
      proportionMethods.length > 0 &&
        `Sensitivity, specificity, positive and negative predictive values (PPV, NPV) and accuracy are given with ${joinWords(proportionMethods)}.`,
      has(methods, /Simel/) && 'Likelihood ratios have log-method intervals [[simel1991]].',
      has(methods, /^Wald \(binomial variances\)$/) &&
        'Youden’s J has a Wald interval from the binomial variances of sensitivity and specificity.',
      s.targetPrevalence !== undefined &&
        `PPV and NPV were also restated at a prevalence of ${formatNumber(s.targetPrevalence)} by Bayes’ theorem, from the sensitivity and specificity observed here.`,
    ]);
  }

  // paired comparisons at the operating points
  const pointComparisons = results.comparisons.flatMap((c) => c.operatingPoints);
  if (pointComparisons.length > 0) {
    const mcnemar: string[] = [];
    if (has(methods, /McNemar exact/)) mcnemar.push('the exact (binomial) McNemar test [[mcnemar1947]]');
    if (has(methods, /McNemar mid-p/)) mcnemar.push('the mid-p McNemar test [[mcnemar1947,fagerland2013]]');
    if (has(methods, /McNemar chi-squared test with continuity/))
      mcnemar.push('McNemar’s chi-squared test with continuity correction [[mcnemar1947]]');
    else if (has(methods, /McNemar chi-squared/)) mcnemar.push('McNemar’s chi-squared test [[mcnemar1947]]');
    if (has(methods, /cluster-adjusted McNemar/))
      mcnemar.push('a cluster-adjusted McNemar test [[obuchowski1998]]');
    const differenceIntervals: string[] = [];
    if (has(methods, /Newcombe/))
      differenceIntervals.push('Newcombe’s hybrid score interval [[newcombe1998]]');
    if (has(methods, /Tango/)) differenceIntervals.push('Tango’s score interval [[tango1998]]');
    if (has(methods, /cluster-adjusted variance/))
      differenceIntervals.push('a Wald interval with cluster-adjusted variance [[obuchowski1998]]');
    const ppvBootstrap = pointComparisons.some((p) => /^paired .*bootstrap/.test(p.ppv.method));
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
      has(methods, /Debray/)
        ? 'the observed/expected ratio with a log-normal interval [[debray2017]]'
        : 'the observed/expected ratio',
    ];
    if (has(methods, /Spiegelhalter/)) parts.push('Spiegelhalter’s z test [[spiegelhalter1986]]');
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

  // reporting conventions
  w.paragraph([
    `In the key results a difference is called higher or lower only when its p-value (Holm-adjusted when there are several comparisons) is below ${formatNumber(Math.round((1 - s.level) * 1e6) / 1e6)} and its ${level} CI excludes zero; otherwise the models are called similar.`,
    'p-values are given to two significant digits, and as p < 0.001 below 0.001.',
  ]);

  const other = [...methods].filter((m) => !DESCRIBED.some((re) => re.test(m)));
  if (other.length > 0) w.paragraph([`Other methods, as recorded in results.json: ${other.join('; ')}.`]);

  const references = [...w.used].map((k) => REFERENCES[k].full).sort((a, b) => a.localeCompare(b, 'en'));
  return { paragraphs: w.paragraphs, references };
}
