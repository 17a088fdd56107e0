"""Runs the workloads on chiso, DuckDB, polars and pandas and writes results/latest.md.

Called by run.sh (which builds chiso, makes the virtualenv and the data); see README.md.
Each run of an engine is its own process; the harness waits for it with wait4(2), so it gets
the wall time and the child's peak resident memory (ru_maxrss) from the kernel.
"""

import argparse
import csv
import datetime
import io
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from workloads import WORKLOADS, duckdb_script  # noqa: E402

ENGINES = ["chiso", "duckdb", "polars", "pandas"]
TIME = "/usr/bin/time"


def spawn(argv, stdout_path="/dev/null", rss=True):
    """Runs argv; returns (wall seconds, peak RSS bytes or None, exit status, stderr text).

    The peak RSS comes from GNU time (`/usr/bin/time -f %M`), which forks the program from its own
    small process: a child forked straight from this Python process would report Python's
    resident pages as its own (Linux keeps ru_maxrss across exec)."""
    with open(stdout_path, "wb") as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".rss") as rss_file:
        full = [TIME, "-q", "-f", "%M", "-o", rss_file.name] + argv if rss else argv
        start = time.perf_counter()
        proc = subprocess.Popen(full, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, _ = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        err.seek(0)
        message = err.read().decode("utf-8", "replace")
        peak = None
        if rss:
            text = open(rss_file.name).read().strip().splitlines()
            peak = int(text[-1]) * 1024 if text and text[-1].isdigit() else None
    return wall, peak, code, message


class Runner:
    def __init__(self, args):
        self.chiso = args.chiso
        self.duckdb = args.duckdb
        self.python = sys.executable
        self.worker = os.path.join(HERE, "worker.py")

    def argv(self, engine, workload, data_dir, out="/dev/null"):
        if engine == "chiso":
            return [self.chiso, "--data", data_dir, "--format", "csv", "-c", workload["chiso"]], out
        if engine == "duckdb":
            return [self.duckdb, "-c", duckdb_script(workload, data_dir, out)], "/dev/null"
        return [self.python, self.worker, engine, workload["id"], data_dir, out], None

    def once(self, engine, workload, data_dir, out="/dev/null"):
        """(seconds, peak RSS bytes) of one run; raises on failure."""
        argv, stdout = self.argv(engine, workload, data_dir, out)
        if stdout is None:
            # Python engines time themselves (import excluded) and print the seconds.
            with tempfile.NamedTemporaryFile("r", suffix=".txt") as timing:
                wall, rss, code, err = spawn(argv, timing.name)
                if code != 0:
                    raise RuntimeError(f"{engine} {workload['id']}: exit {code}: {err.strip()[-500:]}")
                seconds = float(open(timing.name).read().strip().splitlines()[-1])
            return seconds, rss
        wall, rss, code, err = spawn(argv, stdout)
        if code != 0:
            raise RuntimeError(f"{engine} {workload['id']}: exit {code}: {err.strip()[-500:]}")
        return wall, rss


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0] if rows else [], rows[1:]


def same_value(a, b):
    if a == b:
        return True
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    if math.isnan(x) and math.isnan(y):
        return True
    return abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))


def same_result(path_a, path_b):
    """Whether two CSV results hold the same rows (any order), numbers equal to 1e-9."""
    ha, a = read_rows(path_a)
    hb, b = read_rows(path_b)
    if sorted(ha) == sorted(hb) and ha != hb:
        # Same columns in another order (a pivot's columns): compare by name.
        order = [hb.index(h) for h in ha]
        b = [[row[i] for i in order] for row in b]
    if len(a) != len(b):
        return False, f"{len(a)} rows vs {len(b)}"

    def key(row):
        return [f"{float(v):.6f}" if _num(v) else v for v in row]

    a = sorted(a, key=key)
    b = sorted(b, key=key)
    for ra, rb in zip(a, b):
        if len(ra) != len(rb) or not all(same_value(x, y) for x, y in zip(ra, rb)):
            return False, f"{ra} vs {rb}"
    return True, ""


def _num(v):
    try:
        float(v)
        return True
    except ValueError:
        return False


def fmt_time(s):
    if s is None:
        return "n/a"
    if s < 1:
        return f"{s * 1000:.0f} ms" if s >= 0.01 else f"{s * 1000:.1f} ms"
    return f"{s:.2f} s"


def fmt_mb(b):
    return "n/a" if b is None else f"{b / 2**20:.0f} MB"


