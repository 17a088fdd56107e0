#!/usr/bin/env python3
"""Build the chiso bundled datasets (Datasets/*.csv) from the shared source material.

Usage (from the repository root):

    python3 Datasets/import/build_datasets.py [--shared DIR] [--out DIR]

--shared  the shared material folder that holds ``datasets/`` and ``seeds/``
          (default: ``../shared`` next to the repository root). Pointing it at
          ``shared/datasets`` itself also works.
--out     where to write the tables (default: the ``Datasets/`` folder of this repository).

Python 3 standard library only. No number is typed in here except the seed-article figures,
and each of those is checked against the verbatim article sentence it is quoted from.
The script stops with an error (exit status 1) when a province name cannot be mapped, a
workbook column does not carry the expected sub-index, a count is off, or a seed quote is
not found in its article.

Outputs (UTF-8, NFC, RFC 4180, "\\n" line ends, empty cell = missing):
  provinces.csv, former_provinces.csv, province_aliases.csv,
  pci.csv, pci_ranks.csv, papi.csv, papi_subdimensions.csv, seed_figures.csv
"""
import argparse
import csv
import math
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True   # no __pycache__ inside Datasets/
import rawbooks  # noqa: E402  (stdlib-only .xls/.xlsx reader next to this script, for 2005-2016)
import pci_recent  # noqa: E402  (2017-2019 through chiso's own xlsx reader, 2020- from VCCI's pages, 2025 map)
import shutil  # noqa: E402
import tempfile  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))


class BuildError(Exception):
    pass


def fail(msg):
    raise BuildError(msg)


# ============================================================================ names

def nfc(s):
    return unicodedata.normalize("NFC", s)


def fold(s):
    """Fold a province spelling to a lookup key: no diacritics, đ→d, lower case, letters/digits only.
    Same folding as shared/datasets/tools/provnames.py."""
    s = unicodedata.normalize("NFD", str(s)).replace("đ", "d").replace("Đ", "D")
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return re.sub(r"[^a-z0-9]", "", s.lower())


# The 63 provinces (boundaries before the 2025 reorganisation) plus Hà Tây (merged into Hà Nội in 2008).
# (GSO code, official name, ASCII name). Codes and spellings as in shared/datasets/tools/provnames.py;
# every row is cross-checked below against vietnamcode (GSO codes), iso-codes (ISO 3166-2), the GSO
# statistical-yearbook table and the official PAPI workbook ("tinhid" = GSO code).
# Spelling convention: the traditional tone-mark placement used by ISO 3166-2 (iso-codes) and by the
# VCCI/PAPI workbooks ("Hòa Bình", "Thanh Hóa", "Khánh Hòa"); "TP. Hồ Chí Minh"; "Bà Rịa - Vũng Tàu";
# "Thừa Thiên Huế" (no hyphen); "Đắk Lắk", "Đắk Nông", "Bắc Kạn", "Kon Tum".
PROVINCES = [
    ("01", "Hà Nội", "Ha Noi"), ("02", "Hà Giang", "Ha Giang"), ("04", "Cao Bằng", "Cao Bang"),
    ("06", "Bắc Kạn", "Bac Kan"), ("08", "Tuyên Quang", "Tuyen Quang"), ("10", "Lào Cai", "Lao Cai"),
    ("11", "Điện Biên", "Dien Bien"), ("12", "Lai Châu", "Lai Chau"), ("14", "Sơn La", "Son La"),
    ("15", "Yên Bái", "Yen Bai"), ("17", "Hòa Bình", "Hoa Binh"), ("19", "Thái Nguyên", "Thai Nguyen"),
    ("20", "Lạng Sơn", "Lang Son"), ("22", "Quảng Ninh", "Quang Ninh"), ("24", "Bắc Giang", "Bac Giang"),
    ("25", "Phú Thọ", "Phu Tho"), ("26", "Vĩnh Phúc", "Vinh Phuc"), ("27", "Bắc Ninh", "Bac Ninh"),
    ("30", "Hải Dương", "Hai Duong"), ("31", "Hải Phòng", "Hai Phong"), ("33", "Hưng Yên", "Hung Yen"),
    ("34", "Thái Bình", "Thai Binh"), ("35", "Hà Nam", "Ha Nam"), ("36", "Nam Định", "Nam Dinh"),
    ("37", "Ninh Bình", "Ninh Binh"), ("38", "Thanh Hóa", "Thanh Hoa"), ("40", "Nghệ An", "Nghe An"),
    ("42", "Hà Tĩnh", "Ha Tinh"), ("44", "Quảng Bình", "Quang Binh"), ("45", "Quảng Trị", "Quang Tri"),
    ("46", "Thừa Thiên Huế", "Thua Thien Hue"), ("48", "Đà Nẵng", "Da Nang"), ("49", "Quảng Nam", "Quang Nam"),
    ("51", "Quảng Ngãi", "Quang Ngai"), ("52", "Bình Định", "Binh Dinh"), ("54", "Phú Yên", "Phu Yen"),
    ("56", "Khánh Hòa", "Khanh Hoa"), ("58", "Ninh Thuận", "Ninh Thuan"), ("60", "Bình Thuận", "Binh Thuan"),
    ("62", "Kon Tum", "Kon Tum"), ("64", "Gia Lai", "Gia Lai"), ("66", "Đắk Lắk", "Dak Lak"),
    ("67", "Đắk Nông", "Dak Nong"), ("68", "Lâm Đồng", "Lam Dong"), ("70", "Bình Phước", "Binh Phuoc"),
    ("72", "Tây Ninh", "Tay Ninh"), ("74", "Bình Dương", "Binh Duong"), ("75", "Đồng Nai", "Dong Nai"),
    ("77", "Bà Rịa - Vũng Tàu", "Ba Ria - Vung Tau"), ("79", "TP. Hồ Chí Minh", "Ho Chi Minh City"),
    ("80", "Long An", "Long An"), ("82", "Tiền Giang", "Tien Giang"), ("83", "Bến Tre", "Ben Tre"),
    ("84", "Trà Vinh", "Tra Vinh"), ("86", "Vĩnh Long", "Vinh Long"), ("87", "Đồng Tháp", "Dong Thap"),
    ("89", "An Giang", "An Giang"), ("91", "Kiên Giang", "Kien Giang"), ("92", "Cần Thơ", "Can Tho"),
    ("93", "Hậu Giang", "Hau Giang"), ("94", "Sóc Trăng", "Soc Trang"), ("95", "Bạc Liêu", "Bac Lieu"),
    ("96", "Cà Mau", "Ca Mau"),
]
FORMER = [  # gso_code, name, ascii, merged into (gso), merged year
    ("28", "Hà Tây", "Ha Tay", "01", 2008),
]
NAME = {g: n for g, n, _ in PROVINCES}
NAME.update({g: n for g, n, _, _, _ in FORMER})

