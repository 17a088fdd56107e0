import ChisoCore
import ChisoEngine
import ChisoPlan
import ChisoSyntax
import Foundation
import Testing

/// Issue 12, "arguments validated from their declarations": every transform and verb in the
/// registry rejects an unknown named argument, a repeated one and, for each declared range, a
/// value just outside it — each with a located error naming the argument. The calls are made from
/// each record's own example, so a transform added later is checked without touching this test.
@Suite struct ArgumentValidationTests {
  static let datasets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Datasets").path
  let session = Session(dataDirectories: [ArgumentValidationTests.datasets])

  /// The records whose example ends with a call of the record itself (`… | robustness draws:100`),
  /// so that an argument appended to the example is an argument of that record.
  static var records: [TransformSpec] {
    Session.standardRegistry.records.filter { record in
      let last = record.example.split(separator: "|").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
      // (Balanced brackets: the step is not inside another's pipeline, `group {k} (… | window …)`.)
      let balanced = last.filter { $0 == "(" }.count == last.filter { $0 == ")" }.count
      return balanced && (last == record.name || last.hasPrefix(record.name + " "))
    }
  }

  /// The diagnostic a query ends with (resolving is enough: arguments are checked before any row
  /// is read).
  func diagnostic(_ text: String) -> Diagnostic? {
    do {
      _ = try session.plan(SourceFile(name: "<query>", text: text))
      return nil
    } catch {
      if case .query(let d) = error { return d }
      return nil
    }
  }

  @Test func theExamplesReachMostRecords() {
    // A guard on the guard: most records must be checked by the tests below.
    #expect(Self.records.count * 2 >= Session.standardRegistry.records.count, "\(Self.records.map(\.name))")
  }

  @Test(arguments: ArgumentValidationTests.records.map(\.name))
  func unknownNamedArgumentsAreRejected(_ name: String) throws {
    let record = try #require(Session.standardRegistry.records.first { $0.name == name })
    let query = record.example + " zzz_unknown:1"
    let d = try #require(diagnostic(query), "\(query) was accepted")
    #expect(d.code == "unknown-argument", "\(query): \(d.message)")
    let span = try #require(d.span, "\(query): no location")
    #expect(SourceFile(name: "<query>", text: query).text(of: span).hasPrefix("zzz_unknown"), "\(query): located elsewhere")
    #expect(d.message.contains("zzz_unknown"), "\(query): \(d.message)")
  }

  @Test(arguments: ArgumentValidationTests.records.map(\.name))
  func repeatedNamedArgumentsAreRejected(_ name: String) throws {
    let record = try #require(Session.standardRegistry.records.first { $0.name == name })
    guard let parameter = record.named.first(where: { Self.validValue($0) != nil }), let value = Self.validValue(parameter) else { return }
    let query = record.example + " \(parameter.name):\(value) \(parameter.name):\(value)"
    let d = try #require(diagnostic(query), "\(query) was accepted")
    #expect(d.code == "duplicate-argument", "\(query): \(d.message)")
    #expect(d.message.contains("`\(parameter.name):`"), "\(query): \(d.message)")
    #expect(d.span != nil, "\(query): no location")
  }

  @Test(arguments: ArgumentValidationTests.records.map(\.name))
  func valuesOutsideTheDeclaredRangeAreRejected(_ name: String) throws {
    let record = try #require(Session.standardRegistry.records.first { $0.name == name })
    for parameter in record.named {
      for value in Self.outsideValues(parameter) {
        // Each case in a fresh query: the record's example without the parameter, then it.
        let query = record.example + " \(parameter.name):\(value)"
        if record.example.contains(" \(parameter.name):") { continue }
        let d = try #require(diagnostic(query), "\(query) was accepted")
        #expect(["out-of-range", "bad-argument"].contains(d.code), "\(query): \(d.code) \(d.message)")
        #expect(d.message.contains("`\(parameter.name):`"), "\(query): \(d.message)")
        #expect(d.span != nil, "\(query): no location")
      }
    }
  }

  /// A value the parameter accepts, as PRQL text.
  static func validValue(_ p: Parameter) -> String? {
    switch p.kind {
    case .int(let range): return String(range?.lowerBound ?? 1)
    case .float(let range): return range.map { FloatFormat.shortest($0.lowerBound) } ?? "1.0"
    case .bool: return "true"
    case .choice(let options): return options.first
    default: return nil
    }
  }

  /// Values just outside the declared range (and non-finite numbers, and text for a number).
  static func outsideValues(_ p: Parameter) -> [String] {
    switch p.kind {
    case .int(let range?):
      var out = ["\"3\"", "1.5"]
      if range.lowerBound > .min { out.append("(\(range.lowerBound) - 1)") }
      if range.upperBound < .max { out.append("(\(range.upperBound) + 1)") }
      return out
    case .float(let range):
      var out = ["(1e308 * 10)", "\"x\""]
      if let range, range.lowerBound > -.greatestFiniteMagnitude { out.append("(\(FloatFormat.shortest(range.lowerBound)) - 0.5)") }
      if let range, range.upperBound < .greatestFiniteMagnitude { out.append("(\(FloatFormat.shortest(range.upperBound)) + 0.5)") }
      return out
    case .bool: return ["1", "\"yes\""]
    case .choice: return ["zzz_nothing"]
    default: return []
    }
  }
}
