#!/usr/bin/env python3
"""Cross-checks rec's one-dimensional ranking metrics against ranx.

Two uses:

  ranx_check.py generate [--seed 7] [--members 300] > Tests/RecKitTests/Fixtures/ranx/lists.json
      writes the fixture: per member, a page of rows (each row its own ranking, tied scores
      broken by title id ascending, as rec ranks) and the member's relevant titles.

  ranx_check.py Tests/RecKitTests/Fixtures/ranx/lists.json > Tests/RecKitTests/Fixtures/ranx/ranx.json
      reads the fixture as rec reads a page (row by row, left to right, a title seen earlier
      dropped), gives ranx that list, and prints ranx's value of every metric for every member
      as JSON. Needs `pip install ranx`.

  ranx_check.py search Tests/RecKitTests/Fixtures/ranx/search_lists.json > Tests/RecKitTests/Fixtures/ranx/search_ranx.json
      reads search rankers' ranked lists as rec exports them (per search: its titles in rank
      order, cut at the largest cut-off, and the one clicked title) and prints ranx's mrr, ndcg,
      recall and hit_rate of every search as JSON.

  ranx_check.py search-ir Tests/RecKitTests/Fixtures/ranx/search_lists.json > Tests/RecKitTests/Fixtures/ranx/search_ir_measures.json
      the same lists judged by ir_measures (RR, nDCG, R and Success at each cut-off, computed by
      its trec_eval provider), printed under ranx's metric names. Needs `pip install ir_measures`.

ranx orders a run by score and leaves the order of equal scores unspecified (an unstable
argsort, reversed); trec_eval breaks ties by document id descending. So the list goes to ranx
with strictly decreasing scores (length − rank): both tools then judge the very same ranking.
"""

import argparse
import json
import random
import sys

METRICS = ["precision", "recall", "ndcg", "map", "mrr", "hit_rate"]
CUTOFFS = [1, 3, 5, 10, 20]


def generate(seed, members):
    rng = random.Random(seed)
    out = []
    for member in range(1, members + 1):
        # A pool of candidate titles the member's rows draw from, so rows repeat titles.
        pool = rng.sample(range(1, 2001), rng.randint(3, 40))
        shape = rng.random()
        if shape < 0.15:
            row_count, lengths = 1, (1, 4)  # a short list
        else:
            row_count, lengths = rng.randint(1, 6), (2, 10)
        rows, row_scores = [], []
        for _ in range(row_count):
            picked = rng.sample(pool, min(len(pool), rng.randint(*lengths)))
            scored = sorted(((rng.randint(1, 4), t) for t in picked), key=lambda p: (-p[0], p[1]))
            rows.append([t for _, t in scored])
            row_scores.append([s for s, _ in scored])
        shown = sorted({t for row in rows for t in row})
        outside = [t for t in rng.sample(range(2001, 4001), 20)]
        relevant_count = rng.randint(1, 15)
        if rng.random() < 0.15:
            relevant = outside[:relevant_count]  # no relevant title on the page
        else:
            inside = rng.sample(shown, min(len(shown), rng.randint(1, relevant_count)))
            relevant = inside + outside[: relevant_count - len(inside)]
        out.append({"member": member, "rows": rows, "scores": row_scores, "relevant": sorted(relevant)})
    return {"seed": seed, "cutoffs": CUTOFFS, "members": out}


def reading(rows):
    """The page as rec reads it: row by row, left to right, repeats dropped."""
    seen, titles = set(), []
    for row in rows:
        for t in row:
            if t not in seen:
                seen.add(t)
                titles.append(t)
    return titles


