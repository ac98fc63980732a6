/**
 * Every method dxreport reports, by id: its name (the prose written beside the id in
 * results.json), a short name for table cells and running text, and the references that
 * describe it. Intervals and tests carry a `methodId` from this closed list beside their
 * prose `method`, so that the report and other consumers look methods up here instead of
 * reading the prose back.
 *
 * @example
 * methodName('mcnemar-exact'); // 'McNemar exact (binomial) test'
 * methodShortName('mcnemar-exact'); // 'McNemar exact'
 * METHODS['delong-paired'].references; // ['delong1988']
 */
import type { ReferenceKey } from './references.js';

export const METHOD_IDS = [
  // proportions (sensitivity, specificity, PPV, NPV, accuracy; calibration bins)
  'wilson',
  'clopper-pearson',
  'jeffreys',
  // Youden's J and the likelihood ratios
  'wald-binomial',
  'log-method',
  // AUC
  'delong-wald',
  'delong-logit',
  'obuchowski-wald',
  'obuchowski-logit',
  'delong-paired',
  'obuchowski-paired',
  'delong-unpaired',
  // paired sensitivity and specificity
  'mcnemar-exact',
  'mcnemar-midp',
  'mcnemar-chisq',
  'mcnemar-chisq-cc',
  'mcnemar-clustered',
  'newcombe-paired',
  'tango-paired',
  'wald-cluster-adjusted',
  // paired predictive values and average precision
  'score-test-ppv',
  'score-test-npv',
  'difference-only',
  // calibration
  'wald',
  'oe-log-normal',
  'spiegelhalter',
  'loess',
  'loess-direct',
  // the bootstrap
  'bootstrap-percentile',
  'bootstrap-bca',
  'bootstrap-bca-fallback',
  'bootstrap-percentile-rederived',
  'bootstrap-bca-rederived',
  'bootstrap-bayes',
  'paired-bootstrap-test',
  'paired-bootstrap-test-fixed-thresholds',
  // reader studies (multi-reader multi-case)
  'or-random-readers',
  'or-fixed-readers',
  'or-fixed-cases',
  'or-reader-fixed',
  'or-model-versus-readers',
  'reader-jackknife-covariance',
  'reader-delong-covariance',
] as const;

/** The closed list of method ids carried by every interval and test. */
export type MethodId = (typeof METHOD_IDS)[number];

export interface MethodEntry {
  /**
   * The prose written as `method`. For the bootstrap methods it is the generic name: their
   * prose names the design and the number of replicates (see `bootstrapMethodText`).
   */
  name: string;
  /** For table cells and running text ("DeLong", "McNemar exact", "bootstrap"). */
  shortName: string;
  references: readonly ReferenceKey[];
  /** Whether the bootstrap gives it (the methods text then describes the bootstrap). */
  bootstrap?: true;
  /** Whether it accounts for clustered cases. */
  clustered?: true;
}

const entry = (
  name: string,
  shortName: string,
  references: readonly ReferenceKey[] = [],
  flags: { bootstrap?: true; clustered?: true } = {},
): MethodEntry => ({ name, shortName, references, ...flags });

const bootstrap = (name: string, references: readonly ReferenceKey[] = ['efron1993']) =>
  entry(name, 'bootstrap', references, { bootstrap: true });

const wilson = 'Wilson score interval';
const newcombe = 'Newcombe hybrid score interval for paired proportions';
const clusterWald = 'Wald interval with cluster-adjusted variance (Obuchowski 1998)';
const oeLogNormal = 'log-normal, SE(ln O/E) = √((1 − O/N)/O) (Debray et al. 2017)';
const loess =
  'loess (local quadratic, tricube weights; k-d tree vertices with cubic Hermite interpolation, as R)';
const loessDirect = 'loess (local quadratic, tricube weights, exact evaluation)';

