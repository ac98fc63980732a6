// Benchmark (run on demand: `npm run bench`; needs R with pROC for the reference).
// dxreport's evaluate of the demo study — 2000 bootstrap replicates × every metric × 2 models at
// n = 743 — against R pROC's ci.auc(method = "bootstrap", boot.n = 2000) for ONE model's AUC,
// timed in the same run on the same machine. The ratios, not the times, compare across machines:
//   full evaluate      — everything evaluate does (DeLong, calibration/loess, … and the bootstrap);
//   bootstrap only     — evaluate with 2000 replicates minus evaluate with 0 replicates (paired runs),
//                        i.e. the resampling, every replicate's statistics and their intervals.
// Timings on a loaded machine are unreliable: the load average is printed (it includes this
// benchmark's own previous runs); rerun when it is low.
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { evaluate, loadStudy } from '../dist/index.js';

const STUDY = 'examples/bone-tumour/study.yaml';
const REPLICATES = 2000;
const RUNS = 15; // dxreport runs (each with and without the bootstrap)
const R_RUNS = 5; // pROC runs

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const study = loadStudy(STUDY);
/** Seconds one evaluate of the study takes with `replicates` bootstrap replicates. */
function timeEvaluate(replicates) {
  study.settings.bootstrap.replicates = replicates;
  const start = performance.now();
  evaluate(study);
  return (performance.now() - start) / 1000;
}

const CPUS = availableParallelism();
const loadBefore = loadavg()[0];
for (let i = 0; i < 3; i++) {
  timeEvaluate(REPLICATES); // warm-up (JIT)
  timeEvaluate(0);
}
const fullSeconds = [];
const bootstrapSeconds = [];
for (let i = 0; i < RUNS; i++) {
  const without = timeEvaluate(0);
  const full = timeEvaluate(REPLICATES);
  fullSeconds.push(full);
  bootstrapSeconds.push(full - without);
}
const full = median(fullSeconds);
const bootstrapOnly = median(bootstrapSeconds);

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
const loadAfter = loadavg()[0];
const ms = (seconds) => `${(seconds * 1000).toFixed(1)} ms`;
console.log(
  `n = ${study.data.labels.length} cases, ${REPLICATES} bootstrap replicates; medians of ${RUNS} dxreport runs and ${R_RUNS} pROC runs; load average ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)} on ${CPUS} CPUs`,
);
console.log(
  `dxreport evaluate, full (2 models: DeLong, calibration, … and the bootstrap of AUC + pAUC + AP + max F1 + 3 operating points × 9 measures + 99 net benefits, paired differences): ${ms(full)}`,
);
console.log(
  `dxreport bootstrap only (evaluate with ${REPLICATES} replicates − with 0, paired runs):                                                                   ${ms(bootstrapOnly)}`,
);
if (r.status !== 0) {
  console.error(
    `R/pROC not available (${(r.stderr || r.error?.message || '').trim().split('\n').pop()}): install r-base-core r-cran-proc`,
  );
  process.exit(0);
}
const pROCSeconds = Number(r.stdout.trim());
console.log(
  `pROC ci.auc(method = "bootstrap") for one model's AUC:                                                                                                 ${ms(pROCSeconds)}`,
);
console.log(`ratio, full evaluate:   dxreport is ${(pROCSeconds / full).toFixed(1)}× faster than pROC`);
console.log(
  `ratio, bootstrap only: dxreport is ${(pROCSeconds / bootstrapOnly).toFixed(1)}× faster than pROC`,
);
console.log('(issue 3 target: ≥ 20×)');
// this benchmark keeps one CPU busy; more load than that competes with it
if (Math.max(loadBefore, loadAfter) > CPUS - 0.5) {
  console.log('note: the machine was loaded; the ratios are unreliable');
}
