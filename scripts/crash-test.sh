#!/bin/sh
# Kill a process that is writing answers with SIGKILL at random moments,
# FRONTLINE_CRASH_KILLS times (default 1000), then check that every
# acknowledged answer is in the database and integrity_check passes.
# Unix only. Usage: scripts/crash-test.sh [KILLS]
set -eu
cd "$(dirname "$0")/.."
FRONTLINE_CRASH_KILLS="${1:-${FRONTLINE_CRASH_KILLS:-1000}}"
export FRONTLINE_CRASH_KILLS
echo "crash test: $FRONTLINE_CRASH_KILLS kills"
go test ./internal/progress/sqlite -run '^TestCrashKill9$' -count=1 -v -timeout 30m | grep -E 'kills=|^(--- |ok|FAIL|PASS)'