def check(path):
    import ranx
    from importlib.metadata import version

    with open(path) as f:
        fixture = json.load(f)
    qrels = ranx.Qrels({str(m["member"]): {str(t): 1 for t in m["relevant"]} for m in fixture["members"]})
    runs = {}
    for m in fixture["members"]:
        titles = reading(m["rows"])
        runs[str(m["member"])] = {str(t): float(len(titles) - i) for i, t in enumerate(titles)}
    run = ranx.Run(runs)
    names = [f"{metric}@{k}" for metric in METRICS for k in fixture["cutoffs"]]
    ranx.evaluate(qrels, run, names, make_comparable=True)
    values = {name: {q: float(run.scores[name][q]) for q in sorted(runs, key=int)} for name in names}
    return {"ranx": version("ranx"), "members": len(runs), "values": values}


SEARCH_METRICS = ["mrr", "ndcg", "recall", "hit_rate"]


def check_search(path):
    import ranx
    from importlib.metadata import version

    with open(path) as f:
        fixture = json.load(f)
    searches = fixture["searches"]
    qrels = ranx.Qrels({s["search"]: {str(s["clicked"]): 1} for s in searches})
    run = ranx.Run(
        {s["search"]: {str(t): float(len(s["titles"]) - i) for i, t in enumerate(s["titles"])} for s in searches}
    )
    names = [f"{metric}@{k}" for metric in SEARCH_METRICS for k in fixture["cutoffs"]]
    ranx.evaluate(qrels, run, names, make_comparable=True)
    values = {name: {s["search"]: float(run.scores[name][s["search"]]) for s in searches} for name in names}
    return {"ranx": version("ranx"), "searches": len(searches), "values": values}


# ir_measures' measure for each of ranx's search metric names.
IR_MEASURES_NAMES = {"mrr": "RR", "ndcg": "nDCG", "recall": "R", "hit_rate": "Success"}


def check_search_ir_measures(path):
    import ir_measures
    from importlib.metadata import version

    with open(path) as f:
        fixture = json.load(f)
    searches = fixture["searches"]
    qrels = [ir_measures.Qrel(s["search"], str(s["clicked"]), 1) for s in searches]
    run = [
        ir_measures.ScoredDoc(s["search"], str(t), float(len(s["titles"]) - i))
        for s in searches
        for i, t in enumerate(s["titles"])
    ]
    measures = {
        f"{name}@{k}": ir_measures.parse_measure(f"{IR_MEASURES_NAMES[name]}@{k}")
        for name in SEARCH_METRICS
        for k in fixture["cutoffs"]
    }
    named = {str(measure): name for name, measure in measures.items()}
    values = {name: {} for name in measures}
    for metric in ir_measures.iter_calc(list(measures.values()), qrels, run):
        values[named[str(metric.measure)]][metric.query_id] = float(metric.value)
    return {"ir_measures": version("ir_measures"), "searches": len(searches), "values": values}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command")
    gen = sub.add_parser("generate")
    gen.add_argument("--seed", type=int, default=7)
    gen.add_argument("--members", type=int, default=300)
    if len(sys.argv) > 1 and sys.argv[1] == "generate":
        args = parser.parse_args()
        result = generate(args.seed, args.members)
    elif len(sys.argv) == 3 and sys.argv[1] == "search":
        result = check_search(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "search-ir":
        result = check_search_ir_measures(sys.argv[2])
    elif len(sys.argv) == 2:
        result = check(sys.argv[1])
    else:
        parser.print_help()
        return 64
    sys.stdout.write(dumps(result))
    return 0


def dumps(result):
    """JSON with each member (fixture) or each metric (ranx values) on one line, for short diffs."""
    key = "members" if isinstance(result.get("members"), list) else "values"
    body = result[key]
    lines = [json.dumps(v, sort_keys=True) for v in body] if isinstance(body, list) else [
        f"{json.dumps(name)}: {json.dumps(body[name])}" for name in sorted(body)
    ]
    head = json.dumps({k: v for k, v in result.items() if k != key}, sort_keys=True)[:-1]
    open_, close = ("[", "]") if isinstance(body, list) else ("{", "}")
    return f'{head}, "{key}": {open_}\n' + ",\n".join(lines) + f"\n{close}}}\n"


if __name__ == "__main__":
    sys.exit(main())
