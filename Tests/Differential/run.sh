#!/usr/bin/env bash
# Differential test: random PRQL pipelines through chiso and through prqlc → DuckDB.
#
#   Tests/Differential/run.sh --count 300 --seed 1      # N queries from a seed (see difftest.py --help)
#   Tests/Differential/run.sh --seed 1 --only 417       # one query again
#
# Creates .venv-diff/ with the pinned prqlc and duckdb from PyPI on first use. When they cannot be
# installed (no network, no venv module) it prints a SKIP note and exits 0, so that an offline CI
# run is not failed by the network; set CHISO_DIFF_REQUIRED=1 to make that an error. Mismatches
# exit 1. The chiso binary: $CHISO, else .build-diff/debug/chiso, else .build/debug/chiso.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=${CHISO_DIFF_VENV:-.venv-diff}
here=Tests/Differential

if ! "$venv/bin/python" -c 'import prqlc, duckdb' >/dev/null 2>&1; then
  log=$(mktemp)
  if ! { "${PYTHON:-python3}" -m venv "$venv" \
      && "$venv/bin/pip" install --quiet --disable-pip-version-check --timeout 20 --retries 1 \
        -r "$here/requirements.txt"; } >"$log" 2>&1; then
    echo "SKIP differential test: could not install prqlc and duckdb from PyPI into $venv (offline?):"
    tail -n 3 "$log" | sed 's/^/    /'
    rm -f "$log"
    [ "${CHISO_DIFF_REQUIRED:-0}" = 1 ] && exit 1
    exit 0
  fi
  rm -f "$log"
fi

if [ -z "${CHISO:-}" ]; then
  if [ -x .build-diff/debug/chiso ]; then CHISO=.build-diff/debug/chiso; else CHISO=.build/debug/chiso; fi
fi
export CHISO
exec "$venv/bin/python" "$here/difftest.py" "$@"
