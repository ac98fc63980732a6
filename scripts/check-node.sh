#!/usr/bin/env bash
# Checks that Node.js >= 20.19 is on PATH (dxreport's package.json "engines"); says what to do if not.
need_major=20
need_minor=19
if ! command -v node >/dev/null 2>&1; then
  echo "dxreport needs Node.js >= ${need_major}.${need_minor}, and no node is on PATH: install it (https://nodejs.org, or Debian: apt-get install nodejs once it is >= ${need_major}.${need_minor}) and rerun" >&2
  exit 1
fi
version=$(node -p 'process.versions.node')
major=${version%%.*}
rest=${version#*.}
minor=${rest%%.*}
if [ "$major" -lt "$need_major" ] || { [ "$major" -eq "$need_major" ] && [ "$minor" -lt "$need_minor" ]; }; then
  echo "dxreport needs Node.js >= ${need_major}.${need_minor}; this is ${version} ($(command -v node)): install a newer Node.js and rerun" >&2
  exit 1
fi
