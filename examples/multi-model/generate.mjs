// Generates the SYNTHETIC data of examples/multi-model/: three pneumothorax detectors on a chest
// radiograph test set from three sites, plus a validation set on which the data-driven
// thresholds are chosen. These are not real data; they exist to show every section of the
// supplement (three models, all comparisons, subgroups, validation-set thresholds, a target
// prevalence).
//
// Binormal model: a latent N(0, 1) for negatives and N(mu, sigma) for positives, correlated
// between the models (rho), mapped to a probability by expit(slope * z + intercept) and rounded
// to 4 decimals. Seeded (MT19937), so the CSVs are the same on every run:
//   node examples/multi-model/generate.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mt19937 from '@stdlib/random-base-mt19937';

const here = path.dirname(fileURLToPath(import.meta.url));
const random = mt19937.factory({ seed: 20261206 });
const uniform = () => (random() + 0.5) / 4294967296;
const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());

const MODELS = {
  densenet: { mu: 2.1, sigma: 1.1, slope: 1.3, intercept: -2.6 },
  vit: { mu: 2.4, sigma: 1.2, slope: 1.1, intercept: -2.2 },
  ensemble: { mu: 2.6, sigma: 1.0, slope: 1.6, intercept: -3.0 },
};
const SITES = [
  { site: 'North', weight: 0.45, prevalence: 0.22, shift: 0.0 },
  { site: 'Central', weight: 0.35, prevalence: 0.16, shift: -0.25 },
  { site: 'South', weight: 0.2, prevalence: 0.28, shift: 0.3 },
];
const RHO = 0.6;

function draw(n, prefix) {
  const rows = [];
  for (let i = 0; i < n; i++) {
    let u = uniform();
    const site = SITES.find((s) => (u -= s.weight) < 0) ?? SITES[SITES.length - 1];
    const positive = uniform() < site.prevalence ? 1 : 0;
    const sex = uniform() < 0.52 ? 'F' : 'M';
    const shared = normal();
    const row = {
      case_id: `${prefix}${String(i + 1).padStart(5, '0')}`,
      pneumothorax: positive,
      site: site.site,
      sex,
    };
    for (const [id, m] of Object.entries(MODELS)) {
      const noise = Math.sqrt(RHO) * shared + Math.sqrt(1 - RHO) * normal();
      const z = positive ? m.mu + site.shift + m.sigma * noise : noise;
      const p = 1 / (1 + Math.exp(-(m.slope * z + m.intercept)));
      row[`${id}_prob`] = Math.min(0.9999, Math.max(0.0001, p)).toFixed(4);
    }
    rows.push(row);
  }
  return rows;
}

function write(file, rows) {
  const columns = Object.keys(rows[0]);
  const text = [columns.join(','), ...rows.map((r) => columns.map((c) => r[c]).join(','))].join('\n') + '\n';
  writeFileSync(path.join(here, file), text);
}

write('test.csv', draw(1500, 'T'));
write('validation.csv', draw(600, 'V'));
