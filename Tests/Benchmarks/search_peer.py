#!/usr/bin/env python3
"""LightGBM LambdaMART beside rec's learned search rankers, on rows rec exports.

Two steps, run by Tests/Benchmarks/search_peer.sh:

  search_peer.py anchor OUT --cut 2026-06-01T00:00
      reads OUT/after.csv (the searches after the cut, with `intent`) and OUT/members.csv and
      writes OUT/after_cut.csv: the searches after the cut, in their order, then one search at
      the cut with no click for every member. A ranker trained on that table reads each member's
      history before the cut (a member's first search of it), as `eval` does, and, with no
      `negatives` clause, has a row for every candidate of every clicked search after the cut.

  search_peer.py judge OUT
      trains LGBMRanker(objective="lambdarank") on OUT/train.csv (`search_nn.training`: the rows
      rec's rankers were trained on, one group per search), scores every candidate row of
      OUT/after_rows.csv (`all_after.training`) with it, with `popular` (the `popularity`
      column), and with `search_lin` and `search_nn` recomputed from their exported weights and
      scalers; ranks each clicked search's candidates by score, ties by title id, as rec does;
      and prints mrr@10 and ndcg@10 by intent over every clicked search after the cut (a click
      not retrieved scores 0, as in rec's `eval`), beside rec's own `eval` (OUT/rec_eval.csv).
      The ranks of the three rec rankers are checked against rec's `eval … per search`
      (OUT/rec_ranks.csv). Writes OUT/summary.json.

Needs: pip install lightgbm scikit-learn pandas numpy (LGBMRanker is scikit-learn's interface)
"""

import argparse
import json
import math
import sys

import numpy as np
import pandas as pd

K = 10
SEED = 7
META = ["search", "member", "query", "at", "title", "label"]


def read_searches(path):
    # Queries are text as typed ("the ", "nan"): nothing but an empty click is missing.
    frame = pd.read_csv(path, dtype={"query": str}, keep_default_na=False, na_values={"clicked": [""]})
    return frame


def anchor(out, cut):
    after = read_searches(f"{out}/after.csv")
    members = pd.read_csv(f"{out}/members.csv")
    extra = pd.DataFrame({"member": members["id"], "query": "-", "at": cut, "clicked": pd.NA})
    table = pd.concat([after[["member", "query", "at", "clicked"]], extra], ignore_index=True)
    table["clicked"] = table["clicked"].astype("Int64")
    table.to_csv(f"{out}/after_cut.csv", index=False)
    print(f"after_cut.csv: {len(after)} searches after the cut, {len(extra)} at the cut", file=sys.stderr)


def weights(path):
    frame = pd.read_csv(path)
    layers = []
    for layer in sorted(frame["layer"].unique()):
        part = frame[frame["layer"] == layer]
        rows = int(part["row"].max()) + 1
        cols = int(part["col"].max()) + 1
        w = np.zeros((rows, cols))
        b = np.zeros(cols)
        for r, c, v in zip(part["row"], part["col"], part["value"]):
            if pd.isna(r):
                b[int(c)] = v
            else:
                w[int(r), int(c)] = v
        layers.append((w, b))
    return layers


def network_logit(x, out, name):
    """rec's logistic (one layer) or mlp (ReLU hidden layers, one output) on rows x."""
    scaler = pd.read_csv(f"{out}/{name}_scaler.csv")
    h = (x - scaler["mean"].to_numpy()) / scaler["sd"].to_numpy()
    layers = weights(f"{out}/{name}_weights.csv")
    for i, (w, b) in enumerate(layers):
        h = h @ w + b
        if i < len(layers) - 1:
            h = np.maximum(h, 0)
    return h[:, 0]


def ranks(rows, score):
    """The clicked title's rank in each search of `rows`, by score descending, ties by title id."""
    frame = pd.DataFrame({"search": rows["search"], "title": rows["title"], "label": rows["label"], "score": score})
    frame = frame.sort_values(["search", "score", "title"], ascending=[True, False, True], kind="mergesort")
    frame["rank"] = frame.groupby("search").cumcount() + 1
    hit = frame[frame["label"] == 1]
    return dict(zip(hit["search"], hit["rank"]))


def metrics(rank):
    if rank is None or rank > K:
        return 0.0, 0.0
    return 1.0 / rank, 1.0 / math.log2(rank + 1)


