import Foundation
import Testing

/// The everyday command lines are read without ArgumentParser (QuickArguments.swift); anything
/// unusual still goes to it. The same command line must mean the same either way: a trailing
/// `--` sends it to ArgumentParser (the quick reader declines it) without changing its meaning.
struct QuickArgumentsCLITests {
  static let lines: [[String]] = [
    ["--format", "csv", "-c", "from provinces | sort province | take 3 | select {gso_code, province}"],
    ["--format=json", "--data", "Datasets", "--quiet", "--command", "from provinces | take 2 | select {province}"],
    ["--format", "csv", "--precision", "3", "--round-exports", "--collation", "vi", "-c", "from provinces | sort province | take 2 | select {province, population_thousand}"],
    ["--format", "markdown", "--decimal-comma", "--ascii", "--warnings", "off", "--no-cache", "-c", "from provinces | take 2 | select {province, area_km2}"],
    ["--explain", "--max-memory", "2G", "-c", "from provinces | filter region == \"Red River Delta\" | take 1"],
    ["--format", "tsv", "--param", "n=2", "--lang", "vi", "-c", "let n = 1\nfrom provinces | take n | select {province}"],
  ]

  @Test(arguments: lines)
  func quickAndFullParsingAgree(line: [String]) throws {
    guard let quick = try CLITests.run(line), let full = try CLITests.run(line + ["--"]) else { return }
    #expect(quick.status == full.status)
    #expect(quick.stdout == full.stdout)
    #expect(quick.stderr == full.stderr)
    #expect(quick.status == 0, "\(quick.stderr)")
  }

  @Test func unusualLinesStillGetArgumentParsersErrors() throws {
    guard let r = try CLITests.run(["--format", "yaml", "-c", "from provinces"]) else { return }
    #expect(r.status != 0)
    #expect(r.stderr.contains("yaml"))
    guard let twice = try CLITests.run(["-c", "from provinces | take 1", "-c", "from provinces | take 2", "--format", "csv"]) else { return }
    guard let twiceFull = try CLITests.run(["-c", "from provinces | take 1", "-c", "from provinces | take 2", "--format", "csv", "--"]) else { return }
    #expect(twice.stdout == twiceFull.stdout && twice.status == twiceFull.status)
  }
}
