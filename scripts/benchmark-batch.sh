#!/usr/bin/env bash
# Batch throughput end to end: a release build scores N random questionnaires (fixed seed) into HTML and
# Markdown reports with the history recorded into a fresh temporary database, several runs; prints the
# median questionnaires per second and the peak resident size (from /usr/bin/time -v).
#
#   scripts/benchmark-batch.sh [COUNT=10000] [RUNS=3] [JOBS=all cores]
#
# Built as the README builds a release (the Swift runtime linked statically). Set SCRATCH to choose the build
# folder (default .build). The questionnaires, reports and database go in a
# temporary folder under BENCH_DIR (default: the build folder, so on the project's own disk). Needs GNU time.
# On ext4 without a journal, files made within minutes of a mass deletion (an earlier run's cleanup, a test
# run) cost the kernel several times more: run it on a quiet disk.
set -euo pipefail
count=${1:-10000}
runs=${2:-3}
jobs=${3:-$(nproc)}
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=${SCRATCH:-$root/.build}
cd "$root"
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product insource >&2
insource="$scratch/release/insource"
work=$(mktemp -d "${BENCH_DIR:-$scratch}/insource-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "generating $count questionnaires (seed 42)..." >&2
"$insource" questionnaire random --rubric social-media --count "$count" --seed 42 -o "$work/in" >/dev/null

rates=()
peaks=()
for run in $(seq 1 "$runs"); do
    # Each run writes a new folder and database, as a batch for a new season would. Earlier runs' files are
    # removed only after the last run: deleting 20,000 files keeps this disk busy (discards) for a while, and
    # that belongs to no batch. The previous run's reports are flushed first, not while this run is timed.
    sync
    start=$(date +%s.%N)
    /usr/bin/time -v -o "$work/time.txt" "$insource" score "$work/in" -o "$work/out-$run" --format html --format markdown \
        --db "$work/history-$run.sqlite" --jobs "$jobs" --quiet
    end=$(date +%s.%N)
    rate=$(echo "$count / ($end - $start)" | bc -l)
    peak=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
    printf 'run %d: %.0f questionnaires/s, peak RSS %.1f MB\n' "$run" "$rate" "$(echo "$peak / 1024" | bc -l)" >&2
    rates+=("$rate")
    peaks+=("$peak")
done
median=$(printf '%s\n' "${rates[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')
maxpeak=$(printf '%s\n' "${peaks[@]}" | sort -g | tail -1)
printf '%d questionnaires, %d jobs, %d runs: median %.0f questionnaires/s end to end, peak RSS %.1f MB\n' \
    "$count" "$jobs" "$runs" "$median" "$(echo "$maxpeak / 1024" | bc -l)"
