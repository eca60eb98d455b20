#!/usr/bin/env bash
# rec's own speed figures that have no peer: generating the demo world, and a
# group-by-count over the 25M-row MovieLens-shaped ratings (loading not timed).
#
#   Tests/Benchmarks/quick.sh [DATA_DIR]      (DATA_DIR defaults to /tmp/mlbench/25m)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
DATA=${1:-/tmp/mlbench/25m}
swift build -c release --package-path "$root" >&2
REC="$root/.build/release/rec"
"$REC" bench demo --runs "${RUNS:-7}"
"$REC" bench group "$DATA" --runs "${RUNS:-5}"
