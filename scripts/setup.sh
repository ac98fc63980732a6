#!/usr/bin/env bash
# Quick start: install everything, then render the demo report into reports/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
npm run demo
echo "setup: the demo report is in reports/demo/" >&2
