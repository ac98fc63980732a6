// The built CLI as package.json's `bin` names it (as the conformance suite and npm run it),
// run synchronously or several at once.
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const bin = (JSON.parse(readFileSync('package.json', 'utf8')) as { bin: { dxreport: string } }).bin.dxreport;

/** Absolute path of the built CLI (DXREPORT_TEST_CLI runs the same tests against another build, e.g. a baseline). */
export const CLI = path.resolve(process.env.DXREPORT_TEST_CLI ?? bin);

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <bin> ...args` and returns its status, stdout and stderr. */
export function runCli(args: readonly string[], options: SpawnSyncOptions = {}) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', ...options }) as ReturnType<
    typeof spawnSync
  > & { stdout: string; stderr: string };
}

/** `runCli` without blocking, so that several runs can go at once. */
export function runCliAsync(
  args: string[],
  options: { cwd?: string; timeout?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      ...(options.cwd ? { cwd: options.cwd } : {}),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeout ?? 60_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** Runs `jobs` with at most `limit` at a time. */
export async function inBatches<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await (jobs[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}