# Spellings analysts type that do not fold to the official or ASCII name. Display form -> GSO code.
# (Folded forms of these are the `_ALIASES` of shared/datasets/tools/provnames.py, plus the examples
# in the project brief.)
ABBREVIATIONS = [
    ("Hanoi", "01"), ("TP. Hà Nội", "01"), ("TP Hà Nội", "01"),
    ("BRVT", "77"), ("Bà Rịa Vũng Tàu", "77"), ("Vũng Tàu", "77"),
    ("TP.HCM", "79"), ("TP HCM", "79"), ("TPHCM", "79"), ("HCM", "79"), ("HCMC", "79"),
    ("Hồ Chí Minh", "79"), ("TP Hồ Chí Minh", "79"), ("Thành phố Hồ Chí Minh", "79"), ("Ho Chi Minh", "79"),
    ("TT-Huế", "46"), ("TT-Hue", "46"), ("TT Huế", "46"), ("TTH", "46"), ("Huế", "46"), ("Thừa Thiên-Huế", "46"),
    ("Dak Lak", "66"), ("Đắc Lắc", "66"), ("Đắk Lắc", "66"), ("Đắc Lắk", "66"), ("Daklak", "66"),
    ("Đắc Nông", "67"), ("Bắc Cạn", "06"), ("Con Tum", "62"),
    ("TP. Cần Thơ", "92"), ("TP. Đà Nẵng", "48"), ("TP. Hải Phòng", "31"),
]

_KEY = {}
for _g, _n, _a in PROVINCES:
    _KEY[fold(_n)] = _g
    _KEY[fold(_a)] = _g
for _g, _n, _a, _, _ in FORMER:
    _KEY[fold(_n)] = _g
    _KEY[fold(_a)] = _g
for _alias, _g in ABBREVIATIONS:
    _KEY.setdefault(fold(_alias), _g)
assert len({g for g, _, _ in PROVINCES}) == 63


def gso_of(name):
    """GSO code for any spelling of a province name, or None."""
    if name is None:
        return None
    f = fold(name)
    if not f:
        return None
    if f in _KEY:
        return _KEY[f]
    for prefix in ("tinh", "thanhpho", "tp"):
        if f.startswith(prefix) and f[len(prefix):] in _KEY:
            return _KEY[f[len(prefix):]]
    return None


KIND_ORDER = {"official": 0, "ascii": 1, "former": 2, "abbreviation": 3, "source": 4}


class AliasCollector:
    """Collects every province spelling met in the sources, for province_aliases.csv."""

    def __init__(self):
        self.rows = {}      # display-key -> (alias, gso, kind)

    @staticmethod
    def key(s):
        return re.sub(r"\s+", " ", nfc(s).strip()).casefold()

    def add(self, alias, gso, kind):
        alias = re.sub(r"\s+", " ", nfc(str(alias)).strip())
        if not alias:
            return
        if gso_of(alias) != gso:
            fail("alias %r does not fold to GSO %s (folds to %s)" % (alias, gso, gso_of(alias)))
        k = self.key(alias)
        if k not in self.rows or KIND_ORDER[kind] < KIND_ORDER[self.rows[k][2]]:
            self.rows[k] = (alias, gso, kind)


ALIASES = AliasCollector()


def must_map(name, where):
    """GSO code of a province name met in a source; stops the build if the name is unknown."""
    g = gso_of(name)
    if g is None:
        fail("%s: province name %r cannot be mapped to a GSO code (if it is a real spelling, "
             "add it to ABBREVIATIONS in build_datasets.py)" % (where, name))
    return g


# ============================================================================ I/O helpers

def read_csv_dicts(path, **kw):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, **kw))


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else (nfc(v) if isinstance(v, str) else v) for v in r])
    return len(rows)


def fmt(x):
    """Numbers are written rounded to 6 decimals, trailing zeros dropped (73.53, 6.127856)."""
    s = "%.6f" % x
    s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def as_float(v):
    if v is None:
        return None
    if isinstance(v, float):
        return None if math.isnan(v) else v
    s = str(v).strip()
    if s == "":
        return None
    try:
        x = float(s)
    except ValueError:
        return "bad"
    return None if math.isnan(x) else x


# ============================================================================ provinces

def build_provinces(D):
    ref = os.path.join(D, "province-reference")
    # vietnamcode: GSO code (enterprise_census) <-> names
    vc = read_csv_dicts(os.path.join(ref, "vietnamcode", "vietnamcode_data.csv"))
    seen = set()
    for r in vc:
        if r["province_name"] in ("", "NA"):
            continue
        code = "%02d" % int(r["enterprise_census"])
        for col in ("province_name", "province_name_full", "province_name_diacritics"):
            g = must_map(r[col], "vietnamcode %s" % col)
            if g != code:
                fail("vietnamcode: %r has GSO %s, our table says %s" % (r[col], code, g))
            ALIASES.add(r[col], g, "source")
        seen.add(code)
    if seen != set(NAME):
        fail("vietnamcode GSO codes differ from ours: %s" % sorted(seen ^ set(NAME)))
    # ISO 3166-2
    iso = {}
    for r in read_csv_dicts(os.path.join(ref, "iso-codes", "iso_3166-2_VN.csv")):
        g = must_map(r["name"], "iso-codes")
        if g in iso:
            fail("iso-codes: two codes for GSO %s" % g)
        iso[g] = r["code"]
        ALIASES.add(r["name"], g, "source")
    # GSO yearbook table: region, area and population (2016 columns)
    path = os.path.join(ref, "choisy-gso", "Area, population and population density by province.csv")
    with open(path, encoding="utf-8-sig", newline="") as f:
        lines = f.read().splitlines()
    header = next(csv.reader([lines[2]], delimiter=";"))
    col_area = header.index("2016 (*) Area (Km2)")
    col_pop = header.index("2016 (*) Average population (Thous. pers.)")
    regions = {"Red River Delta", "Northern midlands and mountain areas",
               "Northern Central area and Central coastal area", "Central Highlands", "South East",
               "Mekong River Delta"}
    gso, region = {}, None
    for r in csv.reader(lines[3:], delimiter=";"):
        if not r or not r[0].strip():
            continue
        n = r[0].strip()
        if n == "WHOLE COUNTRY":
            continue
        if n in regions:
            region = n
            continue
        g = must_map(n, "GSO yearbook table")
        gso[g] = (region, r[col_area], r[col_pop])
        ALIASES.add(n, g, "source")
    rows = []
    for g, name, ascii_name in PROVINCES:
        if g not in iso or g not in gso:
            fail("province %s %s missing from iso-codes or the GSO table" % (g, name))
        region, area, pop = gso[g]
        rows.append([g, name, ascii_name, iso[g], region, fmt(float(area)), fmt(float(pop))])
        ALIASES.add(name, g, "official")
        ALIASES.add(ascii_name, g, "ascii")
    if len(rows) != 63 or len(set(iso.values())) != 63:
        fail("expected 63 provinces with 63 distinct ISO codes")
    former = []
    for g, name, ascii_name, into, year in FORMER:
        former.append([g, name, ascii_name, into, NAME[into], year])
        ALIASES.add(name, g, "former")
        ALIASES.add(ascii_name, g, "former")
    return rows, former


