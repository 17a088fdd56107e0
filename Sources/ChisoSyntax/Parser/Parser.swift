/// A recursive-descent parser for chiso's PRQL dialect.
///
/// Precedence, loosest first (PRQL's book): function call, `||`, `&&`, `??`, comparisons
/// (`== != < <= > >= ~=`), `+ -`, `* / // %`, `**` (right-associative), `..`, unary
/// (`- + ! ==`), `.` paths. A call's arguments are operator expressions separated by spaces; a
/// nested call needs parentheses.
public struct Parser {
  /// Transforms whose first argument may start with `-`, `+` or `!`.
  static let signedTransforms: Set<String> = ["sort", "select", "filter", "take", "derive"]

  /// Deepest nesting accepted; deeper input is an error, never a stack overflow.
  public static let maxDepth = 128

  private var tokens: [Token]
  private var index = 0
  private var depth = 0
  /// Errors recovered from so far (a top-level step or statement that failed to parse is
  /// skipped and parsing goes on), so one run reports several mistakes.
  private var recovered: [Diagnostic] = []
  /// The most errors reported at once.
  public static let maxErrors = 10

  private let source: SourceID

  init(tokens: [Token], source: SourceID = .unspecified) {
    self.tokens = tokens
    self.source = source
  }

  /// Parses a whole query or script.
  public static func parse(_ source: SourceFile) throws(Diagnostic) -> Query {
    let tokens = try Lexer.tokenize(source.text, source: source.id)
    var parser = Parser(tokens: tokens, source: source.id)
    var query: Query
    do {
      query = try parser.parseQuery()
    } catch {
      parser.recovered.append(error)
      query = Query(statements: [])
    }
    if var first = parser.recovered.first {
      first.followUps = Array(parser.recovered.dropFirst())
      throw first
    }
    for statement in query.statements {
      switch statement {
      case .main(let e), .letBinding(_, let e, _): try DepthCheck.check(e)
      case .header: break
      }
    }
    return query
  }

  /// Parses one expression (used for f-string interpolations and tests).
  public static func parseExpression(_ text: String, base: Int = 0, source: SourceID = .unspecified) throws(Diagnostic) -> Expr {
    var parser = Parser(tokens: try Lexer.tokenize(text, base: base, source: source), source: source)
    parser.skipNewlines()
    let expr = try parser.parsePipeline(topLevel: false)
    parser.skipNewlines()
    guard parser.current.kind == .eof else {
      throw parser.unexpected(expected: "the end of the expression")
    }
    return expr
  }

  // MARK: - Token helpers

  private var current: Token { tokens[min(index, tokens.count - 1)] }
  private func peek(_ ahead: Int) -> Token { tokens[min(index + ahead, tokens.count - 1)] }

  @discardableResult
  private mutating func advance() -> Token {
    let token = current
    if index < tokens.count - 1 { index += 1 }
    return token
  }

  private func isOp(_ op: String, _ token: Token? = nil) -> Bool {
    if case .op(let o) = (token ?? current).kind { return o == op }
    return false
  }

  private mutating func skipNewlines() {
    while current.kind == .newline { advance() }
  }

  private func unexpected(expected: String) -> Diagnostic {
    let found = current.kind
    var hints: [String] = []
    if case .op("=") = found { hints.append("compare with `==`; `=` names a column (`x = expr`)") }
    if found == .eof { hints.append("is a bracket or quote left open?") }
    return Diagnostic(
      .unexpectedToken, "expected \(expected), found \(found.display)", span: current.span,
      label: found == .eof ? "the query ends here" : found == .newline ? "the line ends here" : "unexpected \(found.display)",
      hints: hints)
  }

  private mutating func expect(_ kind: TokenKind, _ what: String) throws(Diagnostic) -> Token {
    guard current.kind == kind else { throw unexpected(expected: what) }
    return advance()
  }

  private mutating func enter(_ span: Span) throws(Diagnostic) {
    depth += 1
    if depth > Parser.maxDepth {
      throw Diagnostic(
        .tooDeep, "expression nested too deeply (more than \(Parser.maxDepth) levels)", span: span,
        hints: ["split the expression with `derive` steps"])
    }
  }
  private mutating func leave() { depth -= 1 }

