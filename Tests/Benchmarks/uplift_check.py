#!/usr/bin/env python3
"""Cross-checks rec's uplift metrics against scikit-uplift 0.5.1 and causalml.

Two uses:

  uplift_check.py generate [--seed 11] [--rows 400] > Tests/RecKitTests/Fixtures/uplift/rows.csv
      writes the fixture: per row its treatment (0/1, about 60% treated), outcome (0/1, drawn
      from the row's play probability in its arm), true uplift (the difference of the two
      probabilities) and four scores: `untied` (the true uplift plus noise), `tied` (the same
      rounded to one decimal: nine runs of equal scores, one of them both -0.0 and 0.0, which
      NumPy counts as equal), `constant` (0.5 everywhere) and
      `treated_first` (every treated row above every control row, untied: the first 10% hold no
      control row).

  uplift_check.py reference Tests/RecKitTests/Fixtures/uplift/rows.csv > Tests/RecKitTests/Fixtures/uplift/reference.json
      prints, for each score, the libraries' value of every metric rec computes, and the sweep
      curves at every 5% of rows. Needs `pip install "scikit-learn<1.10" scikit-uplift==0.5.1 causalml==0.18.0`.

Where a library gives NaN (an empty arm among the first rows) or raises, the value is a string
saying so, and rec must fail there. causalml sorts with an unstable quicksort, so its values
are taken for untied scores only. `true_uplift@k` has no library function: it is NumPy's mean
of the true uplift over the first rows in sklift's order (`np.argsort(score, kind="mergesort")[::-1]`).
"""

import argparse
import csv
import json
import sys
import warnings

import numpy as np

SCORES = ["untied", "tied", "constant", "treated_first"]
UNTIED = ["untied", "treated_first"]
# Shares and row counts; 0.29 × 400 is 115.99999999999999, so `29%` takes 115 rows.
CUTS = [("5%", 0.05), ("10%", 0.10), ("29%", 0.29), ("30%", 0.30), ("7", 7), ("50", 50)]
SHARES = [j / 20 for j in range(21)]


def generate(seed, rows):
    rng = np.random.default_rng(seed)
    taste, organic = rng.uniform(size=rows), rng.uniform(size=rows)
    p_control = 0.15 + 0.35 * organic
    p_treated = np.clip(p_control + 0.3 * (taste - 0.3), 0.01, 0.99)
    treatment = (rng.uniform(size=rows) < 0.6).astype(int)
    outcome = (rng.uniform(size=rows) < np.where(treatment == 1, p_treated, p_control)).astype(int)
    true_uplift = p_treated - p_control
    untied = true_uplift + rng.normal(0, 0.1, size=rows)
    scores = {
        "untied": untied,
        "tied": np.round(untied, 1),
        "constant": np.full(rows, 0.5),
        "treated_first": treatment + rng.uniform(0, 0.5, size=rows),
    }
    for name in UNTIED:
        assert len(set(scores[name])) == rows, name
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["treatment", "outcome", "true_uplift"] + [f"score_{s}" for s in SCORES])
    for i in range(rows):
        numbers = [true_uplift[i]] + [scores[s][i] for s in SCORES]
        out.writerow([treatment[i], outcome[i]] + [repr(float(x)) for x in numbers])


def read(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    treatment = np.array([int(r["treatment"]) for r in rows])
    outcome = np.array([int(r["outcome"]) for r in rows])
    truth = np.array([float(r["true_uplift"]) for r in rows])
    scores = {s: np.array([float(r[f"score_{s}"]) for r in rows]) for s in SCORES}
    return treatment, outcome, truth, scores


def value(f):
    """The library's value as a float, or a string when it gives NaN or raises."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            v = float(f())
        except Exception as e:  # the library's own refusal is the reference
            return f"{type(e).__name__}: {e}"
    return "NaN" if np.isnan(v) else v


def reference(path):
    # sklift 0.5.1 calls sklearn's `stable_cumsum`, deprecated since 1.8: keep the notice off stderr.
    warnings.filterwarnings("ignore", category=FutureWarning)
    import pandas as pd
    from importlib.metadata import version
    from causalml.metrics import auuc_score, get_cumlift, qini_score
    from sklift.metrics import qini_auc_score, qini_curve, uplift_at_k, uplift_auc_score, uplift_curve

    w, y, tau, scores = read(path)
    n = len(y)
    at = np.array([int(n * p) for p in SHARES])

    def frame(s):
        return pd.DataFrame({"y": y, "w": w, "s": s})

    def causalml(f, s):
        return f(frame(s), outcome_col="y", treatment_col="w", treatment_effect_col="tau", normalize=True)["s"]

    def lift(s):
        return get_cumlift(frame(s), outcome_col="y", treatment_col="w", treatment_effect_col="tau")["s"]

    def sklift_sweep(curve, s):
        x, v = curve(y, s, w)
        return {
            "model": np.interp(at, x, v).tolist(),
            "random": np.interp(at, [0, x[-1]], [0, v[-1]]).tolist(),
            "oracle": np.interp(at, *curve(y, tau, w)).tolist(),
        }

    sets = {}
    for name, s in scores.items():
        order = np.argsort(s, kind="mergesort")[::-1]
        m = {
            "qini": value(lambda: qini_auc_score(y, s, w, negative_effect=True)),
            "qini[no_negative]": value(lambda: qini_auc_score(y, s, w, negative_effect=False)),
            "auuc": value(lambda: uplift_auc_score(y, s, w)),
        }
        for cut, k in CUTS:
            m[f"uplift@{cut}"] = value(lambda: uplift_at_k(y, s, w, strategy="overall", k=k))
            m[f"uplift@{cut}[by_group]"] = value(lambda: uplift_at_k(y, s, w, strategy="by_group", k=k))
            size = int(n * k) if isinstance(k, float) else k
            m[f"true_uplift@{cut}"] = float(np.mean(tau[order][:size]))
        sweep = {"qini": sklift_sweep(qini_curve, s), "gain": sklift_sweep(uplift_curve, s)}
        if name in UNTIED:
            m["qini[causalml]"] = value(lambda: causalml(qini_score, s))
            m["auuc[causalml]"] = value(lambda: causalml(auuc_score, s))
            model = lift(s)
            sweep["uplift"] = {
                "model": model.loc[at].tolist(),
                "random": [float(model.iloc[-1])] * len(at),
                "oracle": lift(tau).loc[at].tolist(),
            }
        sets[name] = {"metrics": m, "sweep": sweep}
    return {
        "sklift": version("scikit-uplift"),
        "causalml": version("causalml"),
        "rows": n,
        "shares": SHARES,
        "sets": sets,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate")
    gen.add_argument("--seed", type=int, default=11)
    gen.add_argument("--rows", type=int, default=400)
    ref = sub.add_parser("reference")
    ref.add_argument("fixture")
    args = parser.parse_args()
    if args.command == "generate":
        generate(args.seed, args.rows)
    else:
        json.dump(reference(args.fixture), sys.stdout, indent=1, sort_keys=True)
        sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