# ============================================================================ PCI

PCI_GUIDE_COLUMNS = [  # PCI_Import.csv column -> our component id
    ("Entry Costs", "market_entry"),
    ("Land Access and Security of Tenure", "land_access"),
    ("Transparency and Access to Information", "transparency"),
    ("Time Costs and Regulatory Compliance", "time_costs"),
    ("Informal Charges", "informal_charges"),
    ("Implementation and Consistency of Policies", "implementation_consistency"),
    ("Policy Bias", "policy_bias"),
    ("Proactivity of Provincial Leadership", "proactivity"),
    ("Business Support Services", "business_support"),
    ("Labor and Training", "labor_training"),
    ("Legal Institutions", "legal_institutions"),
    ("Weighted Col", "total"),
]
PCI_COMPONENTS = [c for _, c in PCI_GUIDE_COLUMNS]

# What the workbook header above each column must mention (folded), so that a shifted column in the
# guide cannot silently put one sub-index under another's name.
PCI_HEADER_KEYS = {
    "market_entry": ["gianhapthitruong"],
    "land_access": ["tiepcandatdai"],
    "transparency": ["minhbach"],
    "time_costs": ["thoigian"],
    "informal_charges": ["khongchinhthuc"],
    "implementation_consistency": ["thuchienchinhsach"],
    "policy_bias": ["uudai", "canhtranhbinhdang"],
    "proactivity": ["nangdong"],
    "business_support": ["hotro", "phattrienkhuvuckinhtetunhan", "phattrienkhuvuckttn"],
    "labor_training": ["daotaolaodong"],
    "legal_institutions": ["thietchephaply"],
    "total": ["cotrongso", "datrongso", "pci20", "pcicuoicung"],
}
PCI_EXPECTED_PROVINCES = {2005: 42, 2006: 64, 2007: 64, 2008: 64}   # 63 in every other year


def build_pci(D):
    raw = os.path.join(D, "mdtrinh-vietnamdata", "data-raw", "PCI")
    guide = read_csv_dicts(os.path.join(raw, "PCI_Import.csv"))
    out = []
    for g in guide:
        year = int(g["Year"])
        book = rawbooks.read(os.path.join(raw, "PCI_%d.%s" % (year, g["Type"])))
        sheet_name, cells = book[int(g["Sheet"]) - 1]
        begin, end, provcol = int(g["Begin Row"]), int(g["End Row"]), int(g["Province"])
        values = {}   # component -> {gso: value}
        for guide_col, comp in PCI_GUIDE_COLUMNS:
            if not g[guide_col]:
                continue
            c = int(g[guide_col])
            header = " ".join(str(cells.get(r, {}).get(c, "")) for r in range(1, begin))
            if comp == "total" and "chuaco" in fold(header):
                fail("PCI %d: weighted column %d is headed as unweighted: %r" % (year, c, header))
            if not any(k in fold(header) for k in PCI_HEADER_KEYS[comp]):
                fail("PCI %d sheet %r column %d should hold %s but is headed %r"
                     % (year, sheet_name, c, comp, header))
            pc = provcol if provcol else c - 1   # "pairs" layout: each column sorted, name on its left
            col = {}
            for r in range(begin, end + 1):
                row = cells.get(r, {})
                name, v = row.get(pc), as_float(row.get(c))
                if v == "bad":
                    fail("PCI %d row %d col %d: non-numeric %r" % (year, r, c, row.get(c)))
                if name is None or str(name).strip() == "":
                    if v is not None:
                        fail("PCI %d row %d col %d: value without province" % (year, r, c))
                    continue
                code = must_map(name, "PCI %d workbook" % year)
                ALIASES.add(name, code, "source")
                if code in col:
                    fail("PCI %d: %s appears twice in column %d" % (year, NAME[code], c))
                if v is None:
                    continue
                lo, hi = (0, 100) if comp == "total" else (0, 10)
                if not lo <= v <= hi:
                    fail("PCI %d %s %s = %r outside %s-%s" % (year, NAME[code], comp, v, lo, hi))
                col[code] = v
            values[comp] = col
        n_expected = PCI_EXPECTED_PROVINCES.get(year, 63)
        provinces = set(values["total"])
        if len(provinces) != n_expected:
            fail("PCI %d: %d provinces with a composite, expected %d" % (year, len(provinces), n_expected))
        for comp, col in values.items():
            if set(col) - provinces:
                fail("PCI %d: %s has provinces without a composite" % (year, comp))
        if ("28" in provinces) != (year <= 2008):
            fail("PCI %d: Hà Tây presence unexpected" % year)
        for code in sorted(provinces):
            for comp in PCI_COMPONENTS:
                if code in values.get(comp, {}):
                    out.append([year, code, NAME[code], comp, fmt(values[comp][code])])
    return out


PCI_TIERS = ["Rất tốt", "Tốt", "Khá", "Trung bình", "Tương đối thấp", "Thấp"]


