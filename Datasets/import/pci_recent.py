"""PCI after 2016 and the 2025 boundaries, for build_datasets.py.

* 2017–2019: VCCI's own workbooks (Datasets/sources/vcci-pci-2017-2019/), read by **chiso's own
  xlsx reader**: this module runs the chiso scripts next to it (pci_workbook_*.prql) through the
  built binary and checks what they return (header texts, 63 mapped provinces, 11 components,
  ranges, indicator sheets against the Summary sheet). Province names are mapped to GSO codes
  through province_aliases.csv inside the chiso scripts.
* 2020–2024: the figures read from VCCI's web pages (Datasets/sources/vcci-pci-web/), only where
  VCCI published them; 2017–2019 web values are cross-checked against the workbooks.
* The 2025 reorganisation (Datasets/sources/dvhcvn-2025-merger/, MIT).

No number is typed here: every value comes from those files.
"""
import collections
import csv
import io
import os
import shutil
import struct
import subprocess
import unicodedata

WORKBOOK_YEARS = (2017, 2018, 2019)
WEB_FIRST_YEAR = 2020

# Summary sheet: column -> (component id, words its folded header must contain)
SUMMARY_COLUMNS = [
    ("A", None, "province"), ("B", None, "rank"), ("C", "total", "weightedpciscore"),
    ("D", "market_entry", "subindex1entrycosts"), ("E", "land_access", "subindex2landaccess"),
    ("F", "transparency", "subindex3transparency"), ("G", "time_costs", "subindex4timecosts"),
    ("H", "informal_charges", "subindex5informalcharges"), ("I", "policy_bias", "subindex6policybias"),
    ("J", "proactivity", "subindex7proactivity"), ("K", "business_support", "subindex8businesssupport"),
    ("L", "labor_training", "subindex9labor"), ("M", "legal_institutions", "subindex10laworder"),
]
# indicator sheet -> component (column B of the sheet is that sub-index's score)
INDICATOR_SHEETS = [
    ("Entry Costs", "market_entry"), ("Land Access", "land_access"), ("Transparency", "transparency"),
    ("Time Costs", "time_costs"), ("Informal Charges", "informal_charges"), ("Bias", "policy_bias"),
    ("Proactivity", "proactivity"), ("BSS", "business_support"), ("Labor Training", "labor_training"),
    ("Law & Order", "legal_institutions"),
]
# component names used by vcci-pci-web -> chiso's component ids
WEB_COMPONENTS = {
    "entry_costs": "market_entry", "land_access": "land_access", "transparency": "transparency",
    "time_costs": "time_costs", "informal_charges": "informal_charges", "policy_bias": "policy_bias",
    "proactivity": "proactivity", "business_support": "business_support", "labour_training": "labor_training",
    "legal_institutions": "legal_institutions", "total": "total",
}


class Chiso:
    """Runs chiso scripts through the built binary, with the staged tables as its data folder."""

    def __init__(self, binary, data_dir, repo):
        self.binary, self.data_dir, self.repo = binary, data_dir, repo

    @staticmethod
    def locate(repo, explicit, fail):
        cands = [explicit] if explicit else [os.environ.get("CHISO"), os.path.join(repo, ".build", "release", "chiso"),
                                             os.path.join(repo, ".build", "debug", "chiso"), shutil.which("chiso")]
        for c in cands:
            if c and os.path.isfile(c) and os.access(c, os.X_OK):
                return os.path.abspath(c)
        fail("the chiso binary was not found (it reads VCCI's 2017-2019 workbooks): build it first with "
             "`swift build -c release --product chiso`, or pass --chiso PATH")

    def run(self, script, fail, **params):
        cmd = [self.binary, "--data", self.data_dir, "--format", "csv"]
        for k, v in params.items():
            cmd += ["--param", "%s=%s" % (k, v)]
        cmd.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), script))
        p = subprocess.run(cmd, cwd=self.repo, capture_output=True, text=True, encoding="utf-8")
        if p.returncode != 0:
            fail("chiso %s %s failed:\n%s" % (script, params, p.stderr.strip()))
        return list(csv.DictReader(io.StringIO(p.stdout)))


