#!/usr/bin/env python3
"""Self-check of the bundled datasets (Datasets/*.csv and Datasets/*.toml).

Usage (from the repository root):

    python3 Datasets/import/check_datasets.py [--data DIR] [--shared DIR]

Checks the tables on their own (format, row counts per year, unique keys, province names,
scales from the manifests, sums, published ranks, seed-figure vocabulary, manifest syntax) and,
when the shared source material is present (default ../shared), cross-checks them against the
source files: the pandas-made derived CSVs, the official PAPI 2011-2016 workbook and the seed
articles. Prints a table of row counts per year. Exit status 0 = all checks passed, 1 = failure.
Python 3 standard library only (tomllib, when present, double-checks the manifest parser).
"""
import argparse
import collections
import csv
import math
import os
import re
import sys
import unicodedata

try:
    import tomllib
except ImportError:          # Python < 3.11: the subset parser below is used alone
    tomllib = None

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True   # no __pycache__ inside Datasets/

FAILURES = []
CHECKS = [0]


def check(cond, msg):
    CHECKS[0] += 1
    if not cond:
        FAILURES.append(msg)
    return cond


# --------------------------------------------------------------------------- expectations

HEADERS = {
    "provinces.csv": ["gso_code", "province", "name_ascii", "iso_3166_2", "region", "area_km2", "population_thousand"],
    "former_provinces.csv": ["gso_code", "province", "name_ascii", "merged_into_gso_code", "merged_into_province",
                             "merged_year"],
    "province_aliases.csv": ["alias", "gso_code", "province", "kind"],
    "pci.csv": ["year", "gso_code", "province", "component", "score"],
    "pci_ranks.csv": ["year", "gso_code", "province", "rank", "tier", "source"],
    "pci_indicators.csv": ["year", "gso_code", "province", "component", "column", "indicator", "value"],
    "province_merger_2025.csv": ["gso_code", "province", "new_code", "new_province", "type"],
    "provinces_2025.csv": ["gso_code", "province", "official_name", "kind", "old_provinces"],
    "papi.csv": ["year", "gso_code", "province", "component", "score"],
    "papi_subdimensions.csv": ["year", "gso_code", "province", "component", "subdimension", "score"],
    "seed_figures.csv": ["index", "unit", "unit_level", "gso_code", "year", "component", "measure", "value",
                         "value_text", "out_of", "source", "quote", "note"],
}
# rows per year (and provinces per year) as imported; a change here means the sources or the import changed
EXPECTED_ROWS = {
    "pci.csv": {2005: 420, 2006: 704, 2007: 704, 2008: 704, 2009: 630, 2010: 630, 2011: 630, 2012: 630,
                2013: 693, 2014: 693, 2015: 693, 2016: 693, 2017: 693, 2018: 693, 2019: 693,
                2020: 173, 2021: 297, 2022: 99, 2023: 21, 2024: 11},
    "pci_ranks.csv": {2005: 42, 2007: 64, 2009: 63, 2010: 63, 2011: 63, 2012: 63, 2013: 63, 2014: 63, 2015: 63,
                      2016: 63, 2017: 63, 2018: 63, 2019: 63, 2020: 63, 2021: 27, 2022: 9, 2023: 1, 2024: 1},
    "pci_indicators.csv": {2017: 8064, 2018: 8064, 2019: 8064},
    "papi.csv": {2011: 441, 2012: 441, 2013: 441, 2014: 427, 2015: 441, 2016: 441, 2017: 441, 2018: 561,
                 2019: 567, 2020: 567, 2021: 540, 2022: 557, 2023: 549, 2024: 549},
    "papi_subdimensions.csv": {2011: 1386, 2012: 1386, 2013: 1386, 2014: 1342, 2015: 1386, 2016: 1386,
                               2017: 1386, 2018: 1748, 2019: 1827, 2020: 1827, 2021: 1680, 2022: 1735,
                               2023: 1708, 2024: 1708},
}
EXPECTED_PROVINCES = {
    "pci.csv": {2005: 42, 2006: 64, 2007: 64, 2008: 64,       # 63 otherwise
                2021: 27, 2022: 9, 2023: 2, 2024: 1},         # VCCI's web pages only (see pci.toml [[coverage]])
    "pci_ranks.csv": {2005: 42, 2007: 64, 2021: 27, 2022: 9, 2023: 1, 2024: 1},
    "papi.csv": {2014: 61, 2021: 60, 2023: 61, 2024: 61},     # 63 otherwise (provinces with >= 1 dimension)
}
REGIONS = {"Red River Delta", "Northern midlands and mountain areas",
           "Northern Central area and Central coastal area", "Central Highlands", "South East",
           "Mekong River Delta"}