def build_pci_ranks(D):
    """Published PCI rank ("Xếp hạng" / "Thứ hạng") and tier ("Nhóm xếp hạng") columns of the
    summary sheets, where a workbook has them: ranks 2005, 2007, 2009-2016; tiers 2007, 2010-2016."""
    raw = os.path.join(D, "mdtrinh-vietnamdata", "data-raw", "PCI")
    out = {}
    for g in read_csv_dicts(os.path.join(raw, "PCI_Import.csv")):
        year = int(g["Year"])
        book = rawbooks.read(os.path.join(raw, "PCI_%d.%s" % (year, g["Type"])))
        layouts = [(book[int(g["Sheet"]) - 1][1], int(g["Begin Row"]), int(g["End Row"]), int(g["Province"]))]
        if year == 2005:   # 2005 keeps its ranking on a separate first sheet "Xếp hạng theo chỉ số PCI"
            layouts.append((book[0][1], 2, 43, 1))
        for cells, begin, end, provcol in layouts:
            for c in sorted({c for r in range(1, begin) for c in cells.get(r, {})}):
                header = fold(" ".join(str(cells.get(r, {}).get(c) or "") for r in range(1, begin)))
                kind = ("rank" if header.startswith(("xephang", "thuhang")) else
                        "tier" if header.startswith("nhomxephang") else None)
                if kind is None:
                    continue
                nc = provcol
                if not nc:   # pairs layout: nearest column on the left that holds province names
                    nc = next(k for k in range(c - 1, 0, -1)
                              if sum(1 for r in range(begin, end + 1) if gso_of(cells.get(r, {}).get(k))) > 30)
                for r in range(begin, end + 1):
                    name, v = cells.get(r, {}).get(nc), cells.get(r, {}).get(c)
                    code = gso_of(name)
                    if code is None or v is None or str(v).strip() == "":
                        continue
                    rec = out.setdefault((year, code), {})
                    if kind == "rank":
                        x = as_float(v)
                        if x in (None, "bad") or not float(x).is_integer() or not 1 <= x <= 64:
                            fail("PCI %d: bad published rank %r for %s" % (year, v, NAME[code]))
                        rec["rank"] = int(x)
                    else:
                        t = nfc(str(v)).strip()
                        if t not in PCI_TIERS:
                            fail("PCI %d: unknown tier %r" % (year, t))
                        rec["tier"] = t
    return [[y, g, NAME[g], rec.get("rank"), rec.get("tier")] for (y, g), rec in sorted(out.items())]


# ============================================================================ PAPI

PAPI_DIMENSIONS = [  # hnks criteria code -> (our id, codebook name)
    ("C01", "participation"), ("C02", "transparency"), ("C03", "vertical_accountability"),
    ("C04", "control_of_corruption"), ("C05", "administrative_procedures"),
    ("C06", "public_service_delivery"), ("C07", "environmental_governance"), ("C08", "e_governance"),
]
PAPI_DIM_ID = dict(PAPI_DIMENSIONS)
PAPI_DIM_ORDER = [d for _, d in PAPI_DIMENSIONS]


def papi_label(code, year, label2018):
    """Sub-dimension label for the year. The hnks codebook uses the 2018+ structure for every year;
    earlier years held other sub-dimensions under some codes:
      * 2011-2017 SC21-SC23: Poverty lists / Communal budget / Land-use plans (SC24 unused),
        as in shared/datasets/tools/build_derived.py;
      * 2011-2015 SC32/SC33: People's Inspection Boards / Community Investment Supervision Boards;
      * 2016-2017 SC33: People's Inspection Boards. For 2016 this is the header of the official
        workbook (mdtrinh data-raw/PAPI/PAPI_2011-2016.xlsx, sheet 2016_PAPI: "People's Inspection
        Boards | Hiệu quả của Ban Thanh tra Nhân dân"); 2017 has the same score level (mean 1.31,
        2016 1.26) and differs from 2018+ "Access to Justice Services" (mean 1.91-1.94), so the
        2016 label is kept. (shared/datasets' derived file labels 2016-2017 SC33 "Access to
        Justice Services"; see Datasets/README.md.)"""
    if year <= 2017:
        if code == "SC21":
            return "Poverty List Transparency"
        if code == "SC22":
            return "Communal Budget Transparency"
        if code == "SC23":
            return "Transparent Land-Use Plan/Price Frames"
        if code == "SC32" and year <= 2015:
            return "People's Inspection Boards"
        if code == "SC33":
            return "Community Investment Supervision Boards" if year <= 2015 else "People's Inspection Boards"
    return label2018[code]


def build_papi(D):
    base = os.path.join(D, "hnks-ml-mcdm-papi", "data")
    prov = {}
    for r in read_csv_dicts(os.path.join(base, "codebook", "codebook_provinces.csv")):
        g = must_map(r["Variable_Name"], "hnks codebook_provinces")
        prov[r["Variable_Code"]] = g
        ALIASES.add(r["Variable_Name"], g, "source")
    if len(set(prov.values())) != 63:
        fail("hnks codebook: expected 63 distinct provinces")
    label2018, dim_of = {}, {}
    for r in read_csv_dicts(os.path.join(base, "codebook", "codebook_subcriteria.csv")):
        label2018[r["Variable_Code"]] = r["Variable_Name"]
        dim_of[r["Variable_Code"]] = PAPI_DIM_ID[r["Criteria_Code"]]
    # the official PAPI workbook 2011-2016 (mdtrinh): "tinhid" is the GSO code; check our mapping
    book = rawbooks.read(os.path.join(D, "mdtrinh-vietnamdata", "data-raw", "PAPI", "PAPI_2011-2016.xlsx"))
    for sheet, cells in book:
        for r in range(3, 66):
            row = cells.get(r, {})
            if row.get(1) in (None, "999"):
                continue
            code = "%02d" % int(float(row[1]))
            for c in (2, 3):
                g = must_map(row.get(c), "PAPI workbook %s" % sheet)
                if g != code:
                    fail("PAPI workbook %s: %r has tinhid %s, our table %s" % (sheet, row.get(c), code, g))
                ALIASES.add(row[c], g, "source")
    sub_rows, dim_rows = [], []
    for year in range(2011, 2025):
        rows = read_csv_dicts(os.path.join(base, "csv", "%d.csv" % year))
        if len(rows) != 63:
            fail("PAPI %d: %d rows, expected 63" % (year, len(rows)))
        codes = [c for c in rows[0].keys() if c != "Province"]
        present = [c for c in codes if any((r[c] or "").strip() for r in rows)]
        for r in rows:
            g = prov[r["Province"]]
            by_dim = {}
            for c in present:
                s = (r[c] or "").strip()
                v = as_float(s)
                if v == "bad":
                    fail("PAPI %d %s %s: non-numeric %r" % (year, r["Province"], c, s))
                if v is None:
                    by_dim.setdefault(dim_of[c], []).append(None)
                    continue
                if not 0 <= v <= 10:
                    fail("PAPI %d %s %s = %s outside 0-10" % (year, NAME[g], c, s))
                by_dim.setdefault(dim_of[c], []).append(v)
                sub_rows.append((year, g, dim_of[c], c, papi_label(c, year, label2018), s))
            dims = {}
            for d, vals in by_dim.items():
                if all(v is not None for v in vals):   # a dimension needs all of that year's sub-dimensions
                    dims[d] = math.fsum(vals)
            n_dims = 6 if year <= 2017 else 8
            if set(by_dim) != set(PAPI_DIM_ORDER[:n_dims]):
                fail("PAPI %d: dimensions present %s" % (year, sorted(by_dim)))
            for d in PAPI_DIM_ORDER:
                if d in dims:
                    if not 1 <= dims[d] <= 10:
                        fail("PAPI %d %s %s = %s outside 1-10" % (year, NAME[g], d, dims[d]))
                    dim_rows.append([year, g, NAME[g], d, fmt(dims[d])])
            if len(dims) == n_dims:
                dim_rows.append([year, g, NAME[g], "total", fmt(math.fsum(dims.values()))])
    order = {d: i for i, d in enumerate(PAPI_DIM_ORDER + ["total"])}
    dim_rows.sort(key=lambda r: (r[0], r[1], order[r[3]]))
    sub_rows.sort(key=lambda r: (r[0], r[1], order[r[2]], r[3]))
    sub_out = [[y, g, NAME[g], d, label, s] for (y, g, d, _c, label, s) in sub_rows]
    return dim_rows, sub_out


