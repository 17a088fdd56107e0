import ChisoSyntax

/// A saved script read as a document: Markdown prose (its comments) between queries (its code).
///
/// A script may hold several queries: a new one starts where a line begins a statement
/// (`from …`, `let …`) after a complete main pipeline — text that is an error in a single
/// query, so a one-query script reads exactly as before. `let` definitions of earlier queries
/// stay visible to later ones. Comment blocks before a query are its prose; `# --chart …`
/// comments are directives for it (`ReportDirective`).
///
/// Each query runs from `Cell.source`: the file's own text with every line that is not this
/// query or an earlier definition emptied, so errors point at the file's real lines.
public struct ScriptDocument: Sendable {
  /// Prose: the comment lines with their `#` taken off (Markdown), and the first line's number.
  public struct Prose: Sendable, Equatable {
    public var lines: [String]
    public var firstLine: Int
  }

  /// One query of the script.
  public struct Cell: Sendable {
    /// 1-based position in the script.
    public var number: Int
    /// 1-based lines of the first and last line of code.
    public var firstLine: Int
    public var lastLine: Int
    /// The code as written, without directive comments, and trimmed of blank lines.
    public var code: String
    /// The code without its `let` definitions (what an exercise shows of an attempt).
    public var mainCode: String
    /// 0-based indexes of the lines of the cell's main pipeline (not its definitions).
    public var mainLines: Set<Int>
    /// The text to run (see the type's documentation).
    public var source: SourceFile
    /// The cell's directives, from the comments before it and inside it.
    public var directives: [ReportDirective]
    /// Whether the cell has a main pipeline (else it only defines names).
    public var hasMain: Bool
    /// Script parameters (`let name = constant`) the cell declares: name and default text.
    public var declares: [(name: String, value: String)]
    /// Every parameter `source` declares (this cell's and earlier cells').
    public var visibleParameters: Set<String>
    /// Names the script binds with `let` up to and including this cell.
    public var boundNames: Set<String>
  }

  public enum Block: Sendable {
    case prose(Prose)
    case cell(Cell)
  }

  public var name: String
  public var text: String
  public var blocks: [Block]

  public var cells: [Cell] {
    blocks.compactMap { if case .cell(let c) = $0 { return c } else { return nil } }
  }

  /// Every parameter the script declares, with its default, in order of declaration.
  public var parameters: [(name: String, value: String)] {
    var seen = Set<String>()
    var out: [(name: String, value: String)] = []
    for cell in cells {
      for p in cell.declares where seen.insert(p.name).inserted { out.append(p) }
    }
    return out
  }

  /// `parameters` for running `cell`: those it declares, plus any the script declares nowhere
  /// (so that chiso's own "no such parameter" error reaches the user).
  public func parameters(_ all: [String: String], for cell: Cell) -> [String: String] {
    let declared = Set(parameters.map(\.name))
    return all.filter { cell.visibleParameters.contains($0.key) || !declared.contains($0.key) }
  }

  enum LineKind { case blank, comment, code }
  enum StatementKind { case definition, main, continuation }