export const METHODS: Readonly<Record<MethodId, MethodEntry>> = {
  wilson: entry(wilson, wilson, ['wilson1927']),
  'clopper-pearson': entry('Clopper–Pearson exact interval', 'Clopper–Pearson exact interval', [
    'clopper1934',
  ]),
  jeffreys: entry('Jeffreys interval', 'Jeffreys interval', ['brown2001']),
  'wald-binomial': entry('Wald (binomial variances)', 'Wald (binomial variances)'),
  'log-method': entry('log method (Simel et al. 1991)', 'log method (Simel et al. 1991)', ['simel1991']),
  'delong-wald': entry('DeLong (1988), normal approximation', 'DeLong', ['delong1988', 'sunxu2014']),
  'delong-logit': entry('DeLong (1988), logit-transformed', 'DeLong', ['delong1988', 'sunxu2014']),
  'obuchowski-wald': entry(
    'Obuchowski (1997) clustered DeLong, normal approximation',
    'Obuchowski',
    ['obuchowski1997'],
    { clustered: true },
  ),
  'obuchowski-logit': entry(
    'Obuchowski (1997) clustered DeLong, logit-transformed',
    'Obuchowski',
    ['obuchowski1997'],
    { clustered: true },
  ),
  'delong-paired': entry('DeLong test for two correlated ROC curves', 'DeLong', ['delong1988']),
  'obuchowski-paired': entry(
    'Obuchowski (1997) test for clustered correlated ROC curves',
    'Obuchowski',
    ['obuchowski1997'],
    { clustered: true },
  ),
  'delong-unpaired': entry('DeLong test for two uncorrelated ROC curves (Welch t)', 'DeLong', ['delong1988']),
  'mcnemar-exact': entry('McNemar exact (binomial) test', 'McNemar exact', ['mcnemar1947']),
  'mcnemar-midp': entry('McNemar mid-p test (Fagerland et al. 2013)', 'McNemar mid-p', [
    'mcnemar1947',
    'fagerland2013',
  ]),
  'mcnemar-chisq': entry('McNemar chi-squared test', 'McNemar χ²', ['mcnemar1947']),
  'mcnemar-chisq-cc': entry('McNemar chi-squared test with continuity correction', 'McNemar χ² (corrected)', [
    'mcnemar1947',
  ]),
  'mcnemar-clustered': entry(
    'cluster-adjusted McNemar test (Obuchowski 1998)',
    'cluster-adjusted McNemar',
    ['obuchowski1998'],
    { clustered: true },
  ),
  'newcombe-paired': entry(newcombe, newcombe, ['newcombe1998']),
  'tango-paired': entry(
    'Tango score interval for paired proportions',
    'Tango score interval for paired proportions',
    ['tango1998'],
  ),
  'wald-cluster-adjusted': entry(clusterWald, clusterWald, ['obuchowski1998'], { clustered: true }),
  'score-test-ppv': entry(
    'Weighted generalized score test of equal positive predictive values (Kosinski 2013)',
    'score test',
    ['kosinski2013'],
  ),
  'score-test-npv': entry(
    'Weighted generalized score test of equal negative predictive values (Kosinski 2013)',
    'score test',
    ['kosinski2013'],
  ),
  'difference-only': entry('difference only (the paired bootstrap gives its interval and test)', 'bootstrap'),
  wald: entry('Wald (estimate ± z·SE)', 'Wald (estimate ± z·SE)', ['cox1958', 'vancalster2016']),
  'oe-log-normal': entry(oeLogNormal, oeLogNormal, ['debray2017']),
  spiegelhalter: entry('Spiegelhalter (1986) z test', 'Spiegelhalter', ['spiegelhalter1986']),
  loess: entry(loess, loess, ['cleveland1979', 'austin2019']),
  'loess-direct': entry(loessDirect, loessDirect, ['cleveland1979', 'austin2019']),
  'bootstrap-percentile': bootstrap('bootstrap percentile interval'),
  'bootstrap-bca': bootstrap('bootstrap BCa interval', ['efron1993', 'efron1987']),
  'bootstrap-bca-fallback': bootstrap('bootstrap percentile interval (BCa not defined here)'),
  'bootstrap-percentile-rederived': bootstrap(
    'bootstrap percentile interval, thresholds re-chosen in each replicate',
  ),
  'bootstrap-bca-rederived': bootstrap('bootstrap BCa interval, thresholds re-chosen in each replicate', [
    'efron1993',
    'efron1987',
  ]),
  'bootstrap-bayes': bootstrap('bootstrap percentile interval, by Bayes from sensitivity and specificity'),
  'paired-bootstrap-test': bootstrap('paired bootstrap; p by inverting the percentile interval'),
  'paired-bootstrap-test-fixed-thresholds': bootstrap(
    'paired bootstrap, thresholds fixed; p by inverting the percentile interval',
  ),
  'or-random-readers': entry(
    'Obuchowski–Rockette, random readers and cases, Hillis (2007) denominator df',
    'ORH random readers',
    ['obuchowski1995', 'hillis2007', 'smith2023'],
  ),
  'or-fixed-readers': entry(
    'Obuchowski–Rockette, fixed readers, random cases (normal, χ² test)',
    'ORH fixed readers',
    ['obuchowski1995', 'hillis2008', 'smith2023'],
  ),
  'or-fixed-cases': entry(
    'Obuchowski–Rockette, fixed cases, random readers (t and F on (T − 1)(R − 1) df)',
    'ORH fixed cases',
    ['obuchowski1995', 'hillis2008', 'smith2023'],
  ),
  'or-reader-fixed': entry('normal interval, this reader fixed', 'one reader, fixed', ['smith2023']),
  'or-model-versus-readers': entry(
    'model − readers: single-modality Obuchowski–Rockette analysis of the differences, Hillis (2007) df (RJafroc 1T-RRRC)',
    'model vs readers (1T-RRRC)',
    ['hillis2007', 'chakraborty2017'],
  ),
  'reader-jackknife-covariance': entry('case jackknife', 'jackknife', ['efron1982', 'smith2023']),
  'reader-delong-covariance': entry('DeLong', 'DeLong', ['delong1988', 'smith2023']),
};

