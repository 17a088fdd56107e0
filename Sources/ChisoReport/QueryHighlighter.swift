import ChisoSyntax

/// Query text as highlighted HTML, from chiso's own lexer: keywords, the transform or function
/// that heads each step, strings, numbers, operators and comments each get a class
/// (`k`, `t`, `s`, `n`, `o`, `c`, `b`). The lexer's forgiving scan keeps going past text it
/// would reject (an open string, a stray character), which is marked `x`: the report shows the
/// error under the query.
enum QueryHighlighter {
  static func html(_ text: String) -> String {
    let tokens = Lexer.scan(text)
    let bytes = Array(text.utf8)
    func slice(_ from: Int, _ to: Int) -> String {
      let a = max(0, min(from, bytes.count))
      let b = max(a, min(to, bytes.count))
      return String(decoding: bytes[a..<b], as: UTF8.self)
    }
    var out = ""
    var position = 0
    for (index, token) in tokens.enumerated() {
      if token.kind == .eof { break }
      // Between tokens: spaces, line breaks, `\` continuations and comments.
      if token.span.start > position { out += gap(slice(position, token.span.start)) }
      let start = max(position, token.span.start)
      let end = max(start, token.span.end)
      let piece = slice(start, end)
      if let cls = cssClass(tokens, index) {
        out += "<span class=\"\(cls)\">" + HTML.escape(piece) + "</span>"
      } else {
        out += gap(piece)
      }
      position = end
    }
    if position < bytes.count { out += gap(slice(position, bytes.count)) }
    return out
  }

  /// Text between tokens: comments (`#` to the end of the line) get the comment class.
  static func gap(_ text: String) -> String {
    var out = ""
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
    while let line = lines.popFirst() {
      if let hash = line.firstIndex(of: "#") {
        out += HTML.escape(String(line[..<hash]))
        out += "<span class=\"c\">" + HTML.escape(String(line[hash...])) + "</span>"
      } else {
        out += HTML.escape(String(line))
      }
      if !lines.isEmpty { out += "\n" }
    }
    return out
  }

  static func cssClass(_ tokens: [Token], _ index: Int) -> String? {
    switch tokens[index].kind {
    case .keyword: return "k"
    case .integer, .float, .interval, .dateLiteral: return "n"
    case .string, .fstring, .sstring: return "s"
    case .boolean, .null: return "b"
    case .op: return "o"
    case .lparen, .rparen, .lbrace, .rbrace, .lbracket, .rbracket: return "p"
    case .newline, .eof: return nil
    case .incomplete, .unknown: return "x"
    case .ident: return isStepHead(tokens, index) ? "t" : "i"
    }
  }

  /// An identifier that starts a step (at the start of a line, after `|` or `(`) and is applied
  /// to something: a transform (`filter …`) or a function (`math.round 2`).
  static func isStepHead(_ tokens: [Token], _ index: Int) -> Bool {
    let before = index == 0 ? TokenKind.newline : tokens[index - 1].kind
    switch before {
    case .newline, .op("|"), .lparen: break
    default: return false
    }
    guard index + 1 < tokens.count else { return true }
    switch tokens[index + 1].kind {
    case .ident, .integer, .float, .string, .fstring, .lbrace, .lbracket, .lparen, .dateLiteral, .boolean, .null,
      .interval, .newline, .eof:
      return true
    default: return false
    }
  }
}
