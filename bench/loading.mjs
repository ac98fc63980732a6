// The loading steps at scale, in process: loadStudy and the settings step (canonical order,
// each model's sort), wall and CPU, for a dist/ build and optionally a baseline build, run
// alternately in fresh processes (one-shot: what a report run pays, compilation included).
//
//   node bench/loading.mjs <study.yaml> [runs=3] [baseline dist/]
//
// e.g. node bench/generate.mjs 1000000 /tmp/dxreport-bench/1000000-0 first.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [study, runs = '3', baseline] = process.argv.slice(2);
if (!study) {
  console.error('usage: node bench/loading.mjs <study.yaml> [runs] [baseline dist/]');
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const builds = [
  ['dist', path.join(here, '..', 'dist')],
  ...(baseline ? [['baseline', path.resolve(baseline)]] : []),
];

const child = `
const [dist, study] = process.argv.slice(1);
const { loadStudy } = await import(dist + '/load/loadStudy.js');
const { resolveSettings } = await import(dist + '/evaluate/steps/resolveSettings.js');
const { WarningLog } = await import(dist + '/evaluate/warnings.js');
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };
const t0 = performance.now(), c0 = cpu();
const s = loadStudy(study);
const t1 = performance.now(), c1 = cpu();
resolveSettings(s, new WarningLog());
const t2 = performance.now(), c2 = cpu();
console.log(JSON.stringify({ load: [t1 - t0, c1 - c0], settings: [t2 - t1, c2 - c1] }));
`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = new Map(builds.map(([name]) => [name, []]));
for (let r = 0; r < Number(runs); r++) {
  for (const [name, dist] of builds) {
    const out = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', child, dist, path.resolve(study)],
      {
        encoding: 'utf8',
      },
    );
    results.get(name).push(JSON.parse(out));
  }
}
for (const [name, rows] of results) {
  const f = (step, k) => median(rows.map((row) => row[step][k])).toFixed(0);
  const sum = (k) => median(rows.map((row) => row.load[k] + row.settings[k])).toFixed(0);
  console.log(
    `${name.padEnd(8)} loadStudy ${f('load', 0)} ms (CPU ${f('load', 1)}), settings ${f('settings', 0)} ms (CPU ${f('settings', 1)}), both ${sum(0)} ms (CPU ${sum(1)}) — medians of ${rows.length}`,
  );
}
