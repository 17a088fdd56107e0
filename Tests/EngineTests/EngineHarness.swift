import ChisoBackends
import ChisoCore
import ChisoEngine
import ChisoPlan
import ChisoSyntax
import Foundation

/// Which engines this run can reach: DuckDB when its shell is in the project's virtualenv (or
/// CHISO_DUCKDB); PostgreSQL when CHISO_TEST_POSTGRES names a database (.ci/run starts one);
/// Spark when CHISO_TEST_SPARK names a master (`local[2]`, `spark://127.0.0.1:7077`).
enum EngineHarness {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let environment = ProcessInfo.processInfo.environment

  static var duckdbPath: String? {
    if let path = environment["CHISO_DUCKDB"] { return path }
    let venv = packageRoot.appendingPathComponent("Tests/Engines/.venv/bin/duckdb").path
    return FileManager.default.isExecutableFile(atPath: venv) ? venv : nil
  }

  static var engines: [String] {
    var out: [String] = []
    if duckdbPath != nil { out.append("duckdb") }
    if let pg = environment["CHISO_TEST_POSTGRES"], !pg.isEmpty { out.append(pg) }
    if let spark = environment["CHISO_TEST_SPARK"], !spark.isEmpty { out.append(spark.hasPrefix("spark") ? spark : "spark:" + spark) }
    // The PostgreSQL and Spark scripts run their engine alone.
    if let only = environment["CHISO_ENGINES_ONLY"], !only.isEmpty { out = out.filter { $0.contains(only) } }
    return out
  }

  /// Backends stay open for the whole run (Spark takes seconds to start), one per engine and
  /// data folder.
  nonisolated(unsafe) static var open: [String: any QueryBackend] = [:]
  static let lock = NSLock()

  static func session(engine: String, data: String) throws -> Session {
    let session = Session(dataDirectories: [data])
    lock.lock()
    defer { lock.unlock() }
    let key = engine + "|" + data
    if let backend = open[key] {
      session.backend = backend
      return session
    }
    if engine == "duckdb", let path = duckdbPath { setenv("CHISO_DUCKDB", path, 1) }
    let backend = try Engines.connect(engine, catalog: session.catalog)
    open[key] = backend
    session.backend = backend
    return session
  }

  /// A table's rows as text cells (the conformance harness's format: null empty, bools 1/0).
  static func rows(_ table: Table) -> [[String]] {
    (0..<table.rowCount).map { row in
      table.columns.map { column in
        switch column.value(at: row) {
        case .null: return ""
        case .bool(let b): return b ? "1" : "0"
        case let v: return v.description
        }
      }
    }
  }

  /// Equal as text, or as numbers to ~1e-9 relative (sums in another order).
  static func sameCell(_ a: String, _ b: String) -> Bool {
    if a == b { return true }
    guard let u = Double(a), let v = Double(b) else { return false }
    if u.isNaN && v.isNaN { return true }
    return abs(u - v) <= 1e-9 * max(1, abs(u), abs(v))
  }

  static func sameRow(_ a: [String], _ b: [String]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { sameCell($0, $1) }
  }

  enum Verdict: Equatable {
    case same
    /// The same rows in another order, where the query leaves the order open.
    case sameRowsOtherOrder
    case different(String)
    /// The engine refused a query its case file says it may refuse (`# engines: may refuse —
    /// why`): values at the edge of chiso's ranges, where an engine stops with a range error.
    case refused(String)
  }

  /// Compares rows given as CSV-like lines (the conformance suite's expected files: cells joined
  /// by commas, unquoted): equal as text, or cell by cell with numbers to 1e-9.
  static func compareLines(_ got: [[String]], _ expected: [String], ordered: Bool) -> Verdict {
    let lines = got.map { $0.joined(separator: ",") }
    func same(_ a: String, _ b: String) -> Bool {
      a == b || sameRow(a.components(separatedBy: ","), b.components(separatedBy: ","))
    }
    guard lines.count == expected.count else { return .different("\(lines.count) rows, expected \(expected.count)") }
    if zip(lines, expected).allSatisfy({ same($0, $1) }) { return .same }
    if zip(lines.sorted(), expected.sorted()).allSatisfy({ same($0, $1) }) { return .sameRowsOtherOrder }
    let k = lines.indices.first { !same(lines[$0], expected[$0]) } ?? 0
    return .different("row \(k + 1): got «\(lines[k])», expected «\(expected[k])»")
  }

  /// Compares an engine's rows with the expected ones: in order, or as multisets when the plan
  /// does not fix the order (no `sort` holds at its end).
  static func compare(_ got: [[String]], _ expected: [[String]], ordered: Bool) -> Verdict {
    if got.count == expected.count, zip(got, expected).allSatisfy({ sameRow($0, $1) }) { return .same }
    guard got.count == expected.count else { return .different("\(got.count) rows, expected \(expected.count)") }
    let a = got.map { $0.joined(separator: "\u{1}") }.sorted()
    let b = expected.map { $0.joined(separator: "\u{1}") }.sorted()
    let sameRows = zip(a, b).allSatisfy { x, y in
      sameRow(x.components(separatedBy: "\u{1}"), y.components(separatedBy: "\u{1}"))
    }
    if sameRows { return .sameRowsOtherOrder }
    if let k = got.indices.first(where: { !sameRow(got[$0], expected[$0]) }) {
      return .different("row \(k + 1): got «\(got[k].joined(separator: ","))», expected «\(expected[k].joined(separator: ","))»")
    }
    return .different("rows differ")
  }

  /// Whether a plan fixes its result's order (a sort that holds to the end).
  static func ordered(_ plan: LogicalPlan) -> Bool {
    var node = plan
    while true {
      switch node.node {
      case .sort, .topN: return true
      case .filter(let p, _), .derive(let p, _), .project(let p, _), .window(let p, _, _, _), .take(let p, _, _, _):
        node = p
      case .join(let l, _, _, _, _, _): node = l
      default: return false
      }
    }
  }
}