# ============================================================================ seed figures

SEED_FILES = {
    "000": "000_fda8228c0e6898b5.txt", "001": "001_17139f62d53db708.txt",
    "002": "002_e8a1be82c93e7240.txt", "003": "003_39a91de287b786f8.txt",
    "004": "004_6761a55b03c3e18b.txt",
}
# Verbatim sentences (or, for one very long sentence, its leading clauses up to a clause boundary).
QUOTES = {
    "000a": ("000", "Chỉ số CCHC (PAR INDEX) năm 2019, tỉnh Lai Châu đạt 79,51 điểm, xếp hạng 51/63 tỉnh, thành phố (tăng 7 hạng so với năm 2018)."),
    "000b": ("000", "4/8 Chỉ số thành phần tăng hạng với mức tăng hạng cao nhất là 28 hạng so với các tỉnh, thành phố."),
    "000c": ("000", "Năm 2019, Chỉ số năng lực cạnh tranh cấp tỉnh (PCI), tỉnh Lai Châu đạt 59,95 điểm, tăng 1,62 điểm."),
    "000d": ("000", "Các chỉ số thành phần cho thấy điểm số năm sau cơ bản tăng so với năm trước như chỉ số gia nhập thị trường tăng 0,83 điểm so với năm 2018 và đứng thứ 10/63."),
    "000e": ("000", "Tuy nhiên, về xếp hạng tỉnh Lai Châu giảm một hạng so với năm 2018 do điểm số thành phần của các tỉnh khác đều tăng hơn so với tỉnh Lai Châu."),
    "000f": ("000", "Đối với các sở, ban, ngành tỉnh được chia làm hai nhóm, trong đó nhóm các đơn vị xếp loại trên thang điểm 100 có 10 sở đạt loại tốt, 4 sở đạt loại khá và 1 sở đạt loại trung bình; nhóm các đơn vị xếp loại trên thang điểm dưới 100 có 1 đơn vị đạt loại tốt, 2 đơn vị đạt loại khá và 2 đơn vị đạt loại trung bình."),
    "000g": ("000", "Đối với các huyện, thành phố có 1 huyện đạt loại tốt; 6 huyện, thành phố đạt loại khá và 1 huyện đạt loại trung bình."),
    "000h": ("000", "Lai Châu tăng 7 bậc xếp hạng Chỉ số cải cách hành chính (PAR INDEX) và tăng 2,47% Chỉ số hài lòng về sự phục vụ hành chính (SIPAS) năm 2021"),
    "001a": ("001", "Công bố các chỉ số năm 2019, tỉnh Thái Nguyên đã đạt được kết quả nhất định: Chỉ số cải cách hành chính xếp thứ 14/63 tỉnh, thành, tăng 4 bậc so với năm 2018, chỉ số năng lực cạnh tranh cấp tỉnh PCI xếp thứ 12/63 tỉnh, thành, tăng 6 bậc so với năm 2018;"),
    "002a": ("002", "Với 80,47 điểm, tỉnh Đắk Lắk xếp vị thứ 27 (tăng 32 bậc so với năm 2021) về Chỉ số SIPAS; và xếp vị thứ 38 (hạ 2 bậc so với năm 2021) với 84,47 điểm về Chỉ số PAR INDEX."),
    "003a": ("003", "Theo đó, năm 2021 Lai Châu xếp hạng 56 với 61,22 điểm, trong nhóm tương đối thấp (gồm 7 tỉnh), tăng 1 bậc so với năm 2020 (xếp hạng 57 với 61,98 điểm trong nhóm trung bình)."),
    "003b": ("003", "Tỉnh xếp hạng trên các tỉnh: Quảng Bình, Ninh Bình, Hà Giang, Kiên Giang, Kon Tum, Hòa Bình, Cao Bằng."),
    "003c": ("003", "Nhiều chỉ số thành phần giảm điểm so với năm 2020 như: gia nhập thị trường, chi phí thời gian, chi phí không chính thức, cạnh tranh bình đẳng, đào tạo lao động, thiết chế pháp lý giảm…"),
    "003d": ("003", "Một số chỉ số tăng điểm là: dịch vụ hỗ trợ doanh nghiệp, tiếp cận đất đai, tính minh bạch."),
    "003e": ("003", "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) năm 2021 công bố dựa trên kết quả điều tra cảm nhận của hơn 10.000 doanh nghiệp dân doanh và 1.550 doanh nghiệp FDI về chất lượng điều hành kinh tế, môi trường kinh doanh tại 63 tỉnh, thành phố trong cả nước."),
    "004a": ("004", "Theo kết quả Chỉ số CCHC 2019 của các bộ, ngành, Ngân hàng Nhà nước Việt Nam đứng đầu và đứng cuối bảng xếp hạng chỉ số này là Bộ Giao thông vận tải."),
    "004b": ("004", "Kết quả Chỉ số CCHC năm 2019 của các tỉnh thì tỉnh Quảng Ninh đứng đầu cả nước, cuối cùng là tỉnh Bến Tre."),
    "004c": ("004", "Chỉ số cải cách hành chính tỉnh Lạng Sơn năm 2019 đạt 80,33/100 điểm, xếp hạng 42/63 tỉnh, thành phố; nằm trong nhóm B (nhóm đạt kết quả chỉ số CCHC từ trên 80% đến dưới 90%), giảm 16 hạng so với năm 2018."),
}

