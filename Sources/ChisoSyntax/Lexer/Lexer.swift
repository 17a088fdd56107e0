/// Turns query text into tokens with byte spans.
///
/// Newlines are tokens (the parser decides where they separate pipeline steps); comments and
/// `\` line continuations are dropped here. Errors are `Diagnostic`s with the offending span.
public struct Lexer {
  let bytes: [UInt8]
  private let base: Int
  private let source: SourceID
  var position = 0

  static let keywords: Set<String> = ["let", "func", "case", "prql", "module", "into"]
  static let intervalUnits: Set<String> = [
    "years", "months", "weeks", "days", "hours", "minutes", "seconds", "milliseconds",
    "microseconds",
  ]
  /// Operators, longest first so that `**` wins over `*`.
  static let operators: [String] = [
    "**", "//", "==", "!=", "<=", ">=", "~=", "??", "&&", "||", "->", "=>", "..",
    "+", "-", "*", "/", "%", "<", ">", "!", "=", "|", ",", ":", ".",
  ]

  /// A lexer over `text`, whose offsets start at `base` (for f-string interpolations).
  public init(_ text: String, base: Int = 0, source: SourceID = .unspecified) {
    bytes = Array(text.utf8)
    self.base = base
    self.source = source
  }

  /// All tokens, ending with `.eof`.
  public static func tokenize(_ text: String, base: Int = 0, source: SourceID = .unspecified) throws(Diagnostic) -> [Token] {
    var lexer = Lexer(text, base: base, source: source)
    return try lexer.run()
  }

  /// Tokens of text being typed, never failing: what the parser would see, with the parts it
  /// would reject kept as `.incomplete` (an open string, backtick name or interpolation, a bad
  /// escape or number — to the end of the text or of the bad part) and `.unknown` (a character
  /// that starts no token). The REPL's completer and completeness check read these, so one lexer
  /// serves both.
  public static func scan(_ text: String) -> [Token] {
    var lexer = Lexer(text)
    var tokens: [Token] = []
    while true {
      let before = lexer.position
      do {
        let token = try lexer.next()
        if token.kind == .newline, tokens.last?.kind == .newline { continue }
        tokens.append(token)
        if token.kind == .eof { return tokens }
      } catch {
        // Where the failed token started (after the blanks `next` skipped).
        var start = before
        while start < lexer.bytes.count, lexer.bytes[start] == 32 || lexer.bytes[start] == 9 { start += 1 }
        var end = max(error.span?.end ?? start + 1, start + 1)
        if error.id == .unexpectedCharacter {
          end = min(end, lexer.bytes.count)
          tokens.append(Token(.unknown(String(decoding: lexer.bytes[start..<end], as: UTF8.self)), lexer.span(start, end)))
        } else {
          // An open string or name runs to the end; a string with a bad escape to its closing
          // quote; anything else to the end of its bad part.
          if [.unterminatedString, .unterminatedIdentifier, .unterminatedInterpolation].contains(error.id) { end = lexer.bytes.count }
          if error.id == .badEscape { end = lexer.endOfString(from: start) }
          end = min(end, lexer.bytes.count)
          tokens.append(Token(.incomplete(String(decoding: lexer.bytes[start..<end], as: UTF8.self)), lexer.span(start, end)))
        }
        lexer.position = end
      }
    }
  }

  /// Just past the string literal starting at `start` (after an optional f/r/s prefix), or the
  /// end of the text if it never closes.
  func endOfString(from start: Int) -> Int {
    var i = start
    if i < bytes.count, Lexer.isIdentStart(bytes[i]) { i += 1 }
    guard i < bytes.count else { return bytes.count }
    let quote = bytes[i]
    let triple = i + 2 < bytes.count && bytes[i + 1] == quote && bytes[i + 2] == quote
    i += triple ? 3 : 1
    while i < bytes.count {
      if bytes[i] == UInt8(ascii: "\\") {
        i += 2
        continue
      }
      if bytes[i] == quote {
        if !triple { return i + 1 }
        if i + 2 < bytes.count, bytes[i + 1] == quote, bytes[i + 2] == quote { return i + 3 }
      }
      i += 1
    }
    return bytes.count
  }

