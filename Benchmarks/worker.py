"""Runs one workload in this (fresh) process and prints the seconds it took.

    python worker.py polars|pandas WORKLOAD DATA_DIR OUT.csv [csv|parquet]
    python worker.py polars-session|duckdb-session WORKLOAD DATA_DIR OUT.csv REPS

Whole jobs (`polars`, `pandas`): reading the data (CSV, or Parquet for the warm table), computing
and writing the result as CSV; the interpreter's start and the library's import are not included.
Sessions: the tables are loaded first (from Parquet: polars into DataFrames, DuckDB into
in-memory tables), then the query runs REPS + 1 times and the median of the last REPS is printed
(the result is materialised each time: a polars DataFrame, an Arrow table from DuckDB), the
result written once to OUT.
"""

import statistics
import sys
import time

engine, workload, data_dir = sys.argv[1], sys.argv[2], sys.argv[3]
out = sys.argv[4] if len(sys.argv) > 4 else "/dev/null"
extra = sys.argv[5] if len(sys.argv) > 5 else "csv"
panel_csv = f"{data_dir}/panel.csv"
provinces_csv = f"{data_dir}/provinces.csv"
panel_parquet = f"{data_dir}/panel.parquet"
provinces_parquet = f"{data_dir}/provinces.parquet"


def polars_query(pl, p, prov, eager_panel):
    """The workload as a polars LazyFrame over `p` (panel) and `prov` (provinces); pivot, which
    polars only has eagerly, takes `eager_panel()`."""
    if workload == "load":
        return p.select(pl.len().alias("n"))
    if workload == "filter_count":
        return p.filter((pl.col("component") == "total") & (pl.col("score") > 60)).select(pl.len().alias("n"))
    if workload == "group_stats":
        return p.group_by(["province", "component"]).agg(pl.col("score").mean().alias("mean"), pl.col("score").std().alias("sd"))
    if workload == "top10":
        return p.sort("score", descending=True).head(10)
    if workload == "full_sort":
        return p.sort(["province", "score"], descending=[False, True], maintain_order=True)
    if workload == "rank":
        return p.with_columns(
            pl.col("score").rank(method="min", descending=True).over(["year", "component"]).alias("r")
        ).filter(pl.col("r") == pl.col("rank")).select(pl.len().alias("n"))
    if workload == "lag":
        return p.select(
            (pl.col("score") - pl.col("score").shift(1).over(["province", "component"], order_by="year")).alias("change")
        ).select(pl.col("change").mean().alias("mean_change"), pl.col("change").count().alias("n"))
    if workload == "pivot":
        return eager_panel().pivot(on="component", index=["year", "province"], values="score", aggregate_function="first").lazy()
    if workload == "join":
        return p.join(prov, on="gso_code").group_by("region").agg(pl.col("score").mean().alias("mean"), pl.len().alias("n"))
    if workload == "compare":
        r = p.filter(pl.col("year").is_in([2015, 2016])).with_columns(
            pl.col("score").rank(method="min", descending=True).over(["year", "component"]).cast(pl.Int64).alias("rk"))
        a = r.filter(pl.col("year") == 2015).select("province", "component", pl.col("year").alias("year_from"),
                                                    pl.col("score").alias("score_from"), pl.col("rk").alias("rank_from"))
        b = r.filter(pl.col("year") == 2016).select("province", "component", pl.col("year").alias("year_to"),
                                                    pl.col("score").alias("score_to"), pl.col("rk").alias("rank_to"))
        return a.join(b, on=["province", "component"]).select(
            "province", "component", "year_from", "year_to", "score_from", "score_to",
            (pl.col("score_to") - pl.col("score_from")).alias("score_change"), "rank_from", "rank_to",
            (pl.col("rank_from") - pl.col("rank_to")).alias("rank_change"))
    if workload == "explain_rank":
        t = p.filter((pl.col("component") == "total") & pl.col("year").is_in([2015, 2016]))
        a = t.filter(pl.col("year") == 2015).select("province", pl.col("score").alias("score_from"))
        b = t.filter(pl.col("year") == 2016).select("province", pl.col("score").alias("score_to"))
        ab = a.join(b, on="province")
        cross = ab.join(ab.select(pl.col("province").alias("o"), pl.col("score_from").alias("of"), pl.col("score_to").alias("ot")),
                        how="cross")
        return cross.group_by("province").agg(
            pl.col("score_from").first(), pl.col("score_to").first(),
            (1 + (pl.col("of") > pl.col("score_from")).sum()).cast(pl.Int64).alias("rank_from"),
            (1 + (pl.col("ot") > pl.col("score_to")).sum()).cast(pl.Int64).alias("rank_to"),
            (1 + ((pl.col("o") != pl.col("province")) & (pl.col("of") > pl.col("score_to"))).sum()).cast(pl.Int64).alias("own_rank"),
            (1 + ((pl.col("o") != pl.col("province")) & (pl.col("ot") > pl.col("score_from"))).sum()).cast(pl.Int64).alias("others_rank"),
        ).select(
            "province", "score_from", "score_to", (pl.col("score_to") - pl.col("score_from")).alias("score_change"),
            "rank_from", "rank_to", (pl.col("rank_from") - pl.col("rank_to")).alias("rank_change"),
            (pl.col("rank_from") - pl.col("own_rank")).alias("own_effect"),
            (pl.col("rank_from") - pl.col("others_rank")).alias("others_effect"),
            ((pl.col("rank_from") - pl.col("rank_to")) - (pl.col("rank_from") - pl.col("own_rank"))
             - (pl.col("rank_from") - pl.col("others_rank"))).alias("interaction"))
    if workload == "small":
        return prov.filter(pl.col("region") == "Red River Delta").sort("province").select("province", "population_thousand")
    raise SystemExit(f"unknown workload {workload}")