  // MARK: - Statements

  mutating func parseQuery() throws(Diagnostic) -> Query {
    var statements: [Statement] = []
    skipNewlines()
    while current.kind != .eof {
      do throws(Diagnostic) {
        try parseStatement(into: &statements)
      } catch {
        recovered.append(error)
        if recovered.count >= Parser.maxErrors || current.kind == .eof { return Query(statements: statements) }
        synchronize()
      }
      skipNewlines()
    }
    return Query(statements: statements)
  }

  /// Skips to the next line or `|` outside brackets: where the next step or statement starts.
  private mutating func synchronize() {
    var nesting = 0
    if current.kind == .newline || isOp("|") { advance() }
    while current.kind != .eof {
      switch current.kind {
      case .lparen, .lbrace, .lbracket: nesting += 1
      case .rparen, .rbrace, .rbracket: nesting = max(0, nesting - 1)
      case .newline where nesting == 0: return
      case .op("|") where nesting == 0: return
      default: break
      }
      advance()
    }
  }

  private mutating func parseStatement(into statements: inout [Statement]) throws(Diagnostic) {
    do {
      switch current.kind {
      case .keyword("prql"):
        let start = advance().span
        while current.kind != .newline, current.kind != .eof { advance() }
        statements.append(.header(start))
      case .keyword("let"):
        let start = advance().span
        guard case .ident(let name) = current.kind else {
          throw unexpected(expected: "a name after `let`")
        }
        advance()
        guard isOp("=") else { throw unexpected(expected: "`=` after `let \(name)`") }
        advance()
        skipNewlines()
        let value = try parseElement()
        statements.append(.letBinding(name: name, value: value, span: start.union(value.span)))
      case .keyword("func"):
        let start = advance().span
        guard case .ident(let name) = current.kind else {
          throw unexpected(expected: "a function name after `func`")
        }
        advance()
        let lambda = try parseLambda(start: current.span)
        statements.append(.letBinding(name: name, value: lambda, span: start.union(lambda.span)))
      case .keyword("module"):
        throw Diagnostic(.unsupported, "modules are not supported", span: current.span)
      default:
        let main = try parsePipeline(topLevel: true)
        statements.append(.main(main))
      }
    }
    guard current.kind == .newline || current.kind == .eof else {
      throw unexpected(expected: "a new line or `|`")
    }
  }

  // MARK: - Pipelines and calls

  /// Steps separated by `|` or new lines. At the top level a line starting with `let` or `func`
  /// ends the pipeline.
  mutating func parsePipeline(topLevel: Bool) throws(Diagnostic) -> Expr {
    var steps: [Expr] = []
    /// A top-level step that fails is recorded and skipped, so later steps are checked too.
    func step(_ parser: inout Parser) throws(Diagnostic) {
      guard topLevel else {
        steps.append(try parser.parseElement())
        return
      }
      do throws(Diagnostic) {
        let element = try parser.parseElement()
        guard parser.current.kind == .newline || parser.isOp("|") || parser.current.kind == .eof else {
          throw parser.unexpected(expected: "a new line or `|`")
        }
        steps.append(element)
      } catch {
        // At the end, or with enough errors, the statement loop records it and stops.
        if parser.recovered.count + 1 >= Parser.maxErrors || parser.current.kind == .eof { throw error }
        parser.recovered.append(error)
        parser.synchronize()
      }
    }
    try step(&self)
    while current.kind == .newline || isOp("|") {
      let save = index
      var lastPipe: Span? = nil
      while current.kind == .newline || isOp("|") {
        if isOp("|") { lastPipe = current.span } else if current.kind == .newline { lastPipe = nil }
        advance()
      }
      if let lastPipe, current.kind == .eof || current.kind == .rparen {
        throw Diagnostic(
          .trailingPipe, "the pipeline ends with `|`", span: lastPipe, label: "nothing follows this `|`",
          hints: ["add a step after it, or remove it"])
      }
      switch current.kind {
      case .eof, .rparen, .keyword("let"), .keyword("func"), .keyword("prql"):
        index = save
        // Leave the newline for the statement loop (or the closing paren).
        if case .eof = current.kind {} else if !topLevel { skipNewlines() }
        return finish(steps)
      default:
        try step(&self)
      }
    }
    return finish(steps)
  }

