import ChisoCore
import ChisoPlan
import ChisoSyntax
import Foundation

enum Fixtures {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let datasets = packageRoot.appendingPathComponent("Datasets").path
  /// One session over the bundled data for all tests (tables load once).
  static let session = Session(dataDirectories: [datasets])

  static func plan(_ text: String) throws -> LogicalPlan {
    try session.plan(SourceFile(name: "<test>", text: text))
  }

  static func optimized(_ text: String) throws -> LogicalPlan {
    try session.optimizedPlan(SourceFile(name: "<test>", text: text))
  }

  /// The diagnostic a query's resolution raises.
  static func error(_ text: String) -> Diagnostic? {
    do throws(ChisoError) {
      _ = try session.plan(SourceFile(name: "<test>", text: text))
      return nil
    } catch {
      if case .query(let d) = error { return d }
      return nil
    }
  }
}
