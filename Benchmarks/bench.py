"""Runs the workloads on chiso, DuckDB and polars (and pandas, if asked) in three settings and
writes results/latest.md:

- csv: the whole job from the CSV file, cold: chiso starts with an empty cache (so its time
  includes writing the cache), DuckDB over `read_csv` views, polars `scan_csv`;
- warm: the whole job again, each engine from its own stored form: chiso from its columnar cache,
  DuckDB from its database file, polars from Parquet;
- session: each query on tables already loaded in one process: chiso `--bench-repeat` (the query
  repeated in one session), DuckDB on in-memory tables, polars on DataFrames; plus a C loop as the
  physical limit for filter + count and group-by.

Called by run.sh (which builds chiso, makes the virtualenv and the data); see docs/performance.md.
Each whole job is its own process; the harness waits for it with wait4(2) behind GNU time, so it
gets the wall time and the child's peak resident memory.
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
import shutil
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from workloads import WORKLOADS, duckdb_script  # noqa: E402

ENGINES = ["chiso", "duckdb", "polars"]
MODES = ["csv", "warm", "session"]
TIME = "/usr/bin/time"


def spawn(argv, stdout_path="/dev/null", rss=True, env=None):
    """Runs argv; returns (wall seconds, peak RSS bytes or None, exit status, stderr text).

    The peak RSS comes from GNU time (`/usr/bin/time -f %M`), which forks the program from its own
    small process: a child forked straight from this Python process would report Python's
    resident pages as its own (Linux keeps ru_maxrss across exec)."""
    with open(stdout_path, "wb") as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".rss") as rss_file:
        full = [TIME, "-q", "-f", "%M", "-o", rss_file.name] + argv if rss else argv
        start = time.perf_counter()
        proc = subprocess.Popen(full, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                env=None if env is None else {**os.environ, **env})
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


class Runner:
    def __init__(self, args, scratch):
        self.chiso = args.chiso
        self.duckdb = args.duckdb
        self.python = sys.executable
        self.worker = os.path.join(HERE, "worker.py")
        self.scratch = scratch
        self.session_reps = args.session_reps
        # chiso's caches: an empty one before every cold run, a primed one for warm runs.
        self.cold_cache = os.path.join(scratch, "cold-cache")
        self.warm_cache = os.path.join(scratch, "warm-cache")
        self.primed = set()

    def chiso_argv(self, workload, data_dir, extra=()):
        return [self.chiso, "--data", data_dir, "--format", "csv", *extra, "-c", workload["chiso"]]

    def once(self, mode, engine, workload, data_dir, out="/dev/null"):
        """(seconds, peak RSS bytes or None) of one run; raises on failure."""
        if engine == "chiso":
            if mode == "csv":
                shutil.rmtree(self.cold_cache, ignore_errors=True)
                env = {"XDG_CACHE_HOME": self.cold_cache}
            else:
                env = {"XDG_CACHE_HOME": self.warm_cache}
                key = (data_dir, workload["id"])
                if key not in self.primed:  # the first run writes the cache; it is not timed
                    spawn(self.chiso_argv(workload, data_dir), rss=False, env=env)
                    self.primed.add(key)
            if mode == "session":
                argv = self.chiso_argv(workload, data_dir, ["--bench-repeat", str(self.session_reps)])
                wall, rss, code, err = spawn(argv, out, env=env)
                if code != 0:
                    raise RuntimeError(f"chiso {workload['id']}: exit {code}: {err.strip()[-500:]}")
                warm = [float(line.split()[2]) / 1000 for line in err.splitlines() if line.startswith("bench warm")]
                return statistics.median(warm), rss
            wall, rss, code, err = spawn(self.chiso_argv(workload, data_dir), out, env=env)
            if code != 0:
                raise RuntimeError(f"chiso {workload['id']}: exit {code}: {err.strip()[-500:]}")
            return wall, rss
        if engine == "duckdb" and mode != "session":
            database = mode == "warm"
            argv = [self.duckdb] + ([os.path.join(data_dir, "panel.duckdb"), "-readonly"] if database else [])
            argv += ["-c", duckdb_script(workload, data_dir, out, database=database)]
            wall, rss, code, err = spawn(argv, "/dev/null")
            if code != 0:
                raise RuntimeError(f"duckdb {workload['id']}: exit {code}: {err.strip()[-500:]}")
            return wall, rss
        # Python engines time themselves (import excluded) and print the seconds.
        if mode == "session":
            argv = [self.python, self.worker, f"{engine}-session", workload["id"], data_dir, out, str(self.session_reps)]
        else:
            argv = [self.python, self.worker, engine, workload["id"], data_dir, out, "parquet" if mode == "warm" else "csv"]
        with tempfile.NamedTemporaryFile("r", suffix=".txt") as timing:
            wall, rss, code, err = spawn(argv, timing.name)
            if code != 0:
                raise RuntimeError(f"{engine} {mode} {workload['id']}: exit {code}: {err.strip()[-500:]}")
            seconds = float(open(timing.name).read().strip().splitlines()[-1])
        return seconds, rss


def prepare(duckdb, data_dir):
    """DuckDB's database file and the Parquet files, made once from the CSV (not timed)."""
    db = os.path.join(data_dir, "panel.duckdb")
    csv_path = os.path.join(data_dir, "panel.csv")
    if os.path.exists(db) and os.path.getmtime(db) > os.path.getmtime(csv_path):
        return
    for f in [db, db + ".wal"]:
        if os.path.exists(f):
            os.remove(f)
    sql = (f"CREATE TABLE panel AS SELECT * FROM read_csv('{csv_path}'); "
           f"CREATE TABLE provinces AS SELECT * FROM read_csv('{data_dir}/provinces.csv'); "
           f"COPY panel TO '{data_dir}/panel.parquet' (FORMAT parquet); "
           f"COPY provinces TO '{data_dir}/provinces.parquet' (FORMAT parquet); CHECKPOINT;")
    subprocess.run([duckdb, db, "-c", sql], check=True)


