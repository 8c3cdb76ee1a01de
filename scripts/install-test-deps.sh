#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian machine (run as root):
# Debian packages for the real services the tests start, then the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

debian_packages=(git prometheus golang-go golang-golang-x-exp-dev cmark-gfm openssl postgresql)
missing=()
for package in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

npm ci --no-audit --no-fund
