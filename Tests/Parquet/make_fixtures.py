#!/usr/bin/env python3
"""Writes the Parquet fixtures of ParquetTests: one small table written by pyarrow, DuckDB,
Polars and Spark with every codec, dictionary and plain pages, data pages v1 and v2, the DELTA encodings,
several row groups, nulls and list columns, plus the same table as CSV, the way rec's CSV reader
reads it (times floored to the second, a missing or empty list as an empty field).

    python3 -m venv /tmp/pqvenv && /tmp/pqvenv/bin/pip install pyarrow duckdb polars pyspark   # and Java 17
    /tmp/pqvenv/bin/python Tests/Parquet/make_fixtures.py

Writes into Tests/RecKitTests/Fixtures/parquet/, replacing what is there. The tests read the
committed files only; they do not need Python.
"""
import datetime as dt
import os
import shutil

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

OUT = os.path.join(os.path.dirname(__file__), "..", "RecKitTests", "Fixtures", "parquet")
ROWS = 30
NAMES = ["alice", "bob", "carol", "dave"]
GENRES = ["Action", "Comedy", "Drama", "Sci-Fi"]
EPOCH = dt.datetime(1970, 1, 1)


def rows():
    """The table, as Python values; None is missing."""
    out = []
    for i in range(ROWS):
        base = dt.datetime(2024, 1, 5, 10, 30) + dt.timedelta(hours=7 * i, seconds=13 * i)
        # One time before 1970 with a fraction: rec keeps whole seconds, rounded down.
        ns_time = dt.datetime(1969, 12, 31, 23, 59, 59) if i == 3 else base
        out.append({
            "member": 1000 + (i * 7919) % 97,
            "title": None if i % 7 == 3 else 10 + i % 11,
            "rating": None if i % 5 == 4 else 0.5 * (1 + i % 10),
            "score": None if i % 6 == 5 else 0.25 * (i % 9),
            "liked": None if i % 8 == 6 else i % 3 == 0,
            "name": None if i % 9 == 8 else NAMES[i % 4],
            "day": None if i % 10 == 9 else dt.date(2024, 1, 1) + dt.timedelta(days=3 * i),
            "at": base,
            "seen_us": base + dt.timedelta(microseconds=250_000 * (i % 4)),
            "seen_ns": ns_time,
            "seen_ns_frac": 500_000_000 if i == 3 else 123 * i,
            "genres": None if i % 11 == 10 else [] if i % 7 == 0 else [GENRES[(i + k) % 4] for k in range(1 + i % 3)],
        })
    return out


def arrow_table(data):
    ns = [
        None if r["seen_ns"] is None else
        (int((r["seen_ns"] - EPOCH).total_seconds()) * 1_000_000_000 + r["seen_ns_frac"])
        for r in data
    ]
    return pa.table({
        "member": pa.array([r["member"] for r in data], pa.int64()),
        "title": pa.array([r["title"] for r in data], pa.int32()),
        "rating": pa.array([r["rating"] for r in data], pa.float64()),
        "score": pa.array([r["score"] for r in data], pa.float32()),
        "liked": pa.array([r["liked"] for r in data], pa.bool_()),
        "name": pa.array([r["name"] for r in data], pa.string()),
        "day": pa.array([r["day"] for r in data], pa.date32()),
        "at": pa.array([r["at"] for r in data], pa.timestamp("ms")),
        "seen_us": pa.array([r["seen_us"] for r in data], pa.timestamp("us")),
        "seen_ns": pa.array(ns, pa.timestamp("ns")),
        "genres": pa.array([r["genres"] for r in data], pa.list_(pa.string())),
    }, schema=pa.schema([
        pa.field("member", pa.int64(), nullable=False),
        pa.field("title", pa.int32()), pa.field("rating", pa.float64()), pa.field("score", pa.float32()),
        pa.field("liked", pa.bool_()), pa.field("name", pa.string()), pa.field("day", pa.date32()),
        pa.field("at", pa.timestamp("ms")), pa.field("seen_us", pa.timestamp("us")),
        pa.field("seen_ns", pa.timestamp("ns")), pa.field("genres", pa.list_(pa.string())),
    ]))


