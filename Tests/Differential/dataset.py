"""Tables for the differential test: chiso's own type inference, loaded identically into DuckDB.

The bundled `Datasets/`, PRQL's Chinook data and two small synthetic tables (`mix`, `mix_b`) that are
dense in nulls, ties, zeros, negatives, halves, empty text and non-ASCII text, which the real data has
few of. The synthetic tables are written to a temporary folder, never into `Datasets/`.
"""

from __future__ import annotations

import os
import random
import subprocess
from dataclasses import dataclass, field

DUCK_TYPES = {
    "int": "BIGINT",
    "float": "DOUBLE",
    "text": "VARCHAR",
    "bool": "BOOLEAN",
    "date": "DATE",
    "timestamp": "TIMESTAMP",
}

# Candidate unique keys (checked against the data at start-up; dropped when not unique).
KEYS = {
    "pci": ["year", "gso_code", "component"],
    "papi": ["year", "gso_code", "component"],
    "papi_subdimensions": ["year", "gso_code", "component", "subdimension"],
    "pci_ranks": ["year", "gso_code"],
    "provinces": ["gso_code"],
    "province_aliases": ["alias"],
    "former_provinces": ["gso_code"],
    "albums": ["album_id"],
    "artists": ["artist_id"],
    "customers": ["customer_id"],
    "employees": ["employee_id"],
    "genres": ["genre_id"],
    "invoice_items": ["invoice_line_id"],
    "invoices": ["invoice_id"],
    "media_types": ["media_type_id"],
    "playlist_track": ["playlist_id", "track_id"],
    "playlists": ["playlist_id"],
    "tracks": ["track_id"],
    "mix": ["id"],
    "mix_b": ["j"],
}

# Many-to-one joins: (left table, [left columns]) -> (right table, [right columns]). The right
# columns are the right table's unique key, so a join never multiplies rows.
FOREIGN_KEYS = [
    ("pci", ["gso_code"], "provinces", ["gso_code"]),
    ("papi", ["gso_code"], "provinces", ["gso_code"]),
    ("papi_subdimensions", ["gso_code"], "provinces", ["gso_code"]),
    ("pci_ranks", ["gso_code"], "provinces", ["gso_code"]),
    ("province_aliases", ["gso_code"], "provinces", ["gso_code"]),
    ("former_provinces", ["merged_into_gso_code"], "provinces", ["gso_code"]),
    ("seed_figures", ["gso_code"], "provinces", ["gso_code"]),
    ("pci_ranks", ["year", "gso_code"], "pci_ranks", ["year", "gso_code"]),
    ("pci", ["year", "gso_code", "component"], "papi", ["year", "gso_code", "component"]),
    ("papi_subdimensions", ["year", "gso_code", "component"], "papi", ["year", "gso_code", "component"]),
    ("tracks", ["album_id"], "albums", ["album_id"]),
    ("tracks", ["genre_id"], "genres", ["genre_id"]),
    ("tracks", ["media_type_id"], "media_types", ["media_type_id"]),
    ("albums", ["artist_id"], "artists", ["artist_id"]),
    ("invoice_items", ["track_id"], "tracks", ["track_id"]),
    ("invoice_items", ["invoice_id"], "invoices", ["invoice_id"]),
    ("invoices", ["customer_id"], "customers", ["customer_id"]),
    ("customers", ["support_rep_id"], "employees", ["employee_id"]),
    ("employees", ["reports_to"], "employees", ["employee_id"]),
    ("playlist_track", ["playlist_id"], "playlists", ["playlist_id"]),
    ("playlist_track", ["track_id"], "tracks", ["track_id"]),
    ("mix", ["k"], "mix_b", ["j"]),
    ("mix_b", ["j"], "mix", ["id"]),
]


@dataclass
class Column:
    name: str
    type: str
    nulls: int = 0
    distinct: int = 0
    samples: list = field(default_factory=list)  # non-null values, for literals


@dataclass
class TableInfo:
    name: str
    path: str
    columns: list
    rows: int
    key: list | None
    group: str  # "vn", "chinook" or "mix": queries stay within one group

    def column(self, name):
        return next(c for c in self.columns if c.name == name)


def chiso_types(chiso: str, data_dir: str, table: str) -> list[tuple[str, str]]:
    """Column names and types as chiso infers them (the table renderer's two header lines)."""
    out = subprocess.run(
        [chiso, "--data", data_dir, "--format", "table", "-c", f"from {table} | take 0"],
        capture_output=True, text=True, check=True, env={**os.environ, "NO_COLOR": "1"},
    ).stdout.splitlines()
    names = [c.strip() for c in out[1].split("│")[1:-1]]
    types = [c.strip() for c in out[2].split("│")[1:-1]]
    return list(zip(names, types))


