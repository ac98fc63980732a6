// Benchmark (run on demand: `npm run bench`; needs R with pROC for the reference).
// dxreport's bootstrap — 2000 replicates × every metric × 2 models at n = 743 (the demo
// study) — against R pROC's ci.auc(method = "bootstrap", boot.n = 2000) for ONE model's AUC,
// timed in the same run on the same machine. Reports the ratio, not absolute seconds.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { evaluate, loadStudy } from '../dist/index.js';

const STUDY = 'examples/bone-tumour/study.yaml';
const REPLICATES = 2000;
const RUNS = 3;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const study = loadStudy(STUDY);
study.settings.bootstrap.replicates = REPLICATES;
evaluate(study); // warm-up (JIT)
const dxreportSeconds = [];
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  evaluate(study);
  dxreportSeconds.push((performance.now() - start) / 1000);
}

const rScript = `
suppressMessages(library(pROC))
d <- read.csv("examples/bone-tumour/predictions.csv")
r <- roc(d$malignant, d$tl_score, levels = c(0, 1), direction = "<", quiet = TRUE)
set.seed(1)
invisible(ci.auc(r, method = "bootstrap", boot.n = 10))
times <- sapply(1:${RUNS}, function(i) system.time(ci.auc(r, method = "bootstrap", boot.n = ${REPLICATES}, progress = "none"))[["elapsed"]])
cat(median(times), "\\n")
`;
const r = spawnSync('Rscript', ['-e', rScript], { encoding: 'utf8' });
if (r.status !== 0) {
  console.error(
    `R/pROC not available (${(r.stderr || r.error?.message || '').trim().split('\n').pop()}): install r-base-core r-cran-proc`,
  );
  console.log(
    `dxreport: ${median(dxreportSeconds).toFixed(3)} s for ${REPLICATES} replicates × all metrics × 2 models`,
  );
  process.exit(0);
}
const pROCSeconds = Number(r.stdout.trim());
const dx = median(dxreportSeconds);
console.log(
  `n = ${study.data.labels.length} cases, ${REPLICATES} bootstrap replicates, median of ${RUNS} runs`,
);
console.log(
  `dxreport evaluate (2 models, AUC + pAUC + AP + max F1 + 3 operating points × 9 measures + 99 net benefits, paired differences): ${dx.toFixed(3)} s`,
);
console.log(
  `pROC ci.auc(method = "bootstrap") for one model's AUC:                                                       ${pROCSeconds.toFixed(3)} s`,
);
console.log(`ratio: dxreport is ${(pROCSeconds / dx).toFixed(1)}× faster (target ≥ 20×)`);
