#!/usr/bin/env python3
"""Differential test: random PRQL pipelines through chiso and through prqlc → DuckDB.

    python difftest.py --count 300 --seed 1           # N queries from a seed
    python difftest.py --seed 1 --only 417            # one query again, verbosely
    python difftest.py --file repro.prql              # a saved query through both

Each query `i` of seed `S` is generated from its own random stream, so `--seed S --only i`
reproduces it alone. A mismatch is minimised (steps, then items, dropped while the same kind of
mismatch remains) and written as a `.prql` file into `--out` with both answers in its header comment.
Exit status: 0 when every query agreed, 1 when any mismatch was found, 2 on a usage or set-up error.
"""

from __future__ import annotations

import argparse
import datetime
import decimal
import json
import math
import multiprocessing
import os
import random
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

from dataset import Datasets  # noqa: E402
from generator import Gen, Query, Step  # noqa: E402

REL_TOL = 1e-9
ABS_TOL = 1e-12


# ------------------------------------------------------------------------------------------ values

def norm_duck(v):
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return v
    if isinstance(v, decimal.Decimal):
        return float(v)
    if isinstance(v, datetime.datetime):
        s = v.strftime("%Y-%m-%d %H:%M:%S")
        if v.microsecond:
            s += ("." + f"{v.microsecond:06d}").rstrip("0")
        return s
    if isinstance(v, datetime.date):
        return v.isoformat()
    return repr(v)


# chiso writes NaN and infinities in JSON as these strings (JSON has no such numbers).
NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def values_equal(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) and a in NON_FINITE and isinstance(b, float):
        a = NON_FINITE[a]
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if isinstance(a, int) and isinstance(b, int):
            return a == b
        fa, fb = float(a), float(b)
        if math.isnan(fa) or math.isnan(fb):
            return math.isnan(fa) and math.isnan(fb)
        if math.isinf(fa) or math.isinf(fb):
            return fa == fb
        return math.isclose(fa, fb, rel_tol=REL_TOL, abs_tol=ABS_TOL)
    if isinstance(a, str) and isinstance(b, str) and a != b and "ẞ" in b:
        # Upper case of ß: chiso maps it to "SS" (Unicode's full case mapping, as Swift, Python
        # and ICU do); DuckDB to "ẞ" (docs/reliability.md).
        return b.replace("ẞ", "SS") == a
    if isinstance(a, str) and isinstance(b, str) and a != b and " 00:00:00" in b:
        # prqlc compiles `date + 3days` to DATE + INTERVAL, which DuckDB types as a TIMESTAMP
        # (also inside text made from it: f"{d + 3days}").
        return b.replace(" 00:00:00", "") == a
    return type(a) is type(b) and a == b


def sort_key(v):
    if isinstance(v, str) and v in NON_FINITE:
        v = NON_FINITE[v]
    if v is None:
        return (0, 0, "")
    if isinstance(v, bool):
        return (1, 0, str(v))
    if isinstance(v, (int, float)):
        f = float(v)
        # NaN after every number (DuckDB's order), in a key of the same shape as a number's.
        if math.isnan(f):
            return (2, 1, 0.0)
        return (2, 0, float(f"{f:.8g}") if math.isfinite(f) else f)
    return (3, 0, str(v))


def order_key(v):
    """A value's place in chiso's and DuckDB's order: text by UTF-8 bytes, NaN above every number
    (chiso's JSON spells it "NaN"); nulls are handled apart."""
    if isinstance(v, str) and v in NON_FINITE:
        v = NON_FINITE[v]
    if isinstance(v, float) and math.isnan(v):
        return (1, 0)
    if isinstance(v, str):
        return (0, v.encode("utf-8"))
    if isinstance(v, bool):
        return (0, int(v))
    return (0, v)


def compare_values(a, b, descending: bool) -> int:
    """Order of two of one engine's values (exactly: an engine sorts by its own values)."""
    if a is None or b is None:
        return 0 if a is None and b is None else (1 if a is None else -1)  # nulls last, both ways
    if a == b and type(a) is type(b):
        return 0
    ka, kb = order_key(a), order_key(b)
    if ka == kb:
        return 0
    c = -1 if ka < kb else 1
    return -c if descending else c