def judge(out):
    import lightgbm

    after = read_searches(f"{out}/after.csv")
    after["search"] = np.arange(1, len(after) + 1)
    clicked = after[after["clicked"].notna() & (after["query"] != "")].copy()

    train = pd.read_csv(f"{out}/train.csv", dtype={"query": str}, keep_default_na=False)
    rows = pd.read_csv(f"{out}/after_rows.csv", dtype={"query": str}, keep_default_na=False)
    features = [c for c in train.columns if c not in META]
    assert features == [c for c in rows.columns if c not in META], "feature columns differ"
    # Every row of the after side belongs to a clicked search after the cut (the searches at the
    # cut have no click), one row per candidate, one of them clicked.
    assert rows["search"].max() <= len(after)
    assert (rows.groupby("search")["label"].sum() == 1).all()

    train = train.sort_values(["search", "title"], kind="mergesort")
    groups = train.groupby("search", sort=False).size().to_numpy()
    model = lightgbm.LGBMRanker(
        objective="lambdarank", n_estimators=100, num_leaves=31, n_jobs=2, random_state=SEED, verbose=-1)
    model.fit(train[features].to_numpy(np.float64), train["label"].to_numpy(), group=groups)

    x = rows[features].to_numpy(np.float64)
    scores = {
        "popular": rows["popularity"].to_numpy(np.float64),
        "search_lin": network_logit(x, out, "lin"),
        "search_nn": network_logit(x, out, "nn"),
        "lightgbm": model.predict(x),
    }
    found = {name: ranks(rows, s) for name, s in scores.items()}

    # rec's own ranks (`eval … per search`), in the order of the clicked searches.
    rec_ranks = pd.read_csv(f"{out}/rec_ranks.csv", dtype={"query": str}, keep_default_na=False)
    agreement = {}
    for name in ["popular", "search_lin", "search_nn"]:
        theirs = rec_ranks[rec_ranks["ranker"] == name]["rank"].tolist()
        ours = [found[name].get(s) for s in clicked["search"]]
        assert len(theirs) == len(ours), f"{name}: {len(theirs)} searches in rec's eval, {len(ours)} here"
        theirs = [None if a == "" else int(a) for a in theirs]
        same = sum(1 for a, b in zip(theirs, ours) if a == b)
        # `popular` ranks up to 500 candidates, the rows hold the rankers' 200: a click past the
        # 200th has a rank there and none here, 0 in every metric at 10 either way.
        scored = sum(1 for a, b in zip(theirs, ours) if metrics(a) == metrics(b))
        agreement[name] = {"same_rank": same, "same_metrics": scored, "searches": len(ours)}

    rec_eval = pd.read_csv(f"{out}/rec_eval.csv")
    summary = {"lightgbm": lightgbm.__version__, "training_rows": len(train), "training_searches": len(groups),
               "after_rows": len(rows), "judged": len(clicked), "retrieved": int(rows["search"].nunique()),
               "rank_agreement": agreement, "intents": {}}
    names = list(scores)
    for intent, part in clicked.groupby("intent"):
        table = {}
        for name in names:
            values = np.array([metrics(found[name].get(s)) for s in part["search"]])
            table[name] = {"mrr@10": values[:, 0].mean(), "ndcg@10": values[:, 1].mean(), "values": values}
        entry = {"searches": len(part)}
        for name in names:
            entry[name] = {m: table[name][m] for m in ["mrr@10", "ndcg@10"]}
            theirs = rec_eval[(rec_eval["ranker"] == name) & (rec_eval["intent"] == intent)]
            if len(theirs):
                entry[name]["rec_eval"] = {m: float(theirs[theirs["metric"] == m]["value"].iloc[0]) for m in ["mrr@10", "ndcg@10"]}
        for j, m in enumerate(["mrr@10", "ndcg@10"]):
            base = table["popular"][m]
            gain = table["lightgbm"][m] - base
            for name in ["search_lin", "search_nn"]:
                entry[name][f"share_of_lightgbm_gain_{m}"] = (table[name][m] - base) / gain if gain else None
                d = table[name]["values"][:, j] - table["lightgbm"]["values"][:, j]
                half = 1.96 * d.std(ddof=1) / math.sqrt(len(d)) if len(d) > 1 else float("nan")
                entry[name][f"minus_lightgbm_{m}"] = [d.mean(), d.mean() - half, d.mean() + half]
        summary["intents"][intent] = entry

    with open(f"{out}/summary.json", "w") as f:
        json.dump(summary, f, indent=1, default=float)
    print(f"LightGBM {lightgbm.__version__} LGBMRanker(lambdarank, 100 trees, 31 leaves) on {len(train):,} rows "
          f"({len(groups):,} searches), {len(features)} features; judged on {len(rows):,} candidate rows of "
          f"{summary['retrieved']:,} of the {len(clicked):,} clicked searches after the cut (the rest not retrieved: 0)")
    for name, a in agreement.items():
        print(f"{name}: rank equal to rec's eval in {a['same_rank']:,} of {a['searches']:,} searches, "
              f"mrr@10 and ndcg@10 equal in {a['same_metrics']:,}")
    print()
    print(f"{'intent':8} {'ranker':11} {'mrr@10':>7} {'ndcg@10':>8}   {'rec eval':>17}   share of LightGBM's gain over popular")
    for intent, entry in summary["intents"].items():
        for name in names:
            e = entry[name]
            rec = e.get("rec_eval")
            shown = f"{rec['mrr@10']:.4f} {rec['ndcg@10']:.4f}" if rec else ""
            share = ""
            if f"share_of_lightgbm_gain_mrr@10" in e:
                share = "  ".join(f"{m} {100 * e[f'share_of_lightgbm_gain_{m}']:.0f}%" for m in ["mrr@10", "ndcg@10"]
                                  if e[f"share_of_lightgbm_gain_{m}"] is not None)
            print(f"{intent:8} {name:11} {e['mrr@10']:7.4f} {e['ndcg@10']:8.4f}   {shown:>17}   {share}")
        print(f"{intent:8} ({entry['searches']} searches)")
    for intent, entry in summary["intents"].items():
        for name in ["search_lin", "search_nn"]:
            for m in ["mrr@10", "ndcg@10"]:
                d, lo, hi = entry[name][f"minus_lightgbm_{m}"]
                print(f"{intent} {name} − lightgbm {m}: {d:+.4f} (95% {lo:+.4f} to {hi:+.4f})")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="step", required=True)
    a = sub.add_parser("anchor")
    a.add_argument("out")
    a.add_argument("--cut", required=True)
    j = sub.add_parser("judge")
    j.add_argument("out")
    args = parser.parse_args()
    if args.step == "anchor":
        anchor(args.out, args.cut)
    else:
        judge(args.out)


if __name__ == "__main__":
    main()
