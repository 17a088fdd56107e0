#!/usr/bin/env python3
"""Deterministic synthetic panel shaped like chiso's real PCI data, for benchmarks.

One row per (year, province, component), in that order, as `Datasets/pci.csv` is:

    year,gso_code,province,component,score,rank

- the 63 real provinces (GSO code and name, in `Datasets/provinces.csv` order);
- the 10 PCI components of the real data (nine sub-indices and `total`);
- years from 2005 on, as many as the size needs (63 × 10 = 630 rows a year): 21 years for
  `13k` (the real table's size), 1,588 for `1m`, 15,873 for `10m`;
- `score`: a province effect + a component level + a slow trend + noise, 6 decimals
  (sub-indices around 3–9, `total` around 50–70, as published);
- `rank`: competition rank of the score within (year, component), 1 = best, as published.

The same seed and sizes give byte-identical files (NumPy's PCG64 stream, fixed formatting).

    python generate.py --out Benchmarks/data --sizes 13k,1m,10m
"""

import argparse
import csv
import os
import shutil
import sys

import numpy as np

SEED = 7  # issue 7
COMPONENTS = [
    "market_entry", "land_access", "transparency", "time_costs", "informal_charges",
    "proactivity", "business_support", "labor_training", "legal_institutions", "total",
]
# Typical published level and spread of each component.
LEVELS = [7.6, 5.9, 5.8, 6.1, 6.0, 5.2, 5.3, 5.6, 5.4, 59.0]
SPREADS = [0.6, 0.7, 0.6, 0.8, 0.6, 0.9, 0.8, 0.7, 0.7, 4.0]
YEARS_FOR = {"13k": 21, "1m": 1588, "10m": 15873}
FIRST_YEAR = 2005


def provinces(repo):
    with open(os.path.join(repo, "Datasets", "provinces.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 63, len(rows)
    return [(r["gso_code"], r["province"]) for r in rows]


def years_for(size):
    if size in YEARS_FOR:
        return YEARS_FOR[size]
    rows = int(size.lower().replace("k", "000").replace("m", "000000"))
    return max(1, -(-rows // 630))


def generate(path, years, provs):
    rng = np.random.Generator(np.random.PCG64(SEED))
    p, c = len(provs), len(COMPONENTS)
    levels = np.array(LEVELS)
    spreads = np.array(SPREADS)
    province_effect = rng.normal(0.0, 1.0, size=p)  # the same province leads in every year
    chunk = 500  # years per block, to bound memory at 10M rows
    codes = [g for g, _ in provs]
    names = [n for _, n in provs]
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("year,gso_code,province,component,score,rank\n")
        for start in range(0, years, chunk):
            y = min(chunk, years - start)
            trend = 0.02 * np.arange(start, start + y) % 3.0  # a slow, bounded drift
            noise = rng.normal(0.0, 1.0, size=(y, p, c))
            score = levels + spreads * (0.7 * province_effect[None, :, None] + 0.7 * noise) + trend[:, None, None]
            score = np.round(np.clip(score, 0.0, 100.0), 6)
            # Competition rank within (year, component): 1 + number of strictly better scores.
            rank = 1 + (score[:, None, :, :] > score[:, :, None, :]).sum(axis=2)
            lines = []
            for yi in range(y):
                year = str(FIRST_YEAR + start + yi)
                s = score[yi]
                r = rank[yi]
                for pi in range(p):
                    prefix = f"{year},{codes[pi]},{names[pi]},"
                    srow = s[pi]
                    rrow = r[pi]
                    for ci in range(c):
                        lines.append(f"{prefix}{COMPONENTS[ci]},{srow[ci]:.6f},{rrow[ci]}\n")
            out.write("".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "data"))
    parser.add_argument("--sizes", default="13k,1m,10m")
    parser.add_argument("--force", action="store_true", help="regenerate existing files")
    args = parser.parse_args()
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    provs = provinces(repo)
    for size in args.sizes.split(","):
        folder = os.path.join(args.out, size)
        os.makedirs(folder, exist_ok=True)
        shutil.copyfile(os.path.join(repo, "Datasets", "provinces.csv"), os.path.join(folder, "provinces.csv"))
        path = os.path.join(folder, "panel.csv")
        years = years_for(size)
        stamp = os.path.join(folder, ".generated")
        want = f"seed={SEED} years={years} v2\n"
        if not args.force and os.path.exists(path) and os.path.exists(stamp) and open(stamp).read() == want:
            continue
        print(f"generating {path}: {years} years × 630 = {years * 630:,} rows", file=sys.stderr)
        generate(path + ".tmp", years, provs)
        os.replace(path + ".tmp", path)
        with open(stamp, "w") as f:
            f.write(want)


if __name__ == "__main__":
    main()