def is_sorted(rows, idx, desc) -> bool:
    for prev, cur in zip(rows, rows[1:]):
        for i, d in zip(idx, desc):
            c = compare_values(prev[i], cur[i], d)
            if c < 0:
                break
            if c > 0:
                return False
    return True


def rows_equal(a, b) -> bool:
    return len(a) == len(b) and all(values_equal(x, y) for x, y in zip(a, b))


def same_multiset(xs, ys) -> bool:
    if len(xs) != len(ys):
        return False
    sx = sorted(xs, key=lambda r: [sort_key(v) for v in r])
    sy = sorted(ys, key=lambda r: [sort_key(v) for v in r])
    if all(rows_equal(a, b) for a, b in zip(sx, sy)):
        return True
    # Rounding put near-equal floats on different sides of a boundary, so the two sorted lists
    # are not aligned: match each row with an unused equal row nearby (all rows when small).
    window = len(sy) if len(sy) <= 3000 else 200
    used = [False] * len(sy)
    for k, row in enumerate(sx):
        for j in range(max(0, k - window), min(len(sy), k + window + 1)):
            if not used[j] and rows_equal(row, sy[j]):
                used[j] = True
                break
        else:
            return False
    return True


def multiset_diff(xs, ys, limit=6):
    """Rows only in xs, rows only in ys (greedy matching with the float tolerance)."""
    unused = list(ys)
    only_x = []
    for row in xs:
        for i, other in enumerate(unused):
            if rows_equal(row, other):
                del unused[i]
                break
        else:
            only_x.append(row)
        if len(only_x) >= limit and len(xs) > 3000:
            break
    return only_x[:limit], unused[:limit]


def type_only_differences(xs, ys) -> int:
    """Cells where one side has an int and the other a float of the same value (e.g. `//`)."""
    n = 0
    for a, b in zip(xs[:50], ys[:50]):
        for x, y in zip(a, b):
            if isinstance(x, (int, float)) and isinstance(y, (int, float)) and not isinstance(x, bool) \
                    and not isinstance(y, bool) and type(x) is not type(y):
                n += 1
    return n


def names_match(chiso_names, duck_names) -> bool:
    """Equal names, where prqlc's generated `_expr_N` names (a prqlc naming bug for a join key
    used after the join) match any name."""
    return len(chiso_names) == len(duck_names) and all(
        c == d or re.fullmatch(r"_expr_\d+", d) for c, d in zip(chiso_names, duck_names))


def dedup_names(names):
    seen, out = set(), []
    for n in names:
        name = n
        k = 1
        while name in seen:
            name = f"{n}_{k}"
            k += 1
        seen.add(name)
        out.append(name)
    return out


def prqlc_message(text: str) -> str:
    """The message of a prqlc error (its ariadne report puts it after `╰──`)."""
    for line in text.splitlines():
        if "╰─" in line:
            return line.split("─")[-1].strip()
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    return lines[0] if lines else ""


# ------------------------------------------------------------------------------------------ engines