def fold_header(s):
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").lower()
    return "".join(c for c in s if c.isalnum())


def fmt32(x):
    """The shortest decimal that reads back as the same single-precision float (the workbooks store
    floats: 0.21621622145175934 is the float 0.21621622)."""
    f = struct.unpack("f", struct.pack("f", x))[0]
    if f != x:       # a true double (e.g. a hard-data ratio): 6 decimals as elsewhere
        s = "%.6f" % x
        return s.rstrip("0").rstrip(".") or "0"
    for digits in range(1, 10):
        s = "%.*g" % (digits, x)
        if struct.unpack("f", struct.pack("f", float(s)))[0] == f:
            break
    if "e" in s or "E" in s:
        s = ("%.12f" % float(s)).rstrip("0").rstrip(".")
    return s


def book_path(sources, year):
    return os.path.join(sources, "vcci-pci-2017-2019", "PCI_%d.xlsx" % year)


def check_header(chiso, book, sheet, expected, fail):
    rows = chiso.run("pci_workbook_header.prql", fail, book=book, sheet=sheet)
    got = {r["column"]: r["header"] for r in rows}
    for col, key in expected:
        if key not in fold_header(got.get(col, "")):
            fail("%s sheet %r column %s should be %r but is headed %r" % (os.path.basename(book), sheet, col, key,
                                                                          got.get(col)))
    return got


def build_workbooks(chiso, sources, names, fmt, fail):
    """pci rows, pci_ranks rows and pci_indicators rows for 2017-2019, from chiso's reading of the workbooks."""
    pci, ranks, indicators = [], [], []
    summary = {}   # (year, gso, component) -> score (full precision, for the indicator-sheet check)
    for year in WORKBOOK_YEARS:
        book = book_path(sources, year)
        check_header(chiso, book, "Summary", [(c, k) for c, _, k in SUMMARY_COLUMNS], fail)
        rows = chiso.run("pci_workbook_summary.prql", fail, book=book, book_year=year)
        by_comp = collections.defaultdict(dict)
        for r in rows:
            if not r["gso_code"]:
                fail("PCI_%d.xlsx: province name %r is not in province_aliases (add it to ABBREVIATIONS)"
                     % (year, r["source_name"]))
            g, comp = r["gso_code"], r["component"]
            if r["province"] != names[g]:
                fail("PCI_%d.xlsx: %r maps to %r, expected %r" % (year, r["source_name"], r["province"], names[g]))
            if g in by_comp[comp]:
                fail("PCI_%d.xlsx: %s appears twice" % (year, names[g]))
            v = float(r["score"])
            lo, hi = (0, 100) if comp == "total" else (0, 10)
            if not lo <= v <= hi:
                fail("PCI_%d.xlsx: %s %s = %s outside %s-%s" % (year, names[g], comp, v, lo, hi))
            by_comp[comp][g] = v
            if comp == "total":
                rank = float(r["published_rank"])
                if not rank.is_integer() or not 1 <= rank <= 63:
                    fail("PCI_%d.xlsx: rank %r of %s" % (year, r["published_rank"], names[g]))
                ranks.append([year, g, names[g], int(rank), None, "PCI_%d.xlsx" % year])
        want = {c for _, c, _ in SUMMARY_COLUMNS if c}
        if set(by_comp) != want or any(len(v) != 63 for v in by_comp.values()):
            fail("PCI_%d.xlsx: expected 11 components for 63 provinces, got %s"
                 % (year, {c: len(v) for c, v in by_comp.items()}))
        for g in sorted(by_comp["total"]):
            for _, comp, _ in SUMMARY_COLUMNS:
                if comp:
                    pci.append([year, g, names[g], comp, fmt(by_comp[comp][g])])
                    summary[(year, g, comp)] = by_comp[comp][g]
        # indicator sheets
        for sheet, comp in INDICATOR_SHEETS:
            heads = check_header(chiso, book, sheet, [("A", "province"), ("B", "subindex")], fail)
            n_ind = len([c for c in heads if c not in ("A", "B")])
            rows = chiso.run("pci_workbook_indicators.prql", fail, book=book, sheet=sheet, book_year=year, sub_index=comp)
            seen = collections.Counter()
            for r in rows:
                g = r["gso_code"]
                if not g:
                    fail("PCI_%d.xlsx sheet %r: province name %r is not in province_aliases" % (year, sheet, r["source_name"]))
                if abs(float(r["subindex_score"]) - summary[(year, g, comp)]) > 1e-9:
                    fail("PCI_%d.xlsx sheet %r: %s sub-index %s differs from the Summary sheet's %s"
                         % (year, sheet, names[g], r["subindex_score"], summary[(year, g, comp)]))
                seen[g] += 1
                indicators.append([year, g, names[g], comp, r["column"], r["indicator"], fmt32(float(r["value"]))])
            if len(seen) != 63 or any(n != n_ind for n in seen.values()):
                fail("PCI_%d.xlsx sheet %r: expected %d indicators for 63 provinces, got %s"
                     % (year, sheet, n_ind, dict(collections.Counter(seen.values()))))
    indicators.sort(key=lambda r: (r[0], r[1], [c for _, c in INDICATOR_SHEETS].index(r[3]), len(r[4]), r[4]))
    return pci, ranks, indicators, summary


