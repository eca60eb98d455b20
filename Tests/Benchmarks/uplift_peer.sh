#!/usr/bin/env bash
# rec's T-learner uplift model beside scikit-uplift, causalml and hand-written numpy, timed in one
# run: `uplift causal = tlearner(logistic(5 features)) on exposures` and `eval causal on exposures
# metrics qini, auuc, uplift@10%` on the demo's ~1M exposure rows (`load demo members 31_250`),
# through the release `rec` binary with `--timer`; the peers fit, predict and compute the same
# metrics on the same feature rows, which rec exports with `save` (Tests/Benchmarks/uplift_peer.py).
# rec also runs the job on those rows as given features (`tlearner(logistic(f1, …, f5)) on given`,
# as the peers read them) and `eval score on given` for the metrics of given scores.
#
#   Tests/Benchmarks/uplift_peer.sh [OUT_DIR]
#
# OUT_DIR defaults to /tmp/uplift_peer. MEMBERS is the demo's member count (default 31_250, about
# 1M exposure rows), ROUNDS the number of timed rounds (default 3), each rec's run then the
# peers', so that a busy machine slows both alike; the report gives medians and ranges. PY is the
# Python with scikit-uplift 0.5.1 and causalml 0.18.0 (default python3); without them:
#   python3 -m venv --system-site-packages /tmp/upv
#   /tmp/upv/bin/pip install "scikit-learn<1.10" scikit-uplift==0.5.1 causalml==0.18.0
#   PY=/tmp/upv/bin/python Tests/Benchmarks/uplift_peer.sh
# A few minutes on 2 cores.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$(realpath -m "${1:-/tmp/uplift_peer}")
MEMBERS=${MEMBERS:-31_250}
ROUNDS=${ROUNDS:-3}
PY=${PY:-python3}
mkdir -p "$OUT"
swift build -c release --package-path "$root" >&2
REC="$root/.build/release/rec"

load="load demo members $MEMBERS"
define="uplift causal = tlearner(logistic(affinity(member, title), title.popularity, days_since(title.released), title.year, days_since(member.joined))) on exposures"
evaluate="eval causal on exposures metrics qini, auuc, uplift@10%"

# The rows the peers read: each arm's training rows with their features (the evaluated table is
# the training table, so these are the eval's rows too), the arm of each row in the table's order,
# the fitted coefficients (for rec's scores) and rec's metric values.
cat > "$OUT/export.rec" <<REC
$load
$define
save _ to "$OUT/coefficients.csv"
$evaluate
save _ to "$OUT/rec_eval.csv"
save causal.treated to "$OUT/treated.csv"
save causal.control to "$OUT/control.csv"
let arms = from exposures | select shown
save arms to "$OUT/arms.csv"
REC
"$REC" run "$OUT/export.rec" > "$OUT/export.out"
"$PY" "$root/Tests/Benchmarks/uplift_peer.py" prepare "$OUT"

# What a user runs, and nothing else: the job from the demo's history, and the same job on the
# features the peers read (given.csv, written by `prepare`), then the metrics of given scores.
printf '%s\n' "$load" "$define" "$evaluate" > "$OUT/job.rec"
cat > "$OUT/given.rec" <<REC
load table given from "$OUT/given.csv"
uplift causal = tlearner(logistic(f1, f2, f3, f4, f5)) on given
eval causal on given metrics qini, auuc, uplift@10%
eval score on given metrics qini, auuc, uplift@10%
REC
for round in $(seq 1 "$ROUNDS"); do
  "$REC" run "$OUT/job.rec" --timer > "$OUT/rec_$round.out" 2> "$OUT/rec_$round.err"
  grep 'Run Time' "$OUT/rec_$round.err" | tail -2 | sed "s/^/round $round: rec /" >&2
  "$REC" run "$OUT/given.rec" --timer > "$OUT/given_$round.out" 2> "$OUT/given_$round.err"
  grep 'Run Time' "$OUT/given_$round.err" | tail -3 | sed "s/^/round $round: rec, given /" >&2
  "$PY" "$root/Tests/Benchmarks/uplift_peer.py" time "$OUT" "$round"
done
"$PY" "$root/Tests/Benchmarks/uplift_peer.py" report "$OUT" $(seq 1 "$ROUNDS")
