/// A message about the user's query or data, located by a span where one is known.
///
/// Raised where the fact is known, often deep down and without a span, and given its span by the
/// caller that holds the syntax node (`withSpanFallback`), as prqlc does.
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Severity: String, Sendable { case error, warning }

  public var severity: Severity
  /// The stable identifier (`.unknownColumn`) that tests, docs and translations key on.
  public var id: DiagnosticID
  public var message: String
  public var span: Span?
  /// Text printed under the caret, e.g. "did you mean `name`?".
  public var label: String?
  /// Lines printed after the snippet as `= help: …`.
  public var hints: [String]
  /// Further errors found after this one (the parser recovers and goes on), in source order.
  public var followUps: [Diagnostic]

  public init(
    _ id: DiagnosticID, _ message: String, span: Span? = nil, label: String? = nil, hints: [String] = [],
    severity: Severity = .error
  ) {
    self.id = id
    self.message = message
    self.span = span
    self.label = label
    self.hints = hints
    self.severity = severity
    followUps = []
  }

  /// The id's text (`unknown-column`).
  public var code: String { id.rawValue }

  /// This diagnostic with `span` if it has none yet.
  public func withSpanFallback(_ span: Span?) -> Diagnostic {
    var copy = self
    if copy.span == nil { copy.span = span }
    return copy
  }

  /// This diagnostic and its follow-ups, in order.
  public var all: [Diagnostic] {
    var first = self
    first.followUps = []
    return [first] + followUps.flatMap(\.all)
  }

  public var description: String { "\(severity.rawValue): \(message)" }
}

extension Diagnostic {
  /// "did you mean …" for `name` among `candidates`, by edit distance.
  public static func suggestion(for name: String, among candidates: [String]) -> String? {
    EditDistance.closest(to: name, among: candidates).map { "did you mean `\($0)`?" }
  }
}