def build_web(sources, names, must_map, aliases, fmt, summary, workbook_ranks, fail):
    """pci rows and pci_ranks rows for 2020-2024 from VCCI's web pages (only what is published), and the
    cross-check of 2017-2019 against the workbooks."""
    path = os.path.join(sources, "vcci-pci-web", "pci_pages_long.csv")
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    values = collections.defaultdict(list)   # (year, gso, comp) -> [(score, rank, url)]
    for r in rows:
        y = int(r["year"])
        if y < min(WORKBOOK_YEARS):
            continue
        if r["component"] not in WEB_COMPONENTS:
            fail("vcci-pci-web: unknown component %r" % r["component"])
        name = unicodedata.normalize("NFC", r["province_page_name"]).strip()
        g = must_map(name, "vcci-pci-web")
        aliases.add(name, g, "source")
        comp = WEB_COMPONENTS[r["component"]]
        values[(y, g, comp)].append((float(r["score"]), int(r["rank"]) if r["rank"] else None, r["source_url"]))
    pci, ranks, checked = [], [], 0
    for (y, g, comp), vs in sorted(values.items()):
        scores = {round(s, 2) for s, _, _ in vs}
        rks = {k for _, k, _ in vs if k is not None}
        if max(s for s, _, _ in vs) - min(s for s, _, _ in vs) > 0.0051 or len(rks) > 1:
            fail("vcci-pci-web: pages disagree on %d %s %s: %s" % (y, names[g], comp, vs))
        score, url = vs[0][0], vs[0][2]
        rank = next(iter(rks)) if rks else None
        if y in WORKBOOK_YEARS:
            if abs(score - summary[(y, g, comp)]) > 0.0051:
                fail("vcci-pci-web %d %s %s = %s, workbook %s" % (y, names[g], comp, score, summary[(y, g, comp)]))
            if rank is not None and rank != workbook_ranks[(y, g)]:
                fail("vcci-pci-web %d %s rank %s, workbook %s" % (y, names[g], rank, workbook_ranks[(y, g)]))
            checked += 1
            continue
        if comp == "total" and rank is None:
            fail("vcci-pci-web %d %s: a total without a rank" % (y, names[g]))
        pci.append([y, g, names[g], comp, fmt(score)])
        if comp == "total":
            ranks.append([y, g, names[g], rank, None, url.replace("https://", "").replace("http://", "")])
    # a year's components: sub-indices are published for some provinces only
    return pci, ranks, checked


def coverage(pci_rows, rank_rows, n_provinces):
    """Per year: provinces with a composite, with all of that year's components, with a published rank."""
    totals = collections.defaultdict(set)
    comps = collections.defaultdict(lambda: collections.defaultdict(set))
    for y, g, _, c, _ in pci_rows:
        comps[y][c].add(g)
        if c == "total":
            totals[y].add(g)
    ranked = collections.defaultdict(set)
    for r in rank_rows:
        if r[3] is not None:
            ranked[r[0]].add(r[1])
    out = []
    for y in sorted(set(totals) | set(ranked)):
        components = sorted(comps[y], key=lambda c: (c != "total", c))
        sub = [len(comps[y][c]) for c in comps[y] if c != "total"]
        out.append({"year": y, "provinces": len(totals[y]), "of": n_provinces(y), "components": components,
                    "component_provinces": min(sub) if sub else 0, "ranked": len(ranked[y])})
    return out


