"""Runs one workload on polars or pandas in this (fresh) process and prints the seconds it took.

    python worker.py polars|pandas WORKLOAD DATA_DIR [OUT.csv]

The time covers reading the CSV, computing and writing the result as CSV (to /dev/null unless
OUT is given); the interpreter's start and the library's import are not included.
"""

import sys
import time

engine, workload, data_dir = sys.argv[1], sys.argv[2], sys.argv[3]
out = sys.argv[4] if len(sys.argv) > 4 else "/dev/null"
panel = f"{data_dir}/panel.csv"
provinces = f"{data_dir}/provinces.csv"

if engine == "polars":
    import polars as pl

    def run():
        if workload == "load":
            df = pl.read_csv(panel)
            pl.DataFrame({"n": [df.height]}).write_csv(out)
            return
        p = pl.scan_csv(panel)
        if workload == "filter_count":
            q = p.filter((pl.col("component") == "total") & (pl.col("score") > 60)).select(pl.len().alias("n"))
        elif workload == "group_stats":
            q = p.group_by(["province", "component"]).agg(
                pl.col("score").mean().alias("mean"), pl.col("score").std().alias("sd"))
        elif workload == "top10":
            q = p.sort("score", descending=True).head(10)
        elif workload == "full_sort":
            q = p.sort(["province", "score"], descending=[False, True], maintain_order=True)
        elif workload == "rank":
            q = p.with_columns(
                pl.col("score").rank(method="min", descending=True).over(["year", "component"]).alias("r")
            ).filter(pl.col("r") == pl.col("rank")).select(pl.len().alias("n"))
        elif workload == "lag":
            q = p.select(
                (pl.col("score") - pl.col("score").shift(1).over(["province", "component"], order_by="year")).alias("change")
            ).select(pl.col("change").mean().alias("mean_change"), pl.col("change").count().alias("n"))
        elif workload == "pivot":
            df = pl.read_csv(panel)
            df.pivot(on="component", index=["year", "province"], values="score", aggregate_function="first").write_csv(out)
            return
        elif workload == "join":
            q = p.join(pl.scan_csv(provinces), on="gso_code").group_by("region").agg(
                pl.col("score").mean().alias("mean"), pl.len().alias("n"))
        else:
            raise SystemExit(f"unknown workload {workload}")
        q.collect().write_csv(out)

elif engine == "pandas":
    import pandas as pd

    def run():
        # gso_code keeps its leading zero (as text) where it is a join key.
        df = pd.read_csv(panel, dtype={"gso_code": str} if workload == "join" else None)
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
            prov = pd.read_csv(provinces, dtype={"gso_code": str})
            m = df.merge(prov, on="gso_code")
            r = m.groupby("region", sort=False).agg(mean=("score", "mean"), n=("score", "size")).reset_index()
        else:
            raise SystemExit(f"unknown workload {workload}")
        r.to_csv(out, index=False)

else:
    raise SystemExit(f"unknown engine {engine}")

start = time.perf_counter()
run()
print(f"{time.perf_counter() - start:.6f}")