def c_loop(data_dir, reps, scratch):
    """(filter_count seconds, n, group_stats seconds, groups) from Benchmarks/cloop.c."""
    binary = os.path.join(scratch, "cloop")
    if not os.path.exists(binary):
        subprocess.run(["cc", "-O2", "-o", binary, os.path.join(HERE, "cloop.c"), "-lm"], check=True)
    out = subprocess.run([binary, os.path.join(data_dir, "panel.csv"), str(reps)], capture_output=True, text=True, check=True)
    got = {}
    for line in out.stdout.splitlines():
        name, seconds, answer = line.split()
        got[name] = (float(seconds), int(answer))
    return got


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="13k,10m")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--reps-10m", type=int, default=3, help="repetitions at 10m (the heavy size)")
    ap.add_argument("--session-reps", type=int, default=5, help="queries timed inside each session")
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--modes", default=",".join(MODES))
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
    modes = args.modes.split(",")
    workloads = WORKLOADS if args.workloads == "all" else [w for w in WORKLOADS if w["id"] in args.workloads.split(",")]
    scratch = tempfile.mkdtemp(prefix="chiso-bench-")
    runner = Runner(args, scratch)
    load_before = os.getloadavg()
    started = datetime.datetime.now(datetime.timezone.utc)
    for size in sizes:
        prepare(args.duckdb, os.path.join(args.data, size))

    def applies(mode, engine, w):
        if w["id"] == "load" and mode != "csv":
            return False
        return not (engine == "pandas" and mode != "csv")

    # Answers: on the smallest size, every engine in every mode gives DuckDB's CSV answer.
    checks = []
    checked = 0
    if not args.no_check:
        check_dir = os.path.join(args.data, sizes[0])
        with tempfile.TemporaryDirectory() as tmp:
            for w in workloads:
                if w["id"] == "load":
                    continue
                ref = os.path.join(tmp, f"{w['id']}.ref.csv")
                runner.once("csv", "duckdb", w, check_dir, ref)
                for mode in modes:
                    for engine in engines:
                        if not applies(mode, engine, w) or (engine == "duckdb" and mode == "csv"):
                            continue
                        path = os.path.join(tmp, f"{w['id']}.{mode}.{engine}.csv")
                        try:
                            runner.once(mode, engine, w, check_dir, path)
                            ok, why = same_result(ref, path)
                        except RuntimeError as e:
                            ok, why = False, str(e)
                        checked += 1
                        if not ok:
                            checks.append(f"{w['id']} ({mode}): {engine} differs from DuckDB ({why})")
        for c in checks:
            print("CHECK FAILED: " + c, file=sys.stderr)

    results = {}  # mode -> size -> workload -> engine -> {time, rss, times}
    cloops = {}
    for size in sizes:
        data_dir = os.path.join(args.data, size)
        with open(os.path.join(data_dir, "panel.csv"), "rb") as f:  # the page cache holds the file
            while f.read(1 << 24):
                pass
        reps = args.reps_10m if size == "10m" else args.reps
        for mode in modes:
            results.setdefault(mode, {})[size] = {}
            for w in workloads:
                row = results[mode][size][w["id"]] = {}
                for engine in engines:
                    if not applies(mode, engine, w):
                        continue
                    times, rss = [], []
                    for _ in range(1 if mode == "session" else reps):
                        t, r = runner.once(mode, engine, w, data_dir)
                        times.append(t)
                        rss.append(r)
                    row[engine] = {"time": statistics.median(times), "rss": max(x or 0 for x in rss), "times": times}
                    print(f"{mode:<7} {size:>4} {w['id']:<13} {engine:<7} {fmt_time(row[engine]['time']):>9}  "
                          f"{fmt_mb(row[engine]['rss']):>8}", file=sys.stderr, flush=True)
        if "session" in modes:
            cloops[size] = c_loop(data_dir, max(5, args.session_reps), scratch)

    startup = cold_start(args, sizes)
    load_after = os.getloadavg()
    text = report(results, cloops, startup, workloads, engines, modes, sizes, args, checks, checked, started,
                  load_before, load_after)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.splitext(args.out)[0] + ".json", "w", encoding="utf-8") as f:
        json.dump({"results": results, "c_loop": cloops, "startup": startup, "checks": checks}, f, indent=1)
    shutil.rmtree(scratch, ignore_errors=True)
    print(text)


