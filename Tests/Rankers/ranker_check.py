"""Checks rec's search rankers against independent references, from the tables rec saves.

Usage: python3 ranker_check.py FOLDER      (prints one JSON object)
       python3 ranker_check.py --check     (exits 0 when scikit-learn and numpy import)

FOLDER holds, as `save` writes them: titles, members, plays, searches, before (the training
searches), lin.training, lin.weights, lin.scaler, nn.training, nn.init, nn.weights, nn.scaler,
lin.explain and nn.explain (the results of `explain search`), and settings.json (the network's
hidden sizes, epochs, batch, lr, l2).

- C2: every feature of lin.training recomputed here from titles, members, plays, searches and
  before, following the definitions in README.md ("Search rankers"), except `affinity`; the
  value rounded to float32, as rec stores it, against the stored value.
- C3: scikit-learn's LogisticRegression(C=1, solver="newton-cholesky") on the standardised rows
  against lin.weights.
- C4: scikit-learn's MLPClassifier started from nn.init and trained on the rows in their order
  against nn.weights (max |difference| over max |weight|).
- C8: the contributions of `explain search` recomputed from the weights and the scaler.
"""

import csv
import json
import math
import sys
import warnings
from datetime import datetime, timezone

if sys.argv[1:] == ["--check"]:
    import numpy  # noqa: F401
    import sklearn  # noqa: F401

    sys.exit(0)

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier

folder = sys.argv[1]


def read(name):
    with open(f"{folder}/{name}.csv", newline="") as f:
        return list(csv.DictReader(f))


def seconds(text):
    return int(datetime.fromisoformat(text).replace(tzinfo=timezone.utc).timestamp())


def day(text):
    return (datetime.fromisoformat(text).replace(tzinfo=timezone.utc).date() - datetime(1970, 1, 1).date()).days


def split_list(text):
    return [s for s in text.split("|") if s] if text else []


def matrix(rows, names):
    """The feature columns as rec stored them: float32 values, read as float64."""
    return np.array([[float(r[n]) for n in names] for r in rows], dtype=np.float32).astype(np.float64)


def features_of(table):
    fixed = {"search", "member", "query", "at", "title", "label"}
    return [n for n in table[0].keys() if n not in fixed]


# ---- C2: the features, recomputed ----

titles = {int(r["id"]): r for r in read("titles")}
members = {int(r["id"]): r for r in read("members")}
plays = [(int(r["member"]), int(r["title"]), seconds(r["at"])) for r in read("plays")]
searches = [
    (int(r["member"]), r["query"], seconds(r["at"]), int(r["clicked"]) if r["clicked"] else None)
    for r in read("searches")
]
first = {}
for r in read("before"):
    m, t = int(r["member"]), seconds(r["at"])
    first[m] = min(first.get(m, t), t)

history = [(m, t, at) for (m, t, at) in plays if m in first and at < first[m]]
clicks = [(m, q, at, c) for (m, q, at, c) in searches if c is not None and m in first and at < first[m]]
play_count, member_titles, member_plays, country_plays = {}, {}, {}, {}
for m, t, _ in history:
    play_count[t] = play_count.get(t, 0) + 1
    member_titles.setdefault(m, set()).add(t)
    member_plays.setdefault(m, []).append(t)
    country = members.get(m, {}).get("country")
    if country:
        country_plays[(country, t)] = country_plays.get((country, t), 0) + 1
query_clicks, prefix_clicks = {}, {}
for _, q, _, c in clicks:
    query_clicks[(q, c)] = query_clicks.get((q, c), 0) + 1
    prefix_clicks[(q[:3], c)] = prefix_clicks.get((q[:3], c), 0) + 1
named = set()
for r in titles.values():
    for column in ("genres", "cast", "directors"):
        named.update(s.strip(" \t").lower() for s in split_list(r.get(column, "")))