def csv_text(data):
    def cell(v):
        if v is None:
            return ""
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, dt.datetime):
            return v.strftime("%Y-%m-%dT%H:%M:%S")
        if isinstance(v, dt.date):
            return v.isoformat()
        if isinstance(v, list):
            return "|".join(v)
        return str(v)
    columns = ["member", "title", "rating", "score", "liked", "name", "day", "at", "seen_us", "seen_ns", "genres"]
    lines = [",".join(columns)]
    for r in data:
        r = dict(r)
        r["seen_us"] = r["seen_us"].replace(microsecond=0)
        lines.append(",".join(cell(r[c]) for c in columns))
    return "\n".join(lines) + "\n"


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    data = rows()
    table = arrow_table(data)
    with open(os.path.join(OUT, "table.csv"), "w") as f:
        f.write(csv_text(data))
    path = lambda name: os.path.join(OUT, name)

    # pyarrow: every codec (dictionary pages, data page v1), then v2, plain, DELTA, INT96.
    for codec in ["none", "snappy", "gzip", "zstd", "lz4"]:
        pq.write_table(table, path(f"pyarrow_{codec}.parquet"), compression=codec, row_group_size=12)
    pq.write_table(table, path("pyarrow_v2_zstd.parquet"), compression="zstd", data_page_version="2.0",
                   row_group_size=12)
    pq.write_table(table, path("pyarrow_v2_plain.parquet"), compression="snappy", data_page_version="2.0",
                   use_dictionary=False, row_group_size=7)
    pq.write_table(table, path("pyarrow_plain_pages.parquet"), compression="none", use_dictionary=False,
                   data_page_size=64, write_batch_size=4, row_group_size=30)
    delta = {"member": "DELTA_BINARY_PACKED", "title": "DELTA_BINARY_PACKED", "name": "DELTA_BYTE_ARRAY",
             "day": "DELTA_BINARY_PACKED", "at": "DELTA_BINARY_PACKED", "seen_us": "DELTA_BINARY_PACKED",
             "seen_ns": "DELTA_BINARY_PACKED", "liked": "RLE"}
    for version in ["1.0", "2.0"]:
        pq.write_table(table, path(f"pyarrow_delta_v{version[0]}.parquet"), compression="none", use_dictionary=False,
                       column_encoding=delta, data_page_version=version, row_group_size=16)
    pq.write_table(table, path("pyarrow_delta_length.parquet"), compression="zstd", use_dictionary=False,
                   column_encoding={"name": "DELTA_LENGTH_BYTE_ARRAY"}, row_group_size=30)
    pq.write_table(table, path("pyarrow_int96.parquet"), compression="snappy", use_deprecated_int96_timestamps=True)

    # DuckDB's own writer.
    con = duckdb.connect()
    con.register("t", table)
    for codec in ["uncompressed", "snappy", "gzip", "zstd", "lz4"]:
        con.execute(f"COPY (SELECT * FROM t) TO '{path(f'duckdb_{codec}.parquet')}' "
                    f"(FORMAT parquet, COMPRESSION {codec}, ROW_GROUP_SIZE 10)")
    # Polars' own writer.
    frame = pl.from_arrow(table)
    for codec in ["uncompressed", "snappy", "gzip", "zstd", "lz4"]:
        frame.write_parquet(path(f"polars_{codec}.parquet"), compression=codec, row_group_size=10)

    # A folder of files: one table, read in name order.
    os.makedirs(path("parts"))
    for k, start in enumerate([0, 11, 20]):
        stop = [11, 20, ROWS][k]
        pq.write_table(table.slice(start, stop - start), path(f"parts/part-{k}.parquet"), compression="zstd")
    with open(path("parts/_SUCCESS"), "w"):
        pass

    # Small files for the malformed-input tests and the fuzz corpus: one required INT32 column
    # in one uncompressed PLAIN page, and a file whose folder partner has other columns.
    pq.write_table(pa.table({"n": pa.array([1, 2, 3], pa.int32())}, schema=pa.schema([pa.field("n", pa.int32(), False)])),
                   path("tiny.parquet"), compression="none", use_dictionary=False, write_statistics=False)
    os.makedirs(path("mixed"))
    pq.write_table(table.slice(0, 5), path("mixed/a.parquet"))
    pq.write_table(pa.table({"n": pa.array([1], pa.int32())}), path("mixed/b.parquet"))
    pq.write_table(table, path("pyarrow_brotli.parquet"), compression="brotli")
    # Unsigned integers: UINT_32 past 2^31 and UINT_64 within 2^63, then one past it.
    unsigned = pa.table({"u32": pa.array([0, 2**31 + 5, None, 2**32 - 1], pa.uint32()),
                         "u64": pa.array([1, 2**62, 7, None], pa.uint64())})
    pq.write_table(unsigned, path("unsigned.parquet"), compression="none")
    pq.write_table(pa.table({"u64": pa.array([1, 2**63 + 1], pa.uint64())}), path("unsigned_big.parquet"),
                   compression="none")
    # Columns rec does not read: each load must say which column and why.
    import decimal
    unsupported = {
        "struct": pa.table({"id": [1], "where": pa.array([{"x": 1, "y": 2}])}),
        "list_int": pa.table({"id": [1], "counts": pa.array([[1, 2]], pa.list_(pa.int64()))}),
        "decimal": pa.table({"id": [1], "price": pa.array([decimal.Decimal("1.25")], pa.decimal128(5, 2))}),
    }
    for name, t in unsupported.items():
        pq.write_table(t, path(f"unsupported_{name}.parquet"), compression="none")
    write_datasets(path)
    write_spark(data, path)


