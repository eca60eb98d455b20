#!/usr/bin/env python3
"""Credits plays to exposures as `outcome plays within D` does, with pandas, from tables rec saves.

Usage: python3 attribution_check.py FOLDER [SECONDS]   (prints one JSON object; D = 7 days unless given)
       python3 attribution_check.py --check            (exits 0 when pandas imports)

FOLDER holds `exposures.csv` and `plays.csv` as `save exposures to "exposures.csv"` and `save plays
to "plays.csv"` write them; each needs `member`, `title` and `at` (a datetime or a whole number),
other columns are ignored. The rule: each play goes to the latest exposure of the same member and
title at or before it — among exposures at the same time, the last in the file — and counts when
it comes less than D after that exposure. `pandas.merge_asof` (backward, exact matches allowed,
grouped by member and title) finds the exposure; the exposures are sorted by time then file order,
so that merge_asof, which takes the last of equal times, takes the last in the file. An exposure's
outcome is 1 when at least one play is credited to it.

The output: the pandas version, D, the number of exposures and plays, the plays credited, and
`played`, one character per exposure in file order ("1" credited, "0" not).

`Tests/RecKitTests/Fixtures/attribution/pandas.json` is this output for the program in
`AttributionCrossCheckTests.swift`, written with
`python3 Tests/Benchmarks/attribution_check.py FOLDER > Tests/RecKitTests/Fixtures/attribution/pandas.json`.
"""

import json
import sys

if sys.argv[1:] == ["--check"]:
    import pandas  # noqa: F401

    sys.exit(0)

import pandas as pd


def seconds(column):
    """Whole numbers as they are; datetimes as seconds since 1970 (read as UTC, as rec does)."""
    if pd.api.types.is_integer_dtype(column):
        return column.astype("int64")
    # Whatever resolution pandas picks for the parsed times, a difference of Timedeltas is exact.
    return (pd.to_datetime(column, utc=True) - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(seconds=1)


def read(path):
    table = pd.read_csv(path, usecols=["member", "title", "at"])
    table["at"] = seconds(table["at"])
    return table


folder = sys.argv[1]
window = int(sys.argv[2]) if len(sys.argv) > 2 else 7 * 86_400
exposures = read(f"{folder}/exposures.csv")
exposures["row"] = range(len(exposures))
plays = read(f"{folder}/plays.csv")

credited = pd.merge_asof(
    plays.sort_values("at", kind="stable"),
    exposures.sort_values(["at", "row"], kind="stable").rename(columns={"at": "shown_at"}),
    left_on="at",
    right_on="shown_at",
    by=["member", "title"],
    direction="backward",
    allow_exact_matches=True,
)
credited = credited[credited["row"].notna() & (credited["at"] - credited["shown_at"] < window)]
played = ["0"] * len(exposures)
for row in credited["row"].astype("int64"):
    played[row] = "1"

print(
    json.dumps(
        {
            "pandas": pd.__version__,
            "window": window,
            "exposures": len(exposures),
            "plays": len(plays),
            "credited_plays": len(credited),
            "played": "".join(played),
        },
        indent=2,
    )
)
