#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian machine (run as root):
# Debian packages for the real services the tests start, then the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

# Other jobs may run apt at the same time: wait for the locks instead of failing.
apt_options=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)

debian_packages=(git prometheus golang-go golang-golang-x-exp-dev cmark-gfm openssl postgresql)
# The Go tests run on Go 1.24 (trixie) by default and on Go 1.22 (bookworm-backports) for the
# toolchain matrix, next to bookworm's default Go.
go_packages=(golang-1.22-go golang-1.24-go)

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# The mirror the machine already uses for bookworm (deb822 .sources or one-line sources.list).
debian_mirror() {
  local file
  for file in /etc/apt/sources.list.d/*.sources; do
    [ -f "$file" ] || continue
    awk '
      /^URIs:/ { uri = $2 }
      /^Suites:/ && / bookworm( |$)/ && uri ~ /\/debian\/?$/ { print uri; exit }
      /^$/ { uri = "" }
    ' "$file" | head -n1 | grep . && return 0
  done
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$file" ] || continue
    awk '$1 == "deb" && $3 == "bookworm" && $2 ~ /\/debian\/?$/ { print $2; exit }' "$file" |
      grep . && return 0
  done
  echo "install-test-deps: no bookworm Debian source in /etc/apt; add one, then run this again" >&2; return 1
}

# bookworm-backports and trixie beside the existing sources, pinned low so that nothing already
# installed is upgraded from them: only packages asked for by name come from there.
add_go_suites() {
  local mirror sources=/etc/apt/sources.list.d/rollback-guard-go.sources
  local preferences=/etc/apt/preferences.d/rollback-guard-go
  [ -f "$sources" ] && [ -f "$preferences" ] && return 1
  mirror=$(debian_mirror) || exit 1
  cat >"$sources" <<EOF
Types: deb
URIs: $mirror
Suites: bookworm-backports trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  cat >"$preferences" <<EOF
Package: *
Pin: release n=bookworm-backports
Pin-Priority: 100

Package: *
Pin: release n=trixie
Pin-Priority: 50
EOF
}

missing=()
for package in "${debian_packages[@]}"; do
  installed "$package" || missing+=("$package")
done
missing_go=()
for package in "${go_packages[@]}"; do
  installed "$package" || missing_go+=("$package")
done

if [ "${#missing[@]}" -gt 0 ] || [ "${#missing_go[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  [ "${#missing_go[@]}" -gt 0 ] && { add_go_suites || true; }
  apt-get "${apt_options[@]}" update -qq
  if [ "${#missing[@]}" -gt 0 ]; then
    apt-get "${apt_options[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  if [ "${#missing_go[@]}" -gt 0 ]; then
    apt-get "${apt_options[@]}" install -y -qq --no-install-recommends \
      golang-1.22-go/bookworm-backports golang-1.24-go/trixie >/dev/null
  fi
fi

# The Go differential's oracle: the newest golang.org/x/exp/apidiff Debian ships (bookworm-backports,
# 2023-05; trixie's package no longer has apidiff), unpacked beside bookworm's 2022 copy.
oracle=/opt/rollback-guard/x-exp-apidiff
oracle_version=0.0~git20230522.2e198f4-1~bpo12+1
if [ ! -f "$oracle/src/golang.org/x/exp/apidiff/apidiff.go" ]; then
  if ! apt-cache show "golang-golang-x-exp-dev=$oracle_version" >/dev/null 2>&1; then
    add_go_suites || true
    apt-get "${apt_options[@]}" update -qq
  fi
  download=$(mktemp -d)
  (cd "$download" && apt-get "${apt_options[@]}" download -qq "golang-golang-x-exp-dev=$oracle_version")
  mkdir -p "$download/root" "$oracle"
  dpkg-deb -x "$download"/golang-golang-x-exp-dev_*.deb "$download/root"
  cp -r "$download/root/usr/share/gocode/src" "$oracle/"
  rm -rf "$download"
fi

npm ci --no-audit --no-fund
