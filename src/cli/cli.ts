#!/usr/bin/env node
/**
 * The dxreport command line (package.json's `bin`). This entry only decides whether a large
 * report is to run again with huge pages (DXREPORT_HUGE_PAGES=on: hugePages.ts); the commands
 * load after that decision (program.ts), so that the relaunching process loads almost nothing. In the bundle
 * (dist/bundle/, CommonJS) the commands' chunks load through V8's code cache (codeCache.ts).
 * No top-level await: the bundle is CommonJS.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeCacheMode, useCodeCache } from './codeCache.js';
import { runWithHugePages, wantsHugePages } from './hugePages.js';

if (wantsHugePages(process.argv.slice(2))) {
  void runWithHugePages().then((relaunched) => {
    if (relaunched === null) return runProgram();
    process.exitCode = relaunched;
  });
} else void runProgram();

function runProgram(): Promise<unknown> {
  useCodeCache(path.dirname(fileURLToPath(import.meta.url)), codeCacheMode());
  return import('./program.js');
}