ALIAS_KINDS = {"official", "ascii", "former", "abbreviation", "source"}
SEED_INDEXES = {"par_index", "sipas", "pci", "papi", "ddci", "dept_par_index"}
SEED_MEASURES = {
    # measure: (value required, value_text required)
    "score": (True, False), "rank": (True, False), "rank_change": (True, False),
    "score_change": (True, False), "group": (False, True), "group_size": (True, True),
    "position": (False, True), "ranked_below": (False, True), "score_change_direction": (True, True),
    "components_rank_up": (True, False), "max_component_rank_change": (True, False),
    "grade_count": (True, True), "survey_domestic_firms": (True, False), "survey_fdi_firms": (True, False),
    "provinces_covered": (True, False),
}
UNIT_LEVELS = {"province", "ministry", "country", "department_group", "district_group"}
# published PCI ranks that differ from the competition rank of the composite as stored: ties at the
# printed 2 decimals (2011 workbook; 2020 web table), which VCCI breaks on the unrounded score
PCI_RANK_EXCEPTIONS = {(2011, "02"), (2020, "24"), (2020, "37"), (2020, "42")}


# --------------------------------------------------------------------------- reading

def load_csv(data, name):
    path = os.path.join(data, name)
    if not check(os.path.exists(path), "%s is missing" % name):
        return []
    raw = open(path, "rb").read()
    check(not raw.startswith(b"\xef\xbb\xbf"), "%s starts with a BOM" % name)
    check(b"\r" not in raw, "%s has CR line ends" % name)
    check(raw.endswith(b"\n"), "%s does not end with a newline" % name)
    text = raw.decode("utf-8")
    check(unicodedata.is_normalized("NFC", text), "%s is not NFC" % name)
    rows = list(csv.reader(text.splitlines(keepends=True)))
    check(rows and rows[0] == HEADERS[name], "%s header %r" % (name, rows[0] if rows else None))
    bad = [i for i, r in enumerate(rows) if len(r) != len(HEADERS[name])]
    check(not bad, "%s: rows with a wrong number of fields: %s" % (name, bad[:5]))
    return [dict(zip(HEADERS[name], r)) for r in rows[1:]]


def num(s):
    try:
        x = float(s)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def validate_toml_subset(path):
    """Only the subset the Swift reader supports: [table], [[array]], key = string/number/bool/array."""
    key = r"[A-Za-z0-9_]+"
    string = r'"(?:[^"\\\n]|\\["\\nt])*"'
    number = r"-?[0-9]+(?:\.[0-9]+)?"
    scalar = "(?:%s|%s|true|false)" % (string, number)
    array = r"\[\s*(?:(?:%s)\s*(?:,\s*(?:%s)\s*)*)?\]" % ("(?:%s|%s)" % (string, number),
                                                           "(?:%s|%s)" % (string, number))
    line_re = re.compile(r"^(?:\[%s(?:\.%s)*\]|\[\[%s(?:\.%s)*\]\]|%s\s*=\s*(?:%s|%s))\s*(?:#.*)?$"
                         % (key, key, key, key, key, scalar, array))
    for i, line in enumerate(open(path, encoding="utf-8").read().split("\n"), 1):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        check(line_re.match(s), "%s:%d: outside the TOML subset: %s" % (os.path.basename(path), i, s[:80]))


_TOKEN = re.compile(r'\s*(?:(?P<str>"(?:[^"\\\n]|\\["\\nt])*")|(?P<num>-?[0-9]+(?:\.[0-9]+)?)'
                    r'|(?P<bool>true|false)|(?P<open>\[)|(?P<close>\])|(?P<comma>,))')


def parse_toml_subset(text):
    """Parser for exactly the manifest subset (what a small reader must implement)."""
    root = {}
    cur = root

    def value(s, i):
        m = _TOKEN.match(s, i)
        if not m:
            raise ValueError("bad value: %r" % s[i:])
        if m.group("str"):
            raw = m.group("str")[1:-1]
            return re.sub(r'\\(["\\nt])', lambda e: {"n": "\n", "t": "\t"}.get(e.group(1), e.group(1)), raw), m.end()
        if m.group("num"):
            t = m.group("num")
            return (float(t) if "." in t else int(t)), m.end()
        if m.group("bool"):
            return m.group("bool") == "true", m.end()
        if m.group("open"):
            items, i = [], m.end()
            while True:
                m2 = _TOKEN.match(s, i)
                if m2 and m2.group("close"):
                    return items, m2.end()
                v, i = value(s, i)
                items.append(v)
                m2 = _TOKEN.match(s, i)
                if m2 and m2.group("comma"):
                    i = m2.end()
        raise ValueError("bad value: %r" % s[i:])

    for line in text.split("\n"):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        m = re.match(r"^(\[\[?)([A-Za-z0-9_.]+)\]\]?\s*(?:#.*)?$", s)
        if m:
            *parents, last = m.group(2).split(".")
            node = root
            for k in parents:
                node = node.setdefault(k, {})
                if isinstance(node, list):
                    node = node[-1]
            if m.group(1) == "[[":
                cur = {}
                node.setdefault(last, []).append(cur)
            else:
                cur = node.setdefault(last, {})
            continue
        k, rest = s.split("=", 1)
        v, end = value(rest, 0)
        tail = rest[end:].strip()
        if tail and not tail.startswith("#"):
            raise ValueError("trailing text after value: %r" % tail)
        cur[k.strip()] = v
    return root


