#!/usr/bin/env python3
"""The T-learner job of rec's uplift models beside scikit-uplift, causalml and hand-written numpy.

Three steps, run by Tests/Benchmarks/uplift_peer.sh:

  uplift_peer.py prepare OUT
      reads the rows rec exported — OUT/treated.csv and OUT/control.csv (`causal.treated` and
      `causal.control`: one column per feature, then `played`), OUT/arms.csv (the `shown` column
      of the evaluated table, in its row order) and OUT/coefficients.csv (the definition's table)
      — puts the arms' rows back in the table's order, and writes OUT/rows.npz: the features X,
      the arm t, the outcome y and rec's own scores (p̂ treated − p̂ control from its coefficients).

  uplift_peer.py time OUT ROUND
      times, on those rows, each peer's fit + predict + qini, auuc, uplift@10% (wall,
      time.perf_counter) and, separately, the metrics alone from rec's scores; writes
      OUT/peers_ROUND.json.
        numpy     hand-written: per arm, features standardised on the arm's rows (population sd),
                  Newton–Raphson on log-loss + ½‖w‖² (λ = 1, intercept free) from zero until the
                  largest step is below 1e-10; score = p̂ treated − p̂ control; scikit-uplift's
                  qini_auc_score, uplift_auc_score and uplift_at_k(k=0.1, "overall") computed from
                  one stable sort of the scores (the perfect curves from the arms' counts).
        sklift    scikit-uplift 0.5.1 TwoModels(method="vanilla"), each arm a Pipeline of
                  StandardScaler and LogisticRegression(solver="newton-cholesky", C=1), then
                  qini_auc_score, uplift_auc_score, uplift_at_k.
        causalml  causalml 0.18.0 BaseTClassifier with the same pipeline, then qini_score and
                  auuc_score (normalize=True) on a DataFrame of outcome, arm and score (causalml
                  has no uplift@k).

  uplift_peer.py report OUT
      reads rec's `--timer` output of each round (OUT/rec_ROUND.err: the definition's and the
      eval's "Run Time") and OUT/peers_ROUND.json, and prints the medians and ranges, the ratio
      fastest peer / rec, and whether the metric values agree: rec's `eval` (OUT/rec_eval.csv)
      against scikit-uplift and the numpy version on rec's scores, and each peer's qini on its
      own fit. Writes OUT/summary.json.

Needs: pip install "scikit-learn<1.10" scikit-uplift==0.5.1 causalml==0.18.0 (numpy, pandas).
"""

import json
import re
import statistics
import sys
import time
import warnings

import numpy as np

K = 0.1


# ---------------------------------------------------------------- prepare


def prepare(out):
    import pandas as pd

    treated = pd.read_csv(f"{out}/treated.csv")
    control = pd.read_csv(f"{out}/control.csv")
    shown = pd.read_csv(f"{out}/arms.csv")["shown"].to_numpy().astype(bool)
    assert list(treated.columns) == list(control.columns), (treated.columns, control.columns)
    assert shown.sum() == len(treated) and (~shown).sum() == len(control), "arms and table rows differ"
    features = list(treated.columns[:-1])
    n = len(shown)
    x = np.empty((n, len(features)))
    y = np.empty(n)
    x[shown] = treated[features].to_numpy(dtype=float)
    x[~shown] = control[features].to_numpy(dtype=float)
    y[shown] = treated.iloc[:, -1].to_numpy(dtype=float)
    y[~shown] = control.iloc[:, -1].to_numpy(dtype=float)

    coefficients = pd.read_csv(f"{out}/coefficients.csv")

    def probability(arm):
        c = coefficients[coefficients["arm"] == arm]["coefficient"].to_numpy(dtype=float)
        return 1 / (1 + np.exp(-(c[0] + x @ c[1:])))

    score = probability("treated") - probability("control")
    np.savez(f"{out}/rows.npz", x=x, t=shown.astype(np.int64), y=y, rec_score=score, features=np.array(features))
    # The same rows as a file of given features and scores, for rec's jobs that read them as the
    # peers do: f1…f5, the arm, the outcome and rec's score, every double written exactly.
    with open(f"{out}/given.csv", "w") as f:
        f.write(",".join([f"f{j + 1}" for j in range(len(features))] + ["shown", "played", "score"]) + "\n")
        for i in range(n):
            cells = [repr(float(v)) for v in x[i]] + [str(int(shown[i])), str(int(y[i])), repr(float(score[i]))]
            f.write(",".join(cells) + "\n")
    print(f"rows.npz: {n} rows ({shown.sum()} treated), features {features}", file=sys.stderr)


