// Runs the public conformance suite (../shared/conformance) when it is present beside the
// checkout, as on the developers' machines and in CI; elsewhere says so and succeeds.
// The checker's default run covers cases/ only; the reader-study cases (readers/) are named,
// so every case of both folders is passed explicitly.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const suite = fileURLToPath(new URL('../../shared/conformance/', import.meta.url));
const checker = path.join(suite, 'check.mjs');
if (!existsSync(checker)) {
  console.log('conformance: ../shared/conformance not found beside this checkout; skipped');
  process.exit(0);
}
const caseDirs = ['cases', 'readers'].flatMap((folder) => {
  const root = path.join(suite, folder);
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .sort()
    .map((name) => path.join(root, name))
    .filter((dir) => existsSync(path.join(dir, 'expected.json')));
});
const run = spawnSync(process.execPath, [checker, '.', ...caseDirs], { stdio: 'inherit' });
process.exit(run.status ?? 1);