# --------------------------------------------------------------------------- checks

def competition_ranks(values):
    return {k: 1 + sum(1 for x in values.values() if x > v) for k, v in values.items()}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(REPO, "Datasets"))
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(REPO), "shared"))
    a = ap.parse_args(argv)
    T = {name: load_csv(a.data, name) for name in HEADERS}

    # ---- manifests
    M = {}
    for idx in ("pci", "papi", "par_index", "sipas"):
        path = os.path.join(a.data, idx + ".toml")
        if not check(os.path.exists(path), "%s.toml is missing" % idx):
            continue
        validate_toml_subset(path)
        text = open(path, encoding="utf-8").read()
        m = parse_toml_subset(text)
        if tomllib is not None:
            check(tomllib.loads(text) == m, "%s.toml: the subset parser and tomllib disagree" % idx)
        M[idx] = m
        for k in ("id", "name_en", "name_vi", "publisher", "table", "years"):
            check(k in m.get("index", {}), "%s.toml: [index] lacks %s" % (idx, k))
        check(m.get("index", {}).get("id") == idx, "%s.toml: id mismatch" % idx)
        for k in ("source", "licence"):
            check(k in m.get("provenance", {}), "%s.toml: [provenance] lacks %s" % (idx, k))

    # ---- provinces
    P = {r["gso_code"]: r["province"] for r in T["provinces.csv"]}
    F = {r["gso_code"]: r for r in T["former_provinces.csv"]}
    check(len(T["provinces.csv"]) == 63 and len(P) == 63, "provinces.csv: 63 distinct provinces expected")
    check(len({r["iso_3166_2"] for r in T["provinces.csv"]}) == 63, "provinces.csv: ISO codes not unique")
    check(len({r["province"] for r in T["provinces.csv"]}) == 63, "provinces.csv: names not unique")
    for r in T["provinces.csv"]:
        check(re.fullmatch(r"[0-9]{2}", r["gso_code"]), "provinces.csv: bad gso_code %r" % r["gso_code"])
        check(re.fullmatch(r"VN-[0-9A-Z]{2}", r["iso_3166_2"]), "provinces.csv: bad ISO %r" % r["iso_3166_2"])
        check(r["region"] in REGIONS, "provinces.csv: bad region %r" % r["region"])
        check((num(r["area_km2"]) or 0) > 0 and (num(r["population_thousand"]) or 0) > 0,
              "provinces.csv: area/population of %s" % r["province"])
        check(r["name_ascii"].isascii(), "provinces.csv: name_ascii of %s not ASCII" % r["province"])
    check(set(F) == {"28"} and F.get("28", {}).get("province") == "Hà Tây"
          and F.get("28", {}).get("merged_into_gso_code") == "01", "former_provinces.csv: Hà Tây row")
    check(not set(F) & set(P), "former_provinces.csv overlaps provinces.csv")
    names = dict(P)
    names.update({g: r["province"] for g, r in F.items()})

    seen = {}
    for r in T["province_aliases.csv"]:
        k = re.sub(r"\s+", " ", r["alias"]).strip().casefold()
        check(k not in seen, "province_aliases.csv: duplicate alias %r" % r["alias"])
        seen[k] = r["gso_code"]
        check(names.get(r["gso_code"]) == r["province"], "province_aliases.csv: %r -> %s %r"
              % (r["alias"], r["gso_code"], r["province"]))
        check(r["kind"] in ALIAS_KINDS, "province_aliases.csv: kind %r" % r["kind"])
    for r in T["provinces.csv"]:
        check(seen.get(r["province"].casefold()) == r["gso_code"], "alias table lacks official %r" % r["province"])
        check(seen.get(r["name_ascii"].casefold()) == r["gso_code"], "alias table lacks ASCII %r" % r["name_ascii"])
    for alias, g in [("TP.HCM", "79"), ("HCMC", "79"), ("BRVT", "77"), ("Dak Lak", "66"), ("TT-Huế", "46"),
                     ("Hà Tây", "28")]:
        check(seen.get(alias.casefold()) == g, "alias %r missing or not -> %s" % (alias, g))

    # ---- long tables: keys, names, counts
    def table_checks(name, key_fields):
        rows = T[name]
        keys = collections.Counter(tuple(r[f] for f in key_fields) for r in rows)
        dups = [k for k, n in keys.items() if n > 1]
        check(not dups, "%s: duplicate keys %s" % (name, dups[:3]))
        for r in rows:
            g = r["gso_code"]
            if not check(names.get(g) == r["province"], "%s: %s %r is not the provinces.csv spelling"
                         % (name, g, r["province"])):
                break
            if g in F and not check(name in ("pci.csv", "pci_ranks.csv") and int(r["year"]) <= 2008,
                                    "%s: former province %s in %s" % (name, r["province"], r["year"])):
                break

    table_checks("pci.csv", ["year", "gso_code", "component"])
    table_checks("pci_ranks.csv", ["year", "gso_code"])
    table_checks("papi.csv", ["year", "gso_code", "component"])
    table_checks("papi_subdimensions.csv", ["year", "gso_code", "component", "subdimension"])

    print("Rows per year (provinces in parentheses):")
    years = sorted({int(r["year"]) for n in EXPECTED_ROWS for r in T[n]})
    print("%-6s" % "year" + "".join("%24s" % n for n in EXPECTED_ROWS))
    for y in years:
        cells = []
        for n in EXPECTED_ROWS:
            rows = [r for r in T[n] if int(r["year"]) == y]
            cells.append("%24s" % ("%d (%d)" % (len(rows), len({r["gso_code"] for r in rows})) if rows else "-"))
        print("%-6d" % y + "".join(cells))
    print("%-6s" % "total" + "".join("%24d" % len(T[n]) for n in EXPECTED_ROWS))
    for n, exp in EXPECTED_ROWS.items():
        got = collections.Counter(int(r["year"]) for r in T[n])
        check(dict(got) == exp, "%s: rows per year %s, expected %s" % (n, dict(sorted(got.items())), exp))
    for n, exp in EXPECTED_PROVINCES.items():
        for y in {int(r["year"]) for r in T[n]}:
            got = len({r["gso_code"] for r in T[n] if int(r["year"]) == y})
            check(got == exp.get(y, 63), "%s %d: %d provinces, expected %d" % (n, y, got, exp.get(y, 63)))

    # ---- PCI: scales and components per year from pci.toml
    if "pci" in M:
        sc = M["pci"]["scale"]
        comps = {c["id"]: c for c in M["pci"]["components"]}
        y0, y1 = M["pci"]["index"]["years"]
        check({int(r["year"]) for r in T["pci.csv"]} == set(range(y0, y1 + 1)), "pci.toml years vs pci.csv")
        by_year = collections.defaultdict(set)
        for r in T["pci.csv"]:
            v, c = num(r["score"]), r["component"]
            check(c in comps, "pci.csv: component %r not in pci.toml" % c)
            lo, hi = ((sc["composite_min"], sc["composite_max"]) if c == "total"
                      else (sc["component_min"], sc["component_max"]))
            check(v is not None and lo <= v <= hi, "pci.csv: %s %s %s = %r outside %s-%s"
                  % (r["year"], r["province"], c, r["score"], lo, hi))
            by_year[int(r["year"])].add(c)
        for y, got in by_year.items():
            want = {c for c, d in comps.items()
                    if d["first_year"] <= y <= d["last_year"] and y not in d.get("gap_years", [])}
            check(got == want, "pci.csv %d: components %s, pci.toml says %s" % (y, sorted(got), sorted(want)))

    # ---- PCI published ranks = competition ranks of the composite
    tot = collections.defaultdict(dict)
    for r in T["pci.csv"]:
        if r["component"] == "total":
            tot[int(r["year"])][r["gso_code"]] = float(r["score"])
    rank_diff = []
    tiers = {b["name_vi"] for b in M.get("pci", {}).get("bands", [])}
    cov = {c["year"]: c for c in M.get("pci", {}).get("coverage", [])}
    for r in T["pci_ranks.csv"]:
        y, g = int(r["year"]), r["gso_code"]
        check(r["tier"] == "" or r["tier"] in tiers, "pci_ranks.csv: tier %r not in pci.toml bands" % r["tier"])
        check(bool(r["source"]), "pci_ranks.csv %d %s: no source" % (y, r["province"]))
        if r["rank"] and cov.get(y, {}).get("provinces", 0) < cov.get(y, {}).get("of", 0):
            # A partial year: the published ranks must order the published composites (a higher score never
            # ranks worse), but they are ranks among all 63, not among the provinces present.
            for g2, v2 in tot[y].items():
                r2 = next((int(x["rank"]) for x in T["pci_ranks.csv"] if int(x["year"]) == y and x["gso_code"] == g2), None)
                if r2 is not None and v2 > tot[y].get(g, v2):
                    check(r2 < int(r["rank"]), "pci_ranks.csv %d: %s ranks %s above %s with a higher score"
                          % (y, r["province"], r["rank"], g2))
            continue
        if r["rank"]:
            comp = competition_ranks(tot[y]).get(g)
            if int(r["rank"]) != comp:
                rank_diff.append((y, g))
                check((y, g) in PCI_RANK_EXCEPTIONS, "pci_ranks.csv %d %s: published rank %s, composite rank %s"
                      % (y, r["province"], r["rank"], comp))
    check(set(rank_diff) == PCI_RANK_EXCEPTIONS, "PCI rank exceptions changed: %s" % sorted(rank_diff))
    check(tot[2011].get("02") == tot[2011].get("60") == 57.62, "PCI 2011 Hà Giang / Bình Thuận tie at 57.62")

    # ---- pci.toml [[coverage]] = what the data holds (the import writes it; a hand edit would drift)
    if "pci" in M:
        ranked = collections.defaultdict(set)
        for r in T["pci_ranks.csv"]:
            if r["rank"]:
                ranked[int(r["year"])].add(r["gso_code"])
        comps_by = collections.defaultdict(lambda: collections.defaultdict(set))
        for r in T["pci.csv"]:
            comps_by[int(r["year"])][r["component"]].add(r["gso_code"])
        years = sorted(comps_by)
        check(sorted(cov) == years, "pci.toml [[coverage]] years %s, pci.csv %s" % (sorted(cov), years))
        for y in years:
            c = cov.get(y, {})
            sub = [len(v) for k, v in comps_by[y].items() if k != "total"]
            want = {"provinces": len(comps_by[y]["total"]), "component_provinces": min(sub) if sub else 0,
                    "ranked": len(ranked[y]), "components": sorted(comps_by[y], key=lambda k: (k != "total", k))}
            for k, v in want.items():
                check(c.get(k) == v, "pci.toml coverage %d: %s = %r, data %r" % (y, k, c.get(k), v))
            check(c.get("complete") == (c.get("provinces") == c.get("of") == c.get("component_provinces")),
                  "pci.toml coverage %d: complete flag" % y)

    # ---- pci_indicators: 2017-2019, the ten sub-indices, numbers
    ind_comps = collections.defaultdict(set)
    for r in T["pci_indicators.csv"]:
        check(num(r["value"]) is not None, "pci_indicators.csv: value %r" % r["value"])
        check(r["indicator"].strip() != "", "pci_indicators.csv: empty indicator name")
        ind_comps[int(r["year"])].add(r["component"])
    for y, cs in ind_comps.items():
        check(len(cs) == 10 and "total" not in cs, "pci_indicators.csv %d: components %s" % (y, sorted(cs)))
    table_checks("pci_indicators.csv", ["year", "gso_code", "component", "column"])

    # ---- the 2025 boundaries: each of the 63 into one of the 34
    new = {r["gso_code"]: r for r in T["provinces_2025.csv"]}
    check(len(new) == 34 and len(T["provinces_2025.csv"]) == 34, "provinces_2025.csv: 34 provinces expected")
    merged = collections.Counter()
    for r in T["province_merger_2025.csv"]:
        check(P.get(r["gso_code"]) == r["province"], "province_merger_2025.csv: %s %r" % (r["gso_code"], r["province"]))
        check(r["new_code"] in new and new[r["new_code"]]["province"] == r["new_province"],
              "province_merger_2025.csv: %s -> %s %r" % (r["province"], r["new_code"], r["new_province"]))
        merged[r["new_code"]] += 1
    check(len(T["province_merger_2025.csv"]) == 63 and {r["gso_code"] for r in T["province_merger_2025.csv"]} == set(P),
          "province_merger_2025.csv: the 63 provinces, once each")
    for code, r in new.items():
        check(int(r["old_provinces"]) == merged[code], "provinces_2025.csv: %s old_provinces" % r["province"])
    check(sum(merged.values()) == 63 and new.get("12", {}).get("province") == "Lai Châu"
          and new.get("79", {}).get("province") == "TP. Hồ Chí Minh" and merged["79"] == 3,
          "provinces_2025.csv: Lai Châu stays, TP. Hồ Chí Minh takes Bình Dương and Bà Rịa - Vũng Tàu")

    # ---- PAPI: scales, sums, eras
    papi = {(int(r["year"]), r["gso_code"], r["component"]): float(r["score"]) for r in T["papi.csv"]}
    if "papi" in M:
        m = M["papi"]
        sc = m["scale"]
        dims = {c["id"]: c for c in m["components"] if not c.get("composite")}
        subs = collections.defaultdict(set)
        for s in m["subdimensions"]:
            for y in range(s["first_year"], s["last_year"] + 1):
                subs[(y, s["component"])].add(s["label"])
        for (y, g, c), v in papi.items():
            era = next(e for e in m["eras"] if e["from_year"] <= y <= e["to_year"])
            if c == "total":
                check(era["composite_min"] <= v <= era["composite_max"], "papi.csv: %d %s total %s outside era"
                      % (y, g, v))
            else:
                check(c in dims and dims[c]["first_year"] <= y <= dims[c]["last_year"],
                      "papi.csv: %d dimension %s not in papi.toml" % (y, c))
                check(sc["component_min"] <= v <= sc["component_max"], "papi.csv: %d %s %s = %s outside scale"
                      % (y, g, c, v))
        sums = collections.defaultdict(float)
        labels = collections.defaultdict(set)
        for r in T["papi_subdimensions.csv"]:
            y, v = int(r["year"]), num(r["score"])
            check(v is not None and 0 <= v <= 10, "papi_subdimensions.csv: score %r" % r["score"])
            sums[(y, r["gso_code"], r["component"])] += v or 0
            labels[(y, r["component"])].add(r["subdimension"])
        for k, want in labels.items():
            check(want == subs.get(k, set()), "papi_subdimensions.csv %d %s: labels %s, papi.toml %s"
                  % (k[0], k[1], sorted(want), sorted(subs.get(k, set()))))
        for (y, g, c), v in papi.items():
            if c != "total":
                check(abs(sums[(y, g, c)] - v) < 2e-6, "papi: %d %s %s != sum of sub-dimensions" % (y, g, c))
        for (y, g, c), v in papi.items():
            if c == "total":
                era = next(e for e in m["eras"] if e["from_year"] <= y <= e["to_year"])
                parts = [papi.get((y, g, d)) for d in dims if dims[d]["first_year"] <= y <= dims[d]["last_year"]]
                check(len(parts) == era["dimensions"] and None not in parts and abs(sum(parts) - v) < 1e-5,
                      "papi: %d %s total is not the sum of its %d dimensions" % (y, g, era["dimensions"]))

    # ---- spot checks (published figures)
    t22 = {g: v for (y, g, c), v in papi.items() if y == 2022 and c == "total"}
    if check(t22, "papi.csv has no 2022 totals"):
        top, bottom = max(t22, key=t22.get), min(t22, key=t22.get)
        check(names.get(top) == "Quảng Ninh" and round(t22[top], 2) == 47.88,
              "PAPI 2022 top: %s %.4f (expected Quảng Ninh 47.88)" % (names.get(top), t22[top]))
        check(names.get(bottom) == "Cao Bằng" and round(t22[bottom], 2) == 38.80,
              "PAPI 2022 bottom: %s %.4f (expected Cao Bằng 38.80)" % (names.get(bottom), t22[bottom]))
    check(("2014", "24") not in {(r["year"], r["gso_code"]) for r in T["papi.csv"]},
          "PAPI 2014 Bắc Giang should have no data")
    check(tot[2016].get("22") is not None and competition_ranks(tot[2016])["22"] == 2,
          "PCI 2016: Quảng Ninh should rank 2 (workbook: Đà Nẵng 70.00, Quảng Ninh 65.60)")

    # ---- manifest years = years in the data
    data_years = {
        "pci": {int(r["year"]) for r in T["pci.csv"]},
        "papi": {int(r["year"]) for r in T["papi.csv"]},
        "par_index": {int(r["year"]) for r in T["seed_figures.csv"] if r["index"] == "par_index" and r["year"]},
        "sipas": {int(r["year"]) for r in T["seed_figures.csv"] if r["index"] == "sipas" and r["year"]},
    }
    for idx, m in M.items():
        ys = data_years.get(idx) or {0}
        check(m["index"]["years"] == [min(ys), max(ys)], "%s.toml years %s, data %s-%s"
              % (idx, m["index"]["years"], min(ys), max(ys)))

    # ---- seed figures
    for r in T["seed_figures.csv"]:
        where = "seed_figures.csv %s/%s/%s/%s" % (r["index"], r["unit"], r["year"], r["measure"])
        check(r["index"] in SEED_INDEXES, "%s: index" % where)
        check(r["measure"] in SEED_MEASURES, "%s: measure not in vocabulary" % where)
        check(r["unit_level"] in UNIT_LEVELS, "%s: unit_level" % where)
        need_v, need_t = SEED_MEASURES.get(r["measure"], (False, False))
        check(not need_v or num(r["value"]) is not None, "%s: numeric value required" % where)
        check(r["value"] == "" or num(r["value"]) is not None, "%s: value not numeric" % where)
        check(not need_t or r["value_text"], "%s: value_text required" % where)
        if r["unit_level"] == "province":
            check(P.get(r["gso_code"]) == r["unit"], "%s: unit is not a provinces.csv name" % where)
        else:
            check(r["gso_code"] == "", "%s: gso_code only for provinces" % where)
        check(r["year"] == "" or 2005 <= int(r["year"]) <= 2025, "%s: year" % where)
        check(r["out_of"] == "" or num(r["out_of"]) is not None, "%s: out_of" % where)
        if r["measure"] == "rank" and r["out_of"]:
            check(1 <= float(r["value"]) <= float(r["out_of"]), "%s: rank beyond out_of" % where)
        if r["component"]:
            check(r["index"] == "pci" and r["component"] in {c["id"] for c in M.get("pci", {}).get("components", [])},
                  "%s: component %r unknown" % (where, r["component"]))
        check(r["source"] and r["quote"], "%s: source and quote required" % where)
    keys = collections.Counter((r["index"], r["unit"], r["year"], r["component"], r["measure"], r["value_text"])
                               for r in T["seed_figures.csv"])
    check(all(n == 1 for n in keys.values()), "seed_figures.csv: duplicate figures")
    sf = {(r["index"], r["unit"], r["year"], r["measure"]): r["value"] for r in T["seed_figures.csv"]
          if not r["component"]}
    for k, v in {("par_index", "Lai Châu", "2019", "score"): "79.51", ("par_index", "Lai Châu", "2019", "rank"): "51",
                 ("pci", "Lai Châu", "2019", "score"): "59.95", ("sipas", "Đắk Lắk", "2022", "score"): "80.47",
                 ("par_index", "Đắk Lắk", "2022", "rank_change"): "-2", ("pci", "Lai Châu", "2021", "rank"): "56",
                 ("par_index", "Lạng Sơn", "2019", "rank_change"): "-16"}.items():
        check(sf.get(k) == v, "seed_figures.csv: %s should be %s, is %s" % (k, v, sf.get(k)))

    # ---- cross-checks against the shared sources
    shared = a.shared
    D = os.path.join(shared, "datasets")
    if not os.path.isdir(os.path.join(D, "mdtrinh-vietnamdata")):
        print("note: shared material not found at %s: source cross-checks skipped" % shared)
    else:
        cross_checks(T, D, os.path.join(shared, "seeds"), papi)

    print("%d checks, %d failures" % (CHECKS[0], len(FAILURES)))
    for f in FAILURES[:50]:
        print("FAIL: " + f)
    if len(FAILURES) > 50:
        print("… and %d more" % (len(FAILURES) - 50))
    return 1 if FAILURES else 0