  private func finish(_ steps: [Expr]) -> Expr {
    guard let first = steps.first, let last = steps.last else {
      return Expr(.tuple([]), current.span)
    }
    return steps.count == 1 ? first : Expr(.pipeline(steps), first.span.union(last.span))
  }

  /// A call (`f a b`), a lambda (`a b -> body`), or an operator expression.
  mutating func parseElement() throws(Diagnostic) -> Expr {
    if isLambdaAhead() { return try parseLambda(start: current.span) }
    guard case .ident = current.kind else { return try parseBinary() }
    // Parse the callee as an operator expression: if it is a bare path followed by an argument,
    // it is a call.
    let start = index
    let head = try parsePath()
    // `sort -score`, `select !{a}`, `filter !flag`: a sign may start the first argument of a
    // transform (for any other name, `x - 1` is subtraction).
    let signStartsArgument: Bool = {
      guard case .ident(let path) = head.kind, path.count == 1, Parser.signedTransforms.contains(path[0]),
        case .op(let o) = current.kind
      else { return false }
      return o == "-" || o == "+" || o == "!"
    }()
    guard startsArgument(current) || signStartsArgument else {
      index = start
      return try parseBinary()
    }
    var positional: [Expr] = []
    var named: [NamedArg] = []
    if signStartsArgument { positional.append(try parseBinary()) }
    while startsArgument(current) {
      if case .ident(let name) = current.kind, isOp(":", peek(1)) {
        let nameSpan = advance().span
        advance()
        let value = try parseBinary()
        named.append(NamedArg(name: name, value: value, span: nameSpan.union(value.span)))
      } else if case .ident(let name) = current.kind, isOp("=", peek(1)) {
        let nameSpan = advance().span
        advance()
        var value = try parseBinary()
        value.alias = name
        _ = nameSpan
        positional.append(value)
      } else {
        positional.append(try parseBinary())
      }
    }
    let end = positional.last?.span ?? named.last?.span ?? head.span
    return Expr(.call(head, positional, named), head.span.union(end))
  }

  /// Whether `token` can begin a call argument.
  private func startsArgument(_ token: Token) -> Bool {
    switch token.kind {
    case .ident, .integer, .float, .string, .fstring, .sstring, .boolean, .null, .dateLiteral,
      .interval, .lparen, .lbrace, .lbracket, .keyword("case"), .op(".."):
      return true
    default:
      return false
    }
  }

  /// Looks ahead for `name [<type>] [name:default]… ->`.
  private func isLambdaAhead() -> Bool {
    var offset = 0
    var sawParam = false
    while true {
      let token = peek(offset)
      switch token.kind {
      case .ident:
        sawParam = true
        offset += 1
        if isOp("<", peek(offset)) {
          offset += 1
          while case .ident = peek(offset).kind { offset += 1; if isOp("|", peek(offset)) { offset += 1 } }
          guard isOp(">", peek(offset)) else { return false }
          offset += 1
        }
        if isOp(":", peek(offset)) {
          offset += 1
          switch peek(offset).kind {
          case .integer, .float, .string, .boolean, .null, .ident: offset += 1
          default: return false
          }
        }
      case .op("->"):
        return sawParam || offset == 0
      default:
        return false
      }
    }
  }

  private mutating func parseLambda(start: Span) throws(Diagnostic) -> Expr {
    var params: [Param] = []
    while case .ident(let name) = current.kind {
      let span = advance().span
      var param = Param(name: name, span: span)
      if isOp("<") {
        advance()
        var typeName = ""
        while case .ident(let t) = current.kind {
          typeName += t
          advance()
          if isOp("|") { typeName += "|"; advance() }
        }
        guard isOp(">") else { throw unexpected(expected: "`>` to close the parameter type") }
        advance()
        param.type = typeName
      }
      if isOp(":") {
        advance()
        param.defaultValue = try parsePrimary()
      }
      params.append(param)
    }
    guard isOp("->") else { throw unexpected(expected: "`->` after the parameters") }
    advance()
    skipNewlines()
    let body = try parseElement()
    return Expr(.lambda(params, body), start.union(body.span))
  }

