import Foundation
import Testing

/// `--sql`, `--engine` and `chiso load` from a user's side.
struct EngineCLITests {
  @Test func sqlPrintsTheQueryForEachDialect() throws {
    let query = "from pci | filter year == 2016 && component == \"total\" | sort {-score} | take 3 | select {province, score}"
    guard let duck = try CLITests.run(["--sql", "duckdb", "-c", query]) else { return }
    #expect(duck.status == 0)
    #expect(duck.stdout.contains("ORDER BY"))
    #expect(duck.stdout.contains("LIMIT 3"))
    #expect(duck.stdout.hasSuffix(";\n"))
    guard let spark = try CLITests.run(["--sql", "spark", "-c", query]) else { return }
    #expect(spark.stdout.contains("`score` DESC NULLS LAST"))
    guard let bad = try CLITests.run(["--sql", "oracle", "-c", query]) else { return }
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("--sql takes duckdb, postgres or spark"))
  }

  @Test func sqlShowsWhichPartsRunOnChiso() throws {
    guard let r = try CLITests.run(["--sql", "postgres", "-c", "from pci | explain_rank 2015 2016"]) else { return }
    #expect(r.status == 0)
    #expect(r.stdout.contains("runs on chiso's engine"))
  }

  @Test func unknownEngineIsAUsageErrorWithTheChoices() throws {
    guard let r = try CLITests.run(["--engine", "oracle://scott:tiger@db", "-c", "from pci | take 1"]) else { return }
    #expect(r.status == 1)
    #expect(r.stderr.contains("unknown engine `oracle://scott:***@db`"))
    #expect(!r.stderr.contains("tiger"))
  }

  @Test func refusedPostgresConnectionIsExplainedWithoutThePassword() throws {
    guard let r = try CLITests.run(["--engine", "postgresql://ana:s3cret@127.0.0.1:1/indices?connect_timeout=2", "-c", "from pci | take 1"]) else { return }
    #expect(r.status == 1)
    #expect(r.stderr.contains("cannot connect to PostgreSQL at postgresql://ana:***@127.0.0.1:1/indices"))
    #expect(r.stderr.contains("help:"))
    #expect(!r.stderr.contains("s3cret"))
  }
}
