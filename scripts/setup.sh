#!/usr/bin/env bash
# One-step setup from a fresh clone: npm packages, a Chromium for the PDF export (Debian's,
# only when none is found), the compiled CLI, and both example decks built into build/.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n==> %s\n' "$*"; }

say "Checking Node.js"
node -e '
  const [maj, min] = process.versions.node.split(".").map(Number);
  const ok = (maj === 20 && min >= 19) || (maj === 22 && min >= 12) || maj > 22;
  if (!ok) { console.error(`Node ${process.versions.node} is too old: briefdeck needs Node 20.19+ or 22.12+`); process.exit(1); }
  console.log(`Node ${process.versions.node}`);
'

say "Installing npm packages"
npm ci --no-audit --no-fund

say "Compiling"
npm run --silent compile

say "Looking for Chrome or Chromium"
find_browser() { node --input-type=module -e 'import { findBrowser } from "./dist/browser/find.js"; try { console.log(findBrowser()); } catch { process.exit(1); }'; }
if ! browser=$(find_browser); then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    say "No browser found: installing Debian's chromium with apt-get"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
    browser=$(find_browser) || { echo "chromium was installed but not found; set BRIEFDECK_BROWSER to its path" >&2; exit 1; }
  else
    echo "No Chrome or Chromium found and no apt-get here. Install Chrome or Chromium, or set BRIEFDECK_BROWSER=/path/to/chrome, then run this again." >&2
    exit 1
  fi
fi
echo "Using $browser"

say "Building the example decks"
node dist/cli/main.js build

say "Done"
echo "Open build/inf-treaty/index.html in a browser (press s for the speaker view); the PDF is build/inf-treaty/inf-treaty.pdf."