def load(out):
    d = np.load(f"{out}/rows.npz")
    return d["x"], d["t"], d["y"], d["rec_score"]


# ---------------------------------------------------------------- numpy


def newton(x, y, lam=1.0, tol=1e-10, steps=50):
    """Standardised ridge-logistic by Newton–Raphson: (means, scales, [intercept, w…]), steps."""
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales == 0] = 1
    z = np.empty((len(y), x.shape[1] + 1))
    z[:, 0] = 1
    z[:, 1:] = (x - means) / scales
    beta = np.zeros(z.shape[1])
    ridge = np.full(z.shape[1], lam)
    ridge[0] = 0
    for step in range(1, steps + 1):
        p = 1 / (1 + np.exp(-(z @ beta)))
        gradient = z.T @ (p - y) + ridge * beta
        hessian = (z * (p * (1 - p))[:, None]).T @ z + np.diag(ridge)
        delta = np.linalg.solve(hessian, gradient)
        beta -= delta
        if np.abs(delta).max() < tol:
            break
    return means, scales, beta, step


def predict(fit, x):
    means, scales, beta, _ = fit
    return 1 / (1 + np.exp(-(beta[0] + ((x - means) / scales) @ beta[1:])))


def trapezoid(x, v):
    return float(np.sum((x[1:] - x[:-1]) * (v[1:] + v[:-1])) / 2)


def curves(order_score, y, t):
    """sklift's qini and uplift (gain) curves at the ends of the runs of equal scores."""
    yt = np.cumsum(y * t)
    yc = np.cumsum(y * (1 - t))
    nt = np.cumsum(t).astype(float)
    ends = np.r_[np.flatnonzero(np.diff(order_score)), len(order_score) - 1]
    nt, yt, yc = nt[ends], yt[ends], yc[ends]
    na = (ends + 1).astype(float)
    nc = na - nt
    with np.errstate(divide="ignore", invalid="ignore"):
        qini = yt - yc * np.where(nc != 0, nt / nc, 0)
        gain = (np.where(nt != 0, yt / nt, 0) - np.where(nc != 0, yc / nc, 0)) * na
    return na, qini, gain


def grouped(counts):
    """The qini and gain curves of a score taking few values, from each value's counts, highest first:
    rows of (rows, treated rows, treated plays, control plays)."""
    c = np.cumsum(np.asarray(counts, dtype=float), axis=0)
    na, nt, yt, yc = c[:, 0], c[:, 1], c[:, 2], c[:, 3]
    nc = na - nt
    with np.errstate(divide="ignore", invalid="ignore"):
        qini = yt - yc * np.where(nc != 0, nt / nc, 0)
        gain = (np.where(nt != 0, yt / nt, 0) - np.where(nc != 0, yc / nc, 0)) * na
    return np.r_[0, na], np.r_[0, qini], np.r_[0, gain]


def normalised(x, v, xp, vp):
    base = trapezoid(np.array([0, xp[-1]]), np.array([0, vp[-1]]))
    return (trapezoid(x, v) - base) / (trapezoid(xp, vp) - base)


def numpy_metrics(score, y, t):
    order = np.argsort(score, kind="mergesort")[::-1]
    s, yo, to = score[order], y[order], t[order]
    na, qini, gain = curves(s, yo, to)
    if na[0] != 0 or qini[0] != 0:
        na, qini, gain = np.r_[0, na], np.r_[0, qini], np.r_[0, gain]
    # Arms' counts: treated with a play, treated without, control without, control with a play.
    n = len(y)
    tp = float(np.sum(y * t))
    tn = float(np.sum(t)) - tp
    cp = float(np.sum(y)) - tp
    cn = n - tp - tn - cp
    # sklift's perfect qini (negative_effect=True): treated plays first, control plays last.
    xq, vq, _ = grouped([(tp, tp, tp, 0), (tn + cn, tn, 0, 0), (cp, 0, 0, cp)])
    # sklift's perfect gain: 2·(y == t) + (y if control plays outnumber treated non-plays else t).
    if cp > tn:  # values: tp 3, cn 2, cp 1, tn 0
        groups = [(tp, tp, tp, 0), (cn, 0, 0, 0), (cp, 0, 0, cp), (tn, tn, 0, 0)]
    else:  # values: tp 3, cn 2, tn 1, cp 0
        groups = [(tp, tp, tp, 0), (cn, 0, 0, 0), (tn, tn, 0, 0), (cp, 0, 0, cp)]
    xg, _, vg = grouped([g for g in groups if g[0] > 0])
    top = int(n * K)
    head_t, head_y = to[:top], yo[:top]
    at_k = head_y[head_t == 1].mean() - head_y[head_t == 0].mean()
    return {"qini": normalised(na, qini, xq, vq), "auuc": normalised(na, gain, xg, vg), "uplift@10%": float(at_k)}


