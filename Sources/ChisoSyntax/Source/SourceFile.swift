/// A piece of query text with a name, as the user gave it: a REPL entry (`<repl:3>`), a script
/// (`Queries/rank.prql`) or `-c`. Spans index its UTF-8 bytes.
public struct SourceFile: Sendable {
  public let name: String
  public let text: String
  /// The id spans into this text carry.
  public let id: SourceID
  /// UTF-8 offset of the first byte of each line.
  public let lineStarts: [Int]

  public init(name: String, text: String) {
    self.name = name
    self.text = text
    id = SourceID(name: name)
    var starts = [0]
    for (offset, byte) in text.utf8.enumerated() where byte == UInt8(ascii: "\n") {
      starts.append(offset + 1)
    }
    lineStarts = starts
  }

  /// 1-based line and 1-based column in Characters of a byte offset.
  public func location(of offset: Int) -> (line: Int, column: Int) {
    let clamped = max(0, min(offset, text.utf8.count))
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
    }
    let utf8 = text.utf8
    let lineStart = utf8.index(utf8.startIndex, offsetBy: lineStarts[low])
    let target = utf8.index(utf8.startIndex, offsetBy: clamped)
    let column = text[lineStart..<target].count + 1
    return (low + 1, column)
  }

  /// The text of a 1-based line, without its line break.
  public func line(_ number: Int) -> Substring {
    guard number >= 1, number <= lineStarts.count else { return "" }
    let utf8 = text.utf8
    let start = utf8.index(utf8.startIndex, offsetBy: lineStarts[number - 1])
    var end =
      number < lineStarts.count
      ? utf8.index(utf8.startIndex, offsetBy: lineStarts[number] - 1) : utf8.endIndex
    if end > start, text.utf8[utf8.index(before: end)] == UInt8(ascii: "\r") {
      end = utf8.index(before: end)
    }
    return text[start..<end]
  }

  /// A span of this source.
  public func span(_ start: Int, _ end: Int) -> Span { Span(start, end, source: id) }

  /// Whether a span points into this text (or names no source).
  public func contains(_ span: Span) -> Bool { span.source == id || span.source == .unspecified }

  /// The source text a span covers.
  public func text(of span: Span) -> Substring {
    let utf8 = text.utf8
    let count = utf8.count
    let start = utf8.index(utf8.startIndex, offsetBy: max(0, min(span.start, count)))
    let end = utf8.index(utf8.startIndex, offsetBy: max(0, min(span.end, count)))
    return text[start..<max(start, end)]
  }
}
