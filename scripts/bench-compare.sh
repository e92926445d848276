#!/usr/bin/env bash
# bench-compare.sh: run the Go benchmarks of two commits alternately and
# compare them with benchstat, so a change's cost is read as a ratio on the
# same (noisy, shared) machine.
#
# usage: scripts/bench-compare.sh [OLD [NEW]]   (default: HEAD~1 and the working tree)
#   ROUNDS=6 BENCH=. PKGS="./internal/loader ./internal/progress/sqlite ./internal/tui"
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
old=${1:-HEAD~1}
new=${2:-}
rounds=${ROUNDS:-6}
bench=${BENCH:-.}
pkgs=${PKGS:-"./internal/loader ./internal/engine ./internal/progress/sqlite ./internal/tui"}

command -v benchstat >/dev/null 2>&1 || go install golang.org/x/perf/cmd/benchstat@latest
export PATH="$PATH:$(go env GOPATH)/bin"

work=$(mktemp -d)
trap 'git worktree remove --force "$work/old" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$work/old" "$old" >/dev/null
newdir=$root
if [ -n "$new" ]; then
	git worktree add --detach "$work/new" "$new" >/dev/null
	newdir=$work/new
fi

# Build each side's test binaries once, then alternate runs.
build() { # dir out
	mkdir -p "$2"
	for p in $pkgs; do
		(cd "$1" && [ -d "$p" ] && go test -c -o "$2/$(echo "$p" | tr / _).test" "$p") || true
	done
}
build "$work/old" "$work/bin-old"
build "$newdir" "$work/bin-new"
for i in $(seq "$rounds"); do
	for side in old new; do
		for t in "$work/bin-$side"/*.test; do
			[ -e "$t" ] || continue
			pkgdir=$(basename "$t" .test | tr _ /)
			src=$work/old
			[ "$side" = new ] && src=$newdir
			(cd "$src/$pkgdir" && "$t" -test.run '^$' -test.bench "$bench" -test.benchmem -test.count 1) >>"$work/$side.txt" 2>/dev/null || true
		done
	done
	echo "round $i of $rounds done" >&2
done
benchstat "$work/old.txt" "$work/new.txt"