  mutating func run() throws(Diagnostic) -> [Token] {
    var tokens: [Token] = []
    while true {
      let token = try next()
      // Collapse runs of newlines; a `\` at the start of a line continues the previous one.
      if token.kind == .newline, tokens.last?.kind == .newline { continue }
      tokens.append(token)
      if token.kind == .eof { return tokens }
    }
  }

  func span(_ start: Int, _ end: Int) -> Span { Span(base + start, base + end, source: source) }

  private func peek(_ ahead: Int = 0) -> UInt8? {
    position + ahead < bytes.count ? bytes[position + ahead] : nil
  }

  private static func isIdentStart(_ b: UInt8) -> Bool {
    (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || b == 95 || b >= 0x80
  }
  private static func isIdentContinue(_ b: UInt8) -> Bool { isIdentStart(b) || isDigit(b) }
  private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

  mutating func next() throws(Diagnostic) -> Token {
    // A loop, not recursion, so that thousands of `\` continuations cannot exhaust the stack.
    continuation: while true {
      skipSpaceAndComments()
      let start = position
      guard let byte = peek(), byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") else { break }
      while let b = peek(), b == 10 || b == 13 || b == 32 || b == 9 {
        position += 1
        skipComment()
        // `\` as the first non-blank of a line joins it to the previous line.
        if peek() == UInt8(ascii: "\\") {
          position += 1
          continue continuation
        }
      }
      return Token(.newline, span(start, start + 1))
    }
    let start = position
    guard let byte = peek() else { return Token(.eof, span(start, start)) }

    if Lexer.isDigit(byte) { return try number() }
    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
      let text = try string()
      return Token(.string(text), span(start, position))
    }
    if byte == UInt8(ascii: "`") {
      position += 1
      let contentStart = position
      while let b = peek(), b != UInt8(ascii: "`"), b != 10 { position += 1 }
      guard peek() == UInt8(ascii: "`") else {
        throw Diagnostic(
          .unterminatedIdentifier, "unterminated quoted identifier", span: span(start, position),
          label: "this backtick has no closing backtick")
      }
      let name = String(decoding: bytes[contentStart..<position], as: UTF8.self)
      position += 1
      return Token(.ident(name), span(start, position))
    }
    if byte == UInt8(ascii: "@") { return try dateLiteral() }
    // “…” and ‘…’ (typed by word processors and chat apps) look like quotes but are letters to
    // an identifier: stop at them with a message instead of reading `“Hà` as a name.
    if byte == 0xE2, peek(1) == 0x80, let third = peek(2), [0x9C, 0x9D, 0x98, 0x99].contains(third) {
      throw Diagnostic(
        .unexpectedCharacter, "curly quotes are not string quotes", span: span(start, start + 3),
        label: "write \" (or ') here", hints: ["PRQL strings use straight quotes: \"Hà Nội\" or 'Hà Nội'"])
    }
    if Lexer.isIdentStart(byte) {
      // String prefixes: f"…", s"…", r"…".
      if let quote = peek(1), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"),
        byte == UInt8(ascii: "f") || byte == UInt8(ascii: "s") || byte == UInt8(ascii: "r")
      {
        position += 1
        let contentStart = position
        let raw = byte == UInt8(ascii: "r") || byte == UInt8(ascii: "f") || byte == UInt8(ascii: "s")
        let text = try string(raw: raw && byte == UInt8(ascii: "r"))
        switch byte {
        case UInt8(ascii: "f"): return Token(.fstring(try fstringParts(text, contentStart)), span(start, position))
        case UInt8(ascii: "s"): return Token(.sstring(text), span(start, position))
        default: return Token(.string(text), span(start, position))
        }
      }
      while let b = peek(), Lexer.isIdentContinue(b), !(b == 0xE2 && peek(1) == 0x80 && [0x9C, 0x9D, 0x98, 0x99].contains(peek(2) ?? 0)) {
        position += 1
      }
      let word = String(decoding: bytes[start..<position], as: UTF8.self)
      switch word {
      case "true": return Token(.boolean(true), span(start, position))
      case "false": return Token(.boolean(false), span(start, position))
      case "null": return Token(.null, span(start, position))
      default:
        if Lexer.keywords.contains(word) { return Token(.keyword(word), span(start, position)) }
        return Token(.ident(word), span(start, position))
      }
    }
    switch byte {
    case UInt8(ascii: "("): position += 1; return Token(.lparen, span(start, position))
    case UInt8(ascii: ")"): position += 1; return Token(.rparen, span(start, position))
    case UInt8(ascii: "{"): position += 1; return Token(.lbrace, span(start, position))
    case UInt8(ascii: "}"): position += 1; return Token(.rbrace, span(start, position))
    case UInt8(ascii: "["): position += 1; return Token(.lbracket, span(start, position))
    case UInt8(ascii: "]"): position += 1; return Token(.rbracket, span(start, position))
    default: break
    }
    for op in Lexer.operators where matches(op) {
      position += op.utf8.count
      return Token(.op(op), span(start, position))
    }
    // Unknown character: report the whole Character, not a byte of it.
    var end = position + 1
    while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
    let character = String(decoding: bytes[position..<end], as: UTF8.self)
    throw Diagnostic(
      .unexpectedCharacter, "unexpected character `\(character)`", span: span(start, end),
      label: character == ";" ? "PRQL separates steps with `|` or a new line" : nil)
  }

