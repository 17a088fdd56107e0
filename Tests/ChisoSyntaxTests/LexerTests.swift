import ChisoSyntax
import Testing

struct LexerTests {
  func kinds(_ text: String) throws -> [TokenKind] {
    try Lexer.tokenize(text).map(\.kind)
  }

  @Test func operatorsLongestFirst() throws {
    #expect(try kinds("a // b ** c ?? d") == [
      .ident("a"), .op("//"), .ident("b"), .op("**"), .ident("c"), .op("??"), .ident("d"), .eof,
    ])
  }

  @Test func numbersRangesAndIntervals() throws {
    #expect(try kinds("1..5") == [.integer(1), .op(".."), .integer(5), .eof])
    #expect(try kinds("2.5 1_000 1e3") == [.float(2.5), .integer(1000), .float(1000), .eof])
    #expect(try kinds("3days") == [.interval(3, "days"), .eof])
  }

  @Test func stringsAndEscapes() throws {
    #expect(try kinds(#""a\"b" 'c' """x"y""""#) == [.string("a\"b"), .string("c"), .string("x\"y"), .eof])
    #expect(try kinds("\"Đắk Lắk\"") == [.string("Đắk Lắk"), .eof])
  }

  @Test func fstringParts() throws {
    let tokens = try Lexer.tokenize("f\"{a} and {b}\"")
    guard case .fstring(let parts) = tokens[0].kind else {
      Issue.record("not an f-string")
      return
    }
    #expect(parts.count == 3)
    #expect(parts[1] == .text(" and "))
  }

  @Test func commentsAndNewlinesCollapse() throws {
    #expect(try kinds("from t # comment\n\n\n| take 1") == [
      .ident("from"), .ident("t"), .newline, .op("|"), .ident("take"),
      .integer(1), .eof,
    ])
  }

  @Test func spansAreUTF8Offsets() throws {
    let tokens = try Lexer.tokenize("\"Đắk\" x")
    // "Đắk" is 3 characters but 7 UTF-8 bytes (Đ=2, ắ=3, k=1) plus two quotes.
    #expect(tokens[0].span == Span(0, 8))
    #expect(tokens[1].span == Span(9, 10))
  }

  @Test func errorsAreLocated() {
    #expect(throws: Diagnostic.self) { try Lexer.tokenize("a ; b") }
    do {
      _ = try Lexer.tokenize("filter x == \"open")
    } catch {
      #expect(error.code == "unterminated-string")
      #expect(error.span == Span(12, 13))
    }
  }

  @Test func dateLiterals() throws {
    #expect(try kinds("@2019-05-27") == [.dateLiteral("2019-05-27"), .eof])
  }
}

/// `Lexer.scan`, the forgiving mode the REPL reads: the same tokens as `tokenize` where that
/// succeeds, and never a failure on half-typed text.
struct ForgivingScanTests {
  @Test(arguments: [
    "from pci | filter year == 2016 && province == \"Lai Châu\"",
    "from t | derive {x = f\"{a}-{b}\", y = r\"\\d+\"} # comment",
    "from t\n\\ | take 3..5\nsort {-score}",
    "let f = a b -> a + b\nfrom [{a = 1}] | select {`a b` = a}",
  ])
  func agreesWithTokenize(_ text: String) throws {
    #expect(Lexer.scan(text) == (try Lexer.tokenize(text)))
  }

  @Test func keepsWhatTheParserWouldReject() {
    let open = Lexer.scan("from pci | filter province == \"Lai")
    #expect(open.dropLast().last?.kind == .incomplete("\"Lai"))
    let semicolon = Lexer.scan("from pci; take 3")
    #expect(semicolon.contains { $0.kind == .unknown(";") })
    #expect(semicolon.contains { $0.kind == .ident("take") })
    let escape = Lexer.scan("from t | filter a == \"x\\uqy\" | take 1")
    #expect(escape.contains { $0.kind == .incomplete("\"x\\uqy\"") })
    #expect(escape.contains { $0.kind == .ident("take") })
    let backtick = Lexer.scan("select {`open")
    #expect(backtick.dropLast().last?.kind == .incomplete("`open"))
  }

  @Test func neverFails() {
    var rng = SystemRandomNumberGenerator()
    let alphabet = Array("ab1 .\"'`{}()[]|#\\\n@-_:=!?ếđ;$")
    for _ in 0..<2000 {
      let text = String((0..<Int.random(in: 0..<40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
      let tokens = Lexer.scan(text)
      #expect(tokens.last?.kind == .eof)
    }
  }
}
