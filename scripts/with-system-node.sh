#!/usr/bin/env bash
# Runs a script with the machine's own node instead of the Node 24 from node_modules/.bin,
# which npm scripts put first on PATH.
set -euo pipefail
PATH=$(printf '%s' "$PATH" | tr ':' '\n' | grep -v '/node_modules/\.bin$' | paste -sd:)
export PATH
exec node "$@"