def fmt_ratio(a, b):
    if a is None or b is None or b == 0:
        return "n/a"
    return f"{a / b:.2f}×"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="13k,1m,10m")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--reps-10m", type=int, default=3, help="repetitions at 10m (the heavy size)")
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--workloads", default="all", help="comma-separated ids, or all")
    ap.add_argument("--data", default=os.path.join(HERE, "data"))
    ap.add_argument("--chiso", required=True)
    ap.add_argument("--duckdb", required=True)
    ap.add_argument("--sqlite3", default="sqlite3")
    ap.add_argument("--out", default=os.path.join(HERE, "results", "latest.md"))
    ap.add_argument("--no-check", action="store_true", help="skip the cross-engine result check")
    args = ap.parse_args()

    sizes = args.sizes.split(",")
    engines = args.engines.split(",")
    workloads = WORKLOADS if args.workloads == "all" else [w for w in WORKLOADS if w["id"] in args.workloads.split(",")]
    runner = Runner(args)
    load_before = os.getloadavg()
    started = datetime.datetime.now(datetime.timezone.utc)

    # chiso's pivot is n/a until the transform exists.
    chiso_missing = set()
    probe_dir = os.path.join(args.data, sizes[0])
    for w in workloads:
        argv, _ = runner.argv("chiso", w, probe_dir)
        _, _, code, _ = spawn(argv, rss=False)
        if code != 0:
            chiso_missing.add(w["id"])
            print(f"chiso: `{w['chiso']}` does not run yet; {w['id']} is n/a for chiso", file=sys.stderr)

    # Cross-engine check on the smallest size: every engine's result equals DuckDB's.
    checks = []
    if not args.no_check:
        check_dir = os.path.join(args.data, sizes[0])
        with tempfile.TemporaryDirectory() as tmp:
            for w in workloads:
                if w["id"] == "load":
                    continue
                ref = os.path.join(tmp, f"{w['id']}.duckdb.csv")
                runner.once("duckdb", w, check_dir, ref)
                for engine in engines:
                    if engine == "duckdb" or (engine == "chiso" and w["id"] in chiso_missing):
                        continue
                    path = os.path.join(tmp, f"{w['id']}.{engine}.csv")
                    runner.once(engine, w, check_dir, path)
                    ok, why = same_result(ref, path)
                    if not ok:
                        checks.append(f"{w['id']}: {engine} differs from DuckDB ({why})")
        for c in checks:
            print("CHECK FAILED: " + c, file=sys.stderr)

    results = {}  # size -> workload -> engine -> {time, rss, times}
    for size in sizes:
        data_dir = os.path.join(args.data, size)
        # Warm the page cache so that every engine reads the file from memory.
        with open(os.path.join(data_dir, "panel.csv"), "rb") as f:
            while f.read(1 << 24):
                pass
        reps = args.reps_10m if size == "10m" else args.reps
        results[size] = {}
        for w in workloads:
            results[size][w["id"]] = {}
            for engine in engines:
                if engine == "chiso" and w["id"] in chiso_missing:
                    results[size][w["id"]][engine] = None
                    continue
                times, rss = [], []
                for _ in range(reps):
                    t, r = runner.once(engine, w, data_dir)
                    times.append(t)
                    rss.append(r)
                entry = {"time": statistics.median(times), "rss": max(rss), "times": times}
                results[size][w["id"]][engine] = entry
                print(f"{size:>4} {w['id']:<13} {engine:<7} {fmt_time(entry['time']):>9}  {fmt_mb(entry['rss']):>8}",
                      file=sys.stderr, flush=True)

    # Cold start: a whole process answering a 5-row query on the 63-row province table.
    startup = {}
    small = os.path.join(args.data, sizes[0])
    provinces = os.path.join(small, "provinces.csv")
    starters = {
        "chiso": [args.chiso, "--data", small, "--format", "csv", "-c", "from provinces | take 5"],
        "sqlite3": [args.sqlite3, "-csv", ":memory:", f".import --csv {provinces} provinces",
                    "SELECT * FROM provinces LIMIT 5"],
        "duckdb": [args.duckdb, "-csv", "-c", f"SELECT * FROM read_csv('{provinces}') LIMIT 5"],
    }
    for name, argv in starters.items():
        times, rss = [], []
        for _ in range(max(20, args.reps)):
            t, _, code, err = spawn(argv, rss=False)
            if code != 0:
                raise RuntimeError(f"{name} startup: {err}")
            times.append(t)
        rss.append(spawn(argv)[1])
        startup[name] = {"time": statistics.median(times), "rss": max(rss), "times": times}
        print(f"startup {name:<8} {fmt_time(startup[name]['time']):>9}", file=sys.stderr)

    load_after = os.getloadavg()
    text = report(results, startup, workloads, engines, sizes, args, chiso_missing, checks, started,
                  load_before, load_after)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.splitext(args.out)[0] + ".json", "w", encoding="utf-8") as f:
        json.dump({"results": results, "startup": startup, "checks": checks}, f, indent=1)
    print(text)


