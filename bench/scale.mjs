// Scale benchmark (run on demand: `npm run bench`, or `node bench/scale.mjs [--huge] [--sizes 1e4,1e5]`).
// The same synthetic study at 10⁴, 10⁵ and 10⁶ cases (10⁷ with --huge), made by
// bench/generate.mjs: two correlated probability models, three operating points, all
// comparisons, calibration and decision curves on, bootstrap off, `--format json`.
//   dxreport, whole process: the bundled CLI (package.json's bin), wall and CPU time and peak
//     memory (from /usr/bin/time when present);
//   dxreport, in process: loadStudy + evaluate + resultsJson in this process;
//   R pROC: roc() of both models + ci.auc(DeLong) of both + the paired roc.test(DeLong) —
//     whole process (Rscript, library and read.csv included) and in process (system.time of
//     the statistics after the data are read);
//   scikit-learn: roc_auc_score, roc_curve and precision_recall_curve of both models — whole
//     process and in process (after pandas.read_csv).
//   dxreport full report (JSON, HTML, PDF), whole process, with `--timings`: the wall and CPU
//     seconds of every step (loading, models, charts, HTML, PDF) — the issue's 30-s target at 10⁶;
//     skipped with --no-full.
// Then the bootstrap at scale: 2000 stratified replicates at 10⁵ cases (every CPU) against
// pROC's ci.auc(method = "bootstrap") of ONE model's AUC (`--proc-replicates r`, default 200,
// scaled to 2000).
// Growth per decade = time(10n) / time(n). The load average is printed: on a shared machine
// the times are unreliable; compare the ratios measured in the same run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { evaluate, loadStudy, resultsJson } from '../dist/index.js';

const args = process.argv.slice(2);
const sizesArg = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : null;
const SIZES = sizesArg
  ? sizesArg.split(',').map(Number)
  : [1e4, 1e5, 1e6, ...(args.includes('--huge') ? [1e7] : [])];
const PROC_REPLICATES = args.includes('--proc-replicates')
  ? Number(args[args.indexOf('--proc-replicates') + 1])
  : 200;
const BIN = path.resolve('dist/bundle/cli.js');
const WORK = path.join(tmpdir(), 'dxreport-bench');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** The study folder of n cases (generated once, deterministic). */
function studyOf(n, replicates = 0) {
  const dir = path.join(WORK, `${n}-${replicates}`);
  if (!existsSync(path.join(dir, 'study.yaml'))) {
    const made = spawnSync(process.execPath, ['bench/generate.mjs', String(n), dir, String(replicates)], {
      stdio: 'inherit',
    });
    if (made.status !== 0) throw new Error(`generate ${n} failed`);
  }
  return dir;
}

/** Runs a command; wall seconds, CPU seconds and peak RSS (MB) when /usr/bin/time is there. */
function timed(command, commandArgs, options = {}) {
  const start = performance.now();
  const run = TIME
    ? spawnSync(TIME, ['-f', '@@ %U %S %M', command, ...commandArgs], { encoding: 'utf8', ...options })
    : spawnSync(command, commandArgs, { encoding: 'utf8', ...options });
  const wall = (performance.now() - start) / 1000;
  if (run.status !== 0)
    return {
      ok: false,
      wall,
      error: (run.stderr || run.error?.message || '').trim().split('\n').slice(-2).join(' '),
    };
  const line = TIME ? run.stderr.split('\n').find((l) => l.startsWith('@@ ')) : null;
  const [user, system, kb] = line ? line.slice(3).split(' ').map(Number) : [NaN, NaN, NaN];
  return { ok: true, wall, cpu: user + system, peakMb: kb / 1024, stdout: run.stdout, stderr: run.stderr };
}

