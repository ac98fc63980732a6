// Bundles the command line into dist/bundle/ (rolldown), so that a one-shot run loads a few
// files instead of ~60 ES modules: dist/bundle/cli.js is package.json's "bin". The library
// (dist/index.js and its modules, from tsc) is unchanged. The bootstrap's worker and the progress
// display's ticker (src/cli/progress.ts resolves './progressTicker.js' likewise) are their own
// entries, dist/bundle/bootstrapWorker.js and progressTicker.js, beside the chunk that starts them (bootstrapThreads
// resolves './bootstrapWorker.js' against its own URL). The report's modules (charts, HTML,
// PDF) stay behind their dynamic imports, as chunks loaded only when a document is asked for.
// Large runtime packages whose loading is already lazy (vega, vega-lite, puppeteer-core,
// resvg, handlebars) stay external: they are imported from node_modules as before.
// dist/bundle/ is two levels below the package root, as dist/report/ is, so renderHtml's
// '../../templates/' resolves the same from both. Node 20.19+ (rolldown 1.2).
import { rmSync } from 'node:fs';
import { build } from 'rolldown';

const EXTERNAL = [/^vega/, /^puppeteer-core/, /^@resvg\//, /^handlebars/, /^node:/];

rmSync('dist/bundle', { recursive: true, force: true });
await build({
  input: {
    cli: 'dist/cli/cli.js',
    bootstrapWorker: 'dist/evaluate/bootstrapWorker.js',
    progressTicker: 'dist/cli/progressTicker.js',
  },
  platform: 'node',
  external: EXTERNAL,
  output: {
    dir: 'dist/bundle',
    format: 'esm',
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
