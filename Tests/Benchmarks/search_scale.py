"""Times LightGBM's LambdaMART on the training rows rec saved (Tests/Benchmarks/search_scale.sh)
and prints it beside rec's own times, read from its --timer lines.

    python3 Tests/Benchmarks/search_scale.py OUT_DIR
"""
import re
import sys
import time

import lightgbm
import numpy as np
import pandas as pd

META = {"search", "member", "query", "at", "title", "label"}


def rec_times(out):
    """The wall time of each statement of job.rec, in order, and the peak memory."""
    err = open(f"{out}/rec.err").read()
    times = [float(t) for t in re.findall(r"Run Time: ([0-9.]+) s", err)]
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    return times, int(peak.group(1)) / 1e6 if peak else float("nan")


def main(out):
    times, peak = rec_times(out)
    load, _, logistic, network, evaluate = times[:5]
    train = pd.read_csv(f"{out}/train.csv", dtype={"query": str}, keep_default_na=False)
    features = [c for c in train.columns if c not in META]
    train = train.sort_values(["search", "title"], kind="mergesort")
    groups = train.groupby("search", sort=False).size().to_numpy()
    x = train[features].to_numpy(np.float64)
    y = train["label"].to_numpy()
    model = lightgbm.LGBMRanker(
        objective="lambdarank", n_estimators=100, num_leaves=31, n_jobs=2, random_state=7, verbose=-1)
    start = time.perf_counter()
    model.fit(x, y, group=groups)
    peer = time.perf_counter() - start
    print(f"{len(train):,} training rows, {len(groups):,} searches, {len(features)} feature columns")
    print(f"rec load demo                 {load:8.1f} s")
    print(f"rec ranker … = logistic       {logistic:8.1f} s")
    print(f"rec ranker … = mlp            {network:8.1f} s   ({network / peer:.2f} of LightGBM's fit)")
    print(f"rec eval (2 rankers, intent)  {evaluate:8.1f} s")
    print(f"LightGBM {lightgbm.__version__} LGBMRanker fit   {peer:8.1f} s   (100 trees, 31 leaves, n_jobs=2)")
    print(f"rec peak memory               {peak:8.2f} GB")


if __name__ == "__main__":
    main(sys.argv[1])