  // MARK: - Operators

  private static let levels: [[BinaryOp]] = [
    [.or], [.and], [.coalesce], [.eq, .ne, .le, .ge, .lt, .gt, .regex], [.add, .sub],
    [.mul, .div, .intDiv, .mod],
  ]

  mutating func parseBinary() throws(Diagnostic) -> Expr { try parseLevel(0) }

  private mutating func binaryOp(in ops: [BinaryOp]) -> BinaryOp? {
    guard case .op(let text) = current.kind, let op = BinaryOp(rawValue: text), ops.contains(op)
    else { return nil }
    return op
  }

  private mutating func parseLevel(_ level: Int) throws(Diagnostic) -> Expr {
    guard level < Parser.levels.count else { return try parsePow() }
    var left = try parseLevel(level + 1)
    while let op = binaryOp(in: Parser.levels[level]) {
      advance()
      skipNewlines()
      let right = try parseLevel(level + 1)
      left = Expr(.binary(op, left, right), left.span.union(right.span))
    }
    return left
  }

  private mutating func parsePow() throws(Diagnostic) -> Expr {
    let base = try parseRange()
    guard isOp("**") else { return base }
    advance()
    skipNewlines()
    try enter(base.span)
    defer { leave() }
    let exponent = try parsePow()
    return Expr(.binary(.pow, base, exponent), base.span.union(exponent.span))
  }

  private mutating func parseRange() throws(Diagnostic) -> Expr {
    if isOp("..") {
      let start = advance().span
      if startsOperand(current), current.span.start == start.end {
        let end = try parseUnary()
        return Expr(.range(nil, end), start.union(end.span))
      }
      return Expr(.range(nil, nil), start)
    }
    let low = try parseUnary()
    guard isOp("..") else { return low }
    let dots = advance().span
    // `rows:-2.. (derive …)`: an upper bound must touch the `..`, as in prqlc.
    if startsOperand(current), current.span.start == dots.end {
      let high = try parseUnary()
      return Expr(.range(low, high), low.span.union(high.span))
    }
    return Expr(.range(low, nil), low.span.union(dots))
  }

  private func startsOperand(_ token: Token) -> Bool {
    if startsArgument(token) { return true }
    if case .op(let o) = token.kind { return o == "-" || o == "+" || o == "!" }
    return false
  }

  private mutating func parseUnary() throws(Diagnostic) -> Expr {
    if case .op(let text) = current.kind, let op = UnaryOp(rawValue: text) {
      let start = advance().span
      try enter(start)
      defer { leave() }
      let operand = try parseUnary()
      // Fold `-3` into a literal so that `take -3..` and `rows:-2..0` read naturally.
      if op == .neg, case .literal(.integer(let v)) = operand.kind {
        return Expr(.literal(.integer(-v)), start.union(operand.span))
      }
      if op == .neg, case .literal(.float(let v)) = operand.kind {
        return Expr(.literal(.float(-v)), start.union(operand.span))
      }
      return Expr(.unary(op, operand), start.union(operand.span))
    }
    return try parsePrimary()
  }

  // MARK: - Primaries

  private mutating func parsePath() throws(Diagnostic) -> Expr {
    guard case .ident(let first) = current.kind else { throw unexpected(expected: "a name") }
    var span = advance().span
    var parts = [first]
    while isOp("."), current.span.start == span.end {
      let next = peek(1)
      if case .ident(let name) = next.kind {
        advance()
        span = span.union(advance().span)
        parts.append(name)
      } else if isOp("*", next) {
        advance()
        span = span.union(advance().span)
        parts.append("*")
        break
      } else {
        break
      }
    }
    return Expr(.ident(parts), span)
  }

