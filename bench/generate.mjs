// Writes a synthetic two-model study of n cases for the scale benchmark:
//   node bench/generate.mjs <n> <dir>   →   <dir>/predictions.csv, <dir>/study.yaml
// Deterministic (a 32-bit linear congruential generator): the same n gives the same bytes.
// Columns case_id, y, model_a, model_b: prevalence 20 %, two correlated probability models
// (a latent normal risk plus model-specific noise through a logistic link), 6 decimals.
// The study: three operating points, all comparisons, calibration and decision curves on,
// bootstrap off (replicates from the third argument, default 0).
import { mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import path from 'node:path';

const n = Number(process.argv[2]);
const dir = process.argv[3];
const replicates = Number(process.argv[4] ?? 0);
if (!(n > 0) || !dir) {
  console.error('usage: node bench/generate.mjs <cases> <dir> [replicates]');
  process.exit(1);
}
mkdirSync(dir, { recursive: true });

let state = 20240611;
const uniform = () => {
  state = (69069 * state + 1) % 4294967296;
  return (state + 0.5) / 4294967296;
};
// Box–Muller from two uniforms
const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
const logistic = (z) => 1 / (1 + Math.exp(-z));

const out = createWriteStream(path.join(dir, 'predictions.csv'));
out.write('case_id,y,model_a,model_b\n');
let chunk = '';
for (let i = 0; i < n; i++) {
  const y = uniform() < 0.2 ? 1 : 0;
  const latent = normal() + (y ? 1.2 : 0);
  const a = logistic(-1.9 + 0.9 * latent + 0.5 * normal());
  const b = logistic(-1.7 + 0.7 * latent + 0.7 * normal());
  chunk += `C${i + 1},${y},${a.toFixed(6)},${b.toFixed(6)}\n`;
  if (chunk.length > 1 << 16) {
    out.write(chunk);
    chunk = '';
  }
}
out.end(chunk);
writeFileSync(
  path.join(dir, 'study.yaml'),
  `title: Scale benchmark, ${n} cases
data: predictions.csv
id: case_id
outcome: { column: y, positive: 1 }
models:
  - { id: a, score: model_a }
  - { id: b, score: model_b }
comparisons: all
operatingPoints:
  - { id: high-sensitivity, minSensitivity: 0.90 }
  - { id: high-specificity, minSpecificity: 0.90 }
  - { id: fixed, threshold: 0.5 }
bootstrap: { replicates: ${replicates}, seed: 1 }
`,
);
