import ChisoSyntax

/// Whether the text so far is a whole query: brackets and strings closed, no trailing `|`.
public enum Completeness {
  /// Whether Enter should run the buffer (true) or ask for a continuation line.
  public static func isComplete(_ text: String) -> Bool {
    guard let tokens = try? Lexer.tokenize(text) else {
      return !text.contains("\"") && !text.contains("'")
    }
    var depth = 0
    for token in tokens {
      switch token.kind {
      case .lparen, .lbrace, .lbracket: depth += 1
      case .rparen, .rbrace, .rbracket: depth -= 1
      default: break
      }
    }
    let meaningful = tokens.filter { $0.kind != .newline && $0.kind != .eof }
    if let last = meaningful.last, case .op(let o) = last.kind, o == "|" { return false }
    return depth <= 0
  }
}

