#!/usr/bin/env bash
# chiso beside DuckDB, polars and pandas: one command from a fresh machine.
#
#   Benchmarks/run.sh [--sizes 13k,1m,10m] [--reps N] [--reps-10m N] [--session-reps N]
#                     [--modes csv,warm,session] [--workloads a,b] [--engines …] [--no-check] [--chiso PATH]
#
# Builds chiso in release with the Swift runtime linked statically, not position-independent
# (scratch path .build-bench),
# makes Benchmarks/.venv with DuckDB (the CLI and the Python module), polars and pyarrow from PyPI,
# installs sqlite3 and a C compiler if missing, generates the synthetic panel into Benchmarks/data/
# (deterministic: fixed seed), then runs every workload on every engine in three settings — cold
# from CSV, warm from each engine's stored form, in session — and writes
# Benchmarks/results/latest.md (and latest.json).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
cd "$repo"

sizes="13k,10m"
chiso=""
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --sizes=*) sizes="${1#--sizes=}"; shift ;;
    --chiso) chiso="$2"; shift 2 ;;  # an already built binary: skip the build
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) args+=("$1"); shift ;;
  esac
done

if [[ -z "$chiso" ]]; then
  echo "== building chiso (release, .build-bench)" >&2
  # Static Swift runtime and a position-dependent executable: no 80k start-up relocations
  # (docs/performance.md, cold start).
  swift build -c release --scratch-path .build-bench --static-swift-stdlib -Xswiftc -Xclang-linker -Xswiftc -no-pie >&2
  chiso="$repo/.build-bench/release/chiso"
fi

venv="$here/.venv"
if [[ ! -x "$venv/bin/python" ]]; then
  echo "== creating $venv" >&2
  if ! python3 -m venv "$venv" >&2; then
    # Debian splits venv out of python3.
    sudo=""; [[ $(id -u) -eq 0 ]] || sudo=sudo
    $sudo apt-get update -qq >&2 && $sudo apt-get install -y -qq python3-venv >&2
    rm -rf "$venv" && python3 -m venv "$venv"
  fi
fi
if ! "$venv/bin/python" -c 'import duckdb, polars, pandas, numpy, pyarrow' 2>/dev/null || [[ ! -x "$venv/bin/duckdb" ]]; then
  echo "== installing benchmark packages" >&2
  "$venv/bin/pip" install --quiet --upgrade pip >&2
  "$venv/bin/pip" install --quiet -r "$here/requirements.txt" >&2
fi

# sqlite3 for the cold-start comparison; GNU time for each run's peak RSS.
missing=()
command -v sqlite3 >/dev/null || missing+=(sqlite3)
[[ -x /usr/bin/time ]] || missing+=(time)
command -v cc >/dev/null || missing+=(gcc)
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "== installing ${missing[*]}" >&2
  sudo=""; [[ $(id -u) -eq 0 ]] || sudo=sudo
  $sudo apt-get update -qq >&2 && $sudo apt-get install -y -qq "${missing[@]}" >&2
fi

echo "== generating data ($sizes)" >&2
"$venv/bin/python" "$here/generate.py" --out "$here/data" --sizes "$sizes"

echo "== running" >&2
exec "$venv/bin/python" "$here/bench.py" --sizes "$sizes" --chiso "$chiso" --duckdb "$venv/bin/duckdb" \
  --sqlite3 "$(command -v sqlite3)" ${args[@]+"${args[@]}"}