def numpy_job(x, t, y):
    treated = newton(x[t == 1], y[t == 1])
    control = newton(x[t == 0], y[t == 0])
    score = predict(treated, x) - predict(control, x)
    return score, numpy_metrics(score, y, t)


# ---------------------------------------------------------------- libraries


def pipeline():
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(solver="newton-cholesky", C=1.0))


def sklift_metrics(score, y, t):
    from sklift.metrics import qini_auc_score, uplift_at_k, uplift_auc_score

    return {
        "qini": float(qini_auc_score(y, score, t)),
        "auuc": float(uplift_auc_score(y, score, t)),
        "uplift@10%": float(uplift_at_k(y, score, t, strategy="overall", k=K)),
    }


def sklift_job(x, t, y):
    from sklift.models import TwoModels

    model = TwoModels(estimator_trmnt=pipeline(), estimator_ctrl=pipeline(), method="vanilla")
    model.fit(x, y, t)
    score = model.predict(x)
    return score, sklift_metrics(score, y, t)


def causalml_metrics(score, y, t):
    import pandas as pd
    from causalml.metrics import auuc_score, qini_score

    frame = pd.DataFrame({"y": y, "w": t, "s": score})
    return {
        "qini[causalml]": float(qini_score(frame, outcome_col="y", treatment_col="w", normalize=True)["s"]),
        "auuc[causalml]": float(auuc_score(frame, outcome_col="y", treatment_col="w", normalize=True)["s"]),
    }


def causalml_job(x, t, y):
    from causalml.inference.meta import BaseTClassifier

    model = BaseTClassifier(learner=pipeline(), control_name=0)
    model.fit(x, t, y)
    score = np.asarray(model.predict(x)).ravel()
    return score, causalml_metrics(score, y, t)


# ---------------------------------------------------------------- time


def timed(f, *args):
    start = time.perf_counter()
    result = f(*args)
    return time.perf_counter() - start, result


def time_round(out, rnd):
    warnings.filterwarnings("ignore")
    # Imports before the clock: a user's session has them loaded.
    import causalml.inference.meta  # noqa: F401
    import causalml.metrics  # noqa: F401
    import sklift.metrics  # noqa: F401
    import sklift.models  # noqa: F401

    x, t, y, rec_score = load(out)
    result = {"rows": int(len(y)), "treated": int(t.sum()), "job": {}, "metrics": {}, "values": {}, "on_rec": {}}
    for name, job, metrics in [
        ("numpy", numpy_job, numpy_metrics),
        ("sklift", sklift_job, sklift_metrics),
        ("causalml", causalml_job, causalml_metrics),
    ]:
        seconds, (score, values) = timed(job, x, t, y)
        result["job"][name] = seconds
        result["values"][name] = values
        seconds, values = timed(metrics, rec_score, y, t)
        result["metrics"][name] = seconds
        result["on_rec"][name] = values
        print(f"round {rnd}: {name} job {result['job'][name]:.2f} s, metrics {seconds:.2f} s", file=sys.stderr)
    with open(f"{out}/peers_{rnd}.json", "w") as f:
        json.dump(result, f, indent=1)


# ---------------------------------------------------------------- report


def rec_times(path):
    """The `Run Time` lines of a `rec run --timer` standard error, in statement order."""
    with open(path) as f:
        return [float(m.group(1)) for line in f if (m := re.search(r"Run Time: ([0-9.]+) s", line))]


def spread(values):
    return {"median": statistics.median(values), "low": min(values), "high": max(values)}


def text(s):
    return f"{s['median']:7.2f} s  ({s['low']:.2f}–{s['high']:.2f})"