class Engines:
    def __init__(self, chiso: str, chinook: str):
        import duckdb
        import prqlc
        self.prqlc = prqlc
        self.options = prqlc.CompileOptions(target="sql.duckdb", signature_comment=False, format=False)
        self.chiso = chiso
        self.duck = duckdb.connect()
        # chiso gives null for x // 0 and x % 0 (docs/language.md, "Differences"); so did DuckDB 1.x.
        self.duck.execute("SET error_on_division_by_zero = false")
        self.tmp = tempfile.mkdtemp(prefix="chiso-diff-")
        self.data = Datasets(chiso, ROOT, chinook, self.tmp, self.duck)
        self.data_args = self.data.data_args()

    def compile(self, text: str):
        # prqlc sometimes panics (a Rust panic raised as BaseException): a compile error for us.
        # Its panic hook writes a backtrace to stderr, so stderr is silenced meanwhile.
        saved = os.dup(2)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        try:
            return self.prqlc.compile(text, self.options), None
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as e:  # noqa: BLE001 - prqlc raises its own error types, and panics
            return None, prqlc_message(str(e)) or repr(e)
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            os.close(devnull)

    def run_duck(self, sql: str):
        try:
            cur = self.duck.execute(sql)
            rows = cur.fetchall()
            names = [d[0] for d in cur.description]
            return names, [[norm_duck(v) for v in r] for r in rows], None
        except Exception as e:  # noqa: BLE001
            return None, None, str(e).splitlines()[0]

    def run_chiso(self, text: str, timeout: float = 60):
        try:
            # prqlc → DuckDB sorts text by code point: chiso is asked for the same order (the
            # bundled folder otherwise sorts in Vietnamese order, docs/language.md).
            p = subprocess.run([self.chiso, *self.data_args, "--collation", "binary", "--format", "json", "-c", text],
                               capture_output=True, timeout=timeout, env={**os.environ, "NO_COLOR": "1"})
        except subprocess.TimeoutExpired:
            return None, None, "timeout", "timeout"
        if p.returncode == 1:
            return None, None, p.stderr.decode("utf-8", "replace").strip(), "error"
        if p.returncode != 0:
            return None, None, f"exit {p.returncode}: " + p.stderr.decode("utf-8", "replace")[-2000:], "crash"
        try:
            objs = json.loads(p.stdout.decode("utf-8"), object_pairs_hook=list)
        except ValueError as e:
            return None, None, f"unparsable JSON output: {e}", "crash"
        names = [k for k, _ in objs[0]] if objs else None
        rows = [[v for _, v in o] for o in objs]
        return names, rows, None, "ok"


# ------------------------------------------------------------------------------------------- checks

class Outcome:
    def __init__(self, kind: str, detail: str = "", sql: str | None = None, chiso=None, duck=None, info=None):
        self.kind = kind          # agree | mismatch:* | skip:*
        self.detail = detail
        self.sql = sql
        self.chiso = chiso
        self.duck = duck
        self.info = info or {}


FINAL_ORDER = re.compile(r"ORDER BY [^()]*$")
# prqlc writes PRQL's `int` and `float` with DuckDB's names for 32-bit types (INTEGER, FLOAT);
# PRQL's, like chiso's, are 64-bit (docs/reliability.md). The reference SQL is corrected to match.
CASTS = [(re.compile(r"\bAS float\)"), "AS DOUBLE)"), (re.compile(r"\bAS int\)"), "AS BIGINT)")]


# Where chiso deliberately differs (docs/reliability.md), the text given to prqlc says what chiso
# means: `as int` of a float rounds halves away from zero in chiso, to even in DuckDB 2.
PRQL_REWRITES = [(" | as int)", " | math.round 0 | as int)")]


def reference_text(text: str) -> str:
    for a, b in PRQL_REWRITES:
        text = text.replace(a, b)
    return text


def fix_sql(sql: str) -> str:
    for pattern, replacement in CASTS:
        sql = pattern.sub(replacement, sql)
    return sql


def setop_sql(eng: Engines, setop) -> tuple:
    """The reference of a final `remove`/`intersect`: EXCEPT ALL / INTERSECT ALL of both sides,
    each compiled by prqlc (PRQL's book: "duplicate rows are removed one-for-one")."""
    op, left, right = setop
    lsql, lerr = eng.compile(reference_text(left))
    rsql, rerr = eng.compile(reference_text(right))
    if lsql is None or rsql is None:
        return None, lerr or rerr
    word = "EXCEPT ALL" if op == "remove" else "INTERSECT ALL"
    return f"SELECT * FROM ({fix_sql(lsql)}) {word} SELECT * FROM ({fix_sql(rsql)})", None


