// The two whole-process speed targets, measured interleaved against R pROC in one run
// (run on demand: `npm run bench:targets`, or `node bench/targets.mjs [--runs 7] [--only scale|startup]`):
//   scale   — 10⁶ cases (bench/generate.mjs), calibration and decision curves on, bootstrap off,
//             `dxreport report --format json` against Rscript doing pROC's roc() of both models,
//             ci.auc(DeLong) of both and the paired roc.test (read.csv included). Target: ≤ ¼.
//   startup — the 743-case example with 2000 bootstrap replicates, `--format json`, against
//             Rscript doing pROC's ci.auc(method = "bootstrap", boot.n = 2000) of one model.
//             Target: ≤ ¼.
// Every run is a fresh process (what a user waits for): the bin itself, `dxreport report …` as a
// user types it (its shell prologue starts Node; scripts/bin-launcher.mjs). dxreport and pROC alternate, so a change
// in the machine's load affects both alike; medians (and minima) of wall and CPU seconds are
// printed with the ratios. The load average is printed: rerun on an idle machine before quoting.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const RUNS = Number(option('--runs', '7'));
const ONLY = option('--only', null);
const BIN = path.resolve('dist/bundle/cli.js');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const WORK = path.join(tmpdir(), 'dxreport-bench');

function studyOf(n) {
  const dir = path.join(WORK, `${n}-0`);
  if (!existsSync(path.join(dir, 'study.yaml'))) {
    const made = spawnSync(process.execPath, ['bench/generate.mjs', String(n), dir, '0'], {
      stdio: 'inherit',
    });
    if (made.status !== 0) throw new Error(`bench/generate.mjs ${n} failed`);
  }
  return dir;
}

/** One fresh process: wall seconds and CPU seconds (user + system, from /usr/bin/time). */
function oneShot(command, commandArgs) {
  const start = performance.now();
  const run = TIME
    ? spawnSync(TIME, ['-f', '@@ %U %S', command, ...commandArgs], { encoding: 'utf8' })
    : spawnSync(command, commandArgs, { encoding: 'utf8' });
  const wall = (performance.now() - start) / 1000;
  if (run.status !== 0)
    throw new Error(`${command} failed: ${run.stderr.trim().split('\n').slice(-2).join(' ')}`);
  const line = TIME ? run.stderr.split('\n').find((l) => l.startsWith('@@ ')) : null;
  const cpu = line
    ? line
        .slice(3)
        .split(' ')
        .map(Number)
        .reduce((a, b) => a + b, 0)
    : NaN;
  return { wall, cpu };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const minimum = (values) => Math.min(...values);

const R_SCALE = `suppressMessages(library(pROC)); d <- read.csv(commandArgs(TRUE)[1]);
ra <- roc(d$y, d$model_a, levels = c(0, 1), direction = "<", quiet = TRUE)
rb <- roc(d$y, d$model_b, levels = c(0, 1), direction = "<", quiet = TRUE)
ca <- ci.auc(ra, method = "delong"); cb <- ci.auc(rb, method = "delong")
tt <- roc.test(ra, rb, method = "delong", paired = TRUE)`;
const R_STARTUP = `suppressMessages(library(pROC)); d <- read.csv("examples/bone-tumour/predictions.csv");
r <- roc(d$malignant, d$tl_score, levels = c(0, 1), direction = "<", quiet = TRUE); set.seed(1)
invisible(ci.auc(r, method = "bootstrap", boot.n = 2000, progress = "none"))`;

const out = mkdtempSync(path.join(tmpdir(), 'dxreport-targets-'));
const targets = [
  {
    name: 'scale',
    label: '10⁶ cases, calibration + decision curves, bootstrap off, --format json',
    dxreport: () => {
      const dir = studyOf(1e6);
      return ['report', path.join(dir, 'study.yaml'), '--out', path.join(out, 'scale'), '--format', 'json'];
    },
    pROC: () => ['-e', R_SCALE, path.join(studyOf(1e6), 'predictions.csv')],
  },
  {
    name: 'startup',
    label: '743-case example, 2000 bootstrap replicates, --format json',
    dxreport: () => [
      'report',
      'examples/bone-tumour/study.yaml',
      '--out',
      path.join(out, 'startup'),
      '--format',
      'json',
    ],
    pROC: () => ['-e', R_STARTUP],
  },
].filter((target) => ONLY === null || target.name === ONLY);

console.log(
  `dxreport speed targets on ${availableParallelism()} CPUs, Node ${process.version}, ${RUNS} interleaved runs each; load average before ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
try {
  for (const target of targets) {
    const times = { dxreport: [], pROC: [] };
    oneShot(BIN, target.dxreport()); // page cache and study generation, not timed
    for (let i = 0; i < RUNS; i++) {
      times.dxreport.push(oneShot(BIN, target.dxreport()));
      times.pROC.push(oneShot('Rscript', target.pROC()));
    }
    const s = (x) => `${x.toFixed(2)} s`;
    const summary = (runs) =>
      `wall median ${s(median(runs.map((r) => r.wall)))} (min ${s(minimum(runs.map((r) => r.wall)))}), CPU median ${s(median(runs.map((r) => r.cpu)))}`;
    const ratio = median(times.dxreport.map((r) => r.wall)) / median(times.pROC.map((r) => r.wall));
    console.log(`${target.name}: ${target.label}`);
    console.log(`  dxreport ${summary(times.dxreport)}`);
    console.log(`  R pROC   ${summary(times.pROC)}`);
    console.log(
      `  dxreport / pROC on median wall: ${ratio.toFixed(3)} (target ≤ 0.25: ${ratio <= 0.25 ? 'met' : 'NOT met'}); pROC is ${(1 / ratio).toFixed(1)}× slower`,
    );
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
console.log(
  `load average after ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
