#!/usr/bin/env python3
"""Fits scikit-learn's logistic regression to each arm of a rec T-learner, from the tables rec keeps.

Usage: python3 tlearner_check.py FOLDER     (prints one JSON object)
       python3 tlearner_check.py --check    (exits 0 when numpy and scikit-learn import)

FOLDER holds `treated.csv` and `control.csv` as `save causal.treated to "treated.csv"` writes
them: one column per feature, then the outcome (last column, 0/1). Each arm is standardised as
rec standardises it (the mean and the population standard deviation of each feature over the
arm's rows, a constant feature keeping scale 1) and fitted with
`LogisticRegression(C=1, solver="newton-cholesky", tol=1e-10)`: the penalty ½‖w‖² on the
standardised coefficients, the intercept free, which is rec's λ = 1. The output holds, per arm,
the rows, the intercept and the coefficients on the standardised features (rec's `standardised`
column), and the scikit-learn version.

`Tests/RecKitTests/Fixtures/tlearner/sklearn.json` is this output for the program in
`TLearnerCrossCheckTests.swift`, written with
`python3 Tests/Benchmarks/tlearner_check.py FOLDER > Tests/RecKitTests/Fixtures/tlearner/sklearn.json`.
"""

import csv
import json
import sys

if sys.argv[1:] == ["--check"]:
    import numpy  # noqa: F401
    import sklearn  # noqa: F401

    sys.exit(0)

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression


def arm(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, values = rows[0], np.array([[float(x) for x in r] for r in rows[1:]])
    x, y = values[:, :-1], values[:, -1]
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales == 0] = 1
    fit = LogisticRegression(C=1, solver="newton-cholesky", tol=1e-10, max_iter=1000)
    fit.fit((x - means) / scales, y)
    return {
        "features": header[:-1],
        "rows": len(y),
        "standardised": [float(fit.intercept_[0])] + [float(b) for b in fit.coef_[0]],
    }


folder = sys.argv[1]
print(
    json.dumps(
        {
            "sklearn": sklearn.__version__,
            "treated": arm(f"{folder}/treated.csv"),
            "control": arm(f"{folder}/control.csv"),
        },
        indent=2,
    )
)