  public static func parse(name: String, text: String) -> ScriptDocument {
    var lines = Self.lines(text)
    if lines.last == "" && text.utf8.last == UInt8(ascii: "\n") { lines.removeLast() }
    let lineStarts = Self.lineStarts(lines)
    let tokens = (try? Lexer.tokenize(text)) ?? []
    let kinds = classify(lines, lineStarts: lineStarts, tokens: tokens)
    // Statements that start on one line (a bare `\r` ends a line for the lexer, not here) are
    // one query.
    var starts: [Int] = []
    for start in cellStarts(tokens, lineStarts: lineStarts, kinds: kinds) where start < lines.count {
      if let last = starts.last, start <= last { continue }
      starts.append(start)
    }

    var blocks: [Block] = []
    var pending: [String] = []
    var pendingStart = 1
    var pendingDirectives: [ReportDirective] = []
    var earlierDefinitions = Set<Int>()
    var earlierParameters = Set<String>()
    var boundNames = Set<String>()

    func takeProse(_ range: Range<Int>) {
      for i in range {
        if kinds[i] == .comment {
          let comment = uncomment(lines[i])
          if let directive = ReportDirective.parse(comment) {
            pendingDirectives.append(directive)
          } else {
            if pending.isEmpty { pendingStart = i + 1 }
            pending.append(comment)
          }
        } else if !pending.isEmpty {
          pending.append("")
        }
      }
    }
    func flushProse() {
      while let last = pending.last, last.trimmingSpaces.isEmpty { pending.removeLast() }
      if !pending.isEmpty { blocks.append(.prose(Prose(lines: pending, firstLine: pendingStart))) }
      pending = []
    }

    var previousEnd = 0
    for (number, start) in starts.enumerated() {
      let nextStart = number + 1 < starts.count ? starts[number + 1] : lines.count
      let last = (start..<nextStart).last { kinds[$0] == .code } ?? start
      takeProse(previousEnd..<start)
      flushProse()
      var directives = pendingDirectives
      pendingDirectives = []
      var shown: [Int] = []
      for i in start...last {
        if kinds[i] == .comment, let directive = ReportDirective.parse(uncomment(lines[i])) {
          directives.append(directive)
        } else {
          shown.append(i)
        }
      }
      let own = Set(start...last)
      let runnable = own.union(earlierDefinitions)
      let sourceText = blanked(lines, keeping: runnable)
      let ownText = blanked(lines, keeping: own)
      let analysis = analyse(SourceFile(name: name, text: ownText))
      earlierDefinitions.formUnion(analysis.definitionLines)
      earlierParameters.formUnion(analysis.parameters.map(\.name))
      boundNames.formUnion(analysis.names)
      let code = trimmedLines(shown.map { lines[$0] })
      let mainLines = shown.filter { !analysis.definitionLines.contains($0) }
      let mainCode = trimmedLines(mainLines.map { lines[$0] })
      blocks.append(
        .cell(
          Cell(
            number: number + 1, firstLine: start + 1, lastLine: last + 1, code: code, mainCode: mainCode,
            mainLines: Set(mainLines),
            source: SourceFile(name: name, text: sourceText), directives: directives, hasMain: analysis.hasMain,
            declares: analysis.parameters, visibleParameters: earlierParameters, boundNames: boundNames)))
      previousEnd = last + 1
    }
    takeProse(previousEnd..<lines.count)
    flushProse()
    // Directives after the last query belong to it.
    if !pendingDirectives.isEmpty, let index = blocks.lastIndex(where: { if case .cell = $0 { return true } else { return false } }),
      case .cell(var cell) = blocks[index]
    {
      cell.directives += pendingDirectives
      blocks[index] = .cell(cell)
    }
    return ScriptDocument(name: name, text: text, blocks: blocks)
  }

  /// The lines of `text`, split at each line feed byte (a `\r\n` is one Character in Swift, so
  /// splitting Characters would not split it); a line keeps its `\r`.
  static func lines(_ text: String) -> [String] {
    text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
  }

  /// A comment line's text: the `#` and one space after it taken off.
  static func uncomment(_ line: String) -> String {
    var text = Substring(line.trimmingSpaces)
    if text.first == "#" { text = text.dropFirst() }
    if text.first == " " { text = text.dropFirst() }
    return String(text).replacingTrailingCarriageReturn
  }

  static func lineStarts(_ lines: [String]) -> [Int] {
    var starts: [Int] = []
    var offset = 0
    for line in lines {
      starts.append(offset)
      offset += line.utf8.count + 1
    }
    return starts
  }