def cross_checks(T, D, S, papi):
    import rawbooks
    # The raw sources bundled in Datasets/sources/ are byte-for-byte the shared copies.
    sources = os.path.join(REPO, "Datasets", "sources")
    n = 0
    for folder in sorted(os.listdir(sources)) if os.path.isdir(sources) else []:
        for name in sorted(os.listdir(os.path.join(sources, folder))):
            theirs = os.path.join(D, folder, name)
            if check(os.path.exists(theirs), "Datasets/sources/%s/%s is not in the shared material" % (folder, name)):
                check(open(theirs, "rb").read() == open(os.path.join(sources, folder, name), "rb").read(),
                      "Datasets/sources/%s/%s differs from the shared copy" % (folder, name))
                n += 1
    print("cross-check: Datasets/sources/ = the shared copies (%d files)" % n)
    # PCI against the pandas-made derived file
    rename = {"entry_costs": "market_entry", "pci_weighted": "total"}
    der = {}
    with open(os.path.join(D, "mdtrinh-vietnamdata", "derived", "pci_2005_2016_long.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            for k, v in r.items():
                if k not in ("year", "gso_code", "province", "province_vi", "pci_unweighted") and v != "":
                    der[(r["year"], r["gso_code"], rename.get(k, k))] = float(v)
    ours = {(r["year"], r["gso_code"], r["component"]): float(r["score"]) for r in T["pci.csv"]}
    ours = {k: v for k, v in ours.items() if int(k[0]) <= 2016}
    check(set(der) == set(ours), "pci.csv vs derived: %d keys differ" % len(set(der) ^ set(ours)))
    diff = max((abs(der[k] - ours[k]) for k in set(der) & set(ours)), default=0)
    check(diff < 1e-6, "pci.csv vs derived: max difference %g" % diff)
    print("cross-check: pci.csv = shared derived pci_2005_2016_long.csv (%d values, max diff %g)" % (len(ours), diff))

    # PAPI dimensions/totals against the hnks derived wide file
    cols = {"Participation": "participation", "Transparency of Local Decision-making": "transparency",
            "Vertical Accountability": "vertical_accountability",
            "Control of Corruption in the Public Sector": "control_of_corruption",
            "Public Administrative Procedures": "administrative_procedures",
            "Public Service Delivery": "public_service_delivery", "Environmental Governance": "environmental_governance",
            "E-Governance": "e_governance", "papi_unweighted_total": "total"}
    W = {}
    with open(os.path.join(D, "hnks-ml-mcdm-papi", "derived", "papi_dimensions_2011_2024_wide.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            for k, c in cols.items():
                if r.get(k) not in (None, "", "nan"):
                    W[(int(r["year"]), r["gso_code"], c)] = float(r[k])
    check(set(W) == set(papi), "papi.csv vs derived wide: %d keys differ" % len(set(W) ^ set(papi)))
    diff = max((abs(W[k] - papi[k]) for k in set(W) & set(papi)), default=0)
    check(diff < 2e-6, "papi.csv vs derived wide: max difference %g" % diff)
    print("cross-check: papi.csv = shared derived papi_dimensions wide (%d values, max diff %g)" % (len(papi), diff))

    # sub-dimensions against the hnks derived long file (joined on year, province, dimension and value;
    # labels differ only for 2016-2017 SC33, by design)
    dimmap = {k: v for k, v in cols.items() if v != "total"}
    L = []
    with open(os.path.join(D, "hnks-ml-mcdm-papi", "derived", "papi_subdimensions_2011_2024_long.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            L.append((r["year"], r["gso_code"], dimmap[r["dimension"]], round(float(r["score"]), 9),
                      r["subdim_code"], r["subdimension"]))
    theirs = collections.Counter(x[:4] for x in L)
    mine = collections.Counter((r["year"], r["gso_code"], r["component"], round(float(r["score"]), 9))
                               for r in T["papi_subdimensions.csv"])
    check(mine == theirs, "papi_subdimensions.csv values differ from the shared derived long file")
    label_diff = collections.Counter()
    lab = {(r["year"], r["gso_code"], r["component"], round(float(r["score"]), 9)): r["subdimension"]
           for r in T["papi_subdimensions.csv"]}
    for y, g, d, v, code, label in L:
        if lab.get((y, g, d, v)) != label:
            label_diff[(y, code, label, lab.get((y, g, d, v)))] += 1
    expected = {("2016", "SC33", "Access to Justice Services", "People's Inspection Boards"): 63,
                ("2017", "SC33", "Access to Justice Services", "People's Inspection Boards"): 63}
    check(dict(label_diff) == expected, "sub-dimension labels differ from the derived file: %s" % dict(label_diff))
    print("cross-check: papi_subdimensions.csv = shared derived long file (%d values; labels differ only for "
          "2016-2017 SC33, by design)" % len(T["papi_subdimensions.csv"]))

    # PAPI 2011-2016 against the official workbook (published dimension scores, totals, sub-dimensions)
    book = rawbooks.read(os.path.join(D, "mdtrinh-vietnamdata", "data-raw", "PAPI", "PAPI_2011-2016.xlsx"))
    dim_cols = {4: "participation", 9: "transparency", 13: "vertical_accountability", 17: "control_of_corruption",
                22: "administrative_procedures", 27: "public_service_delivery", 32: "total"}
    sub_of = collections.defaultdict(dict)
    for r in T["papi_subdimensions.csv"]:
        sub_of[(int(r["year"]), r["gso_code"])][(r["component"], r["subdimension"])] = float(r["score"])
    sub_cols_base = {5: ("participation", "Civic Knowledge"), 6: ("participation", "Opportunities for Participation in Elections"),
                     7: ("participation", "Quality of Village Head Elections"), 8: ("participation", "Voluntary Contributions"),
                     10: ("transparency", "Poverty List Transparency"), 11: ("transparency", "Communal Budget Transparency"),
                     12: ("transparency", "Transparent Land-Use Plan/Price Frames"),
                     14: ("vertical_accountability", "Interactions With Local Authorities"),
                     18: ("control_of_corruption", "Limits on Corruption in Local Governments"),
                     19: ("control_of_corruption", "Limits on Corruption in Service Delivery"),
                     20: ("control_of_corruption", "Equity in State Employment"),
                     21: ("control_of_corruption", "Willingness to Fight Corruption"),
                     23: ("administrative_procedures", "Certification Procedures"),
                     24: ("administrative_procedures", "Construction Permits"),
                     25: ("administrative_procedures", "Land Title Procedures"),
                     26: ("administrative_procedures", "Personal Procedures"),
                     28: ("public_service_delivery", "Public Healthcare"), 29: ("public_service_delivery", "Primary Education"),
                     30: ("public_service_delivery", "Basic Infrastructure"), 31: ("public_service_delivery", "Law and Order")}
    n_cmp, worst = 0, 0.0
    for sheet, cells in book:
        year = int(sheet[:4])
        sub_cols = dict(sub_cols_base)
        if year <= 2015:
            sub_cols[15] = ("vertical_accountability", "People's Inspection Boards")
            sub_cols[16] = ("vertical_accountability", "Community Investment Supervision Boards")
        else:
            sub_cols[15] = ("vertical_accountability", "Governments Responsive to Citizen Appeals")
            sub_cols[16] = ("vertical_accountability", "People's Inspection Boards")
        for r in range(3, 66):
            row = cells.get(r, {})
            if row.get(1) in (None, "999"):
                continue
            g = "%02d" % int(float(row[1]))
            for c, comp in list(dim_cols.items()) + [(c, s) for c, s in sub_cols.items()]:
                v = num(row.get(c))
                if isinstance(comp, tuple):
                    mine = sub_of[(year, g)].get(comp)
                else:
                    mine = papi.get((year, g, comp))
                if mine is None:
                    check(v in (None, 0.0), "PAPI workbook %d %s %s = %r but no value in our table" % (year, g, comp, v))
                    continue
                n_cmp += 1
                worst = max(worst, abs(mine - v))
                check(abs(mine - v) < 1e-5, "PAPI workbook %d %s %s: published %r, ours %r" % (year, g, comp, v, mine))
    print("cross-check: PAPI 2011-2016 = official workbook PAPI_2011-2016.xlsx (%d values incl. published "
          "dimensions and totals, max diff %.1g)" % (n_cmp, worst))

    # seed quotes are verbatim sentences of their articles
    texts = {}
    for r in T["seed_figures.csv"]:
        fn = r["source"]
        if fn not in texts:
            p = os.path.join(S, fn)
            if not check(os.path.exists(p), "seed file %s missing" % fn):
                texts[fn] = ""
                continue
            t = unicodedata.normalize("NFC", open(p, encoding="utf-8").read()).replace("\u00a0", " ")
            texts[fn] = re.sub(r"\s+", " ", t)
        check(r["quote"] in texts[fn], "seed quote not found verbatim in %s: %r" % (fn, r["quote"][:60]))
    print("cross-check: %d seed quotes found verbatim in their articles" % len(T["seed_figures.csv"]))


if __name__ == "__main__":
    sys.exit(main())
