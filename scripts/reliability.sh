#!/bin/sh
# Long runs of the progress store's reliability tests (design R1, R2, R3,
# R5, R9; see docs/progress.md). Counts come from the environment; 0 skips
# a test:
#   R1_KILLS   (1000) SIGKILLs while answers are written
#   R2_KILLS   (200)  SIGKILLs during a migration
#   R2_ROWS    (8000) rows the test migration writes (its length)
#   R3_SECONDS (60)   seconds that 2, then 4, instances answer at once
#   R3_P99_MS  (250)  fail above this p99 save latency
#   R5_RUNS    (20)   disk-full rounds
#   R9_KILLS   (200)  SIGKILLs during "progress export -o FILE"
# Unix only. Usage: scripts/reliability.sh   (e.g. R1_KILLS=0 R3_SECONDS=10 scripts/reliability.sh)
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

R1_KILLS=${R1_KILLS:-1000}
R2_KILLS=${R2_KILLS:-200}
R2_ROWS=${R2_ROWS:-8000}
R3_SECONDS=${R3_SECONDS:-60}
R3_P99_MS=${R3_P99_MS:-250}
R5_RUNS=${R5_RUNS:-20}
R9_KILLS=${R9_KILLS:-200}

echo "building the test binaries"
go test -c -o "$tmp/sqlite.test" ./internal/progress/sqlite
go test -c -o "$tmp/frontline.test" ./cmd/frontline

failed=0
# run NAME DIR BINARY TESTS [ENV=VALUE...]: runs the tests in DIR, keeps the
# log and prints the figures lines.
run() {
	name=$1 dir=$2 bin=$3 tests=$4
	shift 4
	echo
	echo "== $name"
	start=$(date +%s)
	if (cd "$dir" && env "$@" "$bin" -test.run "$tests" -test.count=1 -test.v -test.timeout 3h) >"$tmp/$name.log" 2>&1; then
		status=ok
	else
		status=FAIL
		failed=1
	fi
	grep -E ' (R[0-9]+ |kills=|read-only -shm)' "$tmp/$name.log" | sed 's/^ *//' || true
	if [ "$status" = FAIL ]; then
		grep -E -- '--- FAIL|_test.go:[0-9]+:' "$tmp/$name.log" | head -20
	fi
	echo "$name: $status in $(($(date +%s) - start)) s"
}

store=$root/internal/progress/sqlite
cmd=$root/cmd/frontline
if [ "$R1_KILLS" -gt 0 ]; then
	run R1 "$store" "$tmp/sqlite.test" '^TestCrashKill9$' FRONTLINE_CRASH_KILLS="$R1_KILLS"
fi
if [ "$R2_KILLS" -gt 0 ]; then
	run R2 "$store" "$tmp/sqlite.test" '^TestMigrationKill9$' FRONTLINE_MIGRATE_KILLS="$R2_KILLS" FRONTLINE_MIGRATE_ROWS="$R2_ROWS"
fi
if [ "$R3_SECONDS" -gt 0 ]; then
	run R3 "$store" "$tmp/sqlite.test" '^TestInstancesAnswerAtOnce$' FRONTLINE_R3_SECONDS="$R3_SECONDS" FRONTLINE_R3_P99_MS="$R3_P99_MS"
fi
if [ "$R5_RUNS" -gt 0 ]; then
	i=0
	while [ "$i" -lt "$R5_RUNS" ]; do
		i=$((i + 1))
		run "R5-$i" "$store" "$tmp/sqlite.test" '^TestDiskFull$' X=1
	done
fi
run WAL-SHM "$store" "$tmp/sqlite.test" '^TestWALWith' X=1
if [ "$R9_KILLS" -gt 0 ]; then
	run R9 "$cmd" "$tmp/frontline.test" '^TestExportKill9$' FRONTLINE_R9_KILLS="$R9_KILLS"
fi

echo
if [ "$failed" -ne 0 ]; then
	echo "reliability: FAILED"
	exit 1
fi
echo "reliability: all passed"
