import ChisoBackends
import ChisoCore
import ChisoEngine
import ChisoSyntax
import Foundation
import Testing

/// PRQL's conformance queries (Tests/ConformanceTests/prql) through each engine this run can
/// reach, compared with the results the PRQL project recorded — the same answers chiso's own
/// engine gives (ConformanceTests). Where the query leaves the row order open, rows may come
/// in any order.
@Suite(.enabled(if: !EngineHarness.engines.isEmpty, "no SQL engine: run Tests/Engines/setup.sh (DuckDB), or .ci/run"))
struct EngineConformanceTests {
  static let root = EngineHarness.packageRoot.appendingPathComponent("Tests/ConformanceTests/prql")
  static let outOfScope: Set<String> = ["group_sort_derive_select_join", "group_sort_filter_derive_select_join"]

  static func queries() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("queries").path)) ?? []
    return names.filter { $0.hasSuffix(".prql") }.map { String($0.dropLast(5)) }.filter { !outOfScope.contains($0) }.sorted()
  }

  static func cases() -> [(String, String)] {
    EngineHarness.engines.flatMap { engine in queries().map { (engine, $0) } }
  }

  @Test(arguments: cases())
  func query(_ engine: String, _ name: String) throws {
    let data = Self.root.appendingPathComponent("data/chinook").path
    var text = try String(contentsOf: Self.root.appendingPathComponent("queries/\(name).prql"), encoding: .utf8)
    text = text.replacingOccurrences(of: "data_file_root", with: data)
    let expected = try String(contentsOf: Self.root.appendingPathComponent("expected/\(name).csv"), encoding: .utf8)
      .split(separator: "\n").map(String.init)
    let session = try EngineHarness.session(engine: engine, data: data)
    let source = SourceFile(name: "\(name).prql", text: text)
    let result: QueryResult
    do { result = try session.execute(source) } catch {
      Issue.record("\(engine) \(name) failed: \(error)")
      return
    }
    let ordered = result.plan.map(EngineHarness.ordered) ?? false
    let verdict = EngineHarness.compareLines(EngineHarness.rows(result.table), expected, ordered: ordered)
    EngineReport.record(engine: engine, suite: "conformance", name: name, verdict: verdict, ordered: ordered)
    switch verdict {
    case .same: break
    case .sameRowsOtherOrder:
      #expect(!ordered, "\(engine) \(name): the rows of a sorted result came in another order")
    case .different(let why), .refused(let why):
      Issue.record("\(engine) \(name): \(why)")
    }
  }
}

/// Per-engine tallies, printed at the end of the run for the report.
enum EngineReport {
  nonisolated(unsafe) static var lines: [String] = []
  static let lock = NSLock()

  static func record(engine: String, suite: String, name: String, verdict: EngineHarness.Verdict, ordered: Bool) {
    lock.lock()
    defer { lock.unlock() }
    let shown: String
    switch verdict {
    case .same: shown = "same"
    case .sameRowsOtherOrder: shown = ordered ? "ORDER DIFFERS" : "same rows (order open)"
    case .different(let why): shown = "DIFFERENT: \(why)"
    case .refused(let why): shown = "refused as documented: \(why)"
    }
    let flat = shown.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
    let line = "engine-result\t\(Redaction.redact(engine))\t\(suite)\t\(name)\t\(flat)"
    lines.append(line)
    if let path = ProcessInfo.processInfo.environment["CHISO_ENGINE_REPORT"] {
      if let handle = FileHandle(forWritingAtPath: path) {
        handle.seekToEndOfFile()
        handle.write(Data((line + "\n").utf8))
        try? handle.close()
      } else {
        _ = FileManager.default.createFile(atPath: path, contents: Data((line + "\n").utf8))
      }
    }
  }
}
