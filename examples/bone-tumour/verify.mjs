// Checks that dxreport's evaluation of the SYNTHETIC bone-tumour example reproduces the counts
// published by Hasei et al. (Cancers 2025;17:3144): TP and TN of both models at the three
// operating points, and the discordant pairs behind the paired McNemar tests.
// It also checks that the AUCs lie within ±0.003 of the published values.
// Needs a build (npm run build). Run from the repository root:
//   node examples/bone-tumour/verify.mjs
// Exit status 1 if anything is off.
import { fileURLToPath } from 'node:url';
import { loadStudy, evaluate } from '../../dist/index.js';

const POINTS = ['high-sensitivity', 'high-specificity', 'youden'];
// published counts: [TP of 268, TN of 475]
const COUNTS = {
  tl: { 'high-sensitivity': [242, 429], 'high-specificity': [214, 429], youden: [245, 425] },
  sc: { 'high-sensitivity': [242, 412], 'high-specificity': [205, 429], youden: [239, 419] },
};
// discordant pairs (b: correct by YOLO-TL only, c: correct by YOLO-SC only), chosen so that the
// continuity-corrected McNemar test gives the published p-values (see README.md)
const DISCORDANT = {
  'high-sensitivity': { sensitivity: [6, 6], specificity: [38, 21] },
  'high-specificity': { sensitivity: [9, 0], specificity: [36, 36] },
  youden: { sensitivity: [6, 0], specificity: [36, 30] },
};
const AUC = { tl: 0.954, sc: 0.961 };
const AUC_TOLERANCE = 0.003;

const results = evaluate(loadStudy(fileURLToPath(new URL('./study.yaml', import.meta.url))));
const failures = [];
const check = (what, actual, expected) => {
  const ok = actual === expected;
  if (!ok) failures.push(`${what}: ${actual}, expected ${expected}`);
  return ok ? 'ok' : 'OFF';
};
const f4 = (x) => (x === null || x === undefined ? '—' : x.toFixed(4));
const fp = (x) => (x === null || x === undefined ? '—' : x < 0.001 ? x.toExponential(1) : x.toPrecision(2));

console.log(results.title);
console.log('');
console.log('model  operating point     threshold   TP/268  TN/475  sensitivity  specificity  PPV    check');
for (const model of results.models) {
  for (const id of POINTS) {
    const point = model.operatingPoints.find((p) => p.id === id);
    const [tp, tn] = COUNTS[model.id][id];
    const status = [
      check(`${model.id} ${id} TP`, point.counts.tp, tp),
      check(`${model.id} ${id} TN`, point.counts.tn, tn),
    ];
    console.log(
      [
        model.id.padEnd(6),
        id.padEnd(19),
        String(point.threshold).padEnd(11),
        String(point.counts.tp).padEnd(7),
        String(point.counts.tn).padEnd(7),
        f4(point.sensitivity.estimate).padEnd(12),
        f4(point.specificity.estimate).padEnd(12),
        f4(point.ppv.estimate).padEnd(6),
        status.includes('OFF') ? 'OFF' : 'ok',
      ].join(' '),
    );
  }
}

const comparison = results.comparisons[0];
console.log('');
console.log(`TL − SC, McNemar: ${results.settings.mcnemar}`);
console.log('operating point     measure      b    c    difference  p        check');
for (const id of POINTS) {
  const point = comparison.operatingPoints.find((p) => p.id === id);
  for (const measure of ['sensitivity', 'specificity']) {
    const test = point[measure];
    const [b, c] = DISCORDANT[id][measure];
    const status = [
      check(`${id} ${measure} b`, test.discordant.b, b),
      check(`${id} ${measure} c`, test.discordant.c, c),
    ];
    console.log(
      [
        id.padEnd(19),
        measure.padEnd(12),
        String(test.discordant.b).padEnd(4),
        String(test.discordant.c).padEnd(4),
        f4(test.difference).padEnd(11),
        fp(test.p).padEnd(8),
        status.includes('OFF') ? 'OFF' : 'ok',
      ].join(' '),
    );
  }
  console.log(
    `${id.padEnd(19)} PPV          difference ${f4(point.ppv.difference)}, bootstrap p ${fp(point.ppv.p)}` +
      (point.ppv.scoreTest ? `, score test p ${fp(point.ppv.scoreTest.p)}` : ''),
  );
}

console.log('');
for (const model of results.models) {
  const auc = model.auc.estimate;
  const ok = Math.abs(auc - AUC[model.id]) <= AUC_TOLERANCE;
  if (!ok)
    failures.push(`${model.id} AUC ${auc.toFixed(4)} is not within ±${AUC_TOLERANCE} of ${AUC[model.id]}`);
  console.log(`AUC ${model.id} ${auc.toFixed(4)} (published ${AUC[model.id]}) ${ok ? 'ok' : 'OFF'}`);
}
console.log(
  `paired DeLong: difference ${comparison.auc.difference.toFixed(4)}, p ${fp(comparison.auc.p)} (published 0.53)`,
);

if (failures.length > 0) {
  console.error(`\n${failures.length} check(s) failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('\nall counts as published');
