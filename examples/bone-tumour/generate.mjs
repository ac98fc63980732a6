// Generates the SYNTHETIC demo data of examples/bone-tumour/. These are NOT the study's data.
//
// Two correlated detector scores (YOLO-TL, YOLO-SC) on a test set of 268 malignant and 475 normal
// knee radiographs (predictions.csv), plus a synthetic validation set (validation.csv) on which
// the operating-point thresholds are chosen. The data are built so that dxreport's report
// reproduces the operating-point counts published by Hasei et al. (Cancers 2025;17:3144) exactly.
// See README.md for what matches and what does not.
//
// Seeded (MT19937), so both CSVs are the same on every run:  node examples/bone-tumour/generate.mjs
//
// Why a validation set: the published YOLO-TL numbers cannot all come from thresholds chosen on
// the test set itself. Its high-sensitivity point has specificity 0.903 (TN 429), so the lowest
// threshold with specificity >= 0.90 would be at or below it, with sensitivity >= 0.903, but the
// published high-specificity sensitivity is 0.798. With thresholds chosen on another set
// (`thresholdsFrom`), every published count can hold at once.
//
// Construction
// 1. Validation set: plain draws from a binormal model (latent N(0, 1) for normal cases,
//    N(mu, sigma) for malignant ones, correlated between the models; probability
//    expit(slope * z + intercept)). Each model's three thresholds are chosen on it by dxreport's
//    rules (copied below). The published test counts need YOLO-TL's Youden threshold below its
//    high-sensitivity threshold, and YOLO-SC's Youden threshold between its high-sensitivity and
//    high-specificity thresholds. Seeds are tried in turn from `validation.seed` until one
//    gives that order.
// 2. Test set, discrete part: a model's three thresholds cut its score axis into four bands.
//    Each test case gets a band for each model from the tables POSITIVE_BANDS and
//    NEGATIVE_BANDS. These tables fix every published count and every discordant pair of the
//    paired tests.
// 3. Test set, continuous part: for each model and class, the logit of the score follows a
//    mixture of normals (`test` below). A case's two scores are drawn from those distributions
//    truncated to its two bands, by inverse CDF, with the positions inside the bands correlated
//    through a Gaussian copula (`test.rho`). Scores are rounded to 4 decimals. A case is redrawn
//    if rounding moves a score out of its band or gives a score that model already has, so all
//    scores of a model are distinct. The mixtures were tuned offline so that the AUCs, the
//    paired DeLong p-value and the mass each distribution puts in each band come close to the
//    targets. The last point keeps the truncated densities nearly continuous across the
//    thresholds.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mt19937 from '@stdlib/random-base-mt19937';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

export const PARAMETERS = {
  validation: {
    seed: 1,
    positives: 134,
    negatives: 238,
    models: {
      tl: { mu: 2.45, sigma: 1.25, slope: 1.5, intercept: -2.4 },
      sc: { mu: 2.45, sigma: 1.05, slope: 1.6, intercept: -2.6 },
    },
    rho: { positive: 0.55, negative: 0.35 },
  },
  // logit(score) ~ mixture of normals, per model and class
  test: {
    seed: 20250927,
    tl: {
      negative: [{ weight: 1, mean: -2.4403, sd: 1.4049 }],
      positive: [
        { weight: 0.6398, mean: 1.4022, sd: 1.6161 },
        { weight: 0.3602, mean: -0.5143, sd: 0.3779 },
      ],
    },
    sc: {
      negative: [{ weight: 1, mean: -2.7289, sd: 1.5863 }],
      positive: [
        { weight: 0.824, mean: 3.0537, sd: 1.9068 },
        { weight: 0.176, mean: -0.7847, sd: 0.3382 },
      ],
    },
    rho: { positive: 0.3, negative: 0.9 },
  },
};

// Test-set bands (s = score):
//   YOLO-TL  0: s < youden            1: youden <= s < highSens   2: highSens <= s < highSpec   3: s >= highSpec
//   YOLO-SC  0: s < highSens          1: highSens <= s < youden   2: youden <= s < highSpec     3: s >= highSpec
// [TL band, SC band, number of cases]
export const POSITIVE_BANDS = [
  [0, 0, 20],
  [0, 1, 3],
  [1, 2, 3],
  [2, 0, 5],
  [2, 2, 23],
  [3, 0, 1],
  [3, 2, 8],
  [3, 3, 205],
];
export const NEGATIVE_BANDS = [
  [0, 0, 389],
  [0, 3, 36],
  [1, 0, 2],
  [1, 1, 2],
  [3, 0, 21],
  [3, 1, 5],
  [3, 2, 10],
  [3, 3, 10],
];
// Resulting test counts (TP of 268, TN of 475) and discordant pairs (b: correct by TL only,
// c: correct by SC only):
//   high-sensitivity  TL 242, 429   SC 242, 412   positives b = c = 6;  negatives b = 38, c = 21
//   high-specificity  TL 214, 429   SC 205, 429   positives b = 9, c = 0; negatives b = c = 36
//   Youden            TL 245, 425   SC 239, 419   positives b = 6, c = 0; negatives b = 36, c = 30
export const EXPECTED_COUNTS = {
  tl: { 'high-sensitivity': [242, 429], 'high-specificity': [214, 429], youden: [245, 425] },
  sc: { 'high-sensitivity': [242, 412], 'high-specificity': [205, 429], youden: [239, 419] },
};