def check(eng: Engines, text: str, ordered, permute_ok: bool = False, setop=None, deliberate=None) -> Outcome:
    if deliberate is not None:
        _, _, chiso_err, status = eng.run_chiso(text)
        if status == "error" and deliberate in chiso_err:
            return Outcome("skip:deliberate-difference", chiso_err)
        return Outcome("mismatch:expected-chiso-error", f"chiso should refuse this ({deliberate}): {status} {chiso_err or ''}")
    if setop is not None:
        sql, cerr = setop_sql(eng, setop)
    else:
        sql, cerr = eng.compile(reference_text(text))
    cnames, crows, chiso_err, status = eng.run_chiso(text)
    if status in ("timeout", "crash"):
        return Outcome(f"mismatch:chiso-{status}", chiso_err, sql)
    if sql is None:
        if status == "ok":
            return Outcome("skip:prqlc-rejects", cerr, None)
        return Outcome("skip:both-reject", f"prqlc: {cerr}\nchiso: {chiso_err}")
    sql = fix_sql(sql)
    dnames, drows, derr = eng.run_duck(sql)
    if derr is not None and status != "ok":
        return Outcome("skip:both-error", f"duckdb: {derr}\nchiso: {chiso_err}", sql)
    if derr is not None and derr.startswith(("Binder Error", "Parser Error")):
        # prqlc wrote SQL that does not bind (a prqlc bug): there is no reference answer.
        return Outcome("skip:reference-sql-invalid", derr, sql)
    if derr is not None:
        return Outcome("mismatch:duckdb-error", derr, sql, chiso=(cnames, crows))
    if status != "ok":
        return Outcome("mismatch:chiso-error", chiso_err, sql, duck=(dnames, drows))
    info = {}
    if len(crows) != len(drows):
        return Outcome("mismatch:row-count", f"chiso {len(crows)} rows, duckdb {len(drows)}", sql,
                       (cnames, crows), (dnames, drows))
    if cnames is not None and len(cnames) == len(dnames) and any(re.fullmatch(r"_expr_\d+", d) for d in dnames):
        # prqlc names a join key used after the join `_expr_N` (a prqlc naming bug), and may then
        # list the columns in another order: the names cannot line the columns up. Compare each
        # row's values regardless of column (weaker, still catching any wrong value or row).
        def cells(rows):
            return [sorted(r, key=sort_key) for r in rows]
        if same_multiset(cells(crows), cells(drows)):
            return Outcome("agree", "", sql, info={"columns-unnamed-by-prqlc": 1})
        return Outcome("mismatch:values", "prqlc named columns `_expr_N`: rows compared without column names",
                       sql, (cnames, crows), (dnames, drows))
    if crows and len(crows[0]) != len(dnames):
        return Outcome("mismatch:columns", f"chiso {cnames}, duckdb {dnames}", sql, (cnames, crows), (dnames, drows))
    if cnames is not None and cnames != dedup_names(dnames) and permute_ok \
            and sorted(cnames) == sorted(dedup_names(dnames)):
        # After a non-aggregating `group`, prqlc lists the keys first; chiso keeps the order
        # (docs/reliability.md). Compare the same columns in chiso's order.
        position = {n: i for i, n in enumerate(dedup_names(dnames))}
        drows = [[r[position[n]] for n in cnames] for r in drows]
        dnames = cnames
        info["column-order"] = 1
    if cnames is not None and not names_match(cnames, dedup_names(dnames)):
        return Outcome("mismatch:names", f"chiso {cnames}, duckdb {dedup_names(dnames)}", sql,
                       (cnames, crows), (dnames, drows))
    if not same_multiset(crows, drows):
        return Outcome("mismatch:values", "", sql, (cnames, crows), (dnames, drows))
    if ordered and crows:
        # The query fixes the order by these columns: chiso's rows must be in it (ties in any
        # order). DuckDB's are checked too, but only noted: prqlc sometimes sorts by the wrong
        # one of two same-named columns of a join.
        idx = [cnames.index(n) for n, _ in ordered if n in cnames]
        if len(idx) == len(ordered):
            desc = [d for _, d in ordered]
            if not is_sorted(crows, idx, desc):
                return Outcome("mismatch:order", f"ordered by {ordered}", sql, (cnames, crows), (dnames, drows))
            if not is_sorted(drows, idx, desc):
                info["reference-order-wrong"] = 1
            info["ordered"] = 1
    t = type_only_differences(crows, drows)
    if t:
        info["int-vs-float"] = 1
    return Outcome("agree", "", sql, info=info)


