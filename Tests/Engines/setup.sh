#!/usr/bin/env bash
# Makes Tests/Engines/.venv with the SQL engines chiso's backends drive (requirements.txt):
# PyPI's duckdb-cli (the `duckdb` shell) and pyspark (Spark itself). chiso finds them there.
# Prints a SKIP note and exits 0 when PyPI cannot be reached (set CHISO_ENGINES_REQUIRED=1 to fail).
set -euo pipefail
cd "$(dirname "$0")"
venv=.venv
if "$venv/bin/python" -c 'import pyspark' >/dev/null 2>&1 && [ -x "$venv/bin/duckdb" ]; then
  exit 0
fi
log=$(mktemp)
if ! { "${PYTHON:-python3}" -m venv "$venv" \
    && "$venv/bin/pip" install --quiet --disable-pip-version-check --timeout 60 --retries 2 -r requirements.txt; } >"$log" 2>&1; then
  echo "SKIP engines: could not install duckdb-cli and pyspark from PyPI into Tests/Engines/$venv:"
  tail -n 3 "$log" | sed 's/^/    /'
  rm -f "$log"
  [ "${CHISO_ENGINES_REQUIRED:-0}" = 1 ] && exit 1
  exit 0
fi
rm -f "$log"
echo "engines: $("$venv/bin/duckdb" --version | head -1), pyspark $("$venv/bin/python" -c 'import pyspark; print(pyspark.__version__)')"
