/**
 * The bundle's bootstrap worker entry (scripts/bundle.mjs makes it dist/bundle/bootstrapWorker.js,
 * where bootstrapThreads looks for the worker): the worker's chunks load through the V8 code
 * cache as the main thread's do (codeCache.ts; the cache is the main thread's, which loads the
 * same chunks), then the worker itself (src/evaluate/bootstrapWorker.ts) starts. A worker
 * thread reads the cache and never writes it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeCacheMode, useCodeCache } from './codeCache.js';

useCodeCache(path.dirname(fileURLToPath(import.meta.url)), codeCacheMode() === 'off' ? 'off' : 'read');
// not awaited: the bundle is CommonJS (no top-level await); messages wait for its listener
void import('../evaluate/bootstrapWorker.js');
