// The V8 code cache of the bundled command line (src/cli/codeCache.ts, written by
// scripts/bundle.mjs): a cache is used only for the source it was made from, a rejected or
// missing cache compiles from source, and the results are the same with it and without it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  CODE_CACHE_SUFFIX,
  compileChunk,
  decodeCodeCache,
  encodeCodeCache,
} from '../../src/cli/codeCache.js';

const BUNDLE = path.resolve('dist/bundle');
const require = createRequire(import.meta.url);
const SOURCE = 'module.exports = { twice: (x) => 2 * x };';
let sources = 0;
/** `source` made unique: V8 would otherwise take a script compiled before from its in-memory cache, ignoring cachedData. */
const fresh = (source: string) => `${source}\n// ${++sources}`;

/** V8's cached data for `source` compiled as a chunk, after running it (as the build does). */
function cachedDataFor(source: string): Buffer {
  const chunk = compileChunk('/virtual/chunk.js', source);
  const module = { exports: {} } as NodeJS.Module;
  chunk.run(module.exports, require, module, '/virtual/chunk.js', '/virtual');
  return chunk.script.createCachedData();
}

function runChunk(
  source: string,
  cachedData?: Buffer,
): { exports: { twice: (x: number) => number }; cached: boolean } {
  const chunk = compileChunk('/virtual/chunk.js', source, cachedData);
  const module = { exports: {} } as NodeJS.Module;
  chunk.run(module.exports, require, module, '/virtual/chunk.js', '/virtual');
  return { exports: module.exports as { twice: (x: number) => number }, cached: chunk.cached };
}

describe('code cache files', () => {
  it('give back V8 data only for the source they were made from', () => {
    const source = Buffer.from(SOURCE);
    const data = Buffer.from([1, 2, 3, 4, 5]);
    const file = encodeCodeCache(source, data);
    expect(decodeCodeCache(source, file)).toEqual(data);
    // an edit of the same length, which V8's own check (the source's length) would let through
    expect(decodeCodeCache(Buffer.from(SOURCE.replace('2 * x', '3 * x')), file)).toBeUndefined();
    expect(decodeCodeCache(source, file.subarray(0, 20))).toBeUndefined();
    expect(decodeCodeCache(source, new Uint8Array(0))).toBeUndefined();
  });
});

describe('compileChunk', () => {
  it('runs a chunk as a CommonJS module, with its cache and without', () => {
    expect(runChunk(fresh(SOURCE)).exports.twice(21)).toBe(42);
    const source = fresh(SOURCE);
    const cached = runChunk(source, cachedDataFor(source));
    expect(cached.cached).toBe(true);
    expect(cached.exports.twice(21)).toBe(42);
  });

  it('compiles from source when V8 rejects the cache (made for another source)', () => {
    const other = fresh('module.exports = { twice: (x) => x + x, unused: 1 };');
    const rejected = runChunk(fresh(SOURCE), cachedDataFor(other));
    expect(rejected.cached).toBe(false);
    expect(rejected.exports.twice(21)).toBe(42);
  });

  it('keeps a hashbang line valid', () => {
    expect(runChunk(`#!/usr/bin/env node\n${SOURCE}`).exports.twice(1)).toBe(2);
  });

  it('lets a chunk import() an ES module (vega is loaded so)', async () => {
    const chunk = compileChunk(path.join(BUNDLE, 'virtual.js'), 'module.exports = import("node:path")');
    const module = { exports: {} } as NodeJS.Module;
    chunk.run(module.exports, require, module, path.join(BUNDLE, 'virtual.js'), BUNDLE);
    expect(typeof ((await module.exports) as typeof path).join).toBe('function');
    expect(vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER).toBeDefined();
  });
});

describe('the built bundle', () => {
  it('has a cache for the chunks a JSON run loads, accepted by this Node', () => {
    const caches = readdirSync(BUNDLE).filter((f) => f.endsWith(CODE_CACHE_SUFFIX));
    expect(caches.some((f) => f.startsWith('program'))).toBe(true);
    // an import() in a cached chunk would go through vm's USE_MAIN_CONTEXT_DEFAULT_LOADER, which
    // prints an ExperimentalWarning; only the charts chunk (vega) has one, and a JSON run leaves it out
    for (const cache of caches)
      expect(readFileSync(path.join(BUNDLE, cache.slice(0, -CODE_CACHE_SUFFIX.length)), 'utf8')).not.toMatch(
        /\bimport\(/,
      );
    // in a plain node (vitest's own flags could change V8's flag hash, which the cache checks)
    const check = `
      const { readFileSync } = require('node:fs');
      const { compileChunk, decodeCodeCache } = require(${JSON.stringify(path.resolve('dist/cli/codeCache.js'))});
      const verdicts = ${JSON.stringify(caches)}.map((cache) => {
        const file = ${JSON.stringify(BUNDLE)} + '/' + cache.slice(0, -${CODE_CACHE_SUFFIX.length});
        const source = readFileSync(file);
        const data = decodeCodeCache(source, readFileSync(file + ${JSON.stringify(CODE_CACHE_SUFFIX)}));
        return data !== undefined && compileChunk(file, source.toString('latin1'), data).cached;
      });
      console.log(JSON.stringify(verdicts));`;
    const run = spawnSync(process.execPath, ['-e', check], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(caches.map(() => true));
  });

  it('writes the same results.json with the cache and without it', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'dxreport-code-cache-'));
    try {
      const results = (mode: string) => {
        const dir = path.join(out, mode);
        const run = spawnSync(
          process.execPath,
          [
            path.join(BUNDLE, 'cli.js'),
            'report',
            'examples/bone-tumour/study.yaml',
            '--out',
            dir,
            '--format',
            'json',
          ],
          { encoding: 'utf8', env: { ...process.env, DXREPORT_CODE_CACHE: mode } },
        );
        expect(run.status, run.stderr).toBe(0);
        return readFileSync(path.join(dir, 'results.json'), 'utf8');
      };
      const cached = results('read');
      expect(results('off')).toBe(cached);
      expect(cached).toBe(readFileSync('reports/example/results.json', 'utf8'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
