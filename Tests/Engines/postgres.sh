#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server (Debian's postgresql; installed with apt-get when missing):
# initdb in a temporary folder, listening only on a unix socket there, trust authentication.
# Loads the bundled Datasets/ with `chiso load`, then runs the engine tests (conformance
# queries and case files) and every bundled lesson with `--engine postgresql://…`; the server
# is stopped at the end, whatever happens.
#   Tests/Engines/postgres.sh [path/to/chiso]
set -euo pipefail
cd "$(dirname "$0")/../.."
# On a shared machine, CHISO_BUILD_LOCK names the lock every Swift build and test run takes.
swift_test() { if [ -n "${CHISO_BUILD_LOCK:-}" ]; then flock "$CHISO_BUILD_LOCK" swift test "$@"; else swift test "$@"; fi; }
chiso=${1:-.build/debug/chiso}

if ! command -v pg_config >/dev/null || [ ! -x "$(pg_config --bindir)/initdb" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq postgresql libpq-dev >/dev/null
fi
bin=$(pg_config --bindir)
[ -x "$bin/initdb" ] || bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

dir=$(mktemp -d /tmp/chiso-pg.XXXXXX)
as_pg=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$dir"
  as_pg=(runuser -u postgres --)
fi
stop() {
  "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

"${as_pg[@]}" "$bin/initdb" -D "$dir/data" -U chiso --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c max_connections=20" start >/dev/null
"${as_pg[@]}" "$bin/createdb" -h "$dir" -U chiso indices
url="postgresql:///indices?host=$dir&user=chiso"
echo "postgres: $("$bin/postgres" --version), socket in $dir"

"$chiso" load "$url" Datasets/
"$chiso" load "$url" Tests/ConformanceTests/prql/data/chinook/

# Every bundled lesson, exercise and solution on PostgreSQL gives what it gives on chiso's engine
# (an exercise reads its answer from solutions/ beside it).
status=0
for lesson in Queries/lessons/*.prql Queries/lessons/solutions/*.prql; do
  expected="${lesson%.prql}.expected"
  [ -f "$expected" ] || continue
  if ! diff -q <("$chiso" --engine "$url" --format csv "$lesson" 2>&1) <("$chiso" --format csv "$lesson" 2>&1) >/dev/null; then
    echo "lesson differs on postgresql: $lesson"
    diff <("$chiso" --engine "$url" --format csv "$lesson" 2>&1) <("$chiso" --format csv "$lesson" 2>&1) | head -20 || true
    status=1
  else
    echo "lesson ok on postgresql: $lesson"
  fi
done

# Every solution passes its `check` on PostgreSQL (`chiso check` exits 0 only then).
if "$chiso" check --engine "$url" --quiet Queries/lessons/solutions/*.prql; then
  echo "solutions pass check on postgresql"
else
  echo "a solution fails check on postgresql"
  status=1
fi

report=$dir/report.tsv
CHISO_ENGINE_REPORT=$report CHISO_TEST_POSTGRES="$url" CHISO_ENGINES_ONLY=postgres \
  swift_test --skip-build --filter 'EngineConformanceTests|EngineCaseFileTests' || status=1
Tests/Engines/summary.sh "$report"
exit $status
