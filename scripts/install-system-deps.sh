#!/usr/bin/env bash
# Install the Debian packages the tests need (.ci/apt-packages.txt), idempotently.
# Needs root or sudo; without either it only reports what is missing.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
mapfile -t pkgs < <(sed -e 's/#.*//' -e '/^\s*$/d' "$here/.ci/apt-packages.txt" | sort -u)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then echo "system packages: all present"; exit 0; fi
echo "system packages missing: ${missing[*]}"
if ! command -v apt-get >/dev/null; then echo "no apt-get: install the packages above by hand" >&2; exit 0; fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if sudo -n true 2>/dev/null; then SUDO="sudo -n"; else echo "not root and no passwordless sudo: install the packages above by hand" >&2; exit 0; fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