def cold_start(args, sizes):
    """A whole process answering a 5-row query on the 63-row province table."""
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
        times = []
        for _ in range(max(30, args.reps)):
            t, _, code, err = spawn(argv, rss=False)
            if code != 0:
                raise RuntimeError(f"{name} startup: {err}")
            times.append(t)
        startup[name] = {"time": statistics.median(times), "rss": spawn(argv)[1], "times": times}
        print(f"startup {name:<8} {fmt_time(startup[name]['time']):>9}", file=sys.stderr)
    return startup


def versions(args):
    out = {}
    try:
        out["chiso"] = subprocess.run([args.chiso, "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        out["chiso"] = "?"
    out["DuckDB CLI"] = subprocess.run([args.duckdb, "--version"], capture_output=True, text=True).stdout.split()[0]
    for mod in ["duckdb", "polars"]:
        try:
            out[mod] = __import__(mod).__version__
        except ImportError:
            out[mod] = "?"
    out["sqlite3"] = subprocess.run([args.sqlite3, "--version"], capture_output=True, text=True).stdout.split()[0]
    return out


TITLES = {
    "csv": "Whole job from CSV, cold",
    "warm": "Whole job, warm: chiso from its cache, DuckDB from its database file, polars from Parquet",
    "session": "In session: each query on tables already loaded",
}
TARGETS = {"csv": 1.0, "warm": 0.5, "session": 0.5}


def report(results, cloops, startup, workloads, engines, modes, sizes, args, checks, checked, started, load_before,
           load_after):
    lines = []
    add = lines.append
    v = versions(args)
    add("# chiso benchmarks: latest run")
    add("")
    add(f"Run {started:%Y-%m-%d %H:%M} UTC on {platform.machine()} Linux, {os.cpu_count()} cores; "
        + ", ".join(f"{k} {val}" for k, val in v.items()) + ".")
    add(f"Load average before / after: {load_before[0]:.2f} / {load_after[0]:.2f} "
        "(other builds and tests share these 2 cores: single runs are noisy, compare ratios within a run).")
    add("")
    add(f"Whole jobs: median of {args.reps} runs ({args.reps_10m} at 10m), peak RSS the largest; chiso and DuckDB "
        "are whole processes, polars is timed inside a fresh Python process (interpreter start and import excluded). "
        f"Sessions: median of {args.session_reps} runs of the query after one untimed run, in one process. "
        "`best` is the faster of DuckDB and polars; ratios below 1 mean chiso is faster.")
    add("")
    if args.no_check:
        add("Results not checked in this run (--no-check).")
    elif checks:
        add("**Result check failed:** " + "; ".join(checks))
    else:
        add(f"Results checked: on {sizes[0]} rows, {checked} outputs (every engine in every setting) equal DuckDB's "
            "(rows in any order, numbers to 1e-9).")
    add("")
    others = [e for e in engines if e != "chiso"]
    for size in sizes:
        rows = {"13k": "13,230", "1m": "1,000,440", "10m": "9,999,990"}.get(size, size)
        for mode in modes:
            table = results[mode][size]
            add(f"## {TITLES[mode]} — {size} rows ({rows})")
            add("")
            head = ["workload"] + engines
            if mode == "session":
                head += ["C loop"]
            head += ["chiso/best", f"target ≤ {TARGETS[mode]}×"]
            if mode == "session":
                head += ["chiso/C"]
            else:
                head += [f"RSS {e}" for e in engines] + ["RSS chiso/DuckDB"]
            add("| " + " | ".join(head) + " |")
            add("|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|")
            met, missed = 0, 0
            for w in workloads:
                r = table.get(w["id"], {})
                if not r:
                    continue
                t = lambda e: r[e]["time"] if r.get(e) else None  # noqa: E731
                m = lambda e: r[e]["rss"] if r.get(e) else None  # noqa: E731
                best = min((t(e) for e in others if t(e) is not None), default=None)
                row = [w["title"]] + [fmt_time(t(e)) for e in engines]
                c = None
                if mode == "session":
                    c = cloops.get(size, {}).get(w["id"])
                    row += [f"{fmt_time(c[0])} (n = {c[1]})" if c else ""]
                ratio = None if t("chiso") is None or best is None else t("chiso") / best
                ok = None if ratio is None else ratio <= TARGETS[mode]
                if ok is not None:
                    met, missed = met + ok, missed + (not ok)
                row += [fmt_ratio(t("chiso"), best), "n/a" if ok is None else ("met" if ok else "**not met**")]
                if mode == "session":
                    row += [fmt_ratio(t("chiso"), c[0]) if c else ""]
                else:
                    row += [fmt_mb(m(e)) for e in engines] + [fmt_ratio(m("chiso"), m("duckdb"))]
                add("| " + " | ".join(row) + " |")
            add("")
            add(f"Target met on {met} of {met + missed} workloads.")
            if mode != "session":
                worst = [(m_ / d) for w in workloads for (m_, d) in [
                    ((table.get(w["id"], {}).get("chiso") or {}).get("rss"), (table.get(w["id"], {}).get("duckdb") or {}).get("rss"))]
                    if m_ and d]
                if worst:
                    add(f"Peak RSS chiso/DuckDB per workload: {min(worst):.2f}×–{max(worst):.2f}× (target ≤ 0.6× on every one).")
            add("")
    add("## Cold start")
    add("")
    add(f"A whole process answering `take 5` on the 63-row province CSV (median of {len(startup['chiso']['times'])} runs).")
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
