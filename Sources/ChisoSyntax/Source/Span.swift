/// Which text a span points into: the query, a script file, a `--param` value, a verb's own
/// definition. Two sources with the same name are the same source.
public struct SourceID: Sendable, Hashable, CustomStringConvertible {
  public var rawValue: UInt64

  public init(rawValue: UInt64) { self.rawValue = rawValue }

  /// A span made without naming its source: it points into the text being rendered.
  public static let unspecified = SourceID(rawValue: 0)

  /// The id of a source by its name (FNV-1a, so ids are the same in every run).
  public init(name: String) {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in name.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    rawValue = hash == 0 ? 1 : hash
  }

  public var description: String { "#\(rawValue)" }
}

/// A half-open range of UTF-8 byte offsets into a `SourceFile`.
public struct Span: Sendable, Hashable, CustomStringConvertible {
  public var start: Int
  public var end: Int
  public var source: SourceID

  public init(_ start: Int, _ end: Int, source: SourceID = .unspecified) {
    self.start = start
    self.end = max(start, end)
    self.source = source
  }

  /// The smallest span covering both (in this span's source).
  public func union(_ other: Span) -> Span {
    guard other.source == source || other.source == .unspecified else { return self }
    return Span(min(start, other.start), max(end, other.end), source: source)
  }

  public var description: String { "\(start)-\(end)" }
}