# ----------------------------------------------------------------------------------------- minimise

def render(steps) -> str:
    return "\n".join(s.render() for s in steps) + "\n"


def minimise(eng: Engines, q: Query, kind: str, budget: int = 300) -> str:
    steps = [Step(s.head, list(s.items), s.tail, s.braces) for s in q.steps]
    tries = 0

    def fails(candidate) -> bool:
        nonlocal tries
        tries += 1
        return check(eng, render(candidate), q.ordered if kind == "mismatch:order" else None,
                     q.permute_ok).kind == kind

    changed = True
    while changed and tries < budget:
        changed = False
        for i in range(len(steps) - 1, 0, -1):
            # A sort is kept: it may be what makes a later `take` or window function determined.
            if i >= len(steps) or steps[i].head.startswith("sort"):
                continue
            candidate = steps[:i] + steps[i + 1:]
            if fails(candidate):
                steps = candidate
                changed = True
        for i, s in enumerate(steps):
            j = 0
            while len(s.items) > 1 and j < len(s.items):
                trial = Step(s.head, s.items[:j] + s.items[j + 1:], s.tail, s.braces)
                candidate = steps[:i] + [trial] + steps[i + 1:]
                if tries < budget and fails(candidate):
                    steps = candidate
                    s = trial
                    changed = True
                else:
                    j += 1
    return render(steps)


# ------------------------------------------------------------------------------------------ running

def excerpt(result, n=8) -> str:
    if not result:
        return "(none)"
    names, rows = result
    out = [json.dumps(names, ensure_ascii=False)]
    out += [json.dumps(r, ensure_ascii=False, default=str) for r in (rows or [])[:n]]
    if rows and len(rows) > n:
        out.append(f"… {len(rows)} rows")
    return "\n".join(out)


def report_text(text: str, o: Outcome, seed: int, i: int) -> str:
    lines = [f"{o.kind} (seed {seed}, query {i}): reproduce with "
             f"`Tests/Differential/run.sh --seed {seed} --only {i}`"]
    if o.detail:
        lines += o.detail.splitlines()
    if o.sql:
        lines.append("SQL: " + o.sql)
    if o.kind == "mismatch:values" and o.chiso and o.duck:
        only_c, only_d = multiset_diff(o.chiso[1], o.duck[1])
        lines.append("columns: " + json.dumps(o.chiso[0], ensure_ascii=False))
        lines.append("rows only chiso gives:")
        lines += [json.dumps(r, ensure_ascii=False, default=str) for r in only_c]
        lines.append("rows only duckdb gives:")
        lines += [json.dumps(r, ensure_ascii=False, default=str) for r in only_d]
    else:
        lines.append("chiso:")
        lines += excerpt(o.chiso).splitlines()
        lines.append("duckdb:")
        lines += excerpt(o.duck).splitlines()
    return "".join(f"# {l}\n" for l in lines) + text


_ENG = None


def _worker_init(chiso, chinook):
    global _ENG
    _ENG = Engines(chiso, chinook)


