// The built CLI as package.json's `bin` names it (as the conformance suite and npm run it).
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const bin = (JSON.parse(readFileSync('package.json', 'utf8')) as { bin: { dxreport: string } }).bin.dxreport;

/** Absolute path of the built CLI (DXREPORT_TEST_CLI runs the same tests against another build, e.g. a baseline). */
export const CLI = path.resolve(process.env.DXREPORT_TEST_CLI ?? bin);

/** Runs `node <bin> ...args` and returns its status, stdout and stderr. */
export function runCli(args: readonly string[], options: SpawnSyncOptions = {}) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', ...options }) as ReturnType<
    typeof spawnSync
  > & { stdout: string; stderr: string };
}
