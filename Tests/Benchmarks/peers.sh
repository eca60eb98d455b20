#!/usr/bin/env bash
# Times rec side by side with the peer implementations of ../shared/bench (pandas, polars,
# DuckDB, pyarrow) on the same MovieLens-shaped files, in one run on one machine, through the
# peers' own whole-process harness; then summarises medians and checks that every
# implementation reports the same figures.
#
#   Tests/Benchmarks/peers.sh [DATA_DIR] [OUT.json]
#
# DATA_DIR defaults to /tmp/mlbench/25m (made with gen_ml.py --preset 25m when missing, ~2 min).
# Knobs: RUNS (timed runs per implementation, default 5), JOBS ("load" by default, or
# "load eval": the peers' EVAL job against `rec bench eval`), PEERS
# (default "pyarrow polars duckdb pandas-c numpy-tuned"), BENCH (the peers' folder, default ../shared/bench
# beside the repository). Needs: pip install numpy pandas pyarrow polars duckdb
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=${BENCH:-$root/../shared/bench}
DATA=${1:-/tmp/mlbench/25m}
OUT=$(realpath -m "${2:-/tmp/mlbench/results/$(basename "$DATA")-rec.json}")
RUNS=${RUNS:-5}
JOBS=${JOBS:-load}
PEERS=${PEERS:-"pyarrow polars duckdb pandas-c numpy-tuned"}
PY=$(python3 -c 'import sys; print(sys.executable)')

if [ ! -f "$DATA/ratings.csv" ]; then
  "$PY" "$BENCH/gen_ml.py" --preset "$(basename "$DATA")" --out "$DATA"
fi
swift build -c release --package-path "$root" >&2
REC="$root/.build/release/rec"
mkdir -p "$(dirname "$OUT")"
RUNS_FILE="${OUT%.json}.runs.jsonl"
: > "$RUNS_FILE"

timed() {  # timed LABEL JOB COMMAND...
  local label=$1 job=$2
  shift 2
  echo "== $job $label" >&2
  "$PY" "$BENCH/harness.py" --label "$label" --data "$(basename "$DATA")" --job "$job" \
    --out "$RUNS_FILE" --runs "$RUNS" --warmup 1 -- "$@"
}

peer() {  # peer LABEL JOB: the peer's own command line, as run_peers.sh gives it
  local label=$1 job=$2
  case $label in
    pyarrow) timed "$label" "$job" "$PY" "$BENCH/peers/pyarrow_peer.py" --job "$job" --data "$DATA" ;;
    polars) timed "$label" "$job" "$PY" "$BENCH/peers/polars_peer.py" --job "$job" --data "$DATA" ;;
    duckdb) timed "$label" "$job" "$PY" "$BENCH/peers/duckdb_peer.py" --job "$job" --data "$DATA" ;;
    pandas-c) timed "$label" "$job" "$PY" "$BENCH/peers/pandas_peer.py" --job "$job" --data "$DATA" --variant c ;;
    numpy-tuned) timed "$label" "$job" "$PY" "$BENCH/peers/pandas_peer.py" --job "$job" --data "$DATA" --variant c --impl numpy ;;
    *) echo "unknown peer $label" >&2; return 1 ;;
  esac
}

timed "cat ratings.csv >/dev/null" floor sh -c 'cat "$1" > /dev/null' sh "$DATA/ratings.csv"
for job in $JOBS; do
  timed rec "$job" "$REC" bench "$job" "$DATA"
  # pyarrow only reads; numpy-tuned is the fastest EVAL peer, pandas-c the LOAD one it uses.
  for label in $PEERS; do
    case "$job:$label" in eval:pyarrow | eval:pandas-c | load:numpy-tuned) continue ;; esac
    peer "$label" "$job"
  done
done
"$PY" "$BENCH/summarize.py" "$RUNS_FILE" "$OUT" --meta "$DATA/gen_meta.json" --md "${OUT%.json}.md"
cat "${OUT%.json}.md"