  mutating func parsePrimary() throws(Diagnostic) -> Expr {
    let token = current
    switch token.kind {
    case .ident:
      return try parsePath()
    case .integer(let v): advance(); return Expr(.literal(.integer(v)), token.span)
    case .float(let v): advance(); return Expr(.literal(.float(v)), token.span)
    case .string(let s): advance(); return Expr(.literal(.string(s)), token.span)
    case .boolean(let b): advance(); return Expr(.literal(.bool(b)), token.span)
    case .null: advance(); return Expr(.literal(.null), token.span)
    case .dateLiteral(let d): advance(); return Expr(.literal(.date(d)), token.span)
    case .interval(let n, let u): advance(); return Expr(.literal(.interval(n, u)), token.span)
    case .sstring(let s): advance(); return Expr(.sstring(s), token.span)
    case .fstring(let parts):
      advance()
      var pieces: [FStringInterpolation] = []
      for part in parts {
        switch part {
        case .text(let t): pieces.append(.text(t))
        case .expr(let source, let offset):
          pieces.append(.expr(try Parser.parseExpression(source, base: offset, source: self.source)))
        }
      }
      return Expr(.fstring(pieces), token.span)
    case .lparen:
      advance()
      try enter(token.span)
      defer { leave() }
      skipNewlines()
      if current.kind == .rparen {
        throw Diagnostic(.emptyParens, "empty parentheses", span: token.span.union(current.span))
      }
      var inner = try parsePipeline(topLevel: false)
      skipNewlines()
      guard current.kind == .rparen else {
        if current.kind == .eof {
          throw Diagnostic(
            .unclosed, "this `(` is never closed", span: token.span, label: "opened here",
            hints: ["add `)` at the end of the expression"])
        }
        throw unexpected(expected: "`)`")
      }
      let close = advance().span
      inner.span = inner.span.union(token.span).union(close)
      return inner
    case .lbrace:
      advance()
      try enter(token.span)
      defer { leave() }
      let items = try parseItems(closing: .rbrace, opener: token, allowAlias: true)
      return Expr(.tuple(items.0), token.span.union(items.1))
    case .lbracket:
      advance()
      try enter(token.span)
      defer { leave() }
      let items = try parseItems(closing: .rbracket, opener: token, allowAlias: false)
      return Expr(.array(items.0), token.span.union(items.1))
    case .keyword("case"):
      advance()
      let open = try expect(.lbracket, "`[` after `case`")
      try enter(open.span)
      defer { leave() }
      var arms: [CaseArm] = []
      skipNewlines()
      while current.kind != .rbracket {
        let condition = try parseElement()
        skipNewlines()
        guard isOp("=>") else { throw unexpected(expected: "`=>` in a `case` arm") }
        advance()
        skipNewlines()
        let value = try parseElement()
        arms.append(CaseArm(condition: condition, value: value))
        skipNewlines()
        if isOp(",") { advance(); skipNewlines() } else { break }
      }
      guard current.kind == .rbracket else {
        if current.kind == .eof {
          throw Diagnostic(.unclosed, "this `[` is never closed", span: open.span, label: "opened here")
        }
        throw unexpected(expected: "`,` or `]`")
      }
      let close = advance().span
      return Expr(.caseOf(arms), token.span.union(close))
    default:
      throw unexpected(expected: "an expression")
    }
  }

  /// Items of `{…}` or `[…]`, comma-separated, new lines ignored, trailing comma allowed.
  private mutating func parseItems(closing: TokenKind, opener: Token, allowAlias: Bool)
    throws(Diagnostic) -> ([Expr], Span)
  {
    var items: [Expr] = []
    skipNewlines()
    while current.kind != closing {
      if allowAlias, case .ident(let name) = current.kind, isOp("=", peek(1)) {
        let nameSpan = advance().span
        advance()
        skipNewlines()
        var value = try parseElement()
        value.alias = name
        _ = nameSpan
        items.append(value)
      } else {
        items.append(try parseElement())
      }
      skipNewlines()
      if isOp(",") {
        advance()
        skipNewlines()
      } else {
        break
      }
    }
    guard current.kind == closing else {
      let opening = closing == .rbrace ? "{" : "["
      if current.kind == .eof {
        throw Diagnostic(
          .unclosed, "this `\(opening)` is never closed", span: opener.span, label: "opened here")
      }
      throw unexpected(expected: "`,` or `\(closing == .rbrace ? "}" : "]")`")
    }
    return (items, advance().span)
  }
}