# One row per figure: (quote id, index, year, unit, measure, value, value_text, out_of, component,
#                      token that must occur in the quote, unit_level for non-provinces, note)
# value: number or None; rank_change > 0 = moved up (better), < 0 = moved down.
LC, TN, DL, LS = "Lai Châu", "Thái Nguyên", "Đắk Lắk", "Lạng Sơn"
VN = "Việt Nam"
DEPT_NOTE = ("Lai Châu's own PAR index of its departments and districts, announced 27/5/2020 together with "
             "the 2019 provincial results; the article does not state the year it covers")
SEEDS = [
    ("000a", "par_index", 2019, LC, "score", 79.51, None, None, None, "79,51 điểm", None, None),
    ("000a", "par_index", 2019, LC, "rank", 51, None, 63, None, "xếp hạng 51/63", None, None),
    ("000a", "par_index", 2019, LC, "rank_change", 7, None, None, None, "tăng 7 hạng", None, None),
    ("000b", "par_index", 2019, LC, "components_rank_up", 4, None, 8, None, "4/8 Chỉ số thành phần tăng hạng", None,
     "number of the 8 component indices whose rank improved"),
    ("000b", "par_index", 2019, LC, "max_component_rank_change", 28, None, None, None, "cao nhất là 28 hạng", None,
     "largest rank gain among the component indices (component not named)"),
    ("000c", "pci", 2019, LC, "score", 59.95, None, None, None, "59,95 điểm", None, None),
    ("000c", "pci", 2019, LC, "score_change", 1.62, None, None, None, "tăng 1,62 điểm", None, None),
    ("000d", "pci", 2019, LC, "score_change", 0.83, None, None, "market_entry", "gia nhập thị trường tăng 0,83 điểm", None, None),
    ("000d", "pci", 2019, LC, "rank", 10, None, 63, "market_entry", "đứng thứ 10/63", None, None),
    ("000e", "pci", 2019, LC, "rank_change", -1, None, None, None, "giảm một hạng", None,
     "written in words (một = one)"),
    ("000f", "dept_par_index", None, "Lai Châu: sở, ban, ngành tỉnh (thang điểm 100)", "grade_count", 10, "tốt", None, None,
     "10 sở đạt loại tốt", "department_group", DEPT_NOTE),
    ("000f", "dept_par_index", None, "Lai Châu: sở, ban, ngành tỉnh (thang điểm 100)", "grade_count", 4, "khá", None, None,
     "4 sở đạt loại khá", "department_group", DEPT_NOTE),
    ("000f", "dept_par_index", None, "Lai Châu: sở, ban, ngành tỉnh (thang điểm 100)", "grade_count", 1, "trung bình", None, None,
     "1 sở đạt loại trung bình", "department_group", DEPT_NOTE),
    ("000f", "dept_par_index", None, "Lai Châu: sở, ban, ngành tỉnh (thang điểm dưới 100)", "grade_count", 1, "tốt", None, None,
     "1 đơn vị đạt loại tốt", "department_group", DEPT_NOTE),
    ("000f", "dept_par_index", None, "Lai Châu: sở, ban, ngành tỉnh (thang điểm dưới 100)", "grade_count", 2, "khá", None, None,
     "2 đơn vị đạt loại khá", "department_group", DEPT_NOTE),
    ("000f", "dept_par_index", None, "Lai Châu: sở, ban, ngành tỉnh (thang điểm dưới 100)", "grade_count", 2, "trung bình", None, None,
     "2 đơn vị đạt loại trung bình", "department_group", DEPT_NOTE),
    ("000g", "dept_par_index", None, "Lai Châu: huyện, thành phố", "grade_count", 1, "tốt", None, None,
     "1 huyện đạt loại tốt", "district_group", DEPT_NOTE),
    ("000g", "dept_par_index", None, "Lai Châu: huyện, thành phố", "grade_count", 6, "khá", None, None,
     "6 huyện, thành phố đạt loại khá", "district_group", DEPT_NOTE),
    ("000g", "dept_par_index", None, "Lai Châu: huyện, thành phố", "grade_count", 1, "trung bình", None, None,
     "1 huyện đạt loại trung bình", "district_group", DEPT_NOTE),
    ("000h", "par_index", 2021, LC, "rank_change", 7, None, None, None, "tăng 7 bậc", None,
     "headline of a related article listed on the page (25/05/2022)"),
    ("000h", "sipas", 2021, LC, "score_change", 2.47, None, None, None, "tăng 2,47%", None,
     "headline of a related article listed on the page (25/05/2022); published as 'tăng 2,47%': "
     "whether percentage points or a relative change is not stated"),
    ("001a", "par_index", 2019, TN, "rank", 14, None, 63, None, "xếp thứ 14/63", None, None),
    ("001a", "par_index", 2019, TN, "rank_change", 4, None, None, None, "tăng 4 bậc", None, None),
    ("001a", "pci", 2019, TN, "rank", 12, None, 63, None, "xếp thứ 12/63", None, None),
    ("001a", "pci", 2019, TN, "rank_change", 6, None, None, None, "tăng 6 bậc", None, None),
    ("002a", "sipas", 2022, DL, "score", 80.47, None, None, None, "80,47 điểm", None, None),
    ("002a", "sipas", 2022, DL, "rank", 27, None, None, None, "xếp vị thứ 27", None, None),
    ("002a", "sipas", 2022, DL, "rank_change", 32, None, None, None, "tăng 32 bậc", None, None),
    ("002a", "par_index", 2022, DL, "score", 84.47, None, None, None, "84,47 điểm", None, None),
    ("002a", "par_index", 2022, DL, "rank", 38, None, None, None, "xếp vị thứ 38", None, None),
    ("002a", "par_index", 2022, DL, "rank_change", -2, None, None, None, "hạ 2 bậc", None, None),
    ("003a", "pci", 2021, LC, "rank", 56, None, None, None, "xếp hạng 56", None, None),
    ("003a", "pci", 2021, LC, "score", 61.22, None, None, None, "61,22 điểm", None, None),
    ("003a", "pci", 2021, LC, "group", None, "tương đối thấp", None, None, "nhóm tương đối thấp", None, None),
    ("003a", "pci", 2021, VN, "group_size", 7, "tương đối thấp", None, None, "gồm 7 tỉnh", "country",
     "number of provinces in the PCI 2021 group 'tương đối thấp'"),
    ("003a", "pci", 2021, LC, "rank_change", 1, None, None, None, "tăng 1 bậc", None, None),
    ("003a", "pci", 2020, LC, "rank", 57, None, None, None, "xếp hạng 57", None, None),
    ("003a", "pci", 2020, LC, "score", 61.98, None, None, None, "61,98 điểm", None, None),
    ("003a", "pci", 2020, LC, "group", None, "trung bình", None, None, "nhóm trung bình", None, None),
] + [
    ("003b", "pci", 2021, p, "ranked_below", None, LC, None, None, p, None,
     "ranked below Lai Châu (rank 56) in PCI 2021; own rank not stated")
    for p in ["Quảng Bình", "Ninh Bình", "Hà Giang", "Kiên Giang", "Kon Tum", "Hòa Bình", "Cao Bằng"]
] + [
    ("003c", "pci", 2021, LC, "score_change_direction", -1, "giảm", None, comp, words, None,
     "component score fell compared with 2020; size not stated")
    for comp, words in [("market_entry", "gia nhập thị trường"), ("time_costs", "chi phí thời gian"),
                        ("informal_charges", "chi phí không chính thức"), ("policy_bias", "cạnh tranh bình đẳng"),
                        ("labor_training", "đào tạo lao động"), ("legal_institutions", "thiết chế pháp lý")]
] + [
    ("003d", "pci", 2021, LC, "score_change_direction", 1, "tăng", None, comp, words, None,
     "component score rose compared with 2020; size not stated")
    for comp, words in [("business_support", "dịch vụ hỗ trợ doanh nghiệp"), ("land_access", "tiếp cận đất đai"),
                        ("transparency", "tính minh bạch")]
] + [
    ("003e", "pci", 2021, VN, "survey_domestic_firms", 10000, "hơn 10.000", None, None, "hơn 10.000 doanh nghiệp dân doanh",
     "country", "survey respondents: more than 10,000 domestic private firms"),
    ("003e", "pci", 2021, VN, "survey_fdi_firms", 1550, None, None, None, "1.550 doanh nghiệp FDI", "country",
     "survey respondents: foreign-invested firms"),
    ("003e", "pci", 2021, VN, "provinces_covered", 63, None, None, None, "tại 63 tỉnh", "country", None),
    ("004a", "par_index", 2019, "Ngân hàng Nhà nước Việt Nam", "position", None, "first", None, None,
     "Ngân hàng Nhà nước Việt Nam đứng đầu", "ministry", "top of the ministries' ranking"),
    ("004a", "par_index", 2019, "Bộ Giao thông vận tải", "position", None, "last", None, None,
     "đứng cuối bảng xếp hạng", "ministry", "bottom of the ministries' ranking"),
    ("004b", "par_index", 2019, "Quảng Ninh", "position", None, "first", None, None, "Quảng Ninh đứng đầu cả nước", None,
     "top of the provinces' ranking"),
    ("004b", "par_index", 2019, "Bến Tre", "position", None, "last", None, None, "cuối cùng là tỉnh Bến Tre", None,
     "bottom of the provinces' ranking"),
    ("004c", "par_index", 2019, LS, "score", 80.33, None, 100, None, "80,33/100 điểm", None, None),
    ("004c", "par_index", 2019, LS, "rank", 42, None, 63, None, "xếp hạng 42/63", None, None),
    ("004c", "par_index", 2019, LS, "group", None, "B", None, None, "nhóm B", None,
     "group B = from above 80% to below 90% of the maximum (same sentence)"),
    ("004c", "par_index", 2019, LS, "rank_change", -16, None, None, None, "giảm 16 hạng", None, None),
]
WORD_NUMBERS = {"giảm một hạng": 1}