const R_STATISTICS = `
suppressMessages(library(pROC))
args <- commandArgs(TRUE)
d <- read.csv(args[1])
t <- system.time({
  ra <- roc(d$y, d$model_a, levels = c(0, 1), direction = "<", quiet = TRUE)
  rb <- roc(d$y, d$model_b, levels = c(0, 1), direction = "<", quiet = TRUE)
  ca <- ci.auc(ra, method = "delong"); cb <- ci.auc(rb, method = "delong")
  tt <- roc.test(ra, rb, method = "delong", paired = TRUE)
})[["elapsed"]]
cat("INPROCESS", t, "\\n")
`;
const R_BOOTSTRAP = `
suppressMessages(library(pROC))
args <- commandArgs(TRUE)
d <- read.csv(args[1])
r <- roc(d$y, d$model_a, levels = c(0, 1), direction = "<", quiet = TRUE)
set.seed(1)
t <- system.time(ci.auc(r, method = "bootstrap", boot.n = as.integer(args[2]), progress = "none"))[["elapsed"]]
cat("INPROCESS", t, "\\n")
`;
const PY_STATISTICS = `
import sys, time
import pandas as pd
from sklearn.metrics import roc_auc_score, roc_curve, precision_recall_curve
d = pd.read_csv(sys.argv[1])
start = time.perf_counter()
for column in ("model_a", "model_b"):
    roc_auc_score(d["y"], d[column]); roc_curve(d["y"], d[column]); precision_recall_curve(d["y"], d[column])
print("INPROCESS", time.perf_counter() - start)
`;
const scripts = mkdtempSync(path.join(tmpdir(), 'dxreport-bench-scripts-'));
writeFileSync(path.join(scripts, 'statistics.R'), R_STATISTICS);
writeFileSync(path.join(scripts, 'bootstrap.R'), R_BOOTSTRAP);
writeFileSync(path.join(scripts, 'statistics.py'), PY_STATISTICS);
const inProcess = (run) => (run.ok ? Number(/INPROCESS (\S+)/.exec(run.stdout)?.[1]) : NaN);

function dxreportInProcess(dir) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const study = loadStudy(path.join(dir, 'study.yaml'));
  const json = resultsJson(evaluate(study, { threads: 1 }));
  const used = process.cpuUsage(cpu);
  return {
    wall: (performance.now() - start) / 1000,
    cpu: (used.user + used.system) / 1e6,
    bytes: json.length,
  };
}

/** The whole report (JSON, HTML, PDF; no PDF without a browser) with the CLI's --timings line. */
function fullReport(dir, n) {
  const out = path.join(WORK, `full-${n}`);
  const run = timed(BIN, ['report', path.join(dir, 'study.yaml'), '--out', out, '--timings']);
  if (!run.ok) return run;
  const mb = (file) => (existsSync(path.join(out, file)) ? statSync(path.join(out, file)).size / 1e6 : NaN);
  const result = {
    ...run,
    jsonMb: mb('results.json'),
    htmlMb: mb('report.html'),
    pdfMb: mb('report.pdf'),
    timings: run.stderr.split('\n').find((line) => line.startsWith('dxreport: timings: ')) ?? null,
  };
  rmSync(out, { recursive: true, force: true });
  return result;
}

const loadBefore = loadavg();
console.log(
  `dxreport scale benchmark on ${availableParallelism()} CPUs, Node ${process.version}; load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')}`,
);
const rows = [];
for (const n of SIZES) {
  const dir = studyOf(n);
  const out = path.join(WORK, `out-${n}`);
  const whole = timed(BIN, ['report', path.join(dir, 'study.yaml'), '--out', out, '--format', 'json']);
  const jsonMb = whole.ok ? statSync(path.join(out, 'results.json')).size / 1e6 : NaN;
  const inside = n <= 1e6 ? dxreportInProcess(dir) : null;
  const csv = path.join(dir, 'predictions.csv');
  const pROC = timed('Rscript', [path.join(scripts, 'statistics.R'), csv]);
  const sklearn = timed('/usr/bin/python3', [path.join(scripts, 'statistics.py'), csv]);
  const full = args.includes('--no-full') ? null : fullReport(dir, n);
  const row = {
    n,
    whole,
    full,
    jsonMb,
    inside,
    pROC,
    pROCIn: inProcess(pROC),
    sklearn,
    sklearnIn: inProcess(sklearn),
  };
  rows.push(row);
  const s = (x) => (Number.isFinite(x) ? `${x.toFixed(2)} s` : '–');
  console.log(
    `n = ${n.toExponential(0)}: dxreport whole ${s(whole.wall)} (CPU ${s(whole.cpu)}, peak ${whole.peakMb?.toFixed(0)} MB, results.json ${jsonMb.toFixed(1)} MB)` +
      `${inside ? `, in process ${s(inside.wall)} (CPU ${s(inside.cpu)})` : ''}` +
      ` | pROC whole ${pROC.ok ? s(pROC.wall) : `unavailable (${pROC.error})`}, in process ${s(row.pROCIn)}` +
      ` | scikit-learn whole ${sklearn.ok ? `${s(sklearn.wall)} (CPU ${s(sklearn.cpu)})` : 'unavailable'}, in process ${s(row.sklearnIn)}` +
      ` | pROC/dxreport whole process: wall ${(pROC.wall / whole.wall).toFixed(2)}×, CPU ${(pROC.cpu / whole.cpu).toFixed(2)}× (pROC CPU ${s(pROC.cpu)})`,
  );
  if (full) {
    console.log(
      `  full report (JSON, HTML, PDF) whole process ${full.ok ? `${s(full.wall)} (CPU ${s(full.cpu)}, peak ${full.peakMb.toFixed(0)} MB; results.json ${full.jsonMb.toFixed(1)} MB, report.html ${full.htmlMb.toFixed(2)} MB, report.pdf ${full.pdfMb.toFixed(2)} MB)` : `failed: ${full.error}`}`,
    );
    if (full.timings) console.log(`    ${full.timings}`);
  }
  rmSync(out, { recursive: true, force: true });
}
const growth = (pick) =>
  rows
    .slice(1)
    .map((row, i) => `${(pick(row) / pick(rows[i])).toFixed(1)}×`)
    .join(', ');
