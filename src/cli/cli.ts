#!/usr/bin/env node
/**
 * The dxreport command line (package.json's `bin`). This entry only decides whether a large
 * report is better run again with huge pages (hugePages.ts); the commands load after that
 * decision (program.ts), so that the relaunching process loads almost nothing.
 */
import { runWithHugePages, wantsHugePages } from './hugePages.js';

const relaunched = wantsHugePages(process.argv.slice(2)) ? await runWithHugePages() : null;
if (relaunched === null) await import('./program.js');
else process.exitCode = relaunched;