def vn_number(x):
    """79.51 -> '79,51'; 10000 -> '10.000' (Vietnamese separators)."""
    x = abs(x)
    if float(x).is_integer():
        return "{:,}".format(int(x)).replace(",", ".")
    return ("%s" % x).replace(".", ",")


def squash(s):
    return re.sub(r"\s+", " ", nfc(s).replace("\u00a0", " ")).strip()


def build_seeds(S):
    texts = {}
    for k, fn in SEED_FILES.items():
        with open(os.path.join(S, fn), encoding="utf-8") as f:
            texts[k] = squash(f.read())
    for qid, (k, q) in QUOTES.items():
        if squash(q) not in texts[k]:
            fail("seed quote %s not found verbatim in %s: %r" % (qid, SEED_FILES[k], q))
    out, keys = [], set()
    for (qid, index, year, unit, measure, value, text, out_of, comp, token, level, note) in SEEDS:
        k, quote = QUOTES[qid]
        if token not in quote:
            fail("seed %s: token %r not in its quote" % (qid, token))
        numeric_in_text = measure != "score_change_direction" and token not in WORD_NUMBERS
        if value is not None and numeric_in_text and vn_number(value) not in token:
            fail("seed %s: value %r not written in token %r" % (qid, value, token))
        if out_of is not None and "/%d" % out_of not in token:
            fail("seed %s: out_of %r not in token %r" % (qid, out_of, token))
        g = None
        if level is None:
            g = gso_of(unit)
            if g is None or NAME[g] != unit:
                fail("seed %s: unit %r is not spelled as in provinces.csv" % (qid, unit))
            level = "province"
        key = (index, year, unit, comp, measure, text)
        if key in keys:
            fail("seed figure listed twice: %r" % (key,))
        keys.add(key)
        v = None if value is None else (str(value) if isinstance(value, int) else fmt(value))
        out.append([index, unit, level, g, year, comp, measure, v, text,
                    out_of, SEED_FILES[k], squash(quote), note])
    return out


# ============================================================================ coverage

def coverage_note(c):
    """Where a year's PCI figures come from and, for a partial year, what is missing."""
    y = c["year"]
    if y <= 2016:
        return "mdtrinh/vietnamdata PCI_%d workbook (CC0)" % y, None
    if y <= 2019:
        return "VCCI workbook PCI_%d.xlsx, read by chiso's xlsx reader" % y, None
    src = "VCCI's web pages (Datasets/sources/vcci-pci-web)"
    if c["provinces"] == c["of"]:
        return src, ("all %d composites and ranks (VCCI's %d ranking table); sub-indices for %d provinces only"
                     % (c["of"], y, c["component_provinces"]) if c["component_provinces"] < c["of"] else None)
    top30 = " From PCI 2023 VCCI publishes scores and ranks only for its top 30 provinces." if y >= 2023 else ""
    return src, ("VCCI's pages seen hold the PCI %d composite for %d of %d provinces (sub-indices for %d): a rank "
                 "computed among them is not VCCI's rank; use pci_ranks.%s"
                 % (y, c["provinces"], c["of"], c["component_provinces"], top30))


