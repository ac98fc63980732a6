// Benchmark (on demand: `npm run build && node bench/subgroups.mjs`): grouping a subgroup
// column's rows by value, the way dxreport did before (one scan of every row per value) and
// now (one pass), timed in the same process; then the whole subgroup analysis at 100,000 rows
// and 50,000 values (above the study limit of 200 values, called directly). Times on a loaded
// machine are noisy: compare the ratio.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { rowsByValue, subgroupResults } from '../dist/evaluate/subsets.js';

const ROWS = 100_000;

function rescanEveryRow(values) {
  const groups = [];
  for (const value of [...new Set(values)].sort()) {
    const indices = [];
    values.forEach((v, i) => {
      if (v === value) indices.push(i);
    });
    groups.push([value, indices]);
  }
  return groups;
}

function time(f) {
  const start = performance.now();
  const out = f();
  return { ms: performance.now() - start, out };
}

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
for (const distinct of [500, 5_000]) {
  const values = Array.from({ length: ROWS }, (_, i) => `v${(i * 7919) % distinct}`);
  const before = time(() => rescanEveryRow(values));
  const after = time(() => rowsByValue(values));
  console.log(
    `${ROWS} rows, ${distinct} values: rescan ${before.ms.toFixed(0)} ms, one pass ${after.ms.toFixed(1)} ms (${(before.ms / after.ms).toFixed(0)}×)`,
  );
}

const values = Array.from({ length: ROWS }, (_, i) => `v${(i * 7919) % 50_000}`);
const labels = Uint8Array.from({ length: ROWS }, (_, i) => i % 3 === 0);
const scores = [Float64Array.from({ length: ROWS }, (_, i) => ((i * 2654435761) % 1000) / 1000)];
const warnings = { add() {} };
const whole = time(() =>
  subgroupResults(
    new Map([['site', values]]),
    { labels, scores, clusters: null },
    ['m'],
    [{ id: 'p', threshold: 0.5 }],
    [[0.5]],
    { level: 0.95, method: 'wilson', auc: 'delong' },
    warnings,
  ),
);
const memory = process.memoryUsage().rss / 2 ** 20;
console.log(
  `subgroup analysis, ${ROWS} rows × 50,000 values: ${(whole.ms / 1000).toFixed(1)} s, ${whole.out.length} groups, rss ${memory.toFixed(0)} MB`,
);
