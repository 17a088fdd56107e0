import ChisoCore
import ChisoEngine
import ChisoSyntax
import Foundation
import Testing

/// PRQL's own integration queries, run on their Chinook data and compared with the results the
/// PRQL project recorded (vendored in `prql/` beside this file, Apache-2.0, with its LICENSE and
/// README; see the README for the format).
struct ConformanceTests {
  static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("prql")

  /// The two queries written in SQL (s-strings) are out of scope for the PRQL core.
  static let outOfScope: Set<String> = ["group_sort_derive_select_join", "group_sort_filter_derive_select_join"]

  static func queries() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("queries").path)) ?? []
    return names.filter { $0.hasSuffix(".prql") }.map { String($0.dropLast(5)) }.filter { !outOfScope.contains($0) }.sorted()
  }

  @Test func suiteIsComplete() throws {
    #expect(Self.queries().count == 29, "29 in-scope queries expected")
  }

  @Test(arguments: queries())
  func query(_ name: String) throws {
    let data = Self.root.appendingPathComponent("data/chinook").path
    var text = try String(contentsOf: Self.root.appendingPathComponent("queries/\(name).prql"), encoding: .utf8)
    text = text.replacingOccurrences(of: "data_file_root", with: data)
    let expected = try String(contentsOf: Self.root.appendingPathComponent("expected/\(name).csv"), encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let expectedLines = expected.last == "" ? Array(expected.dropLast()) : expected
    let session = Session(dataDirectories: [data])
    let table: Table
    do {
      table = try session.run(SourceFile(name: "\(name).prql", text: text))
    } catch {
      Issue.record("\(name) failed: \(error)")
      return
    }
    let got = (0..<table.rowCount).map { row in table.columns.map { Self.cell($0.value(at: row)) }.joined(separator: ",") }
    #expect(got.count == expectedLines.count, "\(name): \(got.count) rows, expected \(expectedLines.count)")
    for (index, (a, b)) in zip(got, expectedLines).enumerated() where !Self.sameLine(a, b) {
      Issue.record("\(name) row \(index + 1): got «\(a)», expected «\(b)»")
      break
    }
  }

  /// The harness's format: null empty, booleans 1/0.
  static func cell(_ value: Value) -> String {
    switch value {
    case .null: return ""
    case .bool(let b): return b ? "1" : "0"
    default: return value.description
    }
  }

  /// Equal as text, or field by field with numbers equal to ~1e-9 relative.
  static func sameLine(_ a: String, _ b: String) -> Bool {
    if a == b { return true }
    let x = a.split(separator: ",", omittingEmptySubsequences: false)
    let y = b.split(separator: ",", omittingEmptySubsequences: false)
    guard x.count == y.count else { return false }
    for (p, q) in zip(x, y) where p != q {
      guard let u = Double(p), let v = Double(q) else { return false }
      if abs(u - v) > 1e-9 * max(1, abs(u), abs(v)) { return false }
    }
    return true
  }
}