def write_coverage(path, pci, pci_ranks):
    """Rewrites the generated [[coverage]] block of pci.toml from the data."""
    cov = pci_recent.coverage(pci, pci_ranks, lambda y: PCI_EXPECTED_PROVINCES.get(y, 63))
    block = pci_recent.coverage_toml(cov, lambda y: coverage_note(next(c for c in cov if c["year"] == y)))
    with open(path, encoding="utf-8") as f:
        text = f.read()
    begin, end = text.find("# BEGIN coverage"), text.find("# END coverage")
    if begin < 0 or end < 0:
        fail("pci.toml lacks the '# BEGIN coverage' … '# END coverage' block")
    text = text[:begin] + block + text[end + len("# END coverage"):]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


# ============================================================================ main

def locate_shared(arg):
    cands = [arg] if arg else [os.path.join(os.path.dirname(REPO), "shared")]
    for c in cands:
        c = os.path.abspath(c)
        if os.path.isdir(os.path.join(c, "datasets", "mdtrinh-vietnamdata")):
            return os.path.join(c, "datasets"), os.path.join(c, "seeds")
        if os.path.isdir(os.path.join(c, "mdtrinh-vietnamdata")):
            return c, os.path.join(os.path.dirname(c), "seeds")
    fail("shared material not found at %s (use --shared DIR, the folder holding datasets/ and seeds/)"
         % cands[0])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", help="shared material folder (holds datasets/ and seeds/)")
    ap.add_argument("--out", default=os.path.join(REPO, "Datasets"), help="output folder")
    ap.add_argument("--chiso", help="the chiso binary that reads the 2017-2019 workbooks "
                                    "(default: $CHISO, .build/release/chiso, .build/debug/chiso, chiso on PATH)")
    a = ap.parse_args(argv)
    sources = os.path.join(REPO, "Datasets", "sources")
    stage = tempfile.mkdtemp(prefix="chiso-build-")
    try:
        D, S = locate_shared(a.shared)
        provinces, former = build_provinces(D)
        pci = build_pci(D)
        pci_ranks = [r + ["PCI_%d workbook (mdtrinh/vietnamdata)" % r[0]] for r in build_pci_ranks(D)]
        papi, papi_sub = build_papi(D)
        for alias, g in ABBREVIATIONS:
            ALIASES.add(alias, g, "abbreviation")
        # chiso reads VCCI's 2017-2019 workbooks; it maps names through the alias table built so far.
        write_csv(os.path.join(stage, "province_aliases.csv"), ["alias", "gso_code", "province", "kind"],
                  [[al, g, NAME[g], k] for al, g, k in sorted(ALIASES.rows.values())])
        chiso = pci_recent.Chiso(pci_recent.Chiso.locate(REPO, a.chiso, fail), stage, REPO)
        pci_wb, ranks_wb, pci_indicators, summary = pci_recent.build_workbooks(chiso, sources, NAME, fmt, fail)
        wb_ranks = {(r[0], r[1]): r[3] for r in ranks_wb}
        pci_web, ranks_web, web_checked = pci_recent.build_web(sources, NAME, must_map, ALIASES, fmt, summary,
                                                               wb_ranks, fail)
        print("vcci-pci-web: %d values for 2017-2019 agree with VCCI's workbooks" % web_checked)
        pci += pci_wb + pci_web
        pci_ranks += ranks_wb + ranks_web
        merger, provinces_2025 = pci_recent.build_merger(sources, NAME, must_map, fold, fail)
        seeds = build_seeds(S)
    except BuildError as e:
        print("build_datasets: error: %s" % e, file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    os.makedirs(a.out, exist_ok=True)
    pci.sort(key=lambda r: (r[0], r[1], PCI_COMPONENTS.index(r[3])))
    pci_ranks.sort(key=lambda r: (r[0], r[1]))
    write_coverage(os.path.join(a.out, "pci.toml"), pci, pci_ranks)
    aliases = sorted(ALIASES.rows.values(), key=lambda r: (r[1], KIND_ORDER[r[2]], r[0]))
    counts = {
        "provinces.csv": write_csv(os.path.join(a.out, "provinces.csv"),
                                   ["gso_code", "province", "name_ascii", "iso_3166_2", "region", "area_km2",
                                    "population_thousand"], provinces),
        "former_provinces.csv": write_csv(os.path.join(a.out, "former_provinces.csv"),
                                          ["gso_code", "province", "name_ascii", "merged_into_gso_code",
                                           "merged_into_province", "merged_year"], former),
        "province_aliases.csv": write_csv(os.path.join(a.out, "province_aliases.csv"),
                                          ["alias", "gso_code", "province", "kind"],
                                          [[al, g, NAME[g], k] for al, g, k in aliases]),
        "pci.csv": write_csv(os.path.join(a.out, "pci.csv"),
                             ["year", "gso_code", "province", "component", "score"], pci),
        "pci_ranks.csv": write_csv(os.path.join(a.out, "pci_ranks.csv"),
                                   ["year", "gso_code", "province", "rank", "tier", "source"], pci_ranks),
        "pci_indicators.csv": write_csv(os.path.join(a.out, "pci_indicators.csv"),
                                        ["year", "gso_code", "province", "component", "column", "indicator", "value"],
                                        pci_indicators),
        "province_merger_2025.csv": write_csv(os.path.join(a.out, "province_merger_2025.csv"),
                                              ["gso_code", "province", "new_code", "new_province", "type"], merger),
        "provinces_2025.csv": write_csv(os.path.join(a.out, "provinces_2025.csv"),
                                        ["gso_code", "province", "official_name", "kind", "old_provinces"],
                                        provinces_2025),
        "papi.csv": write_csv(os.path.join(a.out, "papi.csv"),
                              ["year", "gso_code", "province", "component", "score"], papi),
        "papi_subdimensions.csv": write_csv(os.path.join(a.out, "papi_subdimensions.csv"),
                                            ["year", "gso_code", "province", "component", "subdimension", "score"],
                                            papi_sub),
        "seed_figures.csv": write_csv(os.path.join(a.out, "seed_figures.csv"),
                                      ["index", "unit", "unit_level", "gso_code", "year", "component", "measure",
                                       "value", "value_text", "out_of", "source", "quote", "note"], seeds),
    }
    for name, n in counts.items():
        print("%-24s %6d rows" % (name, n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