def median_of(run, reps):
    run()  # the first run warms caches and JIT-free paths alike
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


if engine == "polars":
    import polars as pl

    def job():
        if extra == "parquet":
            p, prov = pl.scan_parquet(panel_parquet), pl.scan_parquet(provinces_parquet)
            eager = lambda: pl.read_parquet(panel_parquet)  # noqa: E731
        else:
            p, prov = pl.scan_csv(panel_csv), pl.scan_csv(provinces_csv)
            eager = lambda: pl.read_csv(panel_csv)  # noqa: E731
        if workload == "load":
            df = eager()
            pl.DataFrame({"n": [df.height]}).write_csv(out)
            return
        polars_query(pl, p, prov, eager).collect().write_csv(out)

    start = time.perf_counter()
    job()
    print(f"{time.perf_counter() - start:.6f}")

elif engine == "polars-session":
    import polars as pl

    reps = int(extra)
    panel = pl.read_parquet(panel_parquet).rechunk()
    provinces = pl.read_parquet(provinces_parquet)
    seconds, result = median_of(lambda: polars_query(pl, panel.lazy(), provinces.lazy(), lambda: panel).collect(), reps)
    result.write_csv(out)
    print(f"{seconds:.6f}")

elif engine == "duckdb-session":
    import duckdb

    sys.path.insert(0, __file__.rsplit("/", 1)[0])
    from workloads import WORKLOADS  # noqa: E402

    reps = int(extra)
    w = next(w for w in WORKLOADS if w["id"] == workload)
    con = duckdb.connect()
    con.execute(f"CREATE TABLE panel AS SELECT * FROM read_parquet('{panel_parquet}')")
    con.execute(f"CREATE TABLE provinces AS SELECT * FROM read_parquet('{provinces_parquet}')")
    seconds, result = median_of(lambda: con.sql(w["sql"]).to_arrow_table(), reps)
    import pyarrow.csv as pacsv

    pacsv.write_csv(result, out)
    print(f"{seconds:.6f}")

elif engine == "pandas":
    import pandas as pd

    def run():
        # gso_code keeps its leading zero (as text) where it is a join key.
        df = pd.read_csv(panel_csv, dtype={"gso_code": str} if workload == "join" else None)
        if workload == "load":
            pd.DataFrame({"n": [len(df)]}).to_csv(out, index=False)
            return
        if workload == "filter_count":
            r = pd.DataFrame({"n": [int(((df["component"] == "total") & (df["score"] > 60)).sum())]})
        elif workload == "group_stats":
            r = df.groupby(["province", "component"], sort=False)["score"].agg(mean="mean", sd="std").reset_index()
        elif workload == "top10":
            r = df.nlargest(10, "score")
        elif workload == "full_sort":
            r = df.sort_values(["province", "score"], ascending=[True, False], kind="stable")
        elif workload == "rank":
            ranks = df.groupby(["year", "component"])["score"].rank(method="min", ascending=False)
            r = pd.DataFrame({"n": [int((ranks == df["rank"]).sum())]})
        elif workload == "lag":
            d = df.sort_values("year", kind="stable")
            change = d["score"] - d.groupby(["province", "component"])["score"].shift(1)
            r = pd.DataFrame({"mean_change": [change.mean()], "n": [int(change.count())]})
        elif workload == "pivot":
            r = df.pivot(index=["year", "province"], columns="component", values="score").reset_index()
        elif workload == "join":
            prov = pd.read_csv(provinces_csv, dtype={"gso_code": str})
            m = df.merge(prov, on="gso_code")
            r = m.groupby("region", sort=False).agg(mean=("score", "mean"), n=("score", "size")).reset_index()
        else:
            raise SystemExit(f"pandas: no {workload}")
        r.to_csv(out, index=False)

    start = time.perf_counter()
    run()
    print(f"{time.perf_counter() - start:.6f}")

else:
    raise SystemExit(f"unknown engine {engine}")
