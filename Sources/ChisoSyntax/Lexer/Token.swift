/// One lexical token with its span.
public struct Token: Sendable, Equatable {
  public var kind: TokenKind
  public var span: Span

  public init(_ kind: TokenKind, _ span: Span) {
    self.kind = kind
    self.span = span
  }
}

/// A part of an f-string: literal text, or an interpolated expression's source and its offset.
public enum FStringPart: Sendable, Equatable {
  case text(String)
  case expr(source: String, offset: Int)
}

public enum TokenKind: Sendable, Equatable {
  case ident(String)
  /// `let`, `func`, `case`, `prql`, `module`, `into`.
  case keyword(String)
  case integer(Int64)
  case float(Double)
  case string(String)
  case fstring([FStringPart])
  /// `s"…"`: SQL text, which chiso does not run; kept so the parser can say so.
  case sstring(String)
  case boolean(Bool)
  case null
  /// `@2019-05-27` / `@2019-05-27T10:00:00`: the text after `@`.
  case dateLiteral(String)
  /// `3days`: a count and a unit.
  case interval(Int64, String)
  /// Operators and punctuation: `+ - * / // % ** == != <= >= < > ~= ?? && || ! = -> => .. | , : .`
  case op(String)
  case lparen, rparen, lbrace, rbrace, lbracket, rbracket
  case newline
  case eof
  /// Only from `Lexer.scan`: text the lexer would reject (an open string, a bad escape), raw.
  case incomplete(String)
  /// Only from `Lexer.scan`: a character that starts no token (`;`, `$`).
  case unknown(String)

  /// How the token is named in "expected …, found …" messages.
  public var display: String {
    switch self {
    case .ident(let s): return "`\(s)`"
    case .keyword(let s): return "`\(s)`"
    case .integer(let i): return "`\(i)`"
    case .float(let d): return "`\(d)`"
    case .string: return "a string"
    case .fstring: return "an f-string"
    case .sstring: return "an s-string"
    case .boolean(let b): return "`\(b)`"
    case .null: return "`null`"
    case .dateLiteral(let s): return "`@\(s)`"
    case .interval(let n, let u): return "`\(n)\(u)`"
    case .op(let s): return "`\(s)`"
    case .lparen: return "`(`"
    case .rparen: return "`)`"
    case .lbrace: return "`{`"
    case .rbrace: return "`}`"
    case .lbracket: return "`[`"
    case .rbracket: return "`]`"
    case .newline: return "a new line"
    case .eof: return "the end of the query"
    case .incomplete(let raw): return "`\(raw)`"
    case .unknown(let raw): return "`\(raw)`"
    }
  }
}
