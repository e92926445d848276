#!/bin/sh
# Benchmarks of the progress store: answer write latency (median and p99),
# the dashboard at 100,000 answers, and open plus quick_check at that size,
# with a raw fsync baseline so figures can be read against this disk.
# Usage: scripts/bench-store.sh [COUNT]   (runs each benchmark COUNT times, default 5)
set -eu
cd "$(dirname "$0")/.."
go test ./internal/progress/sqlite -run '^$' -bench . -benchtime 2s -count "${1:-5}" -timeout 30m
