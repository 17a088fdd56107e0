import ChisoCore
import ChisoPlan
import ChisoSyntax
import Foundation

/// The answers an exercise is checked against: the `let` relations of its solution file.
///
/// A "your turn" file holds the task (its comments) and a starter query ending in `check answer`
/// that is not right yet; the answer relation (`let answer = (…)`) and a solved query live in
/// the solution file, `solutions/NAME.prql` beside it. So the student's copy gives nothing away,
/// and a student cannot change the answer they are graded against (`chiso check --key DIR`
/// grades against a teacher's folder of solutions instead).
public struct AnswerKey: Sendable {
  /// The solution file's path, as found.
  public var path: String
  public var source: SourceFile

  public init(path: String, text: String) {
    self.path = path
    source = SourceFile(name: path, text: text)
  }

  /// `solutions/NAME.prql` beside `path` (or `NAME.prql` in `folder` when given). A file that is
  /// itself in a `solutions` folder is its own key: nil.
  public static func solutionPath(for path: String, folder: String? = nil) -> String? {
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[..<$0]) } ?? ""
    let file = slash.map { String(path[path.index(after: $0)...]) } ?? path
    if let folder { return (folder.hasSuffix("/") ? folder : folder + "/") + file }
    if directory == "solutions" || directory.hasSuffix("/solutions") { return nil }
    return (directory.isEmpty ? "" : directory + "/") + "solutions/" + file
  }

  /// The key of the exercise at `path`, when its solution file exists and reads as UTF-8.
  public static func find(for path: String, folder: String? = nil) -> AnswerKey? {
    guard let candidate = solutionPath(for: path, folder: folder),
      let text = try? String(contentsOfFile: candidate, encoding: .utf8)
    else { return nil }
    return AnswerKey(path: candidate, text: text)
  }

  /// Whether a script checks against an `answer` it does not define (an exercise whose key is
  /// elsewhere).
  public static func needsKey(_ text: String) -> Bool {
    guard Grader.mentions("answer", text), Grader.mentions("check", text) else { return false }
    let document = ScriptDocument.parse(name: "<exercise>", text: text)
    return !document.cells.contains { $0.boundNames.contains("answer") }
  }

  /// The relations the key defines (`answer`), in order: its `let` statements that are not
  /// constants or functions.
  public var names: [String] {
    guard let query = try? Parser.parse(source) else { return [] }
    return query.statements.compactMap { statement in
      guard case .letBinding(let name, let value, _) = statement else { return nil }
      if case .lambda = value.kind { return nil }
      return Resolver.isConstant(value) ? nil : name
    }
  }

  /// Defines the key's `let` statements for the rest of `session` (an exercise's `check
  /// answer` then finds them); returns the names defined, for `remove(_:from:)`. Constants the
  /// relations use are defined too (a definition is kept as written, resolved when used).
  @discardableResult
  public func install(in session: Session) throws(ChisoError) -> [String] {
    // The definitions only: the solved query itself is not run here.
    var lines = ScriptDocument.lines(source.text)
    let document = ScriptDocument.parse(name: path, text: source.text)
    for cell in document.cells {
      for i in cell.mainLines where i < lines.count { lines[i] = "" }
    }
    let definitions = SourceFile(name: path, text: lines.joined(separator: "\n"))
    return try session.define(definitions).map(\.name)
  }

  /// Forgets the relations `install` defined.
  public static func remove(_ names: [String], from session: Session) {
    for name in names { session.undefine(name) }
  }
}
