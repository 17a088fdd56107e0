import ChisoSyntax

/// The REPL's view of text being typed, made from `ChisoSyntax.Lexer.scan` — the parser's own
/// lexer in its forgiving mode — so that completion and completeness see exactly the tokens
/// the parser will. It only regroups them: a dotted path (`math.round`, `pci.`, `t.*`) is one
/// word, and a string keeps its quote, prefix and whether it is closed. Offsets are UTF-8 byte
/// offsets into the scanned text.
struct Scanner {
  enum Kind: Equatable {
    /// An identifier or dotted path (`score`, `math.round`, `pci.`), or a backticked name.
    case word(String)
    case number
    /// A string literal; `content` is the raw text after the opening quote(s).
    case string(prefix: UInt8?, quote: UInt8, triple: Bool, closed: Bool, content: String)
    case op(String)
    case open(UInt8)
    case close(UInt8)
    case newline
  }

  struct Token: Equatable {
    var kind: Kind
    var start: Int
    var end: Int

    var word: String? { if case .word(let w) = kind { return w } else { return nil } }
    func isOp(_ o: String) -> Bool { kind == .op(o) }
  }

  static func isIdentStart(_ b: UInt8) -> Bool {
    (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || b == 95 || b >= 0x80
  }
  static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
  static func isIdentContinue(_ b: UInt8) -> Bool { isIdentStart(b) || isDigit(b) }

  /// The tokens of `text`; comments and blanks are dropped, runs of newlines collapsed.
  static func scan(_ text: String) -> [Token] {
    let bytes = Array(text.utf8)
    let lexed = Lexer.scan(text).filter { $0.kind != .eof }
    var tokens: [Token] = []
    var i = 0
    while i < lexed.count {
      let token = lexed[i]
      let start = token.span.start
      let end = token.span.end
      func raw() -> [UInt8] { Array(bytes[max(0, min(start, bytes.count))..<max(0, min(end, bytes.count))]) }
      switch token.kind {
      case .ident(let name) where bytes.indices.contains(start) && bytes[start] == UInt8(ascii: "`"):
        tokens.append(Token(kind: .word(name), start: start, end: end))
      case .ident, .keyword, .boolean, .null:
        // A dotted path, adjacent pieces only: `a.b.c`, `t.*`, and a trailing `.` (the member
        // the user is about to type).
        var last = end
        var j = i + 1
        while j < lexed.count, lexed[j].kind == .op("."), lexed[j].span.start == last {
          last = lexed[j].span.end
          if j + 1 < lexed.count, lexed[j + 1].span.start == last {
            switch lexed[j + 1].kind {
            case .ident, .keyword, .boolean, .null:
              last = lexed[j + 1].span.end
              j += 2
              continue
            case .op("*"):
              last = lexed[j + 1].span.end
              j += 2
            default:
              j += 1
            }
          } else {
            j += 1
          }
          break
        }
        tokens.append(Token(kind: .word(String(decoding: bytes[start..<last], as: UTF8.self)), start: start, end: last))
        i = j
        continue
      case .integer, .float, .dateLiteral, .interval:
        tokens.append(Token(kind: .number, start: start, end: end))
      case .string, .fstring, .sstring:
        tokens.append(string(raw(), start: start, end: end, closed: true))
      case .incomplete(let text):
        let b = Array(text.utf8)
        if b.first == UInt8(ascii: "`") {
          tokens.append(Token(kind: .word(String(decoding: b.dropFirst(), as: UTF8.self)), start: start, end: end))
        } else if b.first == UInt8(ascii: "\"") || b.first == UInt8(ascii: "'")
          || (b.count > 1 && (b[1] == UInt8(ascii: "\"") || b[1] == UInt8(ascii: "'")))
        {
          tokens.append(string(b, start: start, end: end, closed: end < bytes.count || Self.closes(b)))
        } else {
          tokens.append(Token(kind: .number, start: start, end: end))
        }
      case .unknown(let text), .op(let text):
        tokens.append(Token(kind: .op(text), start: start, end: end))
      case .lparen: tokens.append(Token(kind: .open(UInt8(ascii: "(")), start: start, end: end))
      case .lbrace: tokens.append(Token(kind: .open(UInt8(ascii: "{")), start: start, end: end))
      case .lbracket: tokens.append(Token(kind: .open(UInt8(ascii: "[")), start: start, end: end))
      case .rparen: tokens.append(Token(kind: .close(UInt8(ascii: ")")), start: start, end: end))
      case .rbrace: tokens.append(Token(kind: .close(UInt8(ascii: "}")), start: start, end: end))
      case .rbracket: tokens.append(Token(kind: .close(UInt8(ascii: "]")), start: start, end: end))
      case .newline:
        if tokens.last?.kind != .newline { tokens.append(Token(kind: .newline, start: start, end: end)) }
      case .eof:
        break
      }
      i += 1
    }
    return tokens
  }

  /// Whether raw string text ends with its closing quote (a string with a bad escape does).
  static func closes(_ raw: [UInt8]) -> Bool {
    let q = raw.first.map(isIdentStart) == true ? 1 : 0
    guard raw.count > q else { return false }
    let quote = raw[q]
    let triple = raw.count >= q + 3 && raw[q + 1] == quote && raw[q + 2] == quote
    let open = q + (triple ? 3 : 1)
    guard raw.count >= open + (triple ? 3 : 1) else { return false }
    return raw.suffix(triple ? 3 : 1).allSatisfy { $0 == quote }
  }

  /// A string token from its raw text: prefix, quote, whether triple, and the content.
  static func string(_ raw: [UInt8], start: Int, end: Int, closed: Bool) -> Token {
    let q = raw.first.map(isIdentStart) == true ? 1 : 0
    let prefix: UInt8? = q == 1 ? raw[0] : nil
    let quote = raw.count > q ? raw[q] : UInt8(ascii: "\"")
    let triple = raw.count >= q + 3 && raw[q + 1] == quote && raw[q + 2] == quote && (!closed || raw.count >= q + 6)
    let open = min(raw.count, q + (triple ? 3 : 1))
    let close = closed ? max(open, raw.count - (triple ? 3 : 1)) : raw.count
    let content = String(decoding: raw[open..<close], as: UTF8.self)
    return Token(kind: .string(prefix: prefix, quote: quote, triple: triple, closed: closed, content: content), start: start, end: end)
  }
}
