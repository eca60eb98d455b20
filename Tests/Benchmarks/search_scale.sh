#!/usr/bin/env bash
# The search rankers at the brief's scale, beside LightGBM on the same rows, timed in one run:
# `load demo members 400_000`, a `logistic` and an `mlp(hidden: 32, epochs: 3)` ranker with the
# same features (`negatives 19`, about 8.5M training rows), and `eval` of both by intent, through
# the release `rec` binary with `--timer`; then LightGBM's LambdaMART (100 trees, 31 leaves,
# n_jobs=2) fitted on the network's training rows as rec saved them (Tests/Benchmarks/search_scale.py).
#
#   Tests/Benchmarks/search_scale.sh [OUT_DIR]
#
# OUT_DIR defaults to /tmp/search_scale; MEMBERS is the demo's member count (default 400_000); PY
# a Python with lightgbm, pandas and numpy (default python3). About 10 minutes on 2 cores, 10 GB.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$(realpath -m "${1:-/tmp/search_scale}")
MEMBERS=${MEMBERS:-400_000}
PY=${PY:-python3}
mkdir -p "$OUT"
swift build -c release --package-path "$root" >&2
REC="$root/.build/release/rec"

features='  candidates prefix(typos: 1), genre, cast limit 200
  context query_length, intent, hour, country
  title popularity, recency, genres, kind
  context_title prefix_match, query_clicks, prefix_clicks, affinity, genre_affinity, seen, country_popularity
  negatives 19
  trained on before'
cat > "$OUT/job.rec" <<REC
load demo members $MEMBERS
split searches by time at 2026-06-01 into before, after
ranker search_lin = logistic
$features
ranker search_nn = mlp(hidden: 32, epochs: 3, batch: 256, seed: 7)
$features
eval search_nn, search_lin on after metrics mrr@10, ndcg@10 by intent(query)
save search_nn.training to "$OUT/train.csv"
REC
/usr/bin/time -v "$REC" run "$OUT/job.rec" --timer > "$OUT/rec.out" 2> "$OUT/rec.err"
"$PY" "$root/Tests/Benchmarks/search_scale.py" "$OUT"