def _run_one(args):
    seed, i, out, do_min = args
    eng = _ENG
    gen = Gen(eng.data, random.Random(f"{seed}:{i}"))
    q = gen.query()
    text = q.text()
    start = time.time()
    o = check(eng, text, q.ordered, q.permute_ok, q.setop, q.deliberate)
    if q.setop is not None or q.deliberate is not None:
        do_min = False  # the reference is built from the query's two sides
    res = {"i": i, "kind": o.kind, "info": o.info, "seconds": time.time() - start}
    if o.kind.startswith("mismatch"):
        small = minimise(eng, q, o.kind) if do_min else text
        o2 = check(eng, small, None if o.kind != "mismatch:order" else q.ordered, q.permute_ok, q.setop, q.deliberate)
        if o2.kind != o.kind:
            small, o2 = text, o
        path = os.path.join(out, f"mismatch-{seed}-{i}.prql")
        with open(path, "w", encoding="utf-8") as f:
            f.write(report_text(small, o2, seed, i))
        res["path"] = path
        res["text"] = small
        res["detail"] = o2.detail
    elif o.kind.startswith("skip"):
        res["text"] = text
        res["detail"] = o.detail
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", type=int, default=0, help="first query index")
    ap.add_argument("--only", type=int, help="run query INDEX alone and print both answers")
    ap.add_argument("--file", help="run a .prql file through both engines")
    ap.add_argument("--show", type=int, default=0, help="print the first N generated queries and exit")
    ap.add_argument("--chiso", default=os.environ.get("CHISO", os.path.join(ROOT, ".build-diff/debug/chiso")))
    ap.add_argument("--chinook", default=os.path.join(ROOT, "Tests/ConformanceTests/prql/data/chinook"))
    ap.add_argument("--out", default=os.path.join(ROOT, ".diff-out"))
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--no-minimise", action="store_true")
    args = ap.parse_args()

    if not os.access(args.chiso, os.X_OK):
        print(f"difftest: no chiso binary at {args.chiso} (build it, or set CHISO)", file=sys.stderr)
        return 2
    os.makedirs(args.out, exist_ok=True)

    if args.file or args.only is not None or args.show:
        eng = Engines(args.chiso, args.chinook)
        if args.show:
            for i in range(args.start, args.start + args.show):
                print(f"# query {i}")
                print(Gen(eng.data, random.Random(f"{args.seed}:{i}")).query().text())
            return 0
        if args.file:
            text = open(args.file, encoding="utf-8").read()
            ordered = None
        else:
            q = Gen(eng.data, random.Random(f"{args.seed}:{args.only}")).query()
            text, ordered = q.text(), q.ordered
        o = check(eng, text, ordered, args.only is not None and q.permute_ok,
                  q.setop if args.only is not None else None)
        print(text)
        print(report_text("", o, args.seed, args.only if args.only is not None else -1))
        return 0 if o.kind == "agree" or o.kind.startswith("skip") else 1

    started = time.time()
    tasks = [(args.seed, i, args.out, not args.no_minimise) for i in range(args.start, args.start + args.count)]
    counts: dict[str, int] = {}
    infos: dict[str, int] = {}
    mismatches, skips = [], []
    if args.jobs > 1:
        pool = multiprocessing.Pool(args.jobs, _worker_init, (args.chiso, args.chinook))
        results = pool.imap_unordered(_run_one, tasks, chunksize=8)
    else:
        _worker_init(args.chiso, args.chinook)
        results = map(_run_one, tasks)
    done = 0
    for res in results:
        done += 1
        counts[res["kind"]] = counts.get(res["kind"], 0) + 1
        for k in res["info"]:
            infos[k] = infos.get(k, 0) + 1
        if res["kind"].startswith("mismatch"):
            mismatches.append(res)
            print(f"MISMATCH {res['kind']} query {res['i']} → {res['path']}", flush=True)
        elif res["kind"].startswith("skip"):
            skips.append(res)
        if done % 500 == 0:
            print(f"… {done}/{len(tasks)} in {time.time() - started:.0f}s", flush=True)
    elapsed = time.time() - started
    agree = counts.get("agree", 0)
    print(f"\ndifferential: {len(tasks)} queries (seed {args.seed}) in {elapsed:.0f}s: "
          f"{agree} agree, {len(mismatches)} mismatch, {len(skips)} not comparable")
    for k in sorted(counts):
        print(f"  {k}: {counts[k]}")
    for k in sorted(infos):
        print(f"  ({k}: {infos[k]})")
    with open(os.path.join(args.out, f"skipped-{args.seed}.txt"), "w", encoding="utf-8") as f:
        for s in sorted(skips, key=lambda r: r["i"]):
            f.write(f"## {s['kind']} query {s['i']}: {s['detail']}\n{s['text']}\n")
    if mismatches:
        print(f"mismatches written to {args.out}/")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
