#!/usr/bin/env python3
"""Recomputes rec's co-play embedding with numpy and runs scikit-learn's k-means from rec's seeds.

  cluster_check.py FILE.json    prints the reference values of every case in FILE as JSON
  cluster_check.py --check      exits 0 when numpy, scipy and scikit-learn can be imported, else 1

FILE holds {"cases": [case, ...]}, each case one `cluster` statement:

  {"name": "titles", "subject": "titles" or "members",
   "member": [...], "title": [...],   the plays, row by row (ids)
   "ids": [...],                      the ids of rec's embedding rows, in rec's order
   "points": [[...]],                 rec's embedding rows of the clustered ids, in id order
   "seeds": [[...]]}                  rec's initial centres (its `.seeds` rows), in cluster order

The embedding is recomputed from the plays alone: the landmarks are the 64 most played titles
(ties by id); e_t[j] = |M_t ∩ M_Lj| / sqrt(|M_t| |M_Lj|), then e_t / ||e_t||; a member's row is
the play-count-weighted mean of its titles' rows, normalised; rows that are zero stay zero; with
fewer than 64 titles the missing coordinates are 0.

The output is {"sklearn": version, "values": {name: {"embedding": rows for "ids",
"labels": [...], "centres": [[...]], "inertia": x, "n_iter": n}}}, the last four from
KMeans(n_clusters=len(seeds), init=seeds, n_init=1, algorithm="lloyd", tol=0, max_iter=300)
fitted on rec's points.
"""

import json
import sys

DIMENSIONS = 64


def embedding(case):
    """The co-play embedding of the case's titles or members, rows in the order of case["ids"]."""
    import numpy as np
    import scipy.sparse as sparse

    member = np.asarray(case["member"], dtype=np.int64)
    title = np.asarray(case["title"], dtype=np.int64)
    member_ids, member_index = np.unique(member, return_inverse=True)
    title_ids, title_index = np.unique(title, return_inverse=True)
    counts = sparse.csr_matrix(
        (np.ones(len(member)), (member_index, title_index)), shape=(len(member_ids), len(title_ids))
    )
    counts.sum_duplicates()
    played = counts.copy()
    played.data[:] = 1.0
    plays = np.asarray(counts.sum(axis=0)).ravel()
    # Most played first, ties by id: lexsort sorts by its last key first.
    landmarks = np.lexsort((title_ids, -plays))[:DIMENSIONS]
    together = (played.T @ played[:, landmarks]).toarray()
    members_of = np.asarray(played.sum(axis=0)).ravel()
    rows = together / np.sqrt(np.outer(members_of, members_of[landmarks]))
    rows = normalised(rows)
    if case["subject"] == "members":
        rows = normalised((counts @ rows) / np.asarray(counts.sum(axis=1)))
        ids = member_ids
    else:
        ids = title_ids
    full = np.zeros((rows.shape[0], DIMENSIONS))
    full[:, : rows.shape[1]] = rows
    where = {int(i): n for n, i in enumerate(ids)}
    return full[[where[int(i)] for i in case["ids"]]]


def normalised(rows):
    """Each row divided by its L2 norm; zero rows stay zero."""
    import numpy as np

    norms = np.linalg.norm(rows, axis=1)
    out = np.zeros_like(rows)
    nonzero = norms > 0
    out[nonzero] = rows[nonzero] / norms[nonzero][:, None]
    return out


def kmeans(case):
    """scikit-learn's Lloyd k-means on rec's points from rec's seeds."""
    import numpy as np
    from sklearn.cluster import KMeans

    points = np.asarray(case["points"], dtype=np.float64)
    seeds = np.asarray(case["seeds"], dtype=np.float64)
    model = KMeans(
        n_clusters=len(seeds), init=seeds, n_init=1, algorithm="lloyd", tol=0, max_iter=300
    ).fit(points)
    return {
        "labels": model.labels_.tolist(),
        "centres": model.cluster_centers_.tolist(),
        "inertia": float(model.inertia_),
        "n_iter": int(model.n_iter_),
    }


def main():
    if sys.argv[1:] == ["--check"]:
        try:
            import numpy  # noqa: F401
            import scipy.sparse  # noqa: F401
            import sklearn.cluster  # noqa: F401
        except ImportError:
            sys.exit(1)
        sys.exit(0)
    import sklearn

    with open(sys.argv[1]) as f:
        cases = json.load(f)["cases"]
    values = {}
    for case in cases:
        values[case["name"]] = dict(embedding=embedding(case).tolist(), **kmeans(case))
    json.dump({"sklearn": sklearn.__version__, "values": values}, sys.stdout)


if __name__ == "__main__":
    main()