if (rows.length > 1) {
  console.log('growth per decade (time(10n)/time(n)):');
  console.log(`  dxreport whole process  ${growth((r) => r.whole.wall)} (CPU ${growth((r) => r.whole.cpu)})`);
  console.log(`  dxreport in process     ${growth((r) => r.inside?.wall ?? NaN)}`);
  if (rows.every((r) => r.full?.ok))
    console.log(`  dxreport full report    ${growth((r) => r.full.wall)} (CPU ${growth((r) => r.full.cpu)})`);
  console.log(`  pROC whole process      ${growth((r) => r.pROC.wall)} (CPU ${growth((r) => r.pROC.cpu)})`);
  console.log(`  pROC in process         ${growth((r) => r.pROCIn)}`);
  console.log(
    `  scikit-learn whole      ${growth((r) => r.sklearn.wall)} (CPU ${growth((r) => r.sklearn.cpu)})`,
  );
  console.log(`  scikit-learn in process ${growth((r) => r.sklearnIn)}`);
}

if (!args.includes('--no-bootstrap')) {
  const n = 1e5;
  const dir = studyOf(n, 2000);
  const out = path.join(WORK, 'out-bootstrap');
  const threads = Math.min(8, availableParallelism());
  const dx = timed(BIN, [
    'report',
    path.join(dir, 'study.yaml'),
    '--out',
    out,
    '--format',
    'json',
    '--threads',
    String(threads),
  ]);
  rmSync(out, { recursive: true, force: true });
  const pROCBoot = timed('Rscript', [
    path.join(scripts, 'bootstrap.R'),
    path.join(dir, 'predictions.csv'),
    String(PROC_REPLICATES),
  ]);
  const scale = 2000 / PROC_REPLICATES;
  const pROCScaled = inProcess(pROCBoot) * scale;
  console.log(
    `bootstrap at 10⁵ cases: dxreport 2000 replicates (2 models, every statistic), ${threads} threads, whole process ${dx.wall.toFixed(1)} s (CPU ${dx.cpu.toFixed(1)} s);` +
      ` pROC ci.auc(bootstrap) of one AUC, ${PROC_REPLICATES} replicates ×${scale} = ${pROCScaled.toFixed(1)} s (in process; whole process CPU ${pROCBoot.cpu.toFixed(1)} s unscaled) → ratio ${(pROCScaled / dx.wall).toFixed(1)}× on wall time, ${(pROCScaled / dx.cpu).toFixed(1)}× pROC wall / dxreport CPU`,
  );
}
const loadAfter = loadavg();
console.log(`load average after: ${loadAfter.map((l) => l.toFixed(1)).join(' ')}`);
if (Math.max(loadBefore[0], loadAfter[0]) > availableParallelism() - 0.5)
  console.log('note: the machine was loaded; times are unreliable, ratios less so');
rmSync(scripts, { recursive: true, force: true });
