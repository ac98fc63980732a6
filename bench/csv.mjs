// CSV reader benchmark (run on demand: `npm run build && node bench/csv.mjs [rows]`).
// Reads a generated file of `rows` cases (default 10⁶) × 4 columns — case_id, outcome and two
// model scores with 6–17 significant digits, as pandas writes them — and times what the loader
// needs from it: the outcome and id columns as text, the two score columns as numbers in
// Float64Arrays. Each reader is given the same UTF-8 bytes already in memory (reading the file
// is the same for all). Medians of RUNS runs after a warm-up, one process, interleaved.
//
// Readers: dxreport's byte scanner (src/load/delimited.ts) and csv-parse as dxreport used it
// before (info + trim, the bundled dependency) and tuned (no info, no trim); d3-dsv, udsv and
// papaparse when installed (they are not dependencies):
//   npm install --prefix /tmp/csvbench d3-dsv@3.0.2 udsv@0.7.3 papaparse@5.7.1
//   CSV_BENCH_MODULES=/tmp/csvbench/node_modules node bench/csv.mjs
// Figures: bench/RESULTS-csv.md. Timings on a loaded machine are noisy; compare the ratios.
import { Buffer } from 'node:buffer';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse as csvParse } from 'csv-parse/sync';
import { delimitedSource } from '../dist/load/delimited.js';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 5);

/** Deterministic scores (a 32-bit LCG), printed like pandas' to_csv: shortest round-trip. */
function generate(rows) {
  let state = 12345;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const lines = ['case_id,outcome,model_a,model_b'];
  for (let i = 0; i < rows; i++) {
    const outcome = next() < 0.3 ? 1 : 0;
    const a = Math.min(1, Math.max(0, 0.35 * outcome + 0.65 * next()));
    const b = Number((0.3 * outcome + 0.7 * next()).toFixed(6));
    lines.push(`case-${i},${outcome},${a},${b}`);
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

const bytes = generate(ROWS);
const text = bytes.toString('utf8');

/** Columns 2 and 3 of string rows (header first) into Float64Arrays; checks the values. */
function fromRows(rows, skipHeader = true) {
  const n = rows.length - (skipHeader ? 1 : 0);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i + (skipHeader ? 1 : 0)];
    a[i] = Number(row[2]);
    b[i] = Number(row[3]);
  }
  return { n, a, b };
}

const readers = {
  'dxreport scanner': () => {
    const table = delimitedSource(bytes, 'bench.csv').read([0, 1, 2, 3]);
    const n = table.rows;
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    const ca = table.column(2);
    const cb = table.column(3);
    for (let i = 0; i < n; i++) {
      a[i] = ca.number(i, '.');
      b[i] = cb.number(i, '.');
    }
    return { n, a, b };
  },
  'csv-parse as before (info, trim)': () =>
    fromRows(
      csvParse(text, {
        bom: true,
        delimiter: ',',
        info: true,
        relax_column_count: true,
        skip_empty_lines: true,
        trim: true,
      }).map((r) => r.record),
    ),
  'csv-parse tuned': () => fromRows(csvParse(text, { delimiter: ',', skip_empty_lines: true })),
};

const modules = process.env.CSV_BENCH_MODULES;
if (modules) {
  const require = createRequire(path.join(modules, 'x.js'));
  try {
    const { csvParseRows } = require('d3-dsv');
    readers['d3-dsv csvParseRows'] = () => fromRows(csvParseRows(text));
  } catch {
    console.log('d3-dsv not installed');
  }
  try {
    const { inferSchema, initParser } = require('udsv');
    readers['udsv typedCols'] = () => {
      const schema = inferSchema(text);
      const parser = initParser(schema);
      const cols = parser.typedCols(text);
      return { n: cols[0].length, a: Float64Array.from(cols[2]), b: Float64Array.from(cols[3]) };
    };
  } catch {
    console.log('udsv not installed');
  }
  try {
    const Papa = require('papaparse');
    readers['papaparse fastMode'] = () =>
      fromRows(Papa.parse(text, { fastMode: true, skipEmptyLines: true }).data);
  } catch {
    console.log('papaparse not installed');
  }
}

const reference = readers['dxreport scanner']();
const times = Object.fromEntries(Object.keys(readers).map((name) => [name, []]));
for (const [name, read] of Object.entries(readers)) {
  const result = read(); // warm-up and check: every reader must give the same numbers
  if (
    result.n !== reference.n ||
    result.a.some((v, i) => v !== reference.a[i]) ||
    result.b.some((v, i) => v !== reference.b[i])
  ) {
    throw new Error(`${name} read different values`);
  }
}
const loadBefore = loadavg()[0];
for (let run = 0; run < RUNS; run++) {
  for (const [name, read] of Object.entries(readers)) {
    globalThis.gc?.();
    const start = performance.now();
    read();
    times[name].push(performance.now() - start);
  }
}
const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const ours = median(times['dxreport scanner']);
console.log(
  `${ROWS.toLocaleString('en-US')} rows × 4 columns, ${(bytes.length / 1e6).toFixed(1)} MB; medians of ${RUNS} runs; load average ${loadBefore.toFixed(2)} → ${loadavg()[0].toFixed(2)}; Node ${process.version}`,
);
for (const name of Object.keys(readers)) {
  const ms = median(times[name]);
  console.log(`${name.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms   ${(ms / ours).toFixed(2)}× the scanner`);
}
