// Benchmark (run on demand: `npm run bench`; needs R with pROC for the reference).
// dxreport's evaluate of the demo study — 2000 bootstrap replicates × every metric × 2 models at
// n = 743 — against R pROC's ci.auc(method = "bootstrap", boot.n = 2000) for ONE model's AUC,
// timed in the same run on the same machine. The ratios, not the times, compare across machines:
//   evaluate        — everything evaluate does (DeLong, calibration/loess, … and the bootstrap),
//                     on 1 thread and on every CPU (at most 8; the results are identical);
//   bootstrap only  — evaluate with 2000 replicates minus evaluate with 0 replicates (medians of
//                     interleaved runs): the resampling, every replicate's statistics and their
//                     intervals. With threads the bootstrap overlaps the other statistics, so
//                     the difference is the time it adds, less than its cost.
// Both sides are timed warm, in a running process (pROC after library(pROC) and a warm-up
// call; dxreport after warm-up runs, its worker threads started). Timings on a loaded machine
// are unreliable: the load average is printed; rerun when it is low.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { evaluate, loadStudy, stopBootstrapWorkers } from '../dist/index.js';
import { lastThreadedRun } from '../dist/evaluate/bootstrapThreads.js';

const STUDY = 'examples/bone-tumour/study.yaml';
const REPLICATES = 2000;
const RUNS = 25; // dxreport runs of each kind
const R_RUNS = 5; // pROC runs
const CPUS = availableParallelism();
const THREADS = Math.min(8, CPUS);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const study = loadStudy(STUDY);
/** Seconds one evaluate of the study takes with `replicates` bootstrap replicates on `threads` threads. */
function timeEvaluate(replicates, threads) {
  study.settings.bootstrap.replicates = replicates;
  const start = performance.now();
  evaluate(study, { threads });
  return (performance.now() - start) / 1000;
}

const loadBefore = loadavg()[0];
for (let i = 0; i < 5; i++) {
  timeEvaluate(REPLICATES, 1); // warm-up (JIT; and the worker threads start)
  timeEvaluate(REPLICATES, THREADS);
  timeEvaluate(0, 1);
}
const times = { without: [], one: [], threaded: [] };
let blocksByWorkers = 0;
let blocks = 0;
// interleaved, so that a change in the machine's load affects every kind alike
for (let i = 0; i < RUNS; i++) {
  times.without.push(timeEvaluate(0, 1));
  times.one.push(timeEvaluate(REPLICATES, 1));
  times.threaded.push(timeEvaluate(REPLICATES, THREADS));
  blocks += lastThreadedRun().blocks;
  blocksByWorkers += lastThreadedRun().byWorkers;
}
await stopBootstrapWorkers();
const without = median(times.without);
const one = median(times.one);
const threaded = median(times.threaded);

const rScript = `
suppressMessages(library(pROC))
d <- read.csv("examples/bone-tumour/predictions.csv")
r <- roc(d$malignant, d$tl_score, levels = c(0, 1), direction = "<", quiet = TRUE)
set.seed(1)
invisible(ci.auc(r, method = "bootstrap", boot.n = 10))
times <- sapply(1:${R_RUNS}, function(i) system.time(ci.auc(r, method = "bootstrap", boot.n = ${REPLICATES}, progress = "none"))[["elapsed"]])
cat(median(times), "\\n")
`;
const r = spawnSync('Rscript', ['-e', rScript], { encoding: 'utf8' });

