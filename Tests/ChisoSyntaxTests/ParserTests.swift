import ChisoEngine
import ChisoSyntax
import Testing

struct ParserTests {
  func main(_ text: String) throws -> Expr {
    let query = try Parser.parse(SourceFile(name: "t", text: text))
    guard let main = query.main else { throw Diagnostic(.test, "no main") }
    return main
  }

  @Test func pipelineSteps() throws {
    let e = try main("from pci\nfilter year == 2016 | take 3")
    guard case .pipeline(let steps) = e.kind else {
      Issue.record("not a pipeline")
      return
    }
    #expect(steps.count == 3)
  }

  @Test func precedence() throws {
    // `a + b * c ** 2` = a + (b * (c ** 2)); `||` looser than `&&`.
    let e = try Parser.parseExpression("a + b * c ** 2")
    guard case .binary(.add, _, let right) = e.kind, case .binary(.mul, _, let pow) = right.kind,
      case .binary(.pow, _, _) = pow.kind
    else {
      Issue.record("wrong tree: \(e.kind)")
      return
    }
    let l = try Parser.parseExpression("a || b && c")
    guard case .binary(.or, _, let and) = l.kind, case .binary(.and, _, _) = and.kind else {
      Issue.record("wrong tree: \(l.kind)")
      return
    }
  }

  @Test func callsTakeOperatorExpressions() throws {
    let e = try Parser.parseExpression("filter a > 1")
    guard case .call(_, let args, _) = e.kind, args.count == 1, case .binary(.gt, _, _) = args[0].kind else {
      Issue.record("wrong tree: \(e.kind)")
      return
    }
  }

  @Test func namedArgsAndAliases() throws {
    let e = try Parser.parseExpression("join side:left m=employees (==id)")
    guard case .call(_, let args, let named) = e.kind else {
      Issue.record("not a call")
      return
    }
    #expect(named.map(\.name) == ["side"])
    #expect(args.count == 2)
    #expect(args[0].alias == "m")
  }

  @Test func rangesAndNegatives() throws {
    let e = try Parser.parseExpression("-3..3")
    guard case .range(let lo, let hi) = e.kind, case .literal(.integer(-3)) = lo?.kind, case .literal(.integer(3)) = hi?.kind else {
      Issue.record("wrong tree: \(e.kind)")
      return
    }
  }

  @Test func lambdaAndLet() throws {
    let q = try Parser.parse(SourceFile(name: "t", text: "let add = a b -> a + b\nfrom t"))
    guard case .letBinding("add", let value, _) = q.statements[0], case .lambda(let params, _) = value.kind else {
      Issue.record("not a lambda")
      return
    }
    #expect(params.map(\.name) == ["a", "b"])
  }

  @Test func deepNestingIsAnErrorNotACrash() {
    let deep = String(repeating: "(", count: 20_000) + "1" + String(repeating: ")", count: 20_000)
    #expect(throws: Diagnostic.self) { try Parser.parse(SourceFile(name: "t", text: "from t | derive x = " + deep)) }
    let chain = "from t | derive x = " + Array(repeating: "1", count: 20_000).joined(separator: " + ")
    #expect(throws: Diagnostic.self) { try Parser.parse(SourceFile(name: "t", text: chain)) }
  }

  @Test func unclosedBracketPointsAtTheOpener() {
    do {
      _ = try Parser.parse(SourceFile(name: "t", text: "from t | select {a, b"))
      Issue.record("expected an error")
    } catch {
      #expect(error.code == "unclosed")
      #expect(error.span.map { [$0.start, $0.end] } == [16, 17])
    }
  }

  /// Random bytes and random token soup never crash the lexer or parser.
  @Test func fuzzNeverCrashes() {
    var rng = SeededGenerator(seed: 42)
    let alphabet = Array("from filter derive select group aggregate sort take join ()[]{},.:=|+-*/%<>!?&\"'`@#\n 0123456789 abc Đắk ..".unicodeScalars)
    for _ in 0..<3_000 {
      var text = String.UnicodeScalarView()
      for _ in 0..<Int(rng.next() % 60) { text.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
      _ = try? Parser.parse(SourceFile(name: "fuzz", text: String(text)))
    }
  }
}


/// The parser recovers at the next step or statement and reports every mistake it finds, in order.
struct ParserRecoveryTests {
  @Test func reportsSeveralErrors() throws {
    let text = "from pci\nfilter (year == )\nderive {x = }\nselect {a, b\ntake 3"
    do {
      _ = try Parser.parse(SourceFile(name: "t", text: text))
      Issue.record("expected errors")
    } catch {
      let lines = error.all.compactMap { $0.span.map { SourceFile(name: "t", text: text).location(of: $0.start).line } }
      #expect(error.all.count >= 2, "\(error.all.map(\.message))")
      #expect(lines == lines.sorted(), "errors in source order")
      #expect(lines.first == 2)
    }
  }

  @Test func oneErrorStaysOne() {
    do {
      _ = try Parser.parse(SourceFile(name: "t", text: "from pci | take )"))
    } catch {
      #expect(error.all.count == 1)
    }
  }

  @Test func stopsAtTheLimit() {
    let text = Array(repeating: "filter )", count: 30).joined(separator: "\n")
    do {
      _ = try Parser.parse(SourceFile(name: "t", text: "from pci\n" + text))
    } catch {
      #expect(error.all.count == Parser.maxErrors)
    }
  }
}
