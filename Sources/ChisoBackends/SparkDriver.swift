/// The Python program chiso starts for `--engine spark`: a PySpark session (local, or a
/// standalone cluster's master) that reads requests — JSON lines `{"setup": […], "sql": "…"}` —
/// on standard input and answers each with one JSON array per row, then `{"end": n}` (or
/// `{"error": "…"}`). Spark's own output goes to standard error.
enum SparkDriver {
  static let script = #"""
import json, os, sys, datetime, decimal

# Results go to the original standard output; everything else (Spark, the JVM) to stderr.
out = os.fdopen(os.dup(1), "w", encoding="utf-8")
os.dup2(2, 1)
sys.stdout = sys.stderr

from pyspark.sql import SparkSession

master = sys.argv[1] if len(sys.argv) > 1 else "local[2]"
spark = (SparkSession.builder.master(master).appName("chiso")
         .config("spark.sql.caseSensitive", "true")
         .config("spark.sql.session.timeZone", "UTC")
         .config("spark.sql.ansi.enabled", "true")
         .config("spark.ui.enabled", "false")
         .config("spark.ui.showConsoleProgress", "false")
         .config("spark.sql.shuffle.partitions", "2")
         # On a standalone cluster, leave cores for other sessions (an app takes all by default).
         .config("spark.cores.max", os.environ.get("CHISO_SPARK_CORES", "1"))
         .config("spark.executor.memory", os.environ.get("CHISO_SPARK_EXECUTOR_MEMORY", "768m"))
         .config("spark.driver.bindAddress", "127.0.0.1")
         .config("spark.driver.host", "127.0.0.1")
         .getOrCreate())
spark.sparkContext.setLogLevel("ERROR")

def cell(v):
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if isinstance(v, datetime.datetime):
        return v.isoformat(sep=" ")
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, decimal.Decimal):
        return str(v)
    return str(v)

out.write(json.dumps({"ready": spark.version}) + "\n")
out.flush()
for line in sys.stdin:
    if not line.strip():
        continue
    try:
        request = json.loads(line)
        for statement in request.get("setup", []):
            spark.sql(statement)
        n = 0
        for row in spark.sql(request["sql"]).toLocalIterator():
            out.write(json.dumps([cell(v) for v in row], ensure_ascii=False) + "\n")
            n += 1
        out.write(json.dumps({"end": n}) + "\n")
    except Exception as e:  # the message goes back to chiso, which shows it
        text = str(e).strip().split("\n")
        out.write(json.dumps({"error": " ".join(t.strip() for t in text[:6])[:2000]}) + "\n")
    out.flush()

# chiso closed the pipe: stop Spark and leave at once (a cluster's shutdown can linger).
try:
    spark.stop()
finally:
    os._exit(0)
"""#
}