def osa(a, b):
    """Optimal string alignment distance."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def prefix_match(query, name):
    q = query.lower().lstrip(" \t")
    name = name.lower()
    n = len(q)
    if n == 0 or not q.strip(" \t"):
        return 0.0
    if len(name) >= n and name.startswith(q):
        return 1.0
    lengths = ([n + 1] if n >= 3 else []) + ([n - 1, n] if n >= 4 else [])
    return 0.5 if any(len(name) >= L and osa(q, name[:L]) <= 1 for L in lengths) else 0.0


def expected(row, column):
    m, q, at, t = int(row["member"]), row["query"], seconds(row["at"]), int(row["title"])
    title, member = titles[t], members.get(m, {})
    genres = split_list(title.get("genres", ""))
    if column == "query_length":
        return len(q.strip(" \t").lower())
    if column == "intent":
        return 1.0 if q.strip(" \t").lower() in named else 0.0
    if column in ("hour_sin", "hour_cos"):
        hour = (at % 86400) // 3600
        return (math.sin if column == "hour_sin" else math.cos)(2 * math.pi * hour / 24)
    if column.startswith("country_") and column != "country_popularity":
        return 1.0 if member.get("country") == column[len("country_") :] else 0.0
    if column.startswith("language_"):
        return 1.0 if member.get("language") == column[len("language_") :] else 0.0
    if column.startswith("genres_"):
        return 1.0 if column[len("genres_") :] in genres else 0.0
    if column == "popularity":
        return math.log(1 + play_count.get(t, 0))
    if column == "recency":
        released = title.get("released")
        return 0.5 ** ((at - day(released) * 86400) / (90 * 86400)) if released else 0.0
    if column == "kind":
        return 1.0 if title.get("kind") == "series" else 0.0
    if column == "prefix_match":
        return prefix_match(q, title["name"])
    if column == "query_clicks":
        return math.log(1 + query_clicks.get((q, t), 0))
    if column == "prefix_clicks":
        return math.log(1 + prefix_clicks.get((q[:3], t), 0))
    if column == "genre_affinity":
        played = member_plays.get(m, [])
        if not played or not genres:
            return 0.0
        shares = [sum(1 for p in played if g in split_list(titles[p].get("genres", ""))) / len(played) for g in genres]
        return sum(shares) / len(genres)
    if column == "seen":
        return 1.0 if t in member_titles.get(m, set()) else 0.0
    if column == "country_popularity":
        country = member.get("country")
        return math.log(1 + country_plays.get((country, t), 0)) if country else 0.0
    return None


lin = read("lin.training")
names = features_of(lin)
worst_feature, compared = 0.0, 0
for row in lin:
    for column in names:
        value = expected(row, column)
        if value is None:
            continue
        worst_feature = max(worst_feature, abs(float(np.float32(value)) - float(np.float32(float(row[column])))))
        compared += 1

# ---- C3: the logistic fit ----


def scaled(rows, scaler, columns):
    means = np.array([float(r["mean"]) for r in scaler])
    sds = np.array([float(r["sd"]) for r in scaler])
    assert [r["feature"] for r in scaler] == columns
    return (matrix(rows, columns) - means) / sds, means, sds


def layers(table, shape):
    """`layer, row, col, value` rows as scikit-learn's coefs_ and intercepts_."""
    coefs = [np.zeros((a, b)) for a, b in zip(shape, shape[1:])]
    intercepts = [np.zeros(b) for b in shape[1:]]
    for r in table:
        layer, col, value = int(r["layer"]), int(r["col"]), float(r["value"])
        if r["row"]:
            coefs[layer][int(r["row"]), col] = value
        else:
            intercepts[layer][col] = value
    return coefs, intercepts


z, lin_means, lin_sds = scaled(lin, read("lin.scaler"), names)
y = np.array([int(r["label"]) for r in lin])
logistic = LogisticRegression(C=1.0, solver="newton-cholesky", tol=1e-14, max_iter=200).fit(z, y)
(lin_w,), (lin_b,) = layers(read("lin.weights"), [len(names), 1])
worst_logistic = max(np.max(np.abs(logistic.coef_[0] - lin_w[:, 0])), abs(logistic.intercept_[0] - lin_b[0]))

# ---- C4: the network ----

settings = json.load(open(f"{folder}/settings.json"))
nn = read("nn.training")
nn_names = features_of(nn)
nn_z, nn_means, nn_sds = scaled(nn, read("nn.scaler"), nn_names)
nn_y = np.array([int(r["label"]) for r in nn])
shape = [len(nn_names)] + settings["hidden"] + [1]
network = MLPClassifier(
    hidden_layer_sizes=tuple(settings["hidden"]), activation="relu", solver="adam", alpha=settings["l2"],
    batch_size=settings["batch"], learning_rate_init=settings["lr"], shuffle=False, tol=0,
    n_iter_no_change=10**9, warm_start=True, max_iter=1)
with warnings.catch_warnings():
    warnings.simplefilter("ignore", ConvergenceWarning)
    network.fit(nn_z, nn_y)
    network.coefs_, network.intercepts_ = layers(read("nn.init"), shape)
    network.max_iter = settings["epochs"]
    network.fit(nn_z, nn_y)
coefs, intercepts = layers(read("nn.weights"), shape)
largest = max(np.max(np.abs(a)) for a in coefs + intercepts)
worst_network = max(
    np.max(np.abs(a - b)) for a, b in zip(coefs + intercepts, network.coefs_ + network.intercepts_)) / largest

# ---- C8: explain search ----


def logit_network(x):
    a = x
    for i, (w, b) in enumerate(zip(coefs, intercepts)):
        a = a @ w + b
        if i < len(coefs) - 1:
            a = np.maximum(a, 0)
    return a[0]


worst_explain, explained = 0.0, 0
for which, columns, means, sds in (("lin", names, lin_means, lin_sds), ("nn", nn_names, nn_means, nn_sds)):
    by_rank = {}
    for r in read(f"{which}.explain"):
        by_rank.setdefault(int(r["rank"]), {})[r["feature"]] = r
    for parts in by_rank.values():
        x = np.array([float(parts[c]["value"]) for c in columns])
        zx = (x - means) / sds
        if which == "lin":
            base, shares, interaction = lin_b[0], lin_w[:, 0] * zx, 0.0
        else:
            full, base = logit_network(zx), logit_network(np.zeros(len(columns)))
            shares = []
            for j in range(len(columns)):
                occluded = zx.copy()
                occluded[j] = 0
                shares.append(full - logit_network(occluded))
            interaction = full - base - sum(shares)
            worst_explain = max(worst_explain, abs(interaction - float(parts["(interaction)"]["contribution"])))
        worst_explain = max(worst_explain, abs(base - float(parts["(base)"]["contribution"])))
        for j, c in enumerate(columns):
            worst_explain = max(worst_explain, abs(shares[j] - float(parts[c]["contribution"])))
            explained += 1

print(json.dumps({
    "sklearn": sklearn.__version__,
    "features": {"compared": compared, "max": worst_feature},
    "logistic": {"rows": len(lin), "max": float(worst_logistic)},
    "network": {"rows": len(nn), "epochs": int(network.n_iter_), "max_relative": float(worst_network)},
    "explain": {"compared": explained, "max": float(worst_explain)},
}))
