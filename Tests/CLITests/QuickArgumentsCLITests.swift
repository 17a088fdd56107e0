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
    ["--chart", "bar", "--value", "area_km2", "--ascii", "-c", "from provinces | sort {-area_km2} | take 3 | select {province, area_km2}"],
  ]

  /// Every option of the root command must be known to the quick reader: one it does not set
  /// would make ArgumentParser trap on first use (`Can't read a value from a parsable argument`).
  @Test func theQuickReaderSetsEveryOption() throws {
    let sources = CLITests.packageRoot.appendingPathComponent("Sources/chiso")
    let main = try String(contentsOf: sources.appendingPathComponent("main.swift"), encoding: .utf8)
    let quick = try String(contentsOf: sources.appendingPathComponent("QuickArguments.swift"), encoding: .utf8)
    let root = main.components(separatedBy: "struct Chiso: ParsableCommand")[1].components(separatedBy: "mutating func run")[0]
    let lines = root.components(separatedBy: "\n")
    var names: [String] = []
    for (i, line) in lines.enumerated() where line.contains("@Option") || line.contains("@Flag") || line.contains("@Argument") {
      guard let declaration = lines[i...].first(where: { $0.contains(" var ") }) else { continue }
      let name = declaration.components(separatedBy: " var ")[1].prefix { $0.isLetter || $0.isNumber }
      names.append(String(name))
    }
    #expect(names.count >= 20, "options found: \(names)")
    for name in names { #expect(quick.contains("c.\(name) =") || quick.contains("$0.\(name) ="), "QuickArguments.swift does not set `\(name)`") }
  }

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