// whole process, one shot: the bin (bundled CLI) writing results.json, against Rscript doing
// pROC's bootstrap of one AUC (library, read.csv and all), medians of interleaved runs
const wholeRuns = { dxreport: [], pROC: [] };
const rWhole = `suppressMessages(library(pROC)); d <- read.csv("examples/bone-tumour/predictions.csv"); r <- roc(d$malignant, d$tl_score, levels = c(0, 1), direction = "<", quiet = TRUE); set.seed(1); invisible(ci.auc(r, method = "bootstrap", boot.n = ${REPLICATES}, progress = "none"))`;
const outDir = mkdtempSync(path.join(tmpdir(), 'dxreport-bench-'));
// CPU seconds (user + system, children included) from /usr/bin/time when present: on a shared
// machine they vary far less than wall time; and the minor page faults (first touches of fresh
// memory), which cost about 12 µs each on this virtual machine: ≈ 0.15 s of a one-shot run
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const wholeCpu = { dxreport: [], pROC: [] };
const wholeFaults = { dxreport: [], pROC: [] };
function oneShot(command, commandArgs) {
  const start = performance.now();
  const run = TIME
    ? spawnSync(TIME, ['-f', '@@ %U %S %R', command, ...commandArgs], { encoding: 'utf8' })
    : spawnSync(command, commandArgs, { encoding: 'utf8' });
  const wall = (performance.now() - start) / 1000;
  const line = TIME ? run.stderr.split('\n').find((l) => l.startsWith('@@ ')) : null;
  const [user, system, faults] = line ? line.slice(3).split(' ').map(Number) : [NaN, NaN, NaN];
  return { ok: run.status === 0, wall, cpu: user + system, faults };
}
for (let i = 0; i < 5; i++) {
  const dx = oneShot(process.execPath, [
    'dist/bundle/cli.js',
    'report',
    STUDY,
    '--out',
    outDir,
    '--format',
    'json',
  ]);
  wholeRuns.dxreport.push(dx.wall);
  wholeCpu.dxreport.push(dx.cpu);
  wholeFaults.dxreport.push(dx.faults);
  const whole = oneShot('Rscript', ['-e', rWhole]);
  if (whole.ok) {
    wholeRuns.pROC.push(whole.wall);
    wholeCpu.pROC.push(whole.cpu);
    wholeFaults.pROC.push(whole.faults);
  }
}
rmSync(outDir, { recursive: true, force: true });
const loadAfter = loadavg()[0];
const ms = (seconds) => `${(seconds * 1000).toFixed(1)} ms`;
console.log(
  `n = ${study.data.labels.length} cases, ${REPLICATES} bootstrap replicates; medians of ${RUNS} dxreport runs and ${R_RUNS} pROC runs; load average ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)} on ${CPUS} CPUs`,
);
console.log(
  'dxreport evaluates 2 models: DeLong, calibration, … and the bootstrap of AUC + AP + max F1 + 3 operating points × 7 measures + 99 net benefits, and every paired difference',
);
const rows = [
  ['evaluate without bootstrap', without],
  ['evaluate, 1 thread', one],
  [`evaluate, ${THREADS} threads`, threaded],
  ['bootstrap only, 1 thread (difference)', one - without],
  // with threads the bootstrap overlaps the rest of evaluate: this is the time it adds
  [`bootstrap's added time, ${THREADS} threads (difference)`, threaded - without],
];
for (const [label, seconds] of rows) console.log(`  ${label.padEnd(52)} ${ms(seconds).padStart(10)}`);
console.log(
  `  (worker threads evaluated ${((100 * blocksByWorkers) / Math.max(1, blocks)).toFixed(0)}% of the blocks of replicates)`,
);
if (r.status !== 0) {
  console.error(
    `R/pROC not available (${(r.stderr || r.error?.message || '').trim().split('\n').pop()}): install r-base-core r-cran-proc`,
  );
  process.exit(0);
}
const pROCSeconds = Number(r.stdout.trim());
const wholeDx = median(wholeRuns.dxreport);
const wholeR = median(wholeRuns.pROC);
console.log(
  `whole process, one shot (medians of 5): dxreport report --format json ${ms(wholeDx)}; Rscript pROC bootstrap of one AUC ${ms(wholeR)} → ratio ${(wholeR / wholeDx).toFixed(1)}× (target ≥ 4×)`,
);
if (TIME) {
  const cpuDx = median(wholeCpu.dxreport);
  const cpuR = median(wholeCpu.pROC);
  console.log(
    `  CPU (user + system, medians of 5): dxreport ${ms(cpuDx)}; pROC ${ms(cpuR)} → ratio ${(cpuR / cpuDx).toFixed(1)}×`,
  );
  console.log(
    `  minor page faults (medians of 5): dxreport ${median(wholeFaults.dxreport)}; pROC ${median(wholeFaults.pROC)}`,
  );
}
console.log(`pROC ci.auc(method = "bootstrap", boot.n = ${REPLICATES}), one model's AUC: ${ms(pROCSeconds)}`);
console.log('ratios (pROC time / dxreport time; issue 3 target ≥ 20×):');
for (const [label, seconds] of rows.slice(1)) {
  console.log(`  ${label.padEnd(52)} ${(pROCSeconds / seconds).toFixed(1).padStart(6)}×`);
}
// this benchmark keeps the CPUs busy; more load than that competes with it
if (Math.max(loadBefore, loadAfter) > CPUS - 0.5) {
  console.log('note: the machine was loaded; the ratios are unreliable');
}