const POSITIVES = 268;
const NEGATIVES = 475;

const expit = (x) => 1 / (1 + Math.exp(-x));
const logit = (p) => Math.log(p / (1 - p));
const round4 = (x) => Math.round(x * 1e4) / 1e4;

function generator(seed) {
  const random = mt19937.factory({ seed });
  const uniform = () => random.normalized();
  // Box–Muller standard normal
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

// ---- dxreport's threshold rules (src/statistics/thresholdSelection.ts), for the validation set
function rocCurve(scores, labels) {
  const values = [...new Set(scores)].sort((a, b) => a - b);
  const tp = new Array(values.length).fill(0);
  const fp = new Array(values.length).fill(0);
  const index = new Map(values.map((v, k) => [v, k]));
  scores.forEach((s, i) => (labels[i] === 1 ? tp : fp)[index.get(s)]++);
  for (let k = values.length - 2; k >= 0; k--) {
    tp[k] += tp[k + 1];
    fp[k] += fp[k + 1];
  }
  return { values, tp, fp, positives: tp[0], negatives: fp[0] };
}

export function chooseThresholds(scores, labels) {
  const { values, tp, fp, positives, negatives } = rocCurve(scores, labels);
  // minSensitivity 0.90: the highest threshold with sensitivity >= 0.90
  let highSensitivity = values[0];
  for (let k = values.length - 1; k >= 0; k--) {
    if (tp[k] / positives >= 0.9) {
      highSensitivity = values[k];
      break;
    }
  }
  // minSpecificity 0.90: the lowest threshold with specificity >= 0.90
  let highSpecificity = Number.POSITIVE_INFINITY;
  for (let k = 0; k < values.length; k++) {
    if ((negatives - fp[k]) / negatives >= 0.9) {
      highSpecificity = values[k];
      break;
    }
  }
  // youden: maximal tp·n − fp·m, ties to the highest threshold
  let best = Number.NEGATIVE_INFINITY;
  let youden = values[0];
  for (let k = 0; k < values.length; k++) {
    const scaledJ = tp[k] * negatives - fp[k] * positives;
    if (scaledJ >= best) {
      best = scaledJ;
      youden = values[k];
    }
  }
  return { highSensitivity, highSpecificity, youden };
}

// ---- validation set: plain draws from the binormal model
function validationSet(seed, settings) {
  const { normal } = generator(seed);
  const rows = [];
  const used = { tl: new Set(), sc: new Set() };
  for (let i = 0; i < settings.positives + settings.negatives; i++) {
    const malignant = i < settings.positives ? 1 : 0;
    const rho = malignant ? settings.rho.positive : settings.rho.negative;
    const shared = normal();
    const row = { malignant };
    for (const id of ['tl', 'sc']) {
      const m = settings.models[id];
      const e = id === 'tl' ? shared : rho * shared + Math.sqrt(1 - rho * rho) * normal();
      const z = malignant ? m.mu + m.sigma * e : e;
      let p = round4(expit(m.slope * z + m.intercept));
      // keep the scores of one model distinct (nudge by 0.0001), so no threshold is a tie
      while (used[id].has(p)) p = round4(p + (p < 0.5 ? 1e-4 : -1e-4));
      used[id].add(p);
      row[id] = p;
    }
    rows.push(row);
  }
  return rows;
}

function thresholdsInOrder(t) {
  return (
    t.tl.youden < t.tl.highSensitivity &&
    t.tl.highSensitivity < t.tl.highSpecificity &&
    t.sc.highSensitivity < t.sc.youden &&
    t.sc.youden < t.sc.highSpecificity
  );
}

// ---- mixtures of normals on the logit scale: [{ weight, mean, sd }, ...]
export function mixtureCdf(components, x) {
  return components.reduce((sum, c) => sum + c.weight * normalCdf(x, c.mean, c.sd), 0);
}

function mixtureQuantile(components, u) {
  let lo = -30;
  let hi = 30;
  for (let k = 0; k < 80; k++) {
    const mid = (lo + hi) / 2;
    if (mixtureCdf(components, mid) < u) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export function bandEdges(thresholds) {
  const t = thresholds;
  return {
    tl: [0, t.tl.youden, t.tl.highSensitivity, t.tl.highSpecificity, 1],
    sc: [0, t.sc.highSensitivity, t.sc.youden, t.sc.highSpecificity, 1],
  };
}

// ---- test set: the band of every case first, then its scores within the bands
function testSet(thresholds, settings, positiveBands, negativeBands) {
  const { uniform, normal } = generator(settings.seed);
  const edges = bandEdges(thresholds);
  const cases = [];
  for (const [malignant, table] of [
    [1, positiveBands],
    [0, negativeBands],
  ]) {
    for (const [tlBand, scBand, count] of table) {
      for (let j = 0; j < count; j++) cases.push({ malignant, band: { tl: tlBand, sc: scBand } });
    }
  }
  const used = { tl: new Set(), sc: new Set() };
  for (const c of cases) {
    const rho = c.malignant ? settings.rho.positive : settings.rho.negative;
    for (let attempt = 0; ; attempt++) {
      if (attempt > 1000) throw new Error('could not place a score in its band');
      const shared = normal();
      const draws = {};
      let ok = true;
      for (const id of ['tl', 'sc']) {
        const distribution = settings[id][c.malignant ? 'positive' : 'negative'];
        const lower = edges[id][c.band[id]];
        const upper = edges[id][c.band[id] + 1];
        // the band [lower, upper) of the score → an interval of the logit → of the CDF
        const fLow = c.band[id] === 0 ? 0 : mixtureCdf(distribution, logit(lower));
        const fHigh = c.band[id] === 3 ? 1 : mixtureCdf(distribution, logit(upper));
        const e = id === 'tl' ? shared : rho * shared + Math.sqrt(1 - rho * rho) * normal();
        const u = fLow + normalCdf(e, 0, 1) * (fHigh - fLow);
        const p = round4(expit(mixtureQuantile(distribution, u)));
        const inBand = p >= lower && (c.band[id] === 3 || p < upper);
        if (!inBand || p <= 0 || p >= 1 || used[id].has(p)) ok = false;
        draws[id] = p;
      }
      if (ok) {
        Object.assign(c, draws);
        used.tl.add(c.tl);
        used.sc.add(c.sc);
        break;
      }
    }
  }
  // shuffle the case order (Fisher–Yates)
  for (let i = cases.length - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    [cases[i], cases[j]] = [cases[j], cases[i]];
  }
  return cases;
}

/** Test-set counts [TP, TN] at the validation thresholds, checked against EXPECTED_COUNTS. */
function checkCounts(test, thresholds) {
  const names = {
    highSensitivity: 'high-sensitivity',
    highSpecificity: 'high-specificity',
    youden: 'youden',
  };
  for (const id of ['tl', 'sc']) {
    for (const [rule, name] of Object.entries(names)) {
      const t = thresholds[id][rule];
      const tp = test.filter((r) => r.malignant === 1 && r[id] >= t).length;
      const tn = test.filter((r) => r.malignant === 0 && r[id] < t).length;
      const [expectedTp, expectedTn] = EXPECTED_COUNTS[id][name];
      if (tp !== expectedTp || tn !== expectedTn)
        throw new Error(`${id} ${name}: TP ${tp}, TN ${tn}; expected ${expectedTp}, ${expectedTn}`);
    }
  }
}

export function build(parameters = PARAMETERS, bands = {}) {
  const positiveBands = bands.positive ?? POSITIVE_BANDS;
  const negativeBands = bands.negative ?? NEGATIVE_BANDS;
  const start = parameters.validation.seed;
  for (let seed = start; seed < start + 1000; seed++) {
    const validation = validationSet(seed, parameters.validation);
    const labels = validation.map((r) => r.malignant);
    const thresholds = {
      tl: chooseThresholds(
        validation.map((r) => r.tl),
        labels,
      ),
      sc: chooseThresholds(
        validation.map((r) => r.sc),
        labels,
      ),
    };
    if (!thresholdsInOrder(thresholds)) continue;
    const test = testSet(thresholds, parameters.test, positiveBands, negativeBands);
    if (test.length !== POSITIVES + NEGATIVES) throw new Error('the band tables must hold 268 + 475 cases');
    if (!bands.positive && !bands.negative) checkCounts(test, thresholds);
    return { validationSeed: seed, validation, thresholds, test };
  }
  throw new Error('no validation draw puts the thresholds in the published order');
}

function csv(rows, prefix) {
  const lines = ['case_id,malignant,tl_score,sc_score'];
  rows.forEach((r, i) => {
    lines.push(
      `${prefix}${String(i + 1).padStart(4, '0')},${r.malignant},${r.tl.toFixed(4)},${r.sc.toFixed(4)}`,
    );
  });
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { validationSeed, validation, thresholds, test } = build();
  writeFileSync(new URL('./predictions.csv', import.meta.url), csv(test, 'KR'));
  writeFileSync(new URL('./validation.csv', import.meta.url), csv(validation, 'KV'));
  console.log(`validation seed ${validationSeed}; thresholds ${JSON.stringify(thresholds)}`);
  console.log(`wrote ${test.length} test cases to examples/bone-tumour/predictions.csv`);
  console.log(`wrote ${validation.length} validation cases to examples/bone-tumour/validation.csv`);
}
