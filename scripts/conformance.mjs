// Runs the public conformance suite (../shared/conformance) when it is present beside the
// checkout, as on the developers' machines and in CI; elsewhere says so and succeeds.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const checker = new URL('../../shared/conformance/check.mjs', import.meta.url);
if (!existsSync(checker)) {
  console.log('conformance: ../shared/conformance not found beside this checkout; skipped');
  process.exit(0);
}
const run = spawnSync(process.execPath, [checker.pathname, '.'], { stdio: 'inherit' });
process.exit(run.status ?? 1);
