// Generates the SYNTHETIC reader study of examples/reader-study/: six readers rate 200 screening
// cases (80 malignant) on a 1–5 scale, first unaided and then with an AI's output, and the AI's
// own probability for each case is the standalone model. These are simulated data, not a study.
//
// Model: Roe & Metz (1997), "Dorfman–Berbaum–Metz method for statistical analysis of multireader,
// multimodality receiver operating characteristic data: validation with computer simulation",
// Acad Radiol 4:298–303. The latent decision variable of reader r, case k, modality t is
//   X = mu_t·D_k + R_r + C_k + (TR)_tr + (TC)_tk + (RC)_rk + E_trk,
// every term an independent normal with mean 0 and the variances below (their "low reader
// variability, high data correlation" structure, the four case terms summing to 1), D_k = 1 for
// a malignant case. mu is 1.4 unaided and 1.8 with AI (population AUCs ≈ 0.84 and 0.90).
// Each reader turns X into a rating 1–5 at the cut points CUTS shifted by the reader's own
// offset (some readers call more cases positive than others). The AI's score is
// expit(1.2·(1.5·D_k + 0.5·C_k + N(0, 0.9²)) − 1.5), rounded to 4 decimals.
//
// Seeded (MT19937), so both CSVs are the same on every run:  node examples/reader-study/generate.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mt19937 from '@stdlib/random-base-mt19937';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SEED = 19970601;
const POSITIVES = 80;
const NEGATIVES = 120;
const READERS = 6;
const MODALITIES = [
  { id: 'unaided', mu: 1.4 },
  { id: 'AI-assisted', mu: 1.8 },
];
const VARIANCE = {
  reader: 0.0055,
  modalityReader: 0.0055,
  case: 0.3,
  modalityCase: 0.3,
  readerCase: 0.2,
  error: 0.2,
};
const CUTS = [0.1, 0.6, 1.1, 1.6];

const random = mt19937.factory({ seed: SEED });
const uniform = () => random.normalized();
/** A standard normal draw (Box–Muller; the second value is not kept, so draws stay in order). */
function normal(sd = 1) {
  let u = uniform();
  while (u === 0) u = uniform();
  return sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
}
const draw = (n, variance) => Array.from({ length: n }, () => normal(Math.sqrt(variance)));

const n = POSITIVES + NEGATIVES;
const caseIds = Array.from({ length: n }, (_, k) => `case${String(k + 1).padStart(3, '0')}`);
const truth = caseIds.map((_, k) => (k < POSITIVES ? 1 : 0));
const caseEffect = draw(n, VARIANCE.case);
const readerEffect = draw(READERS, VARIANCE.reader);
const readerOffset = draw(READERS, 0.25 ** 2);
const readerCase = Array.from({ length: READERS }, () => draw(n, VARIANCE.readerCase));

const reads = ['case_id,reader,modality,rating'];
for (const modality of MODALITIES) {
  const modalityReader = draw(READERS, VARIANCE.modalityReader);
  const modalityCase = draw(n, VARIANCE.modalityCase);
  for (let k = 0; k < n; k++) {
    for (let r = 0; r < READERS; r++) {
      const x =
        modality.mu * truth[k] +
        readerEffect[r] +
        caseEffect[k] +
        modalityReader[r] +
        modalityCase[k] +
        readerCase[r][k] +
        normal(Math.sqrt(VARIANCE.error));
      const rating = 1 + CUTS.filter((cut) => x > cut + readerOffset[r]).length;
      reads.push(`${caseIds[k]},reader${r + 1},${modality.id},${rating}`);
    }
  }
}

const expit = (v) => 1 / (1 + Math.exp(-v));
const cases = ['case_id,malignant,ai_probability'];
for (let k = 0; k < n; k++) {
  const latent = 1.5 * truth[k] + 0.5 * caseEffect[k] + normal(0.9);
  cases.push(`${caseIds[k]},${truth[k]},${expit(1.2 * latent - 1.5).toFixed(4)}`);
}

writeFileSync(path.join(HERE, 'cases.csv'), `${cases.join('\n')}\n`);
writeFileSync(path.join(HERE, 'reads.csv'), `${reads.join('\n')}\n`);
console.log(`wrote ${n} cases and ${reads.length - 1} reads to ${HERE}`);
