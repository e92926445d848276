#!/bin/sh
# bench-startup.sh: time frontline's start-up as whole processes and print
# the figures against the targets:
#   frontline version                       at or under 15 ms
#   first frame with the bundled content    at or under 50 ms
#     (frontline app --first-frame: draws the first frame and exits)
#   loader.Load of the bundled curriculum   at or under 20 ms
#     (BenchmarkLoadBundled in internal/loader)
# It also prints the most expensive package initialisations of a start
# (GODEBUG=inittrace=1), averaged over several starts.
#
# usage: scripts/bench-startup.sh [RUNS]   (default 40 runs of each process)
#   STRICT=1 makes it exit 1 when a figure is over its target.
# Uses hyperfine when installed (apt-get install hyperfine); otherwise a
# shell loop, which adds a few ms of its own to each start. The machine is
# shared: read medians, and run it again when the spread is wide. Not run in
# CI: timings there would only measure the CI machine's neighbours.
set -eu
runs=${1:-40}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

go build -o "$work/frontline" ./cmd/frontline
bin="$work/frontline"
data="$work/data"
mkdir -p "$data"
first="$bin --data $data --profile Bench --role police app --first-frame"
# The first start creates the profile; it must succeed before timing.
$first >/dev/null 2>&1 || {
	echo "bench-startup: the app did not start:" >&2
	$first >/dev/null
	exit 1
}

# median FILE: the median of the numbers in FILE, one a line.
median() {
	sort -n "$1" | awk '{a[NR]=$1} END {if (NR == 0) exit 1; if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'
}

if command -v hyperfine >/dev/null 2>&1; then
	hyperfine -N -w 5 -r "$runs" --export-csv "$work/t.csv" \
		-n version "$bin version" \
		-n first-frame "$first"
	# CSV columns: command,mean,stddev,median,user,system,min,max (seconds)
	v=$(awk -F, '$1 == "version" {printf "%.1f", $4 * 1000}' "$work/t.csv")
	f=$(awk -F, '$1 == "first-frame" {printf "%.1f", $4 * 1000}' "$work/t.csv")
	how="hyperfine, median of $runs runs"
else
	# time_ms CMD...: wall-clock milliseconds of RUNS starts, one a line.
	time_ms() {
		i=0
		while [ "$i" -lt "$runs" ]; do
			s=$(date +%s%N)
			"$@" >/dev/null 2>&1 </dev/null
			e=$(date +%s%N)
			echo $(((e - s) / 1000))
			i=$((i + 1))
		done | awk '{printf "%.1f\n", $1 / 1000}'
	}
	time_ms "$bin" version >"$work/v"
	time_ms $first >"$work/f"
	v=$(median "$work/v")
	f=$(median "$work/f")
	how="shell loop (no hyperfine), median of $runs runs"
fi

echo
echo "package initialisation, mean of 20 starts of 'frontline version' (GODEBUG=inittrace=1):"
i=0
while [ "$i" -lt 20 ]; do
	GODEBUG=inittrace=1 "$bin" version 2>&1 >/dev/null | grep '^init '
	i=$((i + 1))
done >"$work/init"
awk '{ms[$2] += $5; kb[$2] += $8; total += $5} END {
	for (p in ms) printf "%8.2f ms %8.0f KB  %s\n", ms[p] / 20, kb[p] / 20 / 1024, p
	printf "%8.2f ms in all\n", total / 20 > "/dev/stderr"
}' "$work/init" 2>"$work/init-total" | sort -rn | head -8
cat "$work/init-total"

echo
echo "loader.Load of the bundled curriculum (BenchmarkLoadBundled, 5 x 20 loads):"
go test -c -o "$work/loader.test" ./internal/loader
(cd internal/loader && "$work/loader.test" -test.run '^$' -test.bench '^BenchmarkLoadBundled$' \
	-test.benchtime 20x -test.count 5 -test.benchmem) | tee "$work/bench" | grep '^Benchmark'
awk '/^BenchmarkLoadBundled/ {printf "%.1f\n", $3 / 1e6}' "$work/bench" >"$work/l"
l=$(median "$work/l")
# CPU time per load says how much work a load is, whatever the neighbours
# leave of the second core (GNU time; 100 loads plus the benchmark's own).
if [ -x /usr/bin/time ]; then
	(cd internal/loader && /usr/bin/time -f '%U %S' -o "$work/cpu" "$work/loader.test" -test.run '^$' \
		-test.bench '^BenchmarkLoadBundled$' -test.benchtime 100x >/dev/null)
	awk '{printf "CPU per load (user + system): %.1f ms\n", ($1 + $2) * 1000 / 101}' "$work/cpu"
fi

over=0
# verdict FIGURE TARGET: sets r to "ok" or "OVER", and over to 1 on a miss.
verdict() {
	if awk -v a="$1" -v t="$2" 'BEGIN {exit !(a <= t)}'; then
		r=ok
	else
		r=OVER
		over=1
	fi
}
echo
echo "load average after measuring: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) on $(nproc 2>/dev/null || echo '?') cores (near the number of cores, the figures include waiting for other work)"
echo "start-up against the targets ($how; loader: median of 5):"
verdict "$v" 15
printf '  %-34s %7s ms   target %3s ms   %s\n' "frontline version" "$v" 15 "$r"
verdict "$f" 50
printf '  %-34s %7s ms   target %3s ms   %s\n' "first frame, bundled content" "$f" 50 "$r"
verdict "$l" 20
printf '  %-34s %7s ms   target %3s ms   %s\n' "loader.Load, bundled curriculum" "$l" 20 "$r"
if [ "${STRICT:-0}" = 1 ] && [ "$over" = 1 ]; then
	exit 1
fi