  private func matches(_ op: String) -> Bool {
    var offset = 0
    for b in op.utf8 {
      guard peek(offset) == b else { return false }
      offset += 1
    }
    return true
  }

  private mutating func skipSpaceAndComments() {
    while let b = peek() {
      if b == 32 || b == 9 {
        position += 1
      } else if b == UInt8(ascii: "#") {
        skipComment()
      } else {
        return
      }
    }
  }

  private mutating func skipComment() {
    guard peek() == UInt8(ascii: "#") else { return }
    while let b = peek(), b != 10 { position += 1 }
  }

  private mutating func number() throws(Diagnostic) -> Token {
    let start = position
    var isFloat = false
    func digits() { while let b = peek(), Lexer.isDigit(b) || b == UInt8(ascii: "_") { position += 1 } }
    digits()
    // A `.` followed by a digit is a decimal point; `1..5` is a range.
    if peek() == UInt8(ascii: "."), let d = peek(1), Lexer.isDigit(d) {
      isFloat = true
      position += 1
      digits()
    }
    if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
      let save = position
      position += 1
      if let s = peek(), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { position += 1 }
      if let d = peek(), Lexer.isDigit(d) {
        isFloat = true
        digits()
      } else {
        position = save
      }
    }
    let text = String(String(decoding: bytes[start..<position], as: UTF8.self).filter { $0 != "_" })
    // `3days`: an interval literal.
    if !isFloat, let b = peek(), Lexer.isIdentStart(b) {
      let unitStart = position
      while let c = peek(), Lexer.isIdentContinue(c) { position += 1 }
      let unit = String(decoding: bytes[unitStart..<position], as: UTF8.self)
      guard Lexer.intervalUnits.contains(unit), let count = Int64(text) else {
        throw Diagnostic(
          .badNumber, "`\(text)\(unit)` is not a number", span: span(start, position),
          hints: ["interval units are: " + Lexer.intervalUnits.sorted().joined(separator: ", ")])
      }
      return Token(.interval(count, unit), span(start, position))
    }
    if isFloat {
      guard let value = Double(text) else {
        throw Diagnostic(.badNumber, "`\(text)` is not a number", span: span(start, position))
      }
      return Token(.float(value), span(start, position))
    }
    guard let value = Int64(text) else {
      if let value = Double(text) { return Token(.float(value), span(start, position)) }
      throw Diagnostic(.badNumber, "`\(text)` is not a number", span: span(start, position))
    }
    return Token(.integer(value), span(start, position))
  }

  /// Reads a quoted string at `position` (single, double or triple quotes), handling escapes
  /// unless `raw`.
  private mutating func string(raw: Bool = false) throws(Diagnostic) -> String {
    let start = position
    guard let quote = peek() else { return "" }
    var quoteLength = 1
    if peek(1) == quote, peek(2) == quote {
      quoteLength = 3
    } else if peek(1) == quote {
      position += 2
      return ""
    }
    position += quoteLength
    var out: [UInt8] = []
    while true {
      guard let b = peek() else {
        throw Diagnostic(
          .unterminatedString, "unterminated string", span: span(start, start + quoteLength),
          label: "this quote is never closed")
      }
      if b == quote, (quoteLength == 1 || (peek(1) == quote && peek(2) == quote)) {
        position += quoteLength
        return String(decoding: out, as: UTF8.self)
      }
      if b == 10, quoteLength == 1 {
        throw Diagnostic(
          .unterminatedString, "unterminated string", span: span(start, start + 1),
          label: "this quote is never closed on its line")
      }
      if b == UInt8(ascii: "\\"), !raw, let e = peek(1) {
        position += 2
        switch e {
        case UInt8(ascii: "n"): out.append(10)
        case UInt8(ascii: "t"): out.append(9)
        case UInt8(ascii: "r"): out.append(13)
        case UInt8(ascii: "0"): out.append(0)
        case UInt8(ascii: "u"):
          // \u{1F600}
          guard peek() == UInt8(ascii: "{") else {
            throw Diagnostic(.badEscape, "expected `{` after `\\u`", span: span(position - 2, position))
          }
          let hexStart = position + 1
          var end = hexStart
          while end < bytes.count, bytes[end] != UInt8(ascii: "}") { end += 1 }
          let hex = String(decoding: bytes[hexStart..<min(end, bytes.count)], as: UTF8.self)
          guard end < bytes.count, let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code)
          else {
            throw Diagnostic(.badEscape, "invalid unicode escape", span: span(position - 2, end + 1))
          }
          out += Array(String(Character(scalar)).utf8)
          position = end + 1
        default: out.append(e)
        }
        continue
      }
      out.append(b)
      position += 1
    }
  }

  /// Splits an f-string's content into text and `{expr}` parts. `contentStart` is the offset of
  /// the opening quote, so interpolation spans point into the original text.
  private func fstringParts(_ text: String, _ quoteStart: Int) throws(Diagnostic) -> [FStringPart] {
    var parts: [FStringPart] = []
    var literal = ""
    var chars = Array(text.utf8)[...]
    var offset = quoteStart + 1
    while let b = chars.first {
      if b == UInt8(ascii: "{") {
        if chars.dropFirst().first == UInt8(ascii: "{") {
          literal += "{"
          chars = chars.dropFirst(2)
          offset += 2
          continue
        }
        guard let close = chars.firstIndex(of: UInt8(ascii: "}")) else {
          throw Diagnostic(
            .unterminatedInterpolation, "`{` in an f-string is never closed",
            span: span(offset, offset + 1), hints: ["write `{{` for a literal brace"])
        }
        if !literal.isEmpty { parts.append(.text(literal)); literal = "" }
        let source = String(decoding: chars[(chars.startIndex + 1)..<close], as: UTF8.self)
        parts.append(.expr(source: source, offset: base + offset + 1))
        offset += close - chars.startIndex + 1
        chars = chars[(close + 1)...]
        continue
      }
      if b == UInt8(ascii: "}"), chars.dropFirst().first == UInt8(ascii: "}") {
        literal += "}"
        chars = chars.dropFirst(2)
        offset += 2
        continue
      }
      var end = chars.startIndex + 1
      while end < chars.endIndex, chars[end] & 0xC0 == 0x80 { end += 1 }
      literal += String(decoding: chars[chars.startIndex..<end], as: UTF8.self)
      offset += end - chars.startIndex
      chars = chars[end...]
    }
    if !literal.isEmpty { parts.append(.text(literal)) }
    return parts
  }

  private mutating func dateLiteral() throws(Diagnostic) -> Token {
    let start = position
    position += 1
    while let b = peek(),
      Lexer.isDigit(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: ":") || b == UInt8(ascii: "T")
        || b == UInt8(ascii: ".") || b == UInt8(ascii: "Z") || b == UInt8(ascii: "+")
    {
      // `@2019-01-01..@2020-01-01`: a range, not part of the date.
      if b == UInt8(ascii: "."), peek(1) == UInt8(ascii: ".") { break }
      position += 1
    }
    let text = String(decoding: bytes[(start + 1)..<position], as: UTF8.self)
    guard !text.isEmpty else {
      throw Diagnostic(
        .badDate, "expected a date after `@`", span: span(start, position),
        hints: ["dates are written `@2019-05-27`, timestamps `@2019-05-27T10:30:00`"])
    }
    return Token(.dateLiteral(text), span(start, position))
  }
}
