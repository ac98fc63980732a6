#!/usr/bin/env bash
# Installs what dxreport needs on a fresh Debian machine (run as root):
# Debian's Chromium (for the PDF) and poppler-utils (pdftotext, for the PDF test) when
# missing, then the exact npm dependencies from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
[ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
fc-list 2>/dev/null | grep -qi 'DejaVu Sans' || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install.sh: please install ${missing[*]} (sudo apt-get install ${missing[*]}) and rerun" >&2
    exit 1
  fi
  echo "install.sh: installing ${missing[*]} from Debian" >&2
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
# Puppeteer must never try to download a browser: it drives Debian's Chromium
export PUPPETEER_SKIP_DOWNLOAD=1
npm ci --no-audit --no-fund
