// Bundles the command line into dist/bundle/ (rolldown), so that a one-shot run loads a few
// files instead of ~60 modules: dist/bundle/cli.js is package.json's "bin". The library
// (dist/index.js and its modules, from tsc) is unchanged. The bootstrap's worker and the progress
// display's ticker (src/cli/progress.ts resolves './progressTicker.js' likewise) are their own
// entries, dist/bundle/bootstrapWorker.js and progressTicker.js, beside the chunk that starts them
// (bootstrapThreads resolves './bootstrapWorker.js' against its own URL). The report's modules
// (charts, HTML, PDF) stay behind their dynamic imports, as chunks loaded only when a document is
// asked for. Large runtime packages whose loading is already lazy (vega, vega-lite,
// puppeteer-core, resvg, handlebars) stay external: they are loaded from node_modules as before.
// dist/bundle/ is two levels below the package root, as dist/report/ is, so renderHtml's
// '../../templates/' resolves the same from both. Node 20.19+ (rolldown 1.2).
//
// The bundle is CommonJS (dist/bundle/package.json says so), because Node 20 caches compiled code
// only for scripts (vm.Script's cachedData), not for ES modules: src/cli/codeCache.ts compiles
// the chunks with the V8 code cache written here, after a representative run (the demo study,
// --format json), so that the functions that run compiled are in it. Without the cache (or with
// another Node) the bundle runs the same, compiling as it goes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'rolldown';

const EXTERNAL = [/^vega/, /^puppeteer-core/, /^@resvg\//, /^handlebars/, /^node:/];
const OUT = 'dist/bundle';

// commander requires node:child_process as it loads, for executable subcommands, which dxreport
// has none of; that builtin (with net, dgram and the streams) costs each run ≈ 2–7 ms of
// start-up. commander gets it on first use instead.
const LAZY_CHILD_PROCESS = '\0lazy-child-process';
const lazyChildProcess = {
  name: 'lazy-child-process',
  resolveId(source, importer) {
    if (source === 'node:child_process' && importer?.includes('/node_modules/commander/'))
      return LAZY_CHILD_PROCESS;
    return null;
  },
  load(id) {
    if (id !== LAZY_CHILD_PROCESS) return null;
    return "module.exports = new Proxy({}, { get: (_, key) => process.getBuiltinModule('node:child_process')[key] });";
  },
};

rmSync(OUT, { recursive: true, force: true });
await build({
  input: {
    cli: 'dist/cli/cli.js',
    bootstrapWorker: 'dist/cli/bootstrapWorkerEntry.js',
    progressTicker: 'dist/cli/progressTicker.js',
  },
  platform: 'node',
  // (a function: the lazy child_process is not external for commander, so the plugin gets it)
  external: (id, importer) =>
    id === 'node:child_process' && importer?.includes('/node_modules/commander/')
      ? false
      : EXTERNAL.some((pattern) => pattern.test(id)),
  plugins: [lazyChildProcess],
  output: {
    dir: OUT,
    format: 'cjs',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
    minify: true,
    // ASCII only (other characters escaped): V8 then holds each chunk's source as a one-byte
    // string, half the memory of the two-byte string a single '≥' forces, decoded and scanned faster
    charset: 'ascii',
    sourcemap: true,
  },
  logLevel: 'warn',
});
writeFileSync(path.join(OUT, 'package.json'), '{ "type": "commonjs" }\n');

// The code cache: one representative run writes dist/bundle/*.js.v8cache as it exits. V8 accepts
// a cache only under the flags it was made with: the run gets none (NODE_OPTIONS emptied), as a
// user's plain `dxreport` has none.
const work = mkdtempSync(path.join(tmpdir(), 'dxreport-code-cache-'));
try {
  const run = spawnSync(
    process.execPath,
    [
      path.join(OUT, 'cli.js'),
      'report',
      'examples/bone-tumour/study.yaml',
      '--out',
      work,
      '--format',
      'json',
      // on one thread, so that the bootstrap's functions are compiled here, in the main thread
      // whose scripts write the cache (worker threads read the same cache)
      '--threads',
      '1',
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '', DXREPORT_CODE_CACHE: 'write', DXREPORT_HUGE_PAGES: 'off' },
    },
  );
  const caches = readdirSync(OUT).filter((f) => f.endsWith('.v8cache'));
  if (run.status !== 0 || caches.length === 0) {
    console.warn(
      `bundle: no code cache written (the bundle works without, starting slower): ${run.stderr.trim()}`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
