/// A forgiving tokenizer for text being typed: unlike `ChisoSyntax.Lexer` it never fails, so it
/// can describe a half-written query (an open string, an unclosed bracket, a trailing `.`).
/// Offsets are UTF-8 byte offsets into the scanned text.
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

  static let operators: [String] = [
    "**", "//", "==", "!=", "<=", ">=", "~=", "??", "&&", "||", "->", "=>", "..",
    "+", "-", "*", "/", "%", "<", ">", "!", "=", "|", ",", ":", ".", "@",
  ]

  static func isIdentStart(_ b: UInt8) -> Bool {
    (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || b == 95 || b >= 0x80
  }
  static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
  static func isIdentContinue(_ b: UInt8) -> Bool { isIdentStart(b) || isDigit(b) }

  /// The tokens of `text`; comments and blanks are dropped, runs of newlines collapsed.
  static func scan(_ text: String) -> [Token] {
    let bytes = Array(text.utf8)
    var tokens: [Token] = []
    var i = 0
    func peek(_ k: Int) -> UInt8? { i + k < bytes.count ? bytes[i + k] : nil }
    while i < bytes.count {
      let b = bytes[i]
      let start = i
      if b == 32 || b == 9 || b == 13 { i += 1; continue }
      if b == UInt8(ascii: "#") {
        while i < bytes.count, bytes[i] != 10 { i += 1 }
        continue
      }
      if b == 10 {
        i += 1
        if tokens.last?.kind != .newline { tokens.append(Token(kind: .newline, start: start, end: i)) }
        continue
      }
      // A `\` continuing the previous line: drop the newline before it.
      if b == UInt8(ascii: "\\") {
        if tokens.last?.kind == .newline { tokens.removeLast() }
        i += 1
        continue
      }
      if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
        tokens.append(string(bytes, &i, prefix: nil))
        continue
      }
      if isIdentStart(b) {
        if let q = peek(1), q == UInt8(ascii: "\"") || q == UInt8(ascii: "'"),
          b == UInt8(ascii: "f") || b == UInt8(ascii: "r") || b == UInt8(ascii: "s")
        {
          i += 1
          var token = string(bytes, &i, prefix: b)
          token.start = start
          tokens.append(token)
          continue
        }
        // A dotted path: `a.b.c`, and a trailing `.` (the user is about to type the member).
        while i < bytes.count {
          if isIdentContinue(bytes[i]) {
            i += 1
          } else if bytes[i] == UInt8(ascii: "."), peek(1) != UInt8(ascii: "."),
            peek(1).map({ isIdentStart($0) || $0 == UInt8(ascii: "*") }) ?? true
          {
            i += 1
            if peek(0) == UInt8(ascii: "*") { i += 1; break }
          } else {
            break
          }
        }
        tokens.append(Token(kind: .word(String(decoding: bytes[start..<i], as: UTF8.self)), start: start, end: i))
        continue
      }
      if b == UInt8(ascii: "`") {
        i += 1
        let contentStart = i
        while i < bytes.count, bytes[i] != UInt8(ascii: "`"), bytes[i] != 10 { i += 1 }
        let name = String(decoding: bytes[contentStart..<i], as: UTF8.self)
        if i < bytes.count, bytes[i] == UInt8(ascii: "`") { i += 1 }
        tokens.append(Token(kind: .word(name), start: start, end: i))
        continue
      }
      if isDigit(b) || (b == UInt8(ascii: "@") && peek(1).map(isDigit) == true) {
        i += 1
        while i < bytes.count {
          let c = bytes[i]
          if isIdentContinue(c) || c == UInt8(ascii: "-") && bytes[start] == UInt8(ascii: "@")
            || c == UInt8(ascii: ":") && bytes[start] == UInt8(ascii: "@")
          {
            i += 1
          } else if c == UInt8(ascii: "."), peek(1).map(isDigit) == true {
            i += 1
          } else {
            break
          }
        }
        tokens.append(Token(kind: .number, start: start, end: i))
        continue
      }
      switch b {
      case UInt8(ascii: "("), UInt8(ascii: "{"), UInt8(ascii: "["):
        i += 1
        tokens.append(Token(kind: .open(b), start: start, end: i))
        continue
      case UInt8(ascii: ")"), UInt8(ascii: "}"), UInt8(ascii: "]"):
        i += 1
        tokens.append(Token(kind: .close(b), start: start, end: i))
        continue
      default: break
      }
      var matched = false
      for op in operators {
        let opBytes = Array(op.utf8)
        if i + opBytes.count <= bytes.count, Array(bytes[i..<(i + opBytes.count)]) == opBytes {
          i += opBytes.count
          tokens.append(Token(kind: .op(op), start: start, end: i))
          matched = true
          break
        }
      }
      if !matched {
        // Anything else (`;`, `$`, a stray byte): keep it as an operator so that positions hold.
        i += 1
        while i < bytes.count, bytes[i] & 0xC0 == 0x80 { i += 1 }
        tokens.append(Token(kind: .op(String(decoding: bytes[start..<i], as: UTF8.self)), start: start, end: i))
      }
    }
    return tokens
  }

  /// A string literal starting at `i` (the opening quote).
  private static func string(_ bytes: [UInt8], _ i: inout Int, prefix: UInt8?) -> Token {
    let start = i
    let quote = bytes[i]
    let raw = prefix == UInt8(ascii: "r")
    var triple = false
    if i + 2 < bytes.count, bytes[i + 1] == quote, bytes[i + 2] == quote {
      triple = true
      i += 3
    } else {
      i += 1
    }
    let contentStart = i
    while i < bytes.count {
      let c = bytes[i]
      if c == quote {
        if !triple {
          let content = String(decoding: bytes[contentStart..<i], as: UTF8.self)
          i += 1
          return Token(
            kind: .string(prefix: prefix, quote: quote, triple: false, closed: true, content: content),
            start: start, end: i)
        }
        if i + 2 < bytes.count, bytes[i + 1] == quote, bytes[i + 2] == quote {
          let content = String(decoding: bytes[contentStart..<i], as: UTF8.self)
          i += 3
          return Token(
            kind: .string(prefix: prefix, quote: quote, triple: true, closed: true, content: content),
            start: start, end: i)
        }
      }
      if c == UInt8(ascii: "\\"), !raw, i + 1 < bytes.count {
        i += 2
        continue
      }
      i += 1
    }
    let content = String(decoding: bytes[contentStart..<i], as: UTF8.self)
    return Token(
      kind: .string(prefix: prefix, quote: quote, triple: triple, closed: false, content: content),
      start: start, end: i)
  }
}