/** The prose of a method without parameters (every method but the bootstrap's). */
export function methodName(id: MethodId): string {
  return METHODS[id].name;
}

/** A short name of a method, for table cells and running text. */
export function methodShortName(id: MethodId): string {
  return METHODS[id].shortName;
}

/** `method` and `methodId` of an interval or test, the prose from the registry. */
export function described(id: MethodId): { method: string; methodId: MethodId } {
  return { method: METHODS[id].name, methodId: id };
}

/** How the bootstrap resampled: what its prose calls it. */
export interface BootstrapDesign {
  interval: 'percentile' | 'bca';
  stratified: boolean;
  clustered: boolean;
  replicates: number;
}

/**
 * The prose of a bootstrap interval, e.g. "stratified bootstrap percentile interval (2000
 * replicates)": the design, the kind of interval and the number of replicates.
 */
export function bootstrapIntervalText(
  design: BootstrapDesign,
  kind: 'percentile' | 'bca' = design.interval,
): string {
  const resampling = design.clustered
    ? 'cluster bootstrap'
    : design.stratified
      ? 'stratified bootstrap'
      : 'bootstrap';
  return `${resampling} ${kind === 'bca' ? 'BCa' : 'percentile'} interval (${design.replicates} replicates)`;
}

/** `method` and `methodId` of each bootstrap interval and test of one design. */
export function bootstrapMethods(design: BootstrapDesign) {
  const text = bootstrapIntervalText(design);
  const percentile = bootstrapIntervalText(design, 'percentile');
  const bca = design.interval === 'bca';
  const of = (methodId: MethodId, method: string) => ({ method, methodId });
  return {
    interval: of(bca ? 'bootstrap-bca' : 'bootstrap-percentile', text),
    /** BCa asked for but not defined for this statistic: the percentile interval instead. */
    fallback: of('bootstrap-bca-fallback', `${percentile} (BCa not defined here)`),
    rederived: of(
      bca ? 'bootstrap-bca-rederived' : 'bootstrap-percentile-rederived',
      `${text}, thresholds re-chosen in each replicate`,
    ),
    bayes: of('bootstrap-bayes', `${percentile}, by Bayes from sensitivity and specificity`),
    pairedTest: of('paired-bootstrap-test', `paired ${text}; p by inverting the percentile interval`),
    pairedTestFixedThresholds: of(
      'paired-bootstrap-test-fixed-thresholds',
      `paired ${text}, thresholds fixed; p by inverting the percentile interval`,
    ),
  } as const;
}

/** Every method id anywhere in `value` (a results object or a part of one). */
export function methodIdsIn(value: unknown, into: Set<MethodId> = new Set()): Set<MethodId> {
  if (Array.isArray(value)) {
    for (const item of value) methodIdsIn(item, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'methodId' && typeof item === 'string') into.add(item as MethodId);
      else if (typeof item === 'object') methodIdsIn(item, into);
    }
  }
  return into;
}

/**
 * `value` with its method key (a `MethodId`, as the statistics return it) replaced by the
 * method's prose and followed by its id: `{ …, method: 'mcnemar-exact' }` becomes
 * `{ …, method: 'McNemar exact (binomial) test', methodId: 'mcnemar-exact' }`.
 */
export function withMethodName<T extends { method: MethodId }>(
  value: T,
): Omit<T, 'method'> & { method: string; methodId: MethodId } {
  // rebuilt key by key, so that methodId stands beside method in results.json
  const named: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key !== 'method') named[key] = item;
    else Object.assign(named, described(value.method));
  }
  return named as Omit<T, 'method'> & { method: string; methodId: MethodId };
}