def versions(args):
    out = {}
    try:
        out["chiso"] = subprocess.run([args.chiso, "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        out["chiso"] = "?"
    out["DuckDB CLI"] = subprocess.run([args.duckdb, "--version"], capture_output=True, text=True).stdout.split()[0]
    for mod in ["polars", "pandas"]:
        try:
            out[mod] = __import__(mod).__version__
        except ImportError:
            out[mod] = "?"
    out["sqlite3"] = subprocess.run([args.sqlite3, "--version"], capture_output=True, text=True).stdout.split()[0]
    return out


def report(results, startup, workloads, engines, sizes, args, chiso_missing, checks, started, load_before,
           load_after):
    lines = []
    add = lines.append
    v = versions(args)
    add("# chiso benchmarks: latest run")
    add("")
    add(f"Run {started:%Y-%m-%d %H:%M} UTC on {platform.machine()} Linux, {os.cpu_count()} cores; "
        + ", ".join(f"{k} {val}" for k, val in v.items()) + ".")
    add(f"Load average before / after: {load_before[0]:.2f} / {load_after[0]:.2f} "
        "(other builds and tests share these 2 cores, so single runs can be noisy).")
    add("")
    add("Median of the repetitions "
        f"({args.reps} per size, {args.reps_10m} at 10m); peak RSS is the largest of the runs. chiso and DuckDB "
        "times are whole processes (`chiso -c`, `duckdb -c`, start to exit); polars and pandas are timed "
        "inside a fresh Python process, excluding the interpreter's start and the import. Every job reads the "
        "CSV file, computes and writes its result as CSV (to /dev/null). Ratios below 1 mean chiso is faster.")
    add("")
    if checks:
        add("**Result check failed:** " + "; ".join(checks))
    else:
        add(f"Results checked: on {sizes[0]} rows every engine's output equals DuckDB's (numbers to 1e-9)."
            if not args.no_check else "Results not checked in this run (--no-check).")
    add("")
    for size in sizes:
        rows = {"13k": "13,230", "1m": "1,000,440", "10m": "9,999,990"}.get(size, size)
        add(f"## {size} rows ({rows})")
        add("")
        head = ["workload"] + [e for e in engines] + ["chiso/DuckDB", "chiso/polars"]
        if size == sizes[-1]:
            head += ["target"]
        head += [f"RSS {e}" for e in engines] + ["RSS chiso/DuckDB"]
        add("| " + " | ".join(head) + " |")
        add("|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|")
        for w in workloads:
            r = results[size][w["id"]]

            def t(e):
                return r.get(e)["time"] if r.get(e) else None

            def m(e):
                return r.get(e)["rss"] if r.get(e) else None

            row = [w["title"]] + [fmt_time(t(e)) for e in engines]
            row += [fmt_ratio(t("chiso"), t("duckdb")), fmt_ratio(t("chiso"), t("polars"))]
            if size == sizes[-1]:
                ok = None if t("chiso") is None or t("duckdb") is None else t("chiso") / t("duckdb") <= w["target"]
                row += [f"≤ {w['target']}× " + ("n/a" if ok is None else ("met" if ok else "**not met**"))]
            row += [fmt_mb(m(e)) for e in engines] + [fmt_ratio(m("chiso"), m("duckdb"))]
            add("| " + " | ".join(row) + " |")
        if size == sizes[-1]:
            peak = {e: max((results[size][w["id"]][e]["rss"] for w in workloads if results[size][w["id"]].get(e)),
                           default=None) for e in engines}
            ratio = None if peak.get("chiso") is None or not peak.get("duckdb") else peak["chiso"] / peak["duckdb"]
            add("")
            add("Peak RSS over all workloads: " + ", ".join(f"{e} {fmt_mb(peak[e])}" for e in engines)
                + (f"; chiso/DuckDB {ratio:.2f}× (target ≤ 0.6×: {'met' if ratio <= 0.6 else 'not met'})." if ratio else "."))
        add("")
    add("## Cold start")
    add("")
    add("A whole process answering `take 5` on the 63-row province CSV (median of "
        f"{len(startup['chiso']['times'])} runs).")
    add("")
    add("| | chiso | sqlite3 CLI | DuckDB CLI | chiso/sqlite3 | chiso/DuckDB |")
    add("|---|---:|---:|---:|---:|---:|")
    s = startup
    met = "met" if s["chiso"]["time"] <= s["sqlite3"]["time"] else "not met"
    add(f"| time | {fmt_time(s['chiso']['time'])} | {fmt_time(s['sqlite3']['time'])} | {fmt_time(s['duckdb']['time'])} "
        f"| {fmt_ratio(s['chiso']['time'], s['sqlite3']['time'])} (target ≤ 1×: {met}) "
        f"| {fmt_ratio(s['chiso']['time'], s['duckdb']['time'])} |")
    add(f"| peak RSS | {fmt_mb(s['chiso']['rss'])} | {fmt_mb(s['sqlite3']['rss'])} | {fmt_mb(s['duckdb']['rss'])} "
        f"| {fmt_ratio(s['chiso']['rss'], s['sqlite3']['rss'])} | {fmt_ratio(s['chiso']['rss'], s['duckdb']['rss'])} |")
    add("")
    if chiso_missing:
        add("n/a for chiso: " + ", ".join(sorted(chiso_missing))
            + " (the transform does not exist yet; see `CHISO_PIVOT` in Benchmarks/workloads.py).")
        add("")
    add("## Workloads")
    add("")
    add("| workload | chiso query | SQL (DuckDB) |")
    add("|---|---|---|")
    for w in workloads:
        sql = w["sql"] or "CREATE TABLE panel AS SELECT * FROM read_csv('panel.csv')"
        add(f"| {w['title']} | `{w['chiso'].replace('|', chr(92) + '|')}` | `{sql.replace('|', chr(92) + '|')}` |")
    add("")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