  static func line(of offset: Int, _ lineStarts: [Int]) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    return max(0, low)
  }

  /// Blank, comment or code for each line. A line is code when a token touches it, so a `#` in
  /// a multi-line string stays code; without tokens (text that does not lex), by its first
  /// character.
  static func classify(_ lines: [String], lineStarts: [Int], tokens: [Token]) -> [LineKind] {
    var kinds: [LineKind] = lines.map { line in
      let trimmed = line.trimmingSpaces
      if trimmed.isEmpty { return .blank }
      return trimmed.hasPrefix("#") ? .comment : .code
    }
    for token in tokens where token.kind != .newline && token.kind != .eof && token.span.end > token.span.start {
      let first = line(of: token.span.start, lineStarts)
      let last = min(line(of: token.span.end - 1, lineStarts), kinds.count - 1)
      guard first <= last else { continue }
      for i in first...last where kinds[i] == .comment { kinds[i] = .code }
    }
    return kinds
  }

  /// The 0-based first line of each query.
  static func cellStarts(_ tokens: [Token], lineStarts: [Int], kinds: [LineKind]) -> [Int] {
    guard !tokens.isEmpty else {
      // Text that does not lex is one query (its error shows when it runs).
      if let first = kinds.firstIndex(of: .code) { return [first] }
      return []
    }
    var starts: [Int] = []
    var depth = 0
    var previous: TokenKind? = nil
    var hasMain = false
    var lastKind: StatementKind? = nil
    var atLineStart = true
    for token in tokens {
      if token.kind == .eof { break }
      if token.kind == .newline {
        atLineStart = true
        continue
      }
      let continues: Bool = {
        if case .op = previous { return true }
        return false
      }()
      if atLineStart, depth == 0, !continues {
        let kind = statementKind(token.kind)
        let line = line(of: token.span.start, lineStarts)
        if starts.isEmpty {
          starts.append(line)
          hasMain = kind != .definition
        } else if kind != .continuation, hasMain {
          starts.append(line)
          hasMain = kind == .main
        } else if kind == .main || (kind == .continuation && lastKind != .definition) {
          hasMain = true
        }
        if kind != .continuation { lastKind = kind }
      }
      atLineStart = false
      switch token.kind {
      case .lparen, .lbrace, .lbracket: depth += 1
      case .rparen, .rbrace, .rbracket: depth = max(0, depth - 1)
      default: break
      }
      previous = token.kind
    }
    return starts
  }

  static func statementKind(_ kind: TokenKind) -> StatementKind {
    switch kind {
    case .keyword(let word) where ["let", "func", "prql", "module"].contains(word): return .definition
    case .ident(let word) where ["from", "from_text", "read_csv", "read_json"].contains(word): return .main
    case .lbracket: return .main
    default: return .continuation
    }
  }

  /// The lines in `keeping` as they are, every other line empty: line numbers stay the file's.
  static func blanked(_ lines: [String], keeping: Set<Int>) -> String {
    var out = ""
    for (i, line) in lines.enumerated() {
      if keeping.contains(i) { out += line }
      out += "\n"
    }
    return out
  }

  static func trimmedLines(_ lines: [String]) -> String {
    var lines = lines.map(\.replacingTrailingCarriageReturn)
    while let first = lines.first, first.trimmingSpaces.isEmpty { lines.removeFirst() }
    while let last = lines.last, last.trimmingSpaces.isEmpty { lines.removeLast() }
    return lines.joined(separator: "\n")
  }

  struct Analysis {
    var hasMain: Bool
    var definitionLines: Set<Int>
    var parameters: [(name: String, value: String)]
    var names: Set<String>
  }

  /// What a cell defines: its `let` lines, its parameters (lets of a constant) and whether it
  /// has a main pipeline. A cell that does not parse is taken to have one (so its error shows).
  static func analyse(_ source: SourceFile) -> Analysis {
    guard let query = try? Parser.parse(source) else {
      return Analysis(hasMain: true, definitionLines: [], parameters: [], names: [])
    }
    var lines = Set<Int>()
    var parameters: [(name: String, value: String)] = []
    var names = Set<String>()
    for statement in query.statements {
      guard case .letBinding(let name, let value, let span) = statement else { continue }
      names.insert(name)
      // Lines of the blanked text are the file's lines (offsets are not: emptied lines are shorter).
      let first = source.location(of: span.start).line - 1
      let last = source.location(of: max(span.start, span.end - 1)).line - 1
      lines.formUnion(first...max(first, last))
      if isConstant(value) { parameters.append((name, String(source.text(of: value.span)))) }
    }
    return Analysis(hasMain: query.main != nil, definitionLines: lines, parameters: parameters, names: names)
  }

  /// A literal, or a negated number: what `--param` can replace.
  static func isConstant(_ expr: Expr) -> Bool {
    switch expr.kind {
    case .literal: return true
    case .unary(.neg, let inner): if case .literal = inner.kind { return true } else { return false }
    default: return false
    }
  }
}

extension String {
  var replacingTrailingCarriageReturn: String { hasSuffix("\r") ? String(dropLast()) : self }
}
