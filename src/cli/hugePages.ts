/**
 * Transparent huge pages for a large input, on Linux, when asked for (DXREPORT_HUGE_PAGES=on).
 *
 * A 10⁶-case run touches about 270 MB of fresh memory (the file's bytes, typed arrays for the
 * cases, every curve and fit). glibc's malloc backs its large blocks (V8's typed arrays among
 * them) with 2 MB pages when GLIBC_TUNABLES holds glibc.malloc.hugetlb=1 (glibc 2.35+; older
 * versions and other C libraries ignore it), which the kernel grants when transparent huge
 * pages are in "madvise" mode — but the tunable is read only when the process starts. So with
 * DXREPORT_HUGE_PAGES=on, `dxreport report` of a large data file run as `node
 * dist/bundle/cli.js` runs itself once more, as a child process with the tunable set, and exits
 * as the child does (the `dxreport` bin sets the tunable as it starts Node:
 * scripts/bin-launcher.mjs). It is opt-in because the gain depends on the machine
 * (bench/RESULTS.md): on the first 2-CPU development VM a fault cost about 10 µs and huge pages
 * took a 10⁶-case run from 2.4 s to 2.0 s; on its successor faults cost about 2 µs, the run was
 * no faster on an idle machine and about 0.15 s slower right after an R session had freed a
 * few GB (the kernel's compaction for 2 MB pages, in the "madvise" defrag mode). Small inputs
 * and other commands never relaunch; =always relaunches whatever the size (for tests).
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';

/** Data files from this size run with huge pages (about 5 × 10⁵ cases of two models). */
export const HUGE_PAGES_FROM_BYTES = 16 * 1024 * 1024;
const TUNABLE = 'glibc.malloc.hugetlb=1';
/** Set in the child, so that it never runs itself again. */
const RELAUNCHED = 'DXREPORT_RELAUNCHED';
/** The report command's options that take a value (report.ts), so the study file can be told from it. */
const OPTIONS_WITH_VALUES = new Set([
  '-o',
  '--out',
  '-f',
  '--format',
  '--paper',
  '--template-dir',
  '--threads',
  '--bootstrap-memory',
  '--max-input-size',
]);

/** The study file of `report <args>`: its first argument that is neither an option nor an option's value. */
function studyArgument(args: readonly string[]): string | undefined {
  for (let k = 0; k < args.length; k++) {
    const arg = args[k] as string;
    if (arg === '--') return args[k + 1];
    if (OPTIONS_WITH_VALUES.has(arg)) k++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/** The `data:` file a study file names, read from its first 64 KB without parsing the YAML; null if not found. */
export function peekDataFile(studyFile: string): string | null {
  let text: string;
  try {
    // only a regular file: opening a FIFO would wait for a writer (loadStudy then refuses it)
    if (!statSync(studyFile).isFile()) return null;
    const buffer = Buffer.alloc(64 * 1024);
    const fd = openSync(studyFile, 'r');
    try {
      text = buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
  const match = /^data:[ \t]*(?:"([^"\n]+)"|'([^'\n]+)'|([^\s#][^#\n]*?))[ \t]*(?:#.*)?$/m.exec(text);
  const named = match?.[1] ?? match?.[2] ?? match?.[3];
  return named ? path.resolve(path.dirname(studyFile), named) : null;
}

export interface HugePagesMachine {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** The kernel's transparent-huge-page mode line, e.g. "always [madvise] never"; null if unknown. */
  transparentHugePages: string | null;
}

function thisMachine(): HugePagesMachine {
  let transparentHugePages: string | null = null;
  try {
    transparentHugePages = readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8');
  } catch {
    // not Linux, or no THP: nothing to gain
  }
  return { platform: process.platform, env: process.env, transparentHugePages };
}

/**
 * Whether `dxreport <args>` is to run again with huge pages: asked for, a `report` on Linux
 * whose kernel grants them on request, not already running so, with a data file of at least
 * `fromBytes`.
 */
export function wantsHugePages(
  args: readonly string[],
  machine: HugePagesMachine = thisMachine(),
  fromBytes = HUGE_PAGES_FROM_BYTES,
): boolean {
  const asked = machine.env.DXREPORT_HUGE_PAGES;
  if (asked !== 'on' && asked !== 'always') return false;
  if (machine.platform !== 'linux' || machine.env[RELAUNCHED] !== undefined) return false;
  if (!machine.transparentHugePages?.includes('[madvise]')) return false;
  if (machine.env.GLIBC_TUNABLES?.includes('glibc.malloc.hugetlb')) return false;
  if (args[0] !== 'report') return false;
  const studyFile = studyArgument(args.slice(1));
  if (studyFile === undefined) return false;
  const dataFile = peekDataFile(studyFile);
  if (dataFile === null) return false;
  try {
    return statSync(dataFile).size >= (asked === 'always' ? 0 : fromBytes);
  } catch {
    return false;
  }
}

/**
 * Runs this command again as a child with huge pages and resolves to the exit code to leave
 * with, or to null when the child could not start (then run here as usual). Its output goes
 * straight to this terminal. SIGINT, SIGTERM and SIGHUP sent to this process are passed on: a
 * Ctrl-C from the terminal reaches the child twice then, which is harmless (its first signal
 * ends it, after removing its temporary files when it is writing); a child ended by a signal
 * ends this process by the same signal.
 */
export function runWithHugePages(): Promise<number | null> {
  const env: NodeJS.ProcessEnv = { ...process.env, [RELAUNCHED]: '1' };
  env.GLIBC_TUNABLES = env.GLIBC_TUNABLES ? `${env.GLIBC_TUNABLES}:${TUNABLE}` : TUNABLE;
  // loaded here, not imported: node:child_process (with net, dgram and streams) costs every
  // other run ≈ 2–7 ms of start-up
  const { spawn } = process.getBuiltinModule('node:child_process');
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    env,
    stdio: 'inherit',
  });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map(
    (signal) => [signal, forward(signal)] as const,
  );
  for (const [signal, handler] of handlers) process.on(signal, handler);
  return new Promise((resolve) => {
    const stopForwarding = () => {
      for (const [name, handler] of handlers) process.off(name, handler);
    };
    child.on('error', () => {
      stopForwarding();
      resolve(null);
    });
    child.on('exit', (code, signal) => {
      stopForwarding();
      if (signal) process.kill(process.pid, signal);
      resolve(code ?? 1);
    });
  });
}
