// Generates the SYNTHETIC demo data set: two correlated detector scores on 268 malignant
// and 475 normal knee radiographs, the design of Hasei et al. (Cancers 2025;17:3144).
// Seeded (MT19937), so the CSV is the same on every run:  node examples/bone-tumour/generate.mjs
import { writeFileSync } from 'node:fs';
import mt19937 from '@stdlib/random-base-mt19937';

const random = mt19937.factory({ seed: 20250928 });
const uniform = () => random.normalized();
// Box–Muller standard normal
const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());

const POSITIVES = 268;
const NEGATIVES = 475;
const CORRELATION = 0.75;
const SEPARATION = { tl: 2.35, sc: 2.45 };
const expit = (x) => 1 / (1 + Math.exp(-x));

const rows = ['case_id,malignant,tl_score,sc_score'];
for (let i = 0; i < POSITIVES + NEGATIVES; i++) {
  const malignant = i < POSITIVES ? 1 : 0;
  const shared = normal();
  const own1 = normal();
  const own2 = normal();
  const z1 = Math.sqrt(CORRELATION) * shared + Math.sqrt(1 - CORRELATION) * own1;
  const z2 = Math.sqrt(CORRELATION) * shared + Math.sqrt(1 - CORRELATION) * own2;
  const tl = expit(1.6 * (z1 + malignant * SEPARATION.tl) - 2.6);
  const sc = expit(1.5 * (z2 + malignant * SEPARATION.sc) - 2.7);
  const id = `KR${String(i + 1).padStart(4, '0')}`;
  rows.push(`${id},${malignant},${tl.toFixed(4)},${sc.toFixed(4)}`);
}
writeFileSync(new URL('./predictions.csv', import.meta.url), `${rows.join('\n')}\n`);
console.log(`wrote ${rows.length - 1} cases to examples/bone-tumour/predictions.csv`);
