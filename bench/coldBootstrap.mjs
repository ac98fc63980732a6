// Cold against warm: a study's evaluate (one thread) in a fresh process (what a one-shot
// `dxreport report` pays: V8 compiles and optimises as it goes) and again in the same process
// (warm), with the bootstrap on the WebAssembly kernel and on the JavaScript kernel, in
// alternating fresh processes; medians of the whole evaluate and of its bootstrap step (from
// onStep('bootstrap') to the end: the replicates, summaries and intervals; the plan, made
// earlier, is in the whole only). Run after `npm run build`:
//
//   node bench/coldBootstrap.mjs [study.yaml = examples/bone-tumour/study.yaml] [runs = 7]
//
// The machine's load is printed: on a shared machine, compare kernels within one run only.
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [study = 'examples/bone-tumour/study.yaml', runs = '7'] = process.argv.slice(2);
const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');

// one process: evaluate once cold, then three times warm
const child = `
const [dist, study, kernel] = process.argv.slice(1);
const { loadStudy, evaluate } = await import(dist + '/index.js');
const { useWasmKernel } = await import(dist + '/evaluate/bootstrap/wasmMemory.js');
useWasmKernel(kernel === 'wasm');
const s = loadStudy(study);
const times = [];
for (let i = 0; i < 4; i++) {
  let bootstrapFrom = NaN;
  const t0 = performance.now();
  evaluate(s, { onStep: (step) => { if (step === 'bootstrap') bootstrapFrom = performance.now(); } });
  const t1 = performance.now();
  times.push([t1 - t0, t1 - bootstrapFrom]);
}
console.log(JSON.stringify(times));
`;

const kernels = ['wasm', 'js'];
const parts = ['evaluate', 'bootstrap'];
const measured = Object.fromEntries(
  kernels.map((k) => [k, Object.fromEntries(parts.map((part) => [part, { cold: [], warm: [] }]))]),
);
const load = loadavg()
  .map((l) => l.toFixed(1))
  .join(' ');
for (let r = 0; r < Number(runs); r++) {
  for (const kernel of kernels) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', child, dist, study, kernel], {
      encoding: 'utf8',
    });
    const times = JSON.parse(out.trim().split('\n').pop());
    parts.forEach((part, k) => {
      measured[kernel][part].cold.push(times[0][k]);
      measured[kernel][part].warm.push(Math.min(...times.slice(1).map((t) => t[k])));
    });
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`${study}: ${runs} fresh processes per kernel, load average before ${load}`);
for (const kernel of kernels) {
  for (const part of parts) {
    const { cold, warm } = measured[kernel][part];
    console.log(
      `  ${kernel.padEnd(4)} kernel, ${part.padEnd(9)}: cold ${median(cold).toFixed(0)} ms, warm ${median(warm).toFixed(0)} ms` +
        ` (best of 3 in the same process); cold − warm ${(median(cold) - median(warm)).toFixed(0)} ms`,
    );
  }
}