def write_mix(folder: str, seed: int = 20240521) -> None:
    """Two small tables dense in the cases real data rarely has."""
    rng = random.Random(seed)

    def text_cell(v):
        if v is None:
            return ""
        return '"' + v.replace('"', '""') + '"'

    groups = ["a", "b", "B", "ä", "Đắk Lắk", "", None]
    words = ["alpha", "Alpha", "beta", " padded ", "Hà Nội", "Ha Noi", "x_y%z", "a,b", 'say "hi"',
             "ĐẮK", "đắk", "zeta", "Ω", "e\u0301", "\u00e9", "12", "007", None, None, ""]
    floats = [0.5, -0.5, 1.5, 2.5, -2.5, 0.0, 1.005, 2.675, 1e-3, 123456.789, 3.0, 3.0, -7.25, 0.1,
              1 / 3, 99.99, None, None]
    dates = ["2019-05-27", "2020-02-29", "2000-01-01", "1999-12-31", "2024-12-31", None]
    with open(os.path.join(folder, "mix.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("id,g,k,i,f,s,b,d\n")
        for i in range(1, 121):
            g = rng.choice(groups)
            k = rng.choice([-2, -1, 0, 1, 2, 3, 3, 4, None])
            iv = rng.choice([0, 0, 1, -1, 2, 5, -13, 13, 100, 7, 7, 42, -4, None, None])
            fv = rng.choice(floats)
            s = rng.choice(words)
            b = rng.choice(["true", "false", "false", ""])
            d = rng.choice(dates)
            cells = [str(i), text_cell(g), "" if k is None else str(k), "" if iv is None else str(iv),
                     "" if fv is None else repr(fv), text_cell(s), b, d or ""]
            f.write(",".join(cells) + "\n")
    with open(os.path.join(folder, "mix_b.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("j,label,w,g\n")
        for j in range(-2, 6):
            label = rng.choice(["one", "two", "three", None, "Two"])
            w = rng.choice([1.5, -0.5, 10.0, None, 2.25])
            g = rng.choice(groups)
            f.write(f"{j},{text_cell(label)},{'' if w is None else repr(w)},{text_cell(g)}\n")


class Datasets:
    def __init__(self, chiso: str, root: str, chinook: str, mix_dir: str, duck):
        self.dirs = {"vn": os.path.join(root, "Datasets"), "chinook": chinook, "mix": mix_dir}
        write_mix(mix_dir)
        self.tables: dict[str, TableInfo] = {}
        for group, folder in self.dirs.items():
            if not os.path.isdir(folder):
                continue
            for file in sorted(os.listdir(folder)):
                if not file.endswith(".csv"):
                    continue
                name = file[:-4]
                path = os.path.join(folder, file)
                cols = chiso_types(chiso, folder, name)
                spec = ", ".join(f"'{n}': '{DUCK_TYPES[t]}'" for n, t in cols)
                duck.execute(
                    f'CREATE TABLE "{name}" AS SELECT * FROM read_csv(\'{path}\', header=true, '
                    f"columns={{{spec}}}, auto_detect=false, delim=',', quote='\"', escape='\"', "
                    "allow_quoted_nulls=false)"
                )
                rows = duck.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
                columns = []
                for n, t in cols:
                    nulls, distinct = duck.execute(
                        f'SELECT count(*) - count("{n}"), count(DISTINCT "{n}") FROM "{name}"').fetchone()
                    samples = [r[0] for r in duck.execute(
                        f'SELECT DISTINCT "{n}" FROM "{name}" WHERE "{n}" IS NOT NULL ORDER BY "{n}" LIMIT 400'
                    ).fetchall()]
                    columns.append(Column(n, t, nulls, distinct, samples))
                key = KEYS.get(name)
                if key:
                    dup = duck.execute(
                        f'SELECT count(*) FROM (SELECT {", ".join(chr(34) + k + chr(34) for k in key)} '
                        f'FROM "{name}" GROUP BY ALL HAVING count(*) > 1)').fetchone()[0]
                    nullkey = duck.execute(
                        f'SELECT count(*) FROM "{name}" WHERE ' +
                        " OR ".join(f'"{k}" IS NULL' for k in key)).fetchone()[0]
                    if dup or nullkey:
                        key = None
                self.tables[name] = TableInfo(name, path, columns, rows, key, group)

    def data_args(self) -> list[str]:
        args = []
        for folder in self.dirs.values():
            if os.path.isdir(folder):
                args += ["--data", folder]
        return args
