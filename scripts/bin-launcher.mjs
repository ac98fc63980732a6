// Gives the bundled bin (dist/bundle/cli.js, run after scripts/bundle.mjs) a two-line prologue
// that is both a POSIX shell script and JavaScript:
//
//   #!/bin/sh
//   ':' //; [ "$DXREPORT_HUGE_PAGES" != on ] || export GLIBC_TUNABLES=…; exec node "$0" "$@"
//
// The shell runs the second line (':' is its no-op) and execs Node on this same file — with
// glibc's malloc allowed huge pages when DXREPORT_HUGE_PAGES=on (off by default: see
// src/cli/hugePages.ts); Node reads the first line as a hashbang comment and the second as a
// string followed by a comment. So `dxreport` itself starts with the setting that
// src/cli/hugePages.ts would otherwise relaunch a large report to get — one Node start instead
// of two — and `node dist/bundle/cli.js …` keeps working as before (there the relaunch still
// applies). A GLIBC_TUNABLES of the user's own is kept: the setting is appended to it.
// Harmless elsewhere: glibc before 2.35 ignores the tunable, and musl or macOS never read it.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';

const BIN = 'dist/bundle/cli.js';
const PROLOGUE = [
  '#!/bin/sh',
  `':' //; [ "$DXREPORT_HUGE_PAGES" != on ] || export GLIBC_TUNABLES="\${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.hugetlb=1"; exec node "$0" "$@"`,
].join('\n');

const source = readFileSync(BIN, 'utf8');
if (source.startsWith(`${PROLOGUE}\n`)) process.exit(0); // already done (a second run)
const hashbang = source.startsWith('#!');
const body = hashbang ? source.slice(source.indexOf('\n') + 1) : source;
writeFileSync(BIN, `${PROLOGUE}\n${body}`);
chmodSync(BIN, 0o755);
// the prologue is one line longer than the hashbang it replaces (two if there was none): the
// source map's mappings start that many lines later
const map = JSON.parse(readFileSync(`${BIN}.map`, 'utf8'));
map.mappings = ';'.repeat(hashbang ? 1 : 2) + map.mappings;
writeFileSync(`${BIN}.map`, JSON.stringify(map));