def write_datasets(path):
    """The MovieLens and Open Bandit Dataset layouts, each as CSV and as Parquet."""
    ratings = pa.table({
        "userId": pa.array([1, 1, 2, 3, 3, 3], pa.int64()), "movieId": pa.array([10, 20, 10, 20, 30, 10], pa.int64()),
        "rating": pa.array([4.0, 3.5, 5.0, 2.0, 4.5, 1.0]),
        "timestamp": pa.array([964982703, 964981247, 1147880044, 1147868817, 1147868828, 1700000000], pa.int64()),
    })
    movies = pa.table({
        "movieId": pa.array([10, 20, 30], pa.int64()),
        "title": ["Toy Story (1995)", "Jumanji (1995)", "Heat (1995)"],
        "genres": ["Adventure|Animation|Children", "(no genres listed)", "Action|Crime"],
    })
    tags = pa.table({
        "userId": pa.array([1, 3], pa.int64()), "movieId": pa.array([10, 30], pa.int64()),
        "tag": ["pixar", "heist"], "timestamp": pa.array([964982800, 1147868900], pa.int64()),
    })
    obd = pa.table({
        "timestamp": pa.array([1574553600 + 17 * i for i in range(8)], pa.int64()),
        "item_id": pa.array([i % 3 for i in range(8)], pa.int64()),
        "position": pa.array([1 + i % 3 for i in range(8)], pa.int64()),
        "click": pa.array([int(i % 4 == 1) for i in range(8)], pa.int64()),
        "propensity_score": pa.array([0.25 * (1 + i % 3) for i in range(8)]),
        "user_feature_0": [["a", "b"][i % 2] for i in range(8)],
        "user-item_affinity_0": pa.array([0.5 * (i % 3) for i in range(8)]),
    })
    layouts = {"movielens": {"ratings": ratings, "movies": movies, "tags": tags}, "obd/all": {"all": obd}}
    for folder, files in layouts.items():
        csv_folder = path(f"csv/{folder}")
        os.makedirs(path(folder), exist_ok=True)
        os.makedirs(csv_folder, exist_ok=True)
        for name, t in files.items():
            pq.write_table(t, path(f"{folder}/{name}.parquet"), compression="snappy")
            pacsv.write_csv(t, os.path.join(csv_folder, f"{name}.csv"),
                            pacsv.WriteOptions(quoting_style="needed"))


def write_spark(data, path):
    """The table written by Spark (pyspark in local mode), as Spark writes a table: a folder of
    part files. Spark has no nanosecond timestamps, so seen_ns keeps microseconds (the same
    whole seconds); its default timestamps are INT96."""
    os.environ["TZ"] = "UTC"
    from pyspark.sql import SparkSession
    from pyspark.sql import types as T
    spark = (SparkSession.builder.master("local[2]").config("spark.sql.session.timeZone", "UTC")
             .config("spark.ui.enabled", "false").getOrCreate())
    schema = T.StructType([
        T.StructField("member", T.LongType(), False), T.StructField("title", T.IntegerType()),
        T.StructField("rating", T.DoubleType()), T.StructField("score", T.FloatType()),
        T.StructField("liked", T.BooleanType()), T.StructField("name", T.StringType()),
        T.StructField("day", T.DateType()), T.StructField("at", T.TimestampType()),
        T.StructField("seen_us", T.TimestampType()), T.StructField("seen_ns", T.TimestampType()),
        T.StructField("genres", T.ArrayType(T.StringType())),
    ])
    rows = []
    for r in data:
        ns = r["seen_ns"] + dt.timedelta(microseconds=r["seen_ns_frac"] // 1000)
        rows.append((r["member"], r["title"], r["rating"], r["score"], r["liked"], r["name"], r["day"], r["at"],
                     r["seen_us"], ns, r["genres"]))
    # Two partitions of consecutive rows: part-00000 holds the first half, so the folder read in
    # name order is the table in order.
    frame = spark.createDataFrame(spark.sparkContext.parallelize(rows, 2), schema)
    variants = {
        "spark_int96_snappy": {},
        "spark_micros_zstd": {"spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS",
                              "spark.sql.parquet.compression.codec": "zstd"},
        "spark_legacy_gzip": {"spark.sql.parquet.writeLegacyFormat": "true",
                              "spark.sql.parquet.compression.codec": "gzip"},
    }
    for name, settings in variants.items():
        for key, value in settings.items():
            spark.conf.set(key, value)
        frame.write.mode("overwrite").parquet(path(name))
        for key in settings:
            spark.conf.unset(key)
        # Checksums go; part files lose the run's UUID, so that writing again changes nothing.
        for extra in os.listdir(path(name)):
            if extra.startswith("."):
                os.remove(os.path.join(path(name), extra))
            elif extra.startswith("part-"):
                os.rename(os.path.join(path(name), extra), os.path.join(path(name), extra[:10] + ".parquet"))
    spark.stop()


if __name__ == "__main__":
    main()
