/// A half-open range of UTF-8 byte offsets into a `SourceFile`.
public struct Span: Sendable, Hashable, CustomStringConvertible {
  public var start: Int
  public var end: Int

  public init(_ start: Int, _ end: Int) {
    self.start = start
    self.end = max(start, end)
  }

  /// The smallest span covering both.
  public func union(_ other: Span) -> Span { Span(min(start, other.start), max(end, other.end)) }

  public var description: String { "\(start)-\(end)" }
}
