#!/usr/bin/env bash
# The one command that installs everything and runs the whole test suite: `npm run test:all`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh
# Electron's postinstall downloads its binary from GitHub; tests never need it.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
# Native addons (better-sqlite3) build from source against the installed Node headers when no prebuild can be fetched.
if [ -d /usr/include/node ] && [ -z "${npm_config_nodedir:-}" ]; then export npm_config_nodedir=/usr; fi
# The lock lists every platform's optional packages (node-llama-cpp is pinned to a release whose platform packages
# are all served), so `npm ci` installs it as committed and leaves the clone clean.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
# A desktop launch may have rebuilt better-sqlite3 for Electron's ABI; tests run on Node's.
if [ -f node_modules/.cc-electron-abi ]; then npm rebuild better-sqlite3 && rm -f node_modules/.cc-electron-abi; fi
npm test
