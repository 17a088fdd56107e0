#!/usr/bin/env bash
# Per-engine tallies from the engine tests' report lines (CHISO_ENGINE_REPORT): for each engine
# and suite, how many queries gave the same answers as chiso's engine (or the PRQL project's
# recorded results), how many the same rows where the query leaves the order open, how many differ.
#   Tests/Engines/summary.sh REPORT_FILE
set -euo pipefail
[ -s "${1:-}" ] || { echo "engine summary: no results recorded"; exit 0; }
awk -F'\t' '
  { key = $2 " " $3; total[key]++
    if ($5 == "same") same[key]++
    else if ($5 ~ /^same rows/) open[key]++
    else if ($5 ~ /^refused as documented/) refused[key]++
    else { bad[key]++; if (shown[key]++ < 5) detail[key] = detail[key] "    " $4 ": " substr($5, 1, 160) "\n" } }
  END { for (k in total) {
          printf "engine %s: %d of %d same, %d same rows in an open order, %d refused as their case files allow, %d different\n", k, same[k], total[k], open[k], refused[k], bad[k]
          if (bad[k]) printf "%s", detail[k] } }' "$1" | sort
