#!/usr/bin/env bash
# Installs what dxreport needs on a fresh Debian machine (run as root): Debian's Chromium (for
# the PDF), poppler-utils (pdftotext, for the PDF test), and fonts: DejaVu (the charts' font),
# Noto CJK (Chinese, Japanese, Korean text), Noto Color Emoji (emoji in the HTML and PDF) and
# Symbola (emoji in the PNG figures) -- each only when missing -- then the exact npm
# dependencies from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/check-node.sh
missing=()
[ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
fonts=$(fc-list 2>/dev/null || true)
grep -qi 'DejaVu Sans' <<<"$fonts" || missing+=(fonts-dejavu-core)
grep -qi 'Noto Sans CJK' <<<"$fonts" || missing+=(fonts-noto-cjk)
grep -qi 'Noto Color Emoji' <<<"$fonts" || missing+=(fonts-noto-color-emoji)
grep -qi 'Symbola' <<<"$fonts" || missing+=(fonts-symbola)
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
