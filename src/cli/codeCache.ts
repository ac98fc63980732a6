/**
 * V8 code cache for the bundled command line (dist/bundle/, CommonJS: scripts/bundle.mjs).
 *
 * A one-shot run spends ≈ 0.05–0.1 s compiling JavaScript: the chunks' top levels as they load and,
 * lazily, every function the first time it is called (V8 compiles a function only when it first
 * runs). Node 20 has no `module.enableCompileCache`, but `vm.Script` takes `cachedData`: the
 * bytecode V8 serialises from a script with `createCachedData()`. Made *after* a representative
 * run (the build runs the demo study with DXREPORT_CODE_CACHE=write), the cache holds every
 * function that run compiled, so a later run deserialises them instead of parsing and compiling
 * (V8's "code cache after execute", as Chromium does for scripts: v8.dev/blog/improved-code-caching).
 *
 * Each chunk `x.js` of the bundle with a file `x.js.v8cache` beside it is compiled here instead
 * of by Node's loader, as Node would (the same CommonJS wrapper and arguments, one module in
 * `require.cache`). The cache file starts with the SHA-1 of the source it was made from: V8
 * itself checks only the source's length (and its own version and flags), so an edited chunk of
 * the same length would otherwise run stale bytecode. A missing, stale or rejected cache (other
 * Node or V8 version, other flags) compiles from source as usual: slower, never different.
 * DXREPORT_CODE_CACHE=off compiles everything from source (for comparisons). Measured figures:
 * bench/RESULTS.md, "Code cache".
 */
import { isAscii } from 'node:buffer';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** Beside each chunk `x.js`: `x.js.v8cache`. */
export const CODE_CACHE_SUFFIX = '.v8cache';
/** SHA-1's length: a checksum against edits. */
const HEADER_BYTES = 20;

/**
 * node:crypto is fetched on the first chunk rather than imported: a run loads it anyway (the
 * inputs' SHA-256), but a process that only relaunches itself (hugePages.ts) need not. (node:zlib's
 * CRC-32 would cost ≈ 5 ms more to load.)
 */
function digest(source: Uint8Array): Buffer {
  return process.getBuiltinModule('node:crypto').hash('sha1', source, 'buffer') as unknown as Buffer;
}

/** A cache file's bytes: the source's SHA-1, then V8's data. */
export function encodeCodeCache(source: Uint8Array, data: Uint8Array): Buffer {
  return Buffer.concat([digest(source), data]);
}

/** V8's data in a cache file's bytes when they were made from `source`; undefined otherwise. */
export function decodeCodeCache(source: Uint8Array, file: Uint8Array): Buffer | undefined {
  if (file.length <= HEADER_BYTES) return undefined;
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (!bytes.subarray(0, HEADER_BYTES).equals(digest(source))) return undefined;
  return bytes.subarray(HEADER_BYTES);
}

type CommonJsFunction = (
  exports: unknown,
  require: NodeJS.Require,
  module: NodeJS.Module,
  filename: string,
  dirname: string,
) => void;

export interface CompiledChunk {
  script: vm.Script;
  /** The module function, called as Node calls a CommonJS module's. */
  run: CommonJsFunction;
  /** Whether V8 used the cached data (false when there was none or it was rejected). */
  cached: boolean;
}

/** Compiles a CommonJS chunk's source in this context, with V8's cached data when given. */
export function compileChunk(filename: string, source: string, cachedData?: Buffer): CompiledChunk {
  // a hashbang is valid only at the very start of a script, not inside the wrapper
  const body = source.startsWith('#!') ? `//${source.slice(2)}` : source;
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${body}\n})`, {
    filename,
    ...(cachedData ? { cachedData } : {}),
    // an import() resolves as in any module of the main context (no cached chunk has one today:
    // only the charts chunk, for vega, which a JSON run does not load; Node warns the first time)
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const run = script.runInThisContext() as CommonJsFunction;
  return { script, run, cached: cachedData !== undefined && !script.cachedDataRejected };
}

/** The chunk's text: the bundle is ASCII (charset: 'ascii'), read as one-byte text without decoding. */
function sourceText(bytes: Buffer): string {
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

interface LoaderInternals {
  _extensions: Record<string, (module: NodeJS.Module, filename: string) => void>;
}

/**
 * Loads the CommonJS chunks in `dir` through the code cache from now on (Node's loader keeps
 * every other file). With `mode` 'write', no cache is read and, as the process exits, each
 * chunk loaded writes its cache (the build's representative run); 'off' changes nothing.
 */
export function useCodeCache(dir: string, mode: 'read' | 'write' | 'off' = 'read'): void {
  if (mode === 'off') return;
  const extensions = (Module as unknown as LoaderInternals)._extensions;
  const nodeLoader = extensions['.js'];
  if (!nodeLoader) return;
  const compiled = new Map<string, { bytes: Buffer; script: vm.Script }>();
  extensions['.js'] = (module, filename) => {
    if (path.dirname(filename) !== dir) return nodeLoader(module, filename);
    let cache: Buffer | undefined;
    if (mode === 'read') {
      try {
        cache = readFileSync(filename + CODE_CACHE_SUFFIX);
      } catch {
        return nodeLoader(module, filename); // a chunk the representative run did not load
      }
    }
    const bytes = readFileSync(filename);
    const chunk = compileChunk(filename, sourceText(bytes), cache && decodeCodeCache(bytes, cache));
    if (mode === 'write') compiled.set(filename, { bytes, script: chunk.script });
    const require = createRequire(filename);
    chunk.run.call(module.exports, module.exports, require, module, filename, dir);
  };
  if (mode === 'write') process.once('exit', () => writeCaches(compiled));
}

function writeCaches(compiled: Map<string, { bytes: Buffer; script: vm.Script }>): void {
  for (const [filename, { bytes, script }] of compiled) {
    const target = filename + CODE_CACHE_SUFFIX;
    writeFileSync(`${target}.tmp`, encodeCodeCache(bytes, script.createCachedData()));
    renameSync(`${target}.tmp`, target);
  }
}

/** DXREPORT_CODE_CACHE: 'off' or 'write'; anything else reads the cache. */
export function codeCacheMode(env: NodeJS.ProcessEnv = process.env): 'read' | 'write' | 'off' {
  const asked = env.DXREPORT_CODE_CACHE;
  return asked === 'off' || asked === 'write' ? asked : 'read';
}
