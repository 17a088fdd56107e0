#!/usr/bin/env python3
"""Fills the expected blocks of chosen `.test` files from what the chiso CLI prints.

    python3 Tests/Differential/record_cases.py Tests/QueryTests/Cases/bad-input/*.test

`CHISO_RECORD=1 swift test --filter QueryTests` rewrites every case file; this rewrites only the
files named, so that recording one area never touches another's. Review the diff afterwards, and
run `swift test --filter QueryTests`: it is the judge (the CLI names the query `<command>`, the
test runner `<query>`, which this script accounts for).
"""

import os
import re
import subprocess
import sys

DATA_ERROR = re.compile(r"^error: (from_text|\S+\.(csv|tsv|json|txt))(:\d+:\d+)?: ")
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def parse(text):
    header, blocks = [], []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("query") or line == "error":
            kind = line
            i += 1
            query = []
            while i < len(lines) and lines[i] != "----":
                query.append(lines[i])
                i += 1
            i += 1
            while i < len(lines) and lines[i] != "":
                i += 1
            blocks.append((kind, "\n".join(query)))
        else:
            if not blocks:
                header.append(line)
            i += 1
    return header, blocks


def data_dir(header):
    for line in header:
        if line.startswith("# data:"):
            name = line[len("# data:"):].strip()
            if name == "chinook":
                return os.path.join(os.path.dirname(ROOT), "shared/conformance/prql/data/chinook")
            return os.path.join(ROOT, name)
    return os.path.join(ROOT, "Datasets")


def run(chiso, folder, kind, query):
    fmt = kind.split(" ")[1] if " " in kind else "csv"
    args = [chiso, "--data", folder, "-c", query]
    if kind != "error":
        args[1:1] = ["--format", fmt]
    p = subprocess.run(args, capture_output=True, env={**os.environ, "NO_COLOR": "1"}, cwd=ROOT)
    if kind == "error":
        out = p.stderr.decode("utf-8", "replace") if p.returncode != 0 else f"expected an error, got output"
    else:
        out = p.stdout.decode("utf-8", "replace") if p.returncode == 0 else p.stderr.decode("utf-8", "replace")
    out = out.replace("<command>", "<query>").rstrip("\n")
    lines = out.split("\n")
    if kind == "error" and DATA_ERROR.match(lines[0]):
        # A data error: the test runner prints the file's message alone, without the CLI's
        # "while reading the table named here" snippet.
        cut = next((i for i, l in enumerate(lines) if l.startswith(" --> ")), len(lines))
        out = "\n".join(lines[:cut])
    return out


def main():
    chiso = os.environ.get("CHISO") or os.path.join(ROOT, ".build-diff/debug/chiso")
    for path in sys.argv[1:]:
        text = open(path, encoding="utf-8").read()
        header, blocks = parse(text)
        folder = data_dir(header)
        out = "\n".join(header)
        if out and not out.endswith("\n"):
            out += "\n"
        for kind, query in blocks:
            out += f"{kind}\n{query}\n----\n{run(chiso, folder, kind, query)}\n\n"
        with open(path, "w", encoding="utf-8") as f:
            f.write(out)
        print(f"recorded {len(blocks)} blocks in {path}")


if __name__ == "__main__":
    main()
