#!/usr/bin/env bash
# rec's learned search rankers beside LightGBM LambdaMART on the same rows: runs
# examples/search.rec's world and rankers, exports the training rows and the candidates of every
# clicked search after the cut with their features, and judges LightGBM, the two rankers and
# `popular` on them with Tests/Benchmarks/search_peer.py.
#
#   Tests/Benchmarks/search_peer.sh [OUT_DIR]
#
# OUT_DIR defaults to /tmp/search_peer. DEMO is the `load demo` clause (default
# "members 2_000 titles 400 seed 7", examples/search.rec's world; DEMO="" is the default demo).
# PY is the Python with lightgbm, scikit-learn, pandas and numpy (default python3). The world of
# examples/search.rec takes seconds; the default demo under a minute on 2 cores.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$(realpath -m "${1:-/tmp/search_peer}")
DEMO=${DEMO-"members 2_000 titles 400 seed 7"}
PY=${PY:-python3}
mkdir -p "$OUT"
swift build -c release --package-path "$root" >&2
REC="$root/.build/release/rec"

# The features of every candidate of a clicked search after the cut, as `eval` reads them, come
# from a ranker trained on those searches with no `negatives` clause (every candidate a row). A
# ranker reads each member's history before that member's first search of its table, so the
# table is `after` with one search at the cut, with no click, for every member: every history
# then ends at the cut, as `eval`'s does.
cat > "$OUT/world.rec" <<REC
load demo $DEMO
split searches by time at 2026-06-01 into before, after
let judged = from after | derive intent = intent(query)
save judged to "$OUT/after.csv"
save members to "$OUT/members.csv"
REC
"$REC" run "$OUT/world.rec" >&2
"$PY" "$root/Tests/Benchmarks/search_peer.py" anchor "$OUT" --cut 2026-06-01T00:00

features='  candidates prefix(typos: 1), genre, cast limit 200
  context query_length, intent, hour
  title popularity, recency
  context_title prefix_match, affinity, genre_affinity, cluster_affinity, seen'
cat > "$OUT/rankers.rec" <<REC
load demo $DEMO
split searches by time at 2026-06-01 into before, after
let early = from plays | where at < 2026-06-01
cluster titles into 12 by early seed 3

ranker search_lin = logistic
$features
  negatives 9
  trained on before

ranker search_nn = mlp(hidden: 16, epochs: 3, batch: 256, seed: 7)
$features
  negatives 9
  trained on before

eval search_lin, search_nn, popular on after
  metrics mrr@10, ndcg@10
  baseline popular
  by intent(query)
  long
save _ to "$OUT/rec_eval.csv"

eval search_lin, search_nn, popular on after
  metrics mrr@10
  per search
save _ to "$OUT/rec_ranks.csv"

load table after_cut from "$OUT/after_cut.csv" types member: int, at: time, clicked: int
ranker all_after = logistic
$features
  trained on after_cut

save search_nn.training to "$OUT/train.csv"
save all_after.training to "$OUT/after_rows.csv"
save search_lin.weights to "$OUT/lin_weights.csv"
save search_lin.scaler to "$OUT/lin_scaler.csv"
save search_nn.weights to "$OUT/nn_weights.csv"
save search_nn.scaler to "$OUT/nn_scaler.csv"
REC
"$REC" run "$OUT/rankers.rec" > "$OUT/rankers.out"
"$PY" "$root/Tests/Benchmarks/search_peer.py" judge "$OUT"
