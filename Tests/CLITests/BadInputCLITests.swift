import Foundation
import Testing

/// The bad-input catalogue as the command line sees it: exit codes (0 success, 1 a query or data
/// error, 2 a usage error), scripts that fail halfway, unreadable scripts and input, and "nothing
/// lost": no query ever writes into `Datasets/`.
@Suite struct BadInputCLITests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The `chiso` built beside this test bundle (whatever the scratch path), else `.build/debug`.
  static var binary: String? {
    // The chiso processes these tests start never touch the user's real cache.
    setenv("XDG_CACHE_HOME", NSTemporaryDirectory() + "chiso-test-cache", 1)
    var candidates: [String] = []
    if let executable = Bundle.main.executablePath {
      var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
      for _ in 0..<4 {
        candidates.append(folder.appendingPathComponent("chiso").path)
        folder = folder.deletingLastPathComponent()
      }
    }
    candidates.append(packageRoot.appendingPathComponent(".build/debug/chiso").path)
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func run(_ arguments: [String], stdin: Data = Data()) throws -> Result? {
    guard let binary else {
      print("note: chiso binary not found; bad-input CLI tests skipped")
      return nil
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    process.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { $1 }
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    input.fileHandleForWriting.write(stdin)
    try input.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  static func scratch(_ name: String) -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("chiso-cli-\(getpid())-\(name)")
    try? FileManager.default.removeItem(at: url)
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func scriptThatFailsHalfwayPrintsWhatRanThenTheErrorAndStops() throws {
    let dir = Self.scratch("scripts")
    let first = dir.appendingPathComponent("1-ok.prql")
    let second = dir.appendingPathComponent("2-bad.prql")
    let third = dir.appendingPathComponent("3-never.prql")
    try "from provinces | filter gso_code == \"12\" | select {province}\n".write(to: first, atomically: true, encoding: .utf8)
    try "from provinces\nfilter gso_code == \"12\"\nselect {provnce}\n".write(to: second, atomically: true, encoding: .utf8)
    try "from provinces | take 1 | select {gso_code}\n".write(to: third, atomically: true, encoding: .utf8)
    guard let r = try Self.run(["--format", "csv", first.path, second.path, third.path]) else { return }
    #expect(r.status == 1)
    #expect(r.stdout == "province\nLai Châu\n")
    #expect(r.stderr == """
      error: unknown column `provnce`
       --> \(second.path):3:9
        |
      3 | select {provnce}
        |         ^^^^^^^ did you mean `province`?
        = help: available columns: gso_code, province, name_ascii, iso_3166_2, region, area_km2, population_thousand

      """)
  }

  @Test func unreadableScriptsAndInputAreErrors() throws {
    let dir = Self.scratch("unreadable")
    let latin1 = dir.appendingPathComponent("latin1.prql")
    try Data([0x66, 0x72, 0x6F, 0x6D, 0x20, 0xE0, 0x0A]).write(to: latin1)
    if let r = try Self.run([latin1.path]) {
      #expect(r.status == 1)
      #expect(r.stderr == "error: cannot read \(latin1.path): is not UTF-8 text\n")
    }
    let missing = dir.appendingPathComponent("missing.prql").path
    if let r = try Self.run([missing]) {
      #expect(r.status == 1)
      #expect(r.stderr == "error: cannot read \(missing): no such file\n")
    }
    if let r = try Self.run([], stdin: Data([0xFF, 0xFE, 0x00, 0x41])) {
      #expect(r.status == 1)
      #expect(r.stderr == "error: standard input is not UTF-8 text\n")
    }
    if let r = try Self.run([], stdin: Data()) {
      #expect(r.status == 1)
      #expect(r.stderr.hasPrefix("error: the query has no main pipeline"))
    }
  }

  @Test func usageErrorsExitTwo() throws {
    for arguments in [["--data", "/no/such/folder", "-c", "from pci"], ["--format", "xml", "-c", "from pci"], ["--frobnicate"], ["-c"]] {
      guard let r = try Self.run(arguments) else { return }
      #expect(r.status == 2, "\(arguments)")
      #expect(r.stdout.isEmpty, "\(arguments)")
      #expect(!r.stderr.isEmpty, "\(arguments)")
    }
  }

  @Test func queryAndDataErrorsExitOne() throws {
    let dir = Self.scratch("data")
    try Data([0x61, 0x0A, 0xE9, 0x0A]).write(to: dir.appendingPathComponent("latin1.csv"))
    for query in ["from pcii", "from pci | filter score > \"60\"", "from pci | select {province", "from latin1"] {
      guard let r = try Self.run(["--data", dir.path, "--data", "Datasets", "-c", query]) else { return }
      #expect(r.status == 1, "\(query)")
      #expect(r.stdout.isEmpty, "\(query)")
      #expect(r.stderr.hasPrefix("error: "), "\(query)")
    }
  }

  /// 256 unclosed braces used to overflow the parser's stack on the main thread of a debug build
  /// before its nesting limit (then 256) reported them; the limit is now 128.
  @Test
  func deeplyNestedBracesAreAnErrorNotACrash() throws {
    guard let r = try Self.run(["-c", "from pci | select " + String(repeating: "{", count: 300)]) else { return }
    #expect(r.status == 1)
    #expect(r.stderr.hasPrefix("error: "))
  }

  /// Nothing lost: whatever the queries (results, errors, file reads, scripts), the bundled data
  /// is byte for byte what it was, and nothing new appears beside it.
  @Test func queriesNeverWriteToDatasets() throws {
    let datasets = Self.packageRoot.appendingPathComponent("Datasets")
    func snapshot() throws -> [String: Data] {
      var out: [String: Data] = [:]
      let enumerator = FileManager.default.enumerator(atPath: datasets.path)
      while let relative = enumerator?.nextObject() as? String {
        var isDirectory: ObjCBool = false
        let path = datasets.appendingPathComponent(relative).path
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
          out[relative] = try Data(contentsOf: URL(fileURLWithPath: path))
        }
      }
      return out
    }
    let before = try snapshot()
    #expect(!before.isEmpty)
    let script = Self.scratch("nothing-lost").appendingPathComponent("s.prql")
    try "from pci | filter year == 2016 | group {component} (aggregate {n = count this})\n".write(to: script, atomically: true, encoding: .utf8)
    let runs: [[String]] = [
      ["--format", "csv", "-c", "from pci | sort {-score} | take 3"],
      ["--format", "json", "-c", "from papi | join side:left provinces (==gso_code) | take 5"],
      ["--format", "markdown", "-c", "from (read_csv \"Datasets/pci.csv\") | aggregate {n = count this}"],
      ["--format", "jsonl", "-c", "from seed_figures | derive {x = value * 2}"],
      ["-c", "from pci | filter yaer == 2016"],
      ["-c", "from (read_csv \"Datasets/nothing.csv\")"],
      ["--data", "Datasets", "--format", "tsv", script.path],
    ]
    for arguments in runs { _ = try Self.run(arguments) }
    let after = try snapshot()
    #expect(Set(after.keys) == Set(before.keys), "files appeared or vanished in Datasets/")
    for (name, data) in before where after[name] != data {
      Issue.record("Datasets/\(name) changed")
    }
  }
}
