#!/bin/sh
# room-load.sh: a simulated workshop room on this machine (127.0.0.1 only).
# Builds frontline, then for each room size N runs a fresh server and N SSH
# clients that join, read a module and answer its quiz at about one key a
# second, and prints latency, CPU, bytes and memory per key and trainee,
# and answers acknowledged against answers stored. Not part of CI.
#
# usage: scripts/room-load.sh [SIZES]   (default "1,30,100"; extra flags for
#        the load tool go in ROOMLOAD_FLAGS, such as "-questions 8")
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
go build -o "$work/frontline" ./cmd/frontline
go build -o "$work/roomload" ./scripts/roomload
ulimit -n 4096 2>/dev/null || true
# shellcheck disable=SC2086
"$work/roomload" -bin "$work/frontline" -n "${1:-1,30,100}" ${ROOMLOAD_FLAGS:-}
