#!/usr/bin/env bash
# Runs the conformance queries and the index verbs' case files on Spark: first a local Spark
# (local[2]), then a standalone master and one worker on loopback, both stopped at the end.
# Needs Java and Tests/Engines/.venv (setup.sh); prints SKIP and exits 0 without them.
set -euo pipefail
cd "$(dirname "$0")/../.."
# On a shared machine, CHISO_BUILD_LOCK names the lock every Swift build and test run takes.
swift_test() { if [ -n "${CHISO_BUILD_LOCK:-}" ]; then flock "$CHISO_BUILD_LOCK" swift test "$@"; else swift test "$@"; fi; }
venv=Tests/Engines/.venv
if ! command -v java >/dev/null || ! "$venv/bin/python" -c 'import pyspark' >/dev/null 2>&1; then
  echo "SKIP spark: needs java and pyspark (Tests/Engines/setup.sh)"
  exit 0
fi
spark_home=$("$venv/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')
export SPARK_HOME=$spark_home SPARK_LOCAL_IP=127.0.0.1 CHISO_SPARK_PYTHON=$venv/bin/python
status=0
report=$(mktemp /tmp/chiso-spark-report.XXXXXX)
export CHISO_ENGINE_REPORT=$report

echo "spark: local[2]"
CHISO_TEST_SPARK='local[2]' CHISO_ENGINES_ONLY=spark CHISO_ENGINE_CASES=verbs \
  swift_test --skip-build --filter 'EngineConformanceTests|EngineCaseFileTests' || status=1

echo "spark: standalone master and worker on 127.0.0.1"
logs=$(mktemp -d /tmp/chiso-spark.XXXXXX)
"$spark_home/bin/spark-class" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 7077 --webui-port 18080 \
  >"$logs/master.log" 2>&1 &
master=$!
"$spark_home/bin/spark-class" org.apache.spark.deploy.worker.Worker spark://127.0.0.1:7077 --host 127.0.0.1 \
  --cores 2 --memory 2g --webui-port 18081 >"$logs/worker.log" 2>&1 &
worker=$!
cleanup() { kill "$worker" "$master" 2>/dev/null || true; wait "$worker" "$master" 2>/dev/null || true; rm -rf "$logs" "$report"; }
trap cleanup EXIT
for _ in $(seq 1 60); do grep -q "Successfully registered with master" "$logs/worker.log" 2>/dev/null && break; sleep 1; done
CHISO_TEST_SPARK='spark://127.0.0.1:7077' CHISO_ENGINES_ONLY=spark CHISO_ENGINE_CASES=verbs \
  swift_test --skip-build --filter 'EngineConformanceTests|EngineCaseFileTests' || status=1
Tests/Engines/summary.sh "$report"
exit $status
