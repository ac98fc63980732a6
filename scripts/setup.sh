#!/usr/bin/env bash
# Quick start: install everything, build, put the `dxreport` command on PATH (npm link: a
# link to this checkout, so a later `git pull && npm run build` updates it), then render the
# demo report into reports/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/check-node.sh
bash scripts/install.sh
npm run build
npm link --no-audit --no-fund >/dev/null
if ! command -v dxreport >/dev/null 2>&1; then
  echo "setup: dxreport is linked into $(npm prefix -g)/bin, which is not on PATH: add it to PATH" >&2
  exit 1
fi
dxreport report examples/bone-tumour/study.yaml --out reports/demo
echo "setup: dxreport is on PATH ($(command -v dxreport)); the demo report is in reports/demo/" >&2
