/// A message about the user's query or data, located by a span where one is known.
///
/// Raised where the fact is known (often without a span), and given its span where the caller
/// holds the syntax node (`withSpanFallback`), as PRQL does.
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Severity: String, Sendable { case error, warning }

  public var severity: Severity
  /// A stable identifier (`unknown-column`) that tests and docs key on, so wording can improve.
  public var code: String
  public var message: String
  public var span: Span?
  /// Text printed under the caret, e.g. "did you mean `name`?".
  public var label: String?
  /// Lines printed after the snippet as `= help: …`.
  public var hints: [String]

  public init(
    _ code: String, _ message: String, span: Span? = nil, label: String? = nil, hints: [String] = [],
    severity: Severity = .error
  ) {
    self.code = code
    self.message = message
    self.span = span
    self.label = label
    self.hints = hints
    self.severity = severity
  }

  /// This diagnostic with `span` if it has none yet.
  public func withSpanFallback(_ span: Span?) -> Diagnostic {
    var copy = self
    if copy.span == nil { copy.span = span }
    return copy
  }

  public var description: String { "\(severity.rawValue): \(message)" }
}

extension Diagnostic {
  /// "did you mean …" for `name` among `candidates`, by edit distance.
  public static func suggestion(for name: String, among candidates: [String]) -> String? {
    EditDistance.closest(to: name, among: candidates).map { "did you mean `\($0)`?" }
  }
}