def report(out, rounds):
    import pandas as pd

    recs = [rec_times(f"{out}/rec_{r}.err") for r in rounds]
    # given_ROUND.err: load, the definition over given features, its eval, the eval of the scores.
    givens = [rec_times(f"{out}/given_{r}.err") for r in rounds]
    peers = []
    for r in rounds:
        with open(f"{out}/peers_{r}.json") as f:
            peers.append(json.load(f))
    define, evaluate = -2, -1  # the script's last two statements: the definition and the eval
    rec = {
        "uplift definition": spread([t[define] for t in recs]),
        "eval": spread([t[evaluate] for t in recs]),
        "total": spread([t[define] + t[evaluate] for t in recs]),
    }
    given = {
        "uplift definition": spread([t[1] for t in givens]),
        "eval": spread([t[2] for t in givens]),
        "total": spread([t[1] + t[2] for t in givens]),
    }
    scores = spread([t[3] for t in givens])
    job = {n: spread([p["job"][n] for p in peers]) for n in ("numpy", "sklift", "causalml")}
    metrics = {n: spread([p["metrics"][n] for p in peers]) for n in ("numpy", "sklift", "causalml")}
    fastest_job = min(job, key=lambda n: job[n]["median"])
    fastest_metrics = min(metrics, key=lambda n: metrics[n]["median"])
    p = peers[0]
    print(f"{p['rows']:,} rows ({p['treated']:,} treated), {len(rounds)} rounds, medians (range)")
    print("\nfit + predict + qini, auuc, uplift@10%")
    for name, s in rec.items():
        print(f"  rec {name:<22} {text(s)}")
    for name, s in job.items():
        print(f"  {name:<26} {text(s)}")
    ratio = job[fastest_job]["median"] / rec["total"]["median"]
    print(f"  fastest peer ({fastest_job}) / rec total = {ratio:.2f}×  (rec computes the features from the history)")
    for name, s in given.items():
        print(f"  rec, features given, {name:<11} {text(s)}")
    given_ratio = job[fastest_job]["median"] / given["total"]["median"]
    print(f"  fastest peer ({fastest_job}) / rec with the features given = {given_ratio:.2f}×  (goal ≥ 5×: {'met' if given_ratio >= 5 else 'not met'})")
    print("\nthe metrics alone, from given scores (rec's)")
    print(f"  rec eval score             {text(scores)}")
    for name, s in metrics.items():
        print(f"  {name:<26} {text(s)}")
    scores_ratio = metrics[fastest_metrics]["median"] / scores["median"]
    print(f"  fastest peer ({fastest_metrics}) / rec = {scores_ratio:.2f}×  (goal ≥ 5×: {'met' if scores_ratio >= 5 else 'not met'})")

    ours = pd.read_csv(f"{out}/rec_eval.csv").iloc[0]
    print("\nmetric values")
    print(f"  {'':<30} {'qini':>10} {'auuc':>10} {'uplift@10%':>11}")

    def row(label, v):
        cells = [f"{v[m]:10.6f}" if m in v else f"{'':>10}" for m in ("qini", "auuc")]
        at = f"{v['uplift@10%']:11.6f}" if "uplift@10%" in v else ""
        print(f"  {label:<30} {' '.join(cells)} {at}")

    row("rec eval", {m: float(ours[m]) for m in ("qini", "auuc", "uplift@10%")})
    row("sklift on rec's scores", p["on_rec"]["sklift"])
    row("numpy on rec's scores", p["on_rec"]["numpy"])
    row("sklift, its own fit", p["values"]["sklift"])
    row("numpy, its own fit", p["values"]["numpy"])
    c = p["on_rec"]["causalml"]
    print(f"  causalml qini, auuc (its normalisation) on rec's scores {c['qini[causalml]']:.6f} {c['auuc[causalml]']:.6f}")
    c = p["values"]["causalml"]
    print(f"  causalml qini, auuc (its normalisation), its own fit    {c['qini[causalml]']:.6f} {c['auuc[causalml]']:.6f}")
    differences = {
        who: max(abs(float(ours[m]) - p["on_rec"][who][m]) for m in ("qini", "auuc", "uplift@10%")) for who in ("sklift", "numpy")
    }
    print(f"  max |rec − sklift| on rec's scores {differences['sklift']:.2e}; |rec − numpy| {differences['numpy']:.2e}")
    with open(f"{out}/summary.json", "w") as f:
        json.dump(
            {"rec": rec, "given": given, "scores": scores, "given_ratio": given_ratio, "scores_ratio": scores_ratio, "job": job, "metrics": metrics, "ratio": ratio, "fastest": fastest_job, "differences": differences, "peers": peers},
            f,
            indent=1,
        )


def main():
    command, out = sys.argv[1], sys.argv[2]
    if command == "prepare":
        prepare(out)
    elif command == "time":
        time_round(out, sys.argv[3])
    elif command == "report":
        report(out, sys.argv[3:] or ["1", "2", "3"])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
