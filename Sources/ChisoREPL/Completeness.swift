/// Whether the text so far is a whole query: brackets and strings closed, no trailing `|`.
public enum Completeness {
  /// Operators that cannot end a query: a line ending in one of them asks for more.
  static let continuing: Set<String> = [
    "|", "&&", "||", "??", "->", "=>", "=", "==", "!=", "<", "<=", ">", ">=", "~=", "+", "*", "/",
    "//", "%", "**", ",", ":",
  ]

  /// Whether Enter should run the buffer (true) or ask for a continuation line.
  ///
  /// Incomplete while a bracket, brace or parenthesis is open, a string is open, or the last
  /// token is `|` (or another operator that needs a right-hand side). Text with more closing
  /// than opening brackets is complete: running it shows the error.
  public static func isComplete(_ text: String) -> Bool {
    let tokens = Scanner.scan(text)
    var stack: [UInt8] = []
    for token in tokens {
      switch token.kind {
      case .open(let b): stack.append(b)
      case .close(let b):
        guard let top = stack.popLast(), matches(top, b) else { return true }
      case .string(_, _, _, let closed, _):
        if !closed { return false }
      default: break
      }
    }
    if !stack.isEmpty { return false }
    if let last = tokens.last(where: { $0.kind != .newline }), case .op(let o) = last.kind,
      continuing.contains(o)
    {
      return false
    }
    return true
  }

  /// Whether the text ends inside a triple-quoted string, where a blank line is content.
  public static func isInsideMultilineString(_ text: String) -> Bool {
    guard let last = Scanner.scan(text).last, case .string(_, _, let triple, let closed, _) = last.kind
    else { return false }
    return triple && !closed
  }

  static func matches(_ open: UInt8, _ close: UInt8) -> Bool {
    switch (open, close) {
    case (UInt8(ascii: "("), UInt8(ascii: ")")), (UInt8(ascii: "{"), UInt8(ascii: "}")),
      (UInt8(ascii: "["), UInt8(ascii: "]")):
      return true
    default: return false
    }
  }
}
