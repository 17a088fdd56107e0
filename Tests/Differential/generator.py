"""Random, valid PRQL pipelines over the differential test's tables.

The generator keeps a model of the relation as it builds the pipeline (columns with their types and
whether they may be null, a unique key when one is known, the sort in effect) so that every query is
well typed, and so that every query's answer is determined: `take`, `row_number`, `lag`, `lead`,
`first`, `last` and row frames only follow a sort that is total (it ends with a unique key, or with
every column), and the final result is compared in order only when the query fixes that order.

A query is a list of `Step`s; a step may carry a list of items (`derive {a, b}`) that the minimiser
can drop one by one.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field, replace

from dataset import FOREIGN_KEYS, Datasets

NUMERIC = ("int", "float")
REPLACE_COLUMNS = False
# Column names that prqlc resolves to a std function when bare (chiso resolves the column; see
# docs/reliability.md): the generator writes `this.rank`, which both read as the column.
SHADOWED = {"rank", "min", "max", "sum", "count", "first", "last", "lag", "lead", "average", "all", "any"}


def bare(name: str) -> str:
    return f"this.{name}" if name in SHADOWED else name
ORDERABLE = ("int", "float", "text", "date", "timestamp", "bool")


@dataclass
class Col:
    name: str            # output name
    ref: str             # how the pipeline refers to it
    type: str
    nullable: bool
    samples: list
    card: int            # distinct values (0 = unknown, many)
    base: tuple | None = None  # (table, column) while it is an unmodified base column


@dataclass
class Rel:
    cols: list
    key: list | None            # names of columns that together are unique
    order: list | None = None   # [(Col, descending)] in effect
    total: bool = False         # the order in effect is total
    alias: str | None = None    # the `from` alias while the relation is plain (joinable)
    plain: bool = True          # only filter/sort/take since `from`
    joins: int = 0
    regrouped: bool = False     # a non-aggregating `group` was made
    excluded: bool = False      # a `select !{…}` was made
    single_row: bool = False    # after a whole-relation `aggregate`
    limited: bool = False       # a `take` was made (prqlc moves DISTINCT before LIMIT)
    limited_order: list | None = None  # the order that take followed

    def names(self):
        return {c.name for c in self.cols}


@dataclass
class Step:
    head: str
    items: list = field(default_factory=list)
    tail: str = ""
    braces: bool = True

    def render(self) -> str:
        if not self.items and self.braces:
            return self.head + self.tail
        body = ", ".join(self.items)
        return f"{self.head}{{{body}}}{self.tail}" if self.braces else self.head + body + self.tail


@dataclass
class Query:
    steps: list
    ordered: list | None  # [(output column name, descending)]: compare in this order, runs of ties as multisets
    group: str
    permute_ok: bool = False  # a non-aggregating `group`: prqlc moves its keys first (docs/reliability.md)
    # A final `remove`/`intersect` with duplicate rows: (op, left PRQL, right PRQL). prqlc compiles
    # them to anti/semi joins (every copy); the reference is DuckDB's EXCEPT ALL / INTERSECT ALL of
    # the two sides, as PRQL's book defines them.
    setop: tuple | None = None
    # chiso rejects this query on purpose (docs/reliability.md); the text its error must contain.
    deliberate: str | None = None

    def text(self) -> str:
        return "\n".join(s.render() for s in self.steps) + "\n"


# ----------------------------------------------------------------------------------------- literals

def lit(value, typ: str) -> str:
    if value is None:
        return "null"
    if typ == "bool":
        return "true" if value else "false"
    if typ == "int":
        return str(int(value))
    if typ == "float":
        r = repr(float(value))
        if "e" in r or "inf" in r or "nan" in r:
            r = format(float(value), ".12f").rstrip("0")
            if r.endswith("."):
                r += "0"
        return r
    if typ == "text":
        return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if typ == "date":
        return "@" + value.isoformat()
    if typ == "timestamp":
        return "@" + value.strftime("%Y-%m-%dT%H:%M:%S")
    raise ValueError(typ)


def fmt_float(v: float) -> str:
    return lit(v, "float")


class Gen:
    def __init__(self, data: Datasets, rng: random.Random):
        self.data = data
        self.r = rng
        self.counter = 0

    def fresh(self, stem="c") -> str:
        self.counter += 1
        return f"{stem}{self.counter}"

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    # ------------------------------------------------------------------------------------ samples

    def sample(self, col: Col):
        if col.samples:
            return self.r.choice(col.samples)
        return self.literal_value(col.type)

    def literal_value(self, typ: str):
        r = self.r
        if typ == "int":
            return r.choice([0, 1, 2, 3, 5, 7, 10, 13, 100, -1, -4, 2000, 2016])
        if typ == "float":
            return r.choice([0.5, 1.5, 2.5, 0.25, 10.0, 50.0, 99.5, -2.5, 0.1, 3.0, 60.0])
        if typ == "text":
            return r.choice(["a", "Hà Nội", "total", "Rock", "x", "", "Đắk Lắk", "B", "zeta"])
        if typ == "bool":
            return r.choice([True, False])
        if typ == "date":
            return datetime.date(r.randint(1999, 2024), r.randint(1, 12), r.randint(1, 28))
        if typ == "timestamp":
            return datetime.datetime(r.randint(2000, 2013), r.randint(1, 12), r.randint(1, 28))
        raise ValueError(typ)

    def literal(self, typ: str, like: Col | None = None) -> str:
        if like is not None and like.samples and self.chance(0.8):
            return lit(self.sample(like), typ if typ != "float" or like.type == "float" else "float")
        return lit(self.literal_value(typ), typ)

    # -------------------------------------------------------------------------------- expressions

    def cols_of(self, rel: Rel, types) -> list:
        return [c for c in rel.cols if c.type in types]

    def num_expr(self, rel: Rel, depth: int = 0) -> tuple[str, str, bool]:
        """(text, type, nullable) of a numeric expression."""
        cols = self.cols_of(rel, NUMERIC)
        r = self.r
        if depth >= 2 or not cols or self.chance(0.35):
            if cols and self.chance(0.85):
                c = r.choice(cols)
                return c.ref, c.type, c.nullable
            t = r.choice(["int", "float"])
            return self.literal(t), t, False
        k = r.randrange(20)
        a, at, an = self.num_expr(rel, depth + 1)
        if k <= 2:
            b, bt, bn = self.num_expr(rel, depth + 1)
            op = r.choice(["+", "-"])
            return f"{self._paren(a)} {op} {self._paren(b)}", "float" if "float" in (at, bt) else "int", an or bn
        if k == 3:
            m = self.literal(r.choice(["int", "float"]))
            m = r.choice(["2", "3", "-1", "0.5", "1.5", "10"])
            return f"{self._paren(a)} * {m}", "float" if at == "float" or "." in m else "int", an
        if k == 4:
            d = r.choice(["2", "3", "-4", "0.5", "7.0", "100"])
            return f"{self._paren(a)} / {d}", "float", an
        if k == 5:
            b, bt, bn = self.num_expr(rel, depth + 1)
            return f"{self._paren(a)} / ((math.abs {self._paren(b)}) + 1)", "float", an or bn
        if k == 6 and at == "int":
            d = r.choice(["2", "3", "5", "-3", "7", "10"])
            return f"{self._paren(a)} {r.choice(['//', '%'])} {d}", "int", an
        if k == 7:
            return f"math.abs {self._paren(a)}", at, an
        if k == 8:
            return f"math.round {r.choice([0, 1, 2, 3])} {self._paren(a)}", at, an
        if k == 9:
            return f"{r.choice(['math.floor', 'math.ceil'])} {self._paren(a)}", at, an
        if k == 10:
            # (A call binds looser than `+`: `(math.abs x) + 1`, never `math.abs x + 1`.)
            fn = r.choice(["math.sqrt (math.abs {a})", "math.ln ((math.abs {a}) + 1)",
                           "math.log10 ((math.abs {a}) + 1)", "math.log 2 ((math.abs {a}) + 1)",
                           "math.sin {a}", "math.cos {a}", "math.atan {a}", "math.degrees {a}",
                           "math.radians {a}"])
            return fn.format(a=self._paren(a)), "float", an
        if k == 11 and an:
            return f"{self._paren(a)} ?? {self.literal(at)}", at, False
        if k == 12:
            ts = self.cols_of(rel, ("text",))
            if ts:
                c = r.choice(ts)
                return f"text.length {c.ref}", "int", c.nullable
        if k == 13 and at == "float":
            return f"({a} | as int)", "int", an
        if k == 14:
            return f"({a} | as float)", "float", an
        if k == 15:
            return f"{self._paren(a)} ** 2", "float", an
        if k == 16:
            ds = self.cols_of(rel, ("date", "timestamp"))
            if ds:
                c = r.choice(ds)
                part = r.choice(["%Y", "%m", "%d", "%j"])
                # (Prefix form: `| as int)` is kept for float → int, which the reference rewrites.)
                return f'as int (date.to_text "{part}" {c.ref})', "int", c.nullable
        if k == 17:
            # NaN and infinity producers (issue 12): both engines give NaN for the root or
            # logarithm of a negative, -inf for ln 0, and order NaN above every number.
            return f"math.sqrt {self._paren(a)}", "float", an
        if k == 18:
            return f"{self._paren(a)} ** 0.5", "float", an
        if k == 19:
            return f"math.ln {self._paren(a)}", "float", an
        return a, at, an

    def text_expr(self, rel: Rel, depth: int = 0) -> tuple[str, bool]:
        r = self.r
        cols = self.cols_of(rel, ("text",))
        if depth >= 2 or self.chance(0.4):
            if cols and self.chance(0.85):
                c = r.choice(cols)
                return c.ref, c.nullable
            return self.literal("text"), False
        k = r.randrange(10)
        a, an = self.text_expr(rel, depth + 1)
        if k == 0:
            return f"text.{r.choice(['lower', 'upper'])} {self._paren(a)}", an
        if k == 1:
            return f"text.{r.choice(['trim', 'ltrim', 'rtrim'])} {self._paren(a)}", an
        if k == 2:
            return f"text.extract {r.randint(1, 4)} {r.randint(0, 5)} {self._paren(a)}", an
        if k == 3:
            frm = r.choice(["a", "Hà", " ", "o", "ắ", "1"])
            to = r.choice(["", "X", "ư", "--"])
            return f"text.replace {lit(frm, 'text')} {lit(to, 'text')} {self._paren(a)}", an
        if k == 4:
            # (At least one literal piece: prqlc compiles `f"{x}"` to plain `x`, not text.)
            parts = [r.choice(["-", " (", ") ", ":", "ư"])]
            nullable = False
            for _ in range(r.randint(1, 3)):
                # Floats only as read: a computed float's last bit may differ (summation order),
                # and its text would then differ in the last digit.
                # Computed numbers neither: prqlc's `//`, `math.floor`… give DuckDB floats where
                # chiso keeps ints, and 13 then reads "13.0".
                pool = [c for c in rel.cols if c.type not in NUMERIC
                        or (c.base is not None and (c.type == "int" or self.chance(0.3)))]
                if pool and self.chance(0.8):
                    c = r.choice(pool)
                    parts.append("{" + c.ref + "}")
                else:
                    parts.append(r.choice(["-", " (", ") ", ":", "ư"]))
            r.shuffle(parts)
            return 'f"' + "".join(parts) + '"', nullable
        if k == 5 and an:
            return f"{self._paren(a)} ?? {self.literal('text')}", False
        if k == 6:
            others = [c for c in rel.cols if c.type in ("bool", "date", "text") or (c.type == "int" and c.base is not None)]
            if others:
                c = r.choice(others)
                return f"({c.ref} | as text)", c.nullable
        if k == 7:
            ds = self.cols_of(rel, ("date", "timestamp"))
            if ds:
                c = r.choice(ds)
                fmt = r.choice(["%Y-%m", "%d/%m/%Y", "%Y", "%b %d", "%A"])
                return f'date.to_text "{fmt}" {c.ref}', c.nullable
        return a, an

    def bool_expr(self, rel: Rel, depth: int = 0) -> str:
        r = self.r
        k = r.randrange(14)
        if depth < 2 and k <= 1:
            op = r.choice(["&&", "||"])
            return f"{self._bparen(self.bool_expr(rel, depth + 1))} {op} {self._bparen(self.bool_expr(rel, depth + 1))}"
        if depth < 2 and k == 2:
            return f"!{self._bparen(self.bool_expr(rel, depth + 1), always=True)}"
        cols = rel.cols
        c = r.choice(cols)
        if k == 3:
            return f"{c.ref} {r.choice(['==', '!='])} null"
        if c.type == "bool":
            return r.choice([c.ref, f"{c.ref} == {self.literal('bool')}", f"{c.ref} != false"])
        if k == 4 and c.type in ("int", "float", "date") and c.samples:
            lo, hi = sorted([self.sample(c), self.sample(c)])
            if c.type == "float" and lo < 0:
                lo = abs(lo)  # (`-0.5..1.5` is `-(0.5..1.5)` to both parsers)
                lo, hi = min(lo, hi), max(lo, hi)
            return f"({c.ref} | in {lit(lo, c.type)}..{lit(hi, c.type)})"
        if k == 5:
            vals = [lit(self.sample(c), c.type) for _ in range(r.randint(1, 4))]
            return f"({c.ref} | in [{', '.join(vals)}])"
        if c.type == "text" and k in (6, 7):
            s = str(self.sample(c))
            s = "".join(ch for ch in s if ch not in "%_\\")
            if s:
                i = r.randrange(len(s))
                j = r.randint(i + 1, min(len(s), i + 4))
                fn = r.choice(["starts_with", "ends_with", "contains"])
                piece = s[:j - i] if fn == "starts_with" else s[-(j - i):] if fn == "ends_with" else s[i:j]
                return f"({c.ref} | text.{fn} {lit(piece, 'text')})"
        if c.type == "text" and k == 8:
            pat = r.choice(["^H", "a$", "[0-9]", "an|on", "^[A-M]", "ắ", "(?i)rock", "^$", "o.*o"])
            return f"{c.ref} ~= {lit(pat, 'text')}"
        if k in (9, 10) and c.type in NUMERIC and depth < 2:
            e, t, _ = self.num_expr(rel, 1)
            return f"{self._paren(e)} {r.choice(['<', '<=', '>', '>=', '==', '!='])} {self.literal(t, c if c.type == t else None)}"
        if k == 11 and depth < 2:
            t, _ = self.text_expr(rel, 1)
            return f"{self._paren(t)} {r.choice(['==', '!=', '<', '>='])} {self.literal('text', c if c.type == 'text' else None)}"
        same = [d for d in cols if d.type == c.type and d is not c]
        if same and self.chance(0.25):
            d = r.choice(same)
            return f"{c.ref} {r.choice(['==', '!=', '<', '<=', '>', '>='])} {d.ref}"
        return f"{c.ref} {r.choice(['==', '!=', '<', '<=', '>', '>='])} {self.literal(c.type, c)}"

    def any_expr(self, rel: Rel) -> tuple[str, str, bool]:
        k = self.r.randrange(10)
        if k < 5:
            return self.num_expr(rel)
        if k < 8:
            t, n = self.text_expr(rel)
            return t, "text", n
        if k < 9:
            return self.bool_expr(rel), "bool", True
        ds = self.cols_of(rel, ("date", "timestamp"))
        if ds:
            c = self.r.choice(ds)
            # Every interval unit (issue 12): months and years with DuckDB's month-end clamping; a
            # date plus hours or smaller is a timestamp in both engines.
            unit = self.r.choice(["days", "days", "weeks", "months", "years", "hours", "minutes", "seconds",
                                  "milliseconds", "microseconds"])
            count = self.r.choice([1, 2, 3, 12, 13, 40, 400]) if unit in ("days", "weeks") else self.r.choice([1, 2, 3, 11, 12, 13, 25])
            op = self.r.choice(["+", "-"])
            t = "timestamp" if c.type == "timestamp" or unit not in ("days", "weeks", "months", "years") else "date"
            return f"{c.ref} {op} {count}{unit}", t, c.nullable
        return self.num_expr(rel)

    @staticmethod
    def _paren(e: str) -> str:
        simple = all(ch.isalnum() or ch in "_." for ch in e) or (e.startswith("(") and e.endswith(")") and _balanced_inner(e))
        return e if simple else f"({e})"

    @staticmethod
    def _bparen(e: str, always: bool = False) -> str:
        if e.startswith("(") and e.endswith(")") and _balanced_inner(e):
            return e
        if always or " " in e:
            return f"({e})"
        return e

    # ------------------------------------------------------------------------------- aggregation

    def aggregate_item(self, rel: Rel, window: bool = False) -> tuple[str, str, bool]:
        """(expression, type, nullable) of an aggregate call."""
        r = self.r
        k = r.randrange(11)
        nums = self.cols_of(rel, NUMERIC)
        if k == 0 or not rel.cols:
            return "count this", "int", False
        if k in (1, 2) and nums:
            e, t, _ = self.num_expr(rel, 1) if self.chance(0.3) else (lambda c: (c.ref, c.type, c.nullable))(r.choice(nums))
            # (Null over a window frame without values, as PRQL compiles it; 0 in `aggregate`.)
            return f"sum {self._paren(e)}", t, window
        if k in (3, 4) and nums:
            e, t, _ = self.num_expr(rel, 1) if self.chance(0.3) else (lambda c: (c.ref, c.type, c.nullable))(r.choice(nums))
            # (`avg` is chiso's alias; prqlc knows only `average`.)
            return f"average {self._paren(e)}", "float", True
        if k in (5, 6):
            c = r.choice([c for c in rel.cols if c.type in ORDERABLE and c.type != "bool"] or rel.cols)
            return f"{r.choice(['min', 'max'])} {c.ref}", c.type, True
        if k == 7 and not window:
            c = r.choice(rel.cols)
            return f"count_distinct {c.ref}", "int", False
        if k == 8 and nums:
            c = r.choice(nums)
            return f"stddev {c.ref}", "float", True
        if k == 9:
            nn = [c for c in rel.cols if not c.nullable]
            if nn:
                return f"count {r.choice(nn).ref}", "int", False
        if k == 10 and not window:
            return f"{r.choice(['any', 'all'])} {self._bparen(self.bool_expr(rel, 1), always=True)}", "bool", False
        return "count this", "int", False

    # ------------------------------------------------------------------------------------ sorting

    def sort_keys(self, rel: Rel, need_total: bool) -> tuple[list, bool]:
        """[(Col, desc)] and whether the order is total."""
        r = self.r
        pool = [c for c in rel.cols if c.type in ORDERABLE]
        keys = []
        for c in r.sample(pool, min(len(pool), r.choice([1, 1, 2, 3]))):
            keys.append((c, self.chance(0.4)))
        total = self._is_total(rel, keys)
        if need_total and not total:
            have = {c.name for c, _ in keys}
            extra = [c for c in rel.cols if c.name in (rel.key or [])] if rel.key else [c for c in rel.cols if c.type in ORDERABLE]
            for c in extra:
                if c.name not in have:
                    keys.append((c, self.chance(0.3)))
            total = self._is_total(rel, keys)
        return keys, total

    def _is_total(self, rel: Rel, keys) -> bool:
        names = {c.name for c, _ in keys}
        if rel.key is not None and set(rel.key) <= names:
            return True
        sortable = {c.name for c in rel.cols if c.type in ORDERABLE}
        return sortable == {c.name for c in rel.cols} and sortable <= names

    @staticmethod
    def render_sort(keys) -> str:
        parts = [("-" if d else "") + c.ref for c, d in keys]
        return "sort {" + ", ".join(parts) + "}" if len(parts) > 1 or Gen._needs_brace(parts[0]) else "sort " + parts[0]

    @staticmethod
    def _needs_brace(p: str) -> bool:
        return p.startswith("-")

    # ---------------------------------------------------------------------------------- transforms

    def start(self) -> tuple[Rel, list, str]:
        r = self.r
        names = list(self.data.tables)
        weights = []
        for n in names:
            t = self.data.tables[n]
            weights.append(4 if t.group == "mix" else 2 if t.rows > 50 else 1)
        table = self.data.tables[r.choices(names, weights)[0]]
        alias = None
        if self.chance(0.5):
            alias = r.choice(["t", "x", "src", table.name[:1] + "0"])
        cols = []
        for c in table.columns:
            ref = f"{alias}.{c.name}" if alias and self.chance(0.3) else bare(c.name)
            cols.append(Col(c.name, ref, c.type, c.nulls > 0, c.samples, c.distinct, (table.name, c.name)))
        rel = Rel(cols, list(table.key) if table.key else None, alias=alias or table.name)
        step = Step(f"from {alias} = {table.name}" if alias else f"from {table.name}", braces=False)
        return rel, [step], table.group

    def step_filter(self, rel: Rel) -> Step:
        return Step("filter " + self.bool_expr(rel), braces=False)

    def step_derive(self, rel: Rel) -> Step:
        items = []
        made = []
        for _ in range(self.r.randint(1, 3)):
            e, t, n = self.any_expr(rel)
            name = self.fresh()
            replaced = None
            # Replacing a column (`derive {x = …}` for an existing x) is off: prqlc then selects
            # both (`SELECT *, … AS x`), a known difference (docs/reliability.md).
            if REPLACE_COLUMNS and self.chance(0.1) and rel.joins == 0:
                # (Replacing a column made earlier in the same `derive` confuses prqlc.)
                victims = [c for c in rel.cols if c.name not in (rel.key or []) and c.ref == c.name
                           and all(c is not k for k, _ in rel.order or []) and all(c is not m for m in made)]
                if victims:
                    replaced = self.r.choice(victims)
                    name = replaced.name
            items.append(f"{name} = {e}")
            col = Col(name, name, t, n, [], 0)
            made.append(col)
            if replaced is not None:
                idx = rel.cols.index(replaced)
                rel.cols[idx] = col
            else:
                rel.cols.append(col)
        rel.plain = False
        return Step("derive ", items)

    def step_select(self, rel: Rel, final: bool = False) -> Step:
        r = self.r
        # (prqlc loses or reorders a `select !{…}` that later steps follow, so it is only ever the
        # last step: `final`.)
        if final and len(rel.cols) > 1 and not any("." in c.ref for c in rel.cols) \
                and not rel.excluded and rel.plain and not rel.limited:
            rel.excluded = True
            drop = r.sample(rel.cols, r.randint(1, max(1, len(rel.cols) // 2)))
            if rel.order and any(c in drop for c, _ in rel.order):
                rel.order = None
            rel.cols = [c for c in rel.cols if c not in drop]
            if rel.key and not set(rel.key) <= rel.names():
                rel.key = None
            rel.plain = False
            return Step("select !", [c.ref for c in drop])
        keep = r.sample(rel.cols, r.randint(1, min(len(rel.cols), 6)))
        # (After a whole-relation `aggregate`, a `select` of only later-derived columns makes
        # prqlc drop the aggregate from its SQL — one row becomes every input row — so the first
        # aggregate column is always kept.)
        if rel.single_row and rel.cols and rel.cols[0] not in keep:
            keep.append(rel.cols[0])
        keep.sort(key=rel.cols.index)
        items, cols, seen = [], [], set()
        for c in keep:
            out_name = c.ref.split(".")[-1]  # `j.track_id` is named `track_id`
            if self.chance(0.2) or out_name in seen:
                n = self.fresh("s")
                items.append(f"{n} = {c.ref}")
                nc = replace(c, name=n, ref=n, base=None)
            else:
                items.append(c.ref)
                nc = replace(c, name=out_name, ref=bare(out_name))
            seen.add(nc.name)
            cols.append(nc)
        if self.chance(0.3):
            e, t, nl = self.any_expr(rel)
            n = self.fresh("s")
            items.append(f"{n} = {e}")
            cols.append(Col(n, n, t, nl, [], 0))
        # The order in effect survives when its columns do (under their new names).
        mapping = {id(old): new for old, new in zip(keep, cols)}
        if rel.order:
            if all(id(c) in mapping for c, _ in rel.order):
                rel.order = [(mapping[id(c)], d) for c, d in rel.order]
            else:
                rel.order = None
        if rel.key:
            names = {old.name: new.name for old, new in zip(keep, cols)}
            rel.key = [names[k] for k in rel.key] if all(k in names for k in rel.key) else None
        rel.cols = cols
        rel.plain = False
        rel.alias = None
        rel.regrouped = False
        return Step("select ", items)

    def step_sort(self, rel: Rel, need_total: bool = False) -> Step:
        keys, total = self.sort_keys(rel, need_total or self.chance(0.5))
        rel.order, rel.total = keys, total
        return Step(self.render_sort(keys), braces=False)

    def take_text(self, rows_hint: int = 20) -> str:
        r = self.r
        a = r.randint(1, rows_hint)
        b = a + r.randint(0, rows_hint)
        return r.choice([f"take {a}", f"take {a}", f"take {a}..{b}", f"take ..{a}", f"take {a}.."])

    def step_take(self, rel: Rel) -> list:
        steps = []
        # (prqlc merges two takes into one LIMIT even when a sort came between them: a second
        # take only follows the first's own order.)
        if rel.limited and rel.order is not rel.limited_order:
            return None
        if not (rel.order and rel.total):
            if rel.limited:
                return None
            steps.append(self.step_sort(rel, need_total=True))
        steps.append(Step(self.take_text(), braces=False))
        rel.limited = True
        rel.limited_order = rel.order
        return steps

    def step_aggregate(self, rel: Rel) -> Step:
        r = self.r
        groupable = [c for c in rel.cols if c.type != "float" and (0 < c.card <= 80 or c.card == 0)]
        keys = r.sample(groupable, min(len(groupable), r.choice([0, 1, 1, 2]))) if groupable else []
        if not keys and rel.single_row:
            return None  # (prqlc compiles an aggregate of an aggregate over the input rows)
        keys.sort(key=rel.cols.index)
        if len({k.ref.split(".")[-1] for k in keys}) < len(keys):
            keys = keys[:1]
        # A key is named by its reference's last part (`q.postal_code` is `postal_code`).
        items, cols = [], [replace(k, name=k.ref.split(".")[-1], ref=bare(k.ref.split(".")[-1]), base=None) for k in keys]
        inner = self.without_keys(rel, keys)
        for _ in range(r.randint(1, 3)):
            e, t, n = self.aggregate_item(inner)
            name = self.fresh("a")
            items.append(f"{name} = {e}")
            cols.append(Col(name, name, t, n, [], 0))
        rel.regrouped = False
        rel.limited, rel.limited_order = False, None
        if not keys:
            rel.single_row = True
            rel.cols, rel.key = cols, [cols[0].name]
            rel.order, rel.plain, rel.alias = None, False, None
            return Step("aggregate ", items)
        head = "group {" + ", ".join(k.ref for k in keys) + "} (aggregate "
        rel.cols, rel.key = cols, [k.name for k in keys]
        rel.order, rel.plain, rel.alias = None, False, None
        return Step(head, items, ")")

    def window_items(self, rel: Rel, total: bool, framed: bool) -> list:
        r = self.r
        items, new = [], []
        for _ in range(r.randint(1, 3)):
            k = r.randrange(8)
            if k == 0 and not total:
                k = 1  # row_number needs a total order; rank does not
            if framed or k >= 6 or not total and k >= 2:
                if k < 2 and not framed:
                    c = r.choice([c for c in rel.cols if c.type in ORDERABLE])
                    e, t, n = f"{r.choice(['rank', 'rank_dense'])} {c.ref}", "int", False
                else:
                    e, t, n = self.aggregate_item(rel, window=True)
            elif k == 0:
                e, t, n = "row_number this", "int", False
            elif k == 1:
                c = r.choice([c for c in rel.cols if c.type in ORDERABLE])
                e, t, n = f"{r.choice(['rank', 'rank_dense'])} {c.ref}", "int", False
            elif k in (2, 3):
                c = r.choice(rel.cols)
                e, t, n = f"{r.choice(['lag', 'lead'])} {r.randint(1, 3)} {c.ref}", c.type, True
            else:
                c = r.choice(rel.cols)
                e, t, n = f"{r.choice(['first', 'last'])} {c.ref}", c.type, True
            name = self.fresh("w")
            items.append(f"{name} = {e}")
            new.append(Col(name, name, t, n, [], 0))
        return items, new

    def step_window(self, rel: Rel) -> list:
        """`derive` of window functions, optionally per group and in a `window` frame."""
        r = self.r
        steps = []
        groupable = [c for c in rel.cols if c.type != "float" and 0 < c.card <= 80 and c.ref.split(".")[-1] == c.name]
        keys = r.sample(groupable, 1) if groupable and self.chance(0.5) else []
        rel.regrouped = rel.regrouped or bool(keys)
        full = rel
        rel = self.without_keys(rel, keys)
        frame = None
        if self.chance(0.35):
            frame = r.choice(["rows", "rows", "range", "expanding", "rolling"])
        need_total = frame not in (None, "range") or self.chance(0.6)
        if frame == "range":
            nums = [c for c in rel.cols if c.type == "int"]
            if not nums:
                frame = "rows"
                need_total = True
            else:
                c = r.choice(nums)
                sort = [(c, self.chance(0.3))]
                total = self._is_total(rel, sort)
        if frame != "range":
            sort, total = self.sort_keys(rel, need_total)
        if not total and frame not in (None, "range"):
            frame = None
        items, new = self.window_items(rel, total, frame is not None)
        rel = full
        inner = Step("derive ", items)
        if frame is not None:
            if frame == "rows":
                a = r.randint(-3, 1)
                b = r.randint(a, 3)
                spec = f"rows:{a}..{b}" if self.chance(0.8) else r.choice([f"rows:..{b}", f"rows:{a}.."])
            elif frame == "range":
                a = r.choice([-10, -5, -1, 0])
                b = r.choice([0, 1, 5, 10])
                spec = f"range:{a}..{b}"
            elif frame == "expanding":
                spec = "expanding:true"
            else:
                spec = f"rolling:{r.randint(1, 4)}"
            wrapped = Step(f"window {spec} (derive ", items, ")")
        else:
            wrapped = inner
        sort_text = self.render_sort(sort)
        if keys:
            head = "group {" + ", ".join(k.ref for k in keys) + "} (" + sort_text + " | " + wrapped.head
            steps.append(Step(head, wrapped.items, wrapped.tail + ")"))
            rel.order = None
        else:
            steps.append(Step(sort_text, braces=False))
            steps.append(wrapped)
            rel.order, rel.total = sort, total
        rel.cols = rel.cols + new
        rel.plain = False
        return steps

    @staticmethod
    def without_keys(rel: Rel, keys) -> Rel:
        """The relation as a `group`'s pipeline may use it: prqlc does not let the pipeline name
        the group's keys (chiso does). Within a group the keys are constant, so a unique key
        without them is still unique there."""
        if not keys:
            return rel
        names = {k.name for k in keys}
        cols = [c for c in rel.cols if c.name not in names] or list(rel.cols)
        key = [k for k in rel.key if k not in names] if rel.key else None
        return Rel(cols, key if key is not None and len(cols) < len(rel.cols) else rel.key, rel.order, rel.total)

    def step_group_take(self, rel: Rel) -> Step:
        r = self.r
        groupable = [c for c in rel.cols if c.type != "float" and 0 < c.card <= 80 and c.ref.split(".")[-1] == c.name]
        if not groupable:
            return None
        keys = r.sample(groupable, 1)
        rel.regrouped = True
        # (prqlc turns a later distinct or take into one over the whole input: none follow.)
        rel.limited, rel.limited_order = True, None
        sort, _ = self.sort_keys(self.without_keys(rel, keys), True)
        take = self.take_text(3)
        rel.order = None
        rel.plain = False
        return Step("group {" + keys[0].ref + "} (" + self.render_sort(sort) + " | " + take + ")", braces=False)

    def step_distinct(self, rel: Rel) -> Step:
        r = self.r
        cols = [c for c in rel.cols if c.type != "float"]
        if not cols or rel.limited:
            return None
        keep = r.sample(cols, min(len(cols), r.randint(1, 2)))
        keep.sort(key=rel.cols.index)
        rel.cols = [replace(c, ref=bare(c.name), base=None) for c in keep]
        rel.key = [c.name for c in rel.cols]
        rel.order, rel.plain, rel.alias = None, False, None
        return [Step("select ", [c.ref for c in keep]), Step("group {" + ", ".join(bare(c.name) for c in keep) + "} (take 1)", braces=False)]

    def step_join(self, rel: Rel) -> list | None:
        r = self.r
        options = []
        for lt, lcols, rt, rcols in FOREIGN_KEYS:
            if rt not in self.data.tables:
                continue
            found = []
            for lc in lcols:
                m = [c for c in rel.cols if c.base == (lt, lc)]
                if not m:
                    break
                found.append(m[0])
            else:
                options.append((found, rt, rcols))
        if not options or rel.joins >= 2:
            return None
        found, rt, rcols = r.choice(options)
        right = self.data.tables[rt]
        ralias = r.choice(["r", "j", "p", "q"]) if rel.joins == 0 else "r2"
        side = r.choice(["inner", "inner", "left", "left", "right", "full"])
        lalias = rel.alias
        # Refer to the left side's columns through its alias (prqlc knows no table's columns).
        if rel.joins == 0 and not rel.plain:
            return None
        same_names = all(lc.name == rc for lc, rc in zip(found, rcols)) and len(found) == 1 and rel.joins == 0
        self_eq = same_names and self.chance(0.5)
        this_that = not self_eq and rel.joins == 0 and self.chance(0.3)
        rcols_info = list(right.columns)
        rkey = list(right.key) if right.key else None
        if self.chance(0.3):
            # A filtered, narrowed right side.
            sub_cols = [c for c in rcols_info if c.name in rcols] + r.sample(
                [c for c in rcols_info if c.name not in rcols], min(2, len(rcols_info) - len(rcols)))
            sub_cols.sort(key=rcols_info.index)
            tmp = Rel([Col(c.name, bare(c.name), c.type, c.nulls > 0, c.samples, c.distinct) for c in sub_cols], None)
            filt = self.bool_expr(tmp)
            right_text = f"(from {rt} | filter {filt} | select {{{', '.join(bare(c.name) for c in sub_cols)}}})"
            rcols_info = sub_cols
        else:
            right_text = rt
        renamed = {}
        # A right column with a name the left side has is renamed by the right side (`r_name =
        # name`): prqlc's SQL refers to such twins by their bare name after a CTE and picks the
        # wrong one, and after a first join the left side's columns are no longer all qualified
        # (chiso then says "ambiguous"; prqlc guesses). `==key` keeps its key's twin.
        left_names = {c.name for c in rel.cols} | {c.ref.split(".")[-1] for c in rel.cols}
        collide = {c.name for c in rcols_info if c.name in left_names} - ({rcols[0]} if self_eq else set())
        if collide:
            items = []
            for c in rcols_info:
                if c.name in collide:
                    renamed[c.name] = f"{ralias}_{c.name}"
                    items.append(f"{renamed[c.name]} = {bare(c.name)}")
                else:
                    items.append(bare(c.name))
            inner = right_text[1:-1] if right_text.startswith("(") else f"from {rt}"
            right_text = f"({inner} | select {{{', '.join(items)}}})"
        if self_eq:
            cond = f"(=={rcols[0]})"
        else:
            parts = []
            for lc, rc in zip(found, rcols):
                lref = lc.ref if "." in lc.ref else f"{lalias}.{lc.name}" if rel.joins == 0 else lc.ref
                if this_that:
                    parts.append(f"this.{lc.name} == that.{renamed.get(rc, rc)}")
                else:
                    parts.append(f"{lref} == {ralias}.{renamed.get(rc, rc)}")
            cond = "(" + " && ".join(parts) + ")"
        if rel.joins == 0:
            for c in rel.cols:
                if ("." not in c.ref or c.ref.startswith("this.")) and c.base is not None:
                    c.ref = f"{lalias}.{c.name}"
        existing = {c.name for c in rel.cols}
        new = []
        for c in rcols_info:
            name = renamed.get(c.name, c.name)
            n = 1
            while name in existing:
                name = f"{c.name}_{n}"
                n += 1
            existing.add(name)
            nullable = c.nulls > 0 or side in ("left", "full")
            new.append(Col(name, f"{ralias}.{renamed.get(c.name, c.name)}", c.type, nullable, c.samples, c.distinct, (rt, c.name)))
        if side in ("right", "full"):
            for c in rel.cols:
                c.nullable = True
        # Keys: many-to-one, so the left key stays unique for inner/left; otherwise both together.
        if side in ("inner", "left") and rel.key:
            key = rel.key
        elif rel.key and rkey:
            key = rel.key + [nc.name for nc in new if nc.base and nc.base[1] in rkey]
            if len(key) != len(rel.key) + len(rkey):
                key = None
        else:
            key = None
        if side in ("right", "full"):
            key = None  # keys of unmatched rows become null
        keep_order = rel.order if side in ("inner", "left") else None
        rel.cols = rel.cols + new
        rel.key = key
        rel.order = keep_order
        rel.joins += 1
        rel.plain = False
        return [Step(f"join side:{side} {ralias} = {right_text} {cond}", braces=False)]

    def step_append(self, rel: Rel, group: str) -> list | None:
        """`append` of the same table filtered: columns match by position."""
        if not rel.plain or rel.joins:
            return None
        table = next((c.base[0] for c in rel.cols if c.base), None)
        if table is None or len(rel.cols) != len(self.data.tables[table].columns):
            return None
        tmp = Rel([replace(c, ref=bare(c.name)) for c in rel.cols], None)
        # Both sides name their columns: prqlc cannot check `append` without knowing them.
        names = ", ".join(bare(c.name) for c in rel.cols)
        sub = f"(from {table} | filter {self.bool_expr(tmp)} | select {{{names}}})"
        for c in rel.cols:
            c.ref = bare(c.name)
        rel.key, rel.order, rel.plain, rel.alias = None, None, False, None
        return [Step(f"select {{{names}}}", braces=False), Step(f"append {sub}", braces=False)]

    def step_setop(self, rel: Rel) -> list | None:
        """`remove` / `intersect` against a filtered copy; both sides narrowed to the key."""
        if not rel.plain or not rel.key or rel.joins:
            return None
        table = next((c.base[0] for c in rel.cols if c.base), None)
        if table is None:
            return None
        keys = [c for c in rel.cols if c.name in rel.key]
        tmp = Rel([replace(c, ref=bare(c.name)) for c in rel.cols], None)
        sel = ", ".join(bare(c.name) for c in keys)
        op = self.r.choice(["remove", "intersect"])
        rel.cols = [replace(c, ref=bare(c.name), base=None) for c in keys]
        rel.order, rel.plain, rel.alias = None, False, None
        return [Step(f"select {{{sel}}}", braces=False),
                Step(f"{op} (from {table} | filter {self.bool_expr(tmp)} | select {{{sel}}})", braces=False)]

    # --------------------------------------------------------------------------------------- query

    def setop_all(self, rel: Rel, steps: list) -> tuple | None:
        """A final `remove`/`intersect` on a few low-cardinality columns, so that both sides hold
        duplicate rows: the case that tells EXCEPT ALL from an anti-join."""
        if not rel.plain or rel.joins:
            return None
        table = next((c.base[0] for c in rel.cols if c.base), None)
        if table is None:
            return None
        cols = sorted((c for c in rel.cols if c.base and c.type in ("int", "text", "bool", "date")),
                      key=lambda c: c.card or 10**9)[: self.r.choice([1, 1, 2])]
        if not cols:
            return None
        names = ", ".join(bare(c.name) for c in cols)
        tmp = Rel([replace(c, ref=bare(c.name)) for c in rel.cols], None)
        op = self.r.choice(["remove", "intersect"])
        right = f"from {table} | filter {self.bool_expr(tmp)} | select {{{names}}}"
        left_steps = steps + [Step(f"select {{{names}}}", braces=False)]
        left = "\n".join(s.render() for s in left_steps) + "\n"
        return op, left, right, left_steps + [Step(f"{op} ({right})", braces=False)]

    def loop_query(self) -> Query:
        """`loop` over an inline start whose step keeps its columns' types, or widens one (int +
        0.5): DuckDB casts the step's values to the first step's types, chiso widens the column
        (docs/reliability.md), so widening loops are only compared for their row count."""
        r = self.r
        n0 = r.choice([0, 1, 3, -2])
        # (A float literal is a DECIMAL to DuckDB, whose recursive CTE keeps its precision: cast.)
        v0 = r.choice(["2", "(2.5 | as float)", "-1", "0"])
        stop = n0 + r.choice([1, 3, 5, 8])
        dv = r.choice(["1", "2", "3"]) if "." not in v0 else r.choice(["0.5", "1.5", "0.25"])
        if self.chance(0.2):
            # A step that lists the columns in another order: stacked by position, `v` would go
            # under `n` (DuckDB casts it, silently); chiso refuses the query.
            steps = [Step(f"from [{{n = {n0}, v = {v0}}}]", braces=False),
                     Step(f"loop (filter n < {stop} | select {{v = v + {dv}, n = n + 1}})", braces=False)]
            return Query(steps, None, "mix", deliberate="in another order")
        steps = [Step(f"from [{{n = {n0}, v = {v0}}}]", braces=False),
                 Step(f"loop (filter n < {stop} | select {{n = n + 1, v = v + {dv}}})", braces=False)]
        if self.chance(0.5):
            steps.append(Step("sort {n}", braces=False))
            return Query(steps, [("n", False)], "mix")
        return Query(steps, None, "mix")

    def query(self) -> Query:
        r = self.r
        if self.chance(0.03):
            return self.loop_query()
        rel, steps, group = self.start()
        n = r.choice([1, 2, 2, 3, 3, 4, 5, 6])
        for _ in range(n):
            k = r.randrange(100)
            made = None
            if k < 20:
                made = [self.step_filter(rel)]
            elif k < 34:
                made = [self.step_derive(rel)]
            elif k < 42:
                made = [self.step_select(rel)]
            elif k < 50:
                made = [self.step_sort(rel)]
            elif k < 58:
                made = self.step_take(rel)
            elif k < 70:
                s = self.step_aggregate(rel)
                made = [s] if s else None
            elif k < 80:
                made = self.step_window(rel)
            elif k < 84:
                s = self.step_group_take(rel)
                made = [s] if s else None
            elif k < 86:
                made = self.step_distinct(rel)
            elif k < 96:
                made = self.step_join(rel)
            elif k < 98:
                made = self.step_append(rel, group)
            else:
                made = self.step_setop(rel)
            if made:
                steps += made
        # Narrow wide results now and then, and fix the output order now and then.
        if len(rel.cols) > 8 and self.chance(0.5):
            steps.append(self.step_select(rel))
        if self.chance(0.25) and not rel.order:
            steps.append(self.step_sort(rel))
        if self.chance(0.08):
            steps.append(self.step_select(rel, final=True))
        ordered = None
        if rel.order and all(c in rel.cols for c, _ in rel.order):
            ordered = [(c.name, d) for c, d in rel.order]
        if self.chance(0.15):
            made = self.setop_all(rel, steps)
            if made:
                op, left, right, all_steps = made
                return Query(all_steps, None, group, rel.regrouped, setop=(op, left, right))
        return Query(steps, ordered, group, rel.regrouped)


def _balanced_inner(e: str) -> bool:
    depth = 0
    in_str = False
    for i, ch in enumerate(e):
        if ch == '"' and (i == 0 or e[i - 1] != "\\"):
            in_str = not in_str
        if in_str:
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0 and i != len(e) - 1:
                return False
    return depth == 0
