#!/usr/bin/env bash
# Runs the libFuzzer targets: Tests/Fuzz/run.sh [SECONDS_EACH] [TARGET…]
#
# Builds the `fuzz` executable (Package.swift adds it when REC_FUZZ=1) in release with
# `-sanitize=fuzzer,address` into .build-fuzz, then runs each target in turn for SECONDS_EACH
# seconds (60 by default) from its corpus in Tests/Fuzz/Corpus/TARGET. Prints per target the
# executions and executions per second; exits 1 when any target crashed, hung (-timeout=10) or
# ran out of memory (-rss_limit_mb=2048), leaving each such input in Tests/Fuzz/crashes/TARGET/.
#
# Environment: JOBS (build jobs, 2), NO_BUILD=1 (use the binaries built last), MERGE=1 (after
# the runs, minimize each corpus into a fresh folder and replace the committed one; the merge is
# -set_cover_merge=1, the -merge=1 that keeps the fewest inputs for the same features; files
# named seed-* or crash-* are always kept, under their names).
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SECONDS_EACH=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(program format table datasets parquet)
SCRATCH=$ROOT/.build-fuzz
export REC_FUZZ=1
# Let libFuzzer catch a trap (and keep the input) rather than the Swift runtime's backtracer.
export SWIFT_BACKTRACE=enable=no

if [ "${NO_BUILD:-0}" != 1 ]; then
  swift build -c release --scratch-path "$SCRATCH" -j "${JOBS:-2}" \
    -Xswiftc -sanitize=fuzzer,address --product fuzz || { echo "build of fuzz failed" >&2; exit 2; }
fi
BIN=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)

status=0
for t in "${TARGETS[@]}"; do
  corpus=$ROOT/Tests/Fuzz/Corpus/$t
  work=$SCRATCH/corpus/$t
  crashes=$ROOT/Tests/Fuzz/crashes/$t
  log=$SCRATCH/logs/$t.log
  mkdir -p "$work" "$crashes" "$(dirname "$log")"
  REC_FUZZ_TARGET=$t "$BIN/fuzz" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$crashes/" "$work" "$corpus" >"$log" 2>&1
  rc=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  if [ $rc -ne 0 ]; then
    status=1
    echo "$t: FAILED (exit $rc) after ${runs:-?} executions; input in $crashes/, log in $log"
    grep -m1 -E '^==[0-9]+==ERROR|Fatal error|deadly signal|timeout|out-of-memory' "$log" | sed 's/^/  /'
  else
    echo "$t: ${runs:-?} executions in ${SECONDS_EACH} s (${rate:-?} exec/s); $(ls "$work" | wc -l) inputs kept in $work"
    rmdir "$crashes" 2>/dev/null
  fi
  if [ "${MERGE:-0}" = 1 ] && [ $rc -eq 0 ]; then
    fresh=$SCRATCH/merged/$t
    rm -rf "$fresh" && mkdir -p "$fresh"
    find "$corpus" -maxdepth 1 \( -name 'seed-*' -o -name 'crash-*' \) -exec cp {} "$fresh/" \;
    REC_FUZZ_TARGET=$t "$BIN/fuzz" -set_cover_merge=1 -timeout=10 -rss_limit_mb=2048 "$fresh" "$corpus" "$work" >"$SCRATCH/logs/$t.merge.log" 2>&1 \
      && rm -rf "$corpus" && mv "$fresh" "$corpus" && echo "  corpus minimized: $(ls "$corpus" | wc -l) files, $(du -sh --apparent-size "$corpus" | cut -f1)"
  fi
done
rmdir "$ROOT/Tests/Fuzz/crashes" 2>/dev/null
exit $status
