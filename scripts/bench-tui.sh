#!/bin/sh
# bench-tui.sh: time the terminal app from process start to its first frame,
# beside a floor (a bare Bubble Tea program that links glamour and draws one
# frame), then run the TUI's Go benchmarks.
#
# usage: scripts/bench-tui.sh [RUNS]   (default 20; uses hyperfine when present)
set -eu
runs=${1:-20}
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

data="$work/data"
mkdir -p "$data"
FRONTLINE_FIRST_FRAME=1 "$work/frontline" --data "$data" --profile Bench --role police >/dev/null 2>&1 || {
	echo "bench-tui: the app did not start:" >&2
	FRONTLINE_FIRST_FRAME=1 "$work/frontline" --data "$data" --profile Bench --role police >/dev/null
	exit 1
}

if command -v hyperfine >/dev/null 2>&1; then
	hyperfine -N -w 3 -r "$runs" \
		"$work/floor" \
		"env FRONTLINE_FIRST_FRAME=1 $work/frontline --data $data --profile Bench"
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
	a=$(median env FRONTLINE_FIRST_FRAME=1 "$work/frontline" --data "$data" --profile Bench)
	echo "start to first frame, median of $runs runs:"
	echo "  floor (Bubble Tea + glamour linked): ${f} ms"
	echo "  frontline (bundled content):          ${a} ms"
	awk -v a="$a" -v f="$f" 'BEGIN { if (f > 0) printf "  ratio: %.2fx the floor\n", a / f }'
fi

echo
go test ./internal/tui/ -run '^$' -bench 'KeyPress|Glamour|FirstFrame|Baseline' -benchtime 300x -count 1
