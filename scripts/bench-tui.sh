#!/bin/sh
# bench-tui.sh: time the terminal app from process start to its first frame
# (`frontline app --first-frame`), with the bundled content and with a
# generated 1,000-module --content folder, beside a floor (a bare Bubble Tea
# program that links glamour and draws one frame) measured in the same run;
# then run the TUI's Go benchmarks.
#
# usage: scripts/bench-tui.sh [RUNS]   (default 30; uses hyperfine when present)
set -eu
runs=${1:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=$(mktemp -d)
floor="$root/_tuifloor"
trap 'rm -rf "$work" "$floor"' EXIT INT TERM

go build -o "$work/frontline" ./cmd/frontline
mkdir -p "$floor"
cat >"$floor/main.go" <<'GO'
// Command tuifloor draws one frame with Bubble Tea and glamour linked in.
package main

import (
	"os"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/glamour"
)

type model struct{}

func (model) Init() tea.Cmd                       { return tea.Quit }
func (model) Update(tea.Msg) (tea.Model, tea.Cmd) { return model{}, nil }
func (model) View() string                        { return "frontline floor\n" }

var _ = glamour.NewTermRenderer

func main() {
	if _, err := tea.NewProgram(model{}, tea.WithInput(nil), tea.WithOutput(os.Stdout)).Run(); err != nil {
		os.Exit(1)
	}
}
GO
go build -o "$work/floor" "$floor"

# A content folder of 1,000 modules shaped like the bundled ones (six
# pages and a ten-question quiz each, about 7 KB).
gen="$work/gen"
mkdir -p "$gen/modules"
page=$(printf 'Some lesson text about indicators and safe responses. %.0s' $(seq 20))
{
	for p in 0 1 2 3 4 5; do printf '## Page %s\n\n%s\n\n' "$p" "$page"; done
	printf '## Quiz\n\n'
	for q in 0 1 2 3 4 5 6 7 8 9; do
		printf '### Question %s? {#q%s}\n\n- [ ] Wrong\n  - Why.\n- [x] Right\n\n> Because.\n\n' "$q" "$q"
	done
} >"$work/body.md"
i=0
while [ "$i" -lt 1000 ]; do
	n=$(printf '%04d' "$i")
	{
		printf -- '---\nid: gen-%s\ntitle: Generated module %s\nsummary: A module generated for timing.\nroles: [police]\nlevel: core\nminutes: 20\n---\n# Generated module %s\n\nIntro.\n\n' "$n" "$n" "$n"
		cat "$work/body.md"
	} >"$gen/modules/gen-$n.md"
	i=$((i + 1))
done
"$work/frontline" validate "$gen" >/dev/null || {
	echo "bench-tui: the generated content does not validate:" >&2
	"$work/frontline" validate "$gen" | head >&2
	exit 1
}

data="$work/data"
mkdir -p "$data"
app="$work/frontline --data $data --profile Bench"
$app --role police app --first-frame >/dev/null 2>&1 || {
	echo "bench-tui: the app did not start:" >&2
	$app --role police app --first-frame >/dev/null
	exit 1
}

if command -v hyperfine >/dev/null 2>&1; then
	hyperfine -N -w 3 -r "$runs" --export-json "$work/t.json" \
		-n floor "$work/floor" \
		-n bundled "$app app --first-frame" \
		-n generated1000 "$app --content $gen app --first-frame"
	# Medians in ms and the ratio to the floor.
	python3 - "$work/t.json" <<'PY' || true
import json, sys
r = {x["command"]: x["median"] * 1000 for x in json.load(open(sys.argv[1]))["results"]}
f = r["floor"]
print("start to first frame, median of %s runs:" % len(json.load(open(sys.argv[1]))["results"][0]["times"]))
for k in ("floor", "bundled", "generated1000"):
    print("  %-14s %7.1f ms  %5.2fx the floor" % (k, r[k], r[k] / f))
PY
else
	# median of RUNS wall-clock timings, in milliseconds
	median() {
		i=0
		: >"$work/t"
		while [ "$i" -lt "$runs" ]; do
			s=$(date +%s%N)
			"$@" >/dev/null 2>&1 </dev/null
			e=$(date +%s%N)
			echo $(((e - s) / 1000)) >>"$work/t"
			i=$((i + 1))
		done
		sort -n "$work/t" | awk '{a[NR]=$1} END {m=a[int((NR+1)/2)]; printf "%.1f", m/1000}'
	}
	f=$(median "$work/floor")
	a=$(median $app app --first-frame)
	g=$(median $app --content "$gen" app --first-frame)
	echo "start to first frame, median of $runs runs:"
	echo "  floor (Bubble Tea + glamour linked): ${f} ms"
	echo "  frontline, bundled content:          ${a} ms"
	echo "  frontline, 1,000 generated modules:  ${g} ms"
	awk -v a="$a" -v g="$g" -v f="$f" 'BEGIN { if (f > 0) printf "  ratios: %.2fx and %.2fx the floor\n", a / f, g / f }'
fi

echo
go test ./internal/tui/ -run '^$' -bench 'KeyPress|Glamour|FirstFrame|Baseline' -benchtime 300x -count 1
