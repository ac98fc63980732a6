// The CLI's default thread count, measured (issue 11): one-shot `dxreport report --format json`
// runs of a study of 20,000 cases × 3 models × 2000 replicates, on 1 thread and on every CPU
// (at most 8), interleaved so that a change in the machine's load hits both alike; wall time
// and CPU time (user + system) of each run, medians and their ratio. Run on demand:
//   npm run build && node bench/threads.mjs [rounds]
// The data are generated here (a fixed linear congruential generator: the same file every
// time). Timings on a loaded machine are unreliable: the load average is printed with each run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const CASES = 20_000;
const MODELS = 3;
const REPLICATES = 2000;
const ROUNDS = Number(process.argv[2] ?? 3);
const CPUS = Math.min(8, availableParallelism());

let state = 12345;
const uniform = () => {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return (state + 0.5) / 2 ** 32;
};
const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());

const dir = mkdtempSync(path.join(tmpdir(), 'dxreport-bench-threads-'));
const rows = ['id,y,' + Array.from({ length: MODELS }, (_, m) => `m${m + 1}`).join(',')];
for (let i = 0; i < CASES; i++) {
  const y = uniform() < 0.35 ? 1 : 0;
  const scores = Array.from(
    { length: MODELS },
    (_, m) => 1 / (1 + Math.exp(-(normal() + y * (1.2 - 0.2 * m) - 0.5))),
  );
  rows.push(`c${i},${y},${scores.map((s) => s.toFixed(6)).join(',')}`);
}
writeFileSync(path.join(dir, 'data.csv'), `${rows.join('\n')}\n`);
writeFileSync(
  path.join(dir, 'study.yaml'),
  `title: Threads bench\ndata: data.csv\nid: id\noutcome: { column: y, positive: 1 }\nmodels:\n` +
    Array.from({ length: MODELS }, (_, m) => `  - { id: m${m + 1}, score: m${m + 1} }\n`).join('') +
    `bootstrap: { replicates: ${REPLICATES}, seed: 1 }\n`,
);

function run(threads) {
  const out = path.join(dir, `out-${threads}`);
  const started = performance.now();
  const result = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%U %S',
      process.execPath,
      'dist/bundle/cli.js',
      'report',
      path.join(dir, 'study.yaml'),
      '--out',
      out,
      '--format',
      'json',
      '--threads',
      String(threads),
    ],
    { encoding: 'utf8' },
  );
  const wall = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(result.stderr);
  const [user, system] = result.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, cpu: user + system };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const times = { 1: [], [CPUS]: [] };
console.log(
  `${CASES} cases × ${MODELS} models × ${REPLICATES} replicates; 1 vs ${CPUS} threads, ${ROUNDS} rounds`,
);
for (let round = 0; round < ROUNDS; round++) {
  for (const threads of round % 2 === 0 ? [1, CPUS] : [CPUS, 1]) {
    const t = run(threads);
    times[threads].push(t);
    console.log(
      `  ${threads} thread(s): ${t.wall.toFixed(1)} s wall, ${t.cpu.toFixed(1)} s CPU (load ${loadavg()[0].toFixed(1)})`,
    );
  }
}
const one = median(times[1].map((t) => t.wall));
const many = median(times[CPUS].map((t) => t.wall));
console.log(
  `median wall: 1 thread ${one.toFixed(1)} s, ${CPUS} threads ${many.toFixed(1)} s; ratio ${(many / one).toFixed(2)}`,
);