def coverage_toml(cov, notes):
    lines = ["# BEGIN coverage — generated by import/build_datasets.py from the data; do not edit by hand.",
             "# provinces = provinces with a composite (`total`) in pci.csv; of = provinces PCI scored that year;",
             "# component_provinces = provinces with each sub-index (the fewest of any); ranked = rows with a rank",
             "# in pci_ranks.csv. complete = every component of the year for all `of` provinces."]
    for c in cov:
        lines += ["", "[[coverage]]", "year = %d" % c["year"], "provinces = %d" % c["provinces"], "of = %d" % c["of"],
                  "complete = %s" % ("true" if c["provinces"] == c["of"] and c["component_provinces"] == c["of"] else "false"),
                  "component_provinces = %d" % c["component_provinces"], "ranked = %d" % c["ranked"],
                  "components = [%s]" % ", ".join('"%s"' % x for x in c["components"])]
        source, note = notes(c["year"])
        lines.append('source = "%s"' % source)
        if note:
            lines.append('note = "%s"' % note)
    lines.append("# END coverage")
    return "\n".join(lines)


def build_merger(sources, names, must_map, fold, fail):
    folder = os.path.join(sources, "dvhcvn-2025-merger")
    with open(os.path.join(folder, "915_CTK-CSCL.csv"), encoding="utf-8-sig", newline="") as f:
        new = {r["Mã số"]: unicodedata.normalize("NFC", r["Tên 34 tỉnh sau sáp nhập"]).strip() for r in csv.DictReader(f)}
    if len(new) != 34:
        fail("915_CTK-CSCL.csv: %d new provinces, expected 34" % len(new))

    def bare(name):
        for prefix in ("Thành phố ", "Tỉnh "):
            if name.startswith(prefix):
                return name[len(prefix):]
        return name

    def short(code, official):
        """The name without `Tỉnh`/`Thành phố`; chiso's own spelling where the name did not change
        (`TP. Hồ Chí Minh`, `Hà Nội`), the new name where it did (`Huế`, not `Thừa Thiên Huế`)."""
        n = official
        for prefix in ("Thành phố ", "Tỉnh "):
            if official.startswith(prefix):
                n = official[len(prefix):]
        old = names.get(code)
        if old and fold(old.replace("TP. ", "")) == fold(n):
            return old
        return n

    with open(os.path.join(folder, "province_merges_2025.csv"), encoding="utf-8", newline="") as f:
        merges = list(csv.DictReader(f))
    rows, members = [], collections.Counter()
    for r in merges:
        old = r["old_code"]
        if old not in names:
            fail("province_merges_2025.csv: old code %s is not a 2016 province" % old)
        if must_map(unicodedata.normalize("NFC", r["old_name"]), "province_merges_2025.csv") != old:
            fail("province_merges_2025.csv: %r is not GSO %s" % (r["old_name"], old))
        if r["new_code"] not in new:
            fail("province_merges_2025.csv: new code %s not in the 34" % r["new_code"])
        if fold(bare(r["new_name"])) != fold(bare(new[r["new_code"]])):
            fail("province_merges_2025.csv: new name %r differs from 915's %r" % (r["new_name"], new[r["new_code"]]))
        members[r["new_code"]] += 1
        rows.append([old, names[old], r["new_code"], short(r["new_code"], new[r["new_code"]]), r["type"]])
    if len(rows) != 63 or len({r[0] for r in rows}) != 63 or set(members) != set(new):
        fail("province_merges_2025.csv: every one of the 63 must go into one of the 34")
    provinces_2025 = []
    for code in sorted(new):
        official = new[code]
        kind = "thành phố" if official.startswith("Thành phố ") else "tỉnh"
        provinces_2025.append([code, short(code, official), official, kind, members[code]])
    rows.sort()
    return rows, provinces_2025
