/// Regular expressions that run in time linear in the text: a Thompson NFA simulated as a Pike
/// VM, as RE2 (DuckDB's engine) does. Swift's `Regex` backtracks, so `"(a+)+$"` on forty `a`s
/// and a `!` ran for minutes; here every text is scanned once, each position visiting each
/// instruction at most once — O(text × pattern), whatever the pattern.
///
/// The syntax is RE2's, on Unicode code points: literals and escapes (`\.`, `\t`, `\x41`,
/// `\x{1EA1}`, `\Q…\E`), `.`, classes (`[a-zđ]`, `[^0-9]`, `[[:alpha:]]`), `\d \w \s` and their
/// negations (ASCII, as in RE2), `\pL`, `\p{Lu}`, `\P{N}` (Unicode general categories), anchors
/// `^ $ \A \z \b \B`, groups `(…)`, `(?:…)`, `(?P<name>…)`, alternation `|`, repetition
/// `? * + {m} {m,} {m,n}` (lazy forms accepted; counts up to 1,000) and flags `(?i)`, `(?s)`,
/// `(?m)`, `(?U)`, also scoped as `(?i:…)`. Backreferences and lookaround need backtracking
/// and are refused with an explanation, as RE2 refuses them.
public struct LinearRegex: Sendable {
  /// A pattern chiso cannot run, with the code-point offset where the problem is.
  public struct SyntaxError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var offset: Int
    public var description: String { message }
  }

  /// Largest repetition count (`a{1000}`), as RE2.
  public static let maxRepeat = 1_000
  /// Largest compiled program, in instructions: bounds the work per text position.
  public static let maxProgram = 20_000
  /// Deepest nesting of groups.
  public static let maxNesting = 200

  let program: [Instruction]
  let sets: [CharSet]
  /// Starts with `^` or `\A` (not multi-line): only position 0 can start a match.
  let anchored: Bool

  public init(_ pattern: String) throws(SyntaxError) {
    var parser = Parser(Array(pattern.unicodeScalars))
    let tree = try parser.parse()
    var compiler = Compiler()
    try compiler.emit(tree)
    compiler.program.append(.match)
    program = compiler.program
    sets = compiler.sets
    anchored = tree.startsAnchored
  }

  /// Whether the pattern matches somewhere in `text`.
  public func search(_ text: String) -> Bool {
    search(Array(text.unicodeScalars.lazy.map(\.value)))
  }

  public func search(_ text: [UInt32]) -> Bool {
    var current = ThreadList(capacity: program.count)
    var next = ThreadList(capacity: program.count)
    var stack: [Int] = []
    var position = 0
    while true {
      if !anchored || position == 0 { add(0, at: position, text, to: &current, &stack) }
      if current.isEmpty { if anchored || position >= text.count { return false } }
      let c: UInt32? = position < text.count ? text[position] : nil
      for pc in current.members {
        switch program[pc] {
        case .match: return true
        case .char(let x): if c == x { add(pc + 1, at: position + 1, text, to: &next, &stack) }
        case .set(let s): if let c, sets[s].contains(c) { add(pc + 1, at: position + 1, text, to: &next, &stack) }
        case .any(let newline): if let c, newline || c != 0x0A { add(pc + 1, at: position + 1, text, to: &next, &stack) }
        case .split, .jump, .assert: break  // followed when added
        }
      }
      if position >= text.count { return false }
      swap(&current, &next)
      next.clear()
      position += 1
    }
  }

  /// Adds `pc` and everything reachable from it without reading a character (an explicit stack:
  /// no recursion, whatever the pattern).
  private func add(_ pc: Int, at position: Int, _ text: [UInt32], to list: inout ThreadList, _ stack: inout [Int]) {
    stack.append(pc)
    while let pc = stack.popLast() {
      guard list.insert(pc) else { continue }
      switch program[pc] {
      case .jump(let target): stack.append(target)
      case .split(let first, let second):
        stack.append(second)
        stack.append(first)
      case .assert(let kind): if holds(kind, position, text) { stack.append(pc + 1) }
      default: break
      }
    }
  }

  private func holds(_ kind: Assertion, _ position: Int, _ text: [UInt32]) -> Bool {
    switch kind {
    case .textStart: return position == 0
    case .textEnd: return position == text.count
    case .lineStart: return position == 0 || text[position - 1] == 0x0A
    case .lineEnd: return position == text.count || text[position] == 0x0A
    case .wordBoundary, .notWordBoundary:
      let before = position > 0 && CharSet.isWord(text[position - 1])
      let after = position < text.count && CharSet.isWord(text[position])
      return (before != after) == (kind == .wordBoundary)
    }
  }

  enum Instruction: Sendable {
    case char(UInt32)
    case set(Int)
    /// Any character; `true`: newlines too.
    case any(Bool)
    case split(Int, Int)
    case jump(Int)
    case assert(Assertion)
    case match
  }

  enum Assertion: Sendable { case textStart, textEnd, lineStart, lineEnd, wordBoundary, notWordBoundary }

  /// The threads at one position: a sparse set, so insertion and clearing are O(1).
  struct ThreadList {
    var dense: [Int]
    var sparse: [Int]
    var count = 0

    init(capacity: Int) {
      dense = [Int](repeating: 0, count: capacity)
      sparse = [Int](repeating: 0, count: capacity)
    }

    var isEmpty: Bool { count == 0 }
    var members: ArraySlice<Int> { dense[0..<count] }

    mutating func insert(_ pc: Int) -> Bool {
      let slot = sparse[pc]
      if slot < count && dense[slot] == pc { return false }
      sparse[pc] = count
      dense[count] = pc
      count += 1
      return true
    }

    mutating func clear() { count = 0 }
  }
}

// MARK: - Character sets

extension LinearRegex {
  struct CharSet: Sendable {
    enum Item: Sendable {
      case range(UInt32, UInt32)
      case digit(Bool), word(Bool), space(Bool)
      case category(Set<Unicode.GeneralCategory>, Bool)
    }

    var items: [Item] = []
    var negated = false
    var caseInsensitive = false

    func contains(_ c: UInt32) -> Bool {
      var found = matchesItems(c)
      if !found && caseInsensitive {
        for v in CharSet.caseVariants(c) where v != c && matchesItems(v) { found = true; break }
      }
      return found != negated
    }

    private func matchesItems(_ c: UInt32) -> Bool {
      for item in items {
        switch item {
        case .range(let lo, let hi): if c >= lo && c <= hi { return true }
        case .digit(let negate): if CharSet.isDigit(c) != negate { return true }
        case .word(let negate): if CharSet.isWord(c) != negate { return true }
        case .space(let negate): if CharSet.isSpace(c) != negate { return true }
        case .category(let categories, let negate):
          let inCategory = Unicode.Scalar(c).map { categories.contains($0.properties.generalCategory) } ?? false
          if inCategory != negate { return true }
        }
      }
      return false
    }

    static func isDigit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }
    static func isWord(_ c: UInt32) -> Bool {
      isDigit(c) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
    }
    static func isSpace(_ c: UInt32) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D }

    /// The simple lower- and upper-case forms of a code point (`Đ` ↔ `đ`).
    static func caseVariants(_ c: UInt32) -> [UInt32] {
      guard let scalar = Unicode.Scalar(c) else { return [c] }
      var out = [c]
      for mapping in [scalar.properties.lowercaseMapping, scalar.properties.uppercaseMapping, scalar.properties.titlecaseMapping] {
        let scalars = Array(mapping.unicodeScalars)
        if scalars.count == 1, !out.contains(scalars[0].value) { out.append(scalars[0].value) }
      }
      return out
    }

    static let categories: [String: Set<Unicode.GeneralCategory>] = {
      let letters: [(String, Unicode.GeneralCategory)] = [
        ("Lu", .uppercaseLetter), ("Ll", .lowercaseLetter), ("Lt", .titlecaseLetter), ("Lm", .modifierLetter),
        ("Lo", .otherLetter), ("Mn", .nonspacingMark), ("Mc", .spacingMark), ("Me", .enclosingMark),
        ("Nd", .decimalNumber), ("Nl", .letterNumber), ("No", .otherNumber), ("Pc", .connectorPunctuation),
        ("Pd", .dashPunctuation), ("Ps", .openPunctuation), ("Pe", .closePunctuation), ("Pi", .initialPunctuation),
        ("Pf", .finalPunctuation), ("Po", .otherPunctuation), ("Sm", .mathSymbol), ("Sc", .currencySymbol),
        ("Sk", .modifierSymbol), ("So", .otherSymbol), ("Zs", .spaceSeparator), ("Zl", .lineSeparator),
        ("Zp", .paragraphSeparator), ("Cc", .control), ("Cf", .format), ("Cs", .surrogate), ("Co", .privateUse),
        ("Cn", .unassigned),
      ]
      var table: [String: Set<Unicode.GeneralCategory>] = [:]
      for (name, category) in letters {
        table[name] = [category]
        table[String(name.prefix(1)), default: []].insert(category)
      }
      return table
    }()
  }
}

// MARK: - Parsing

extension LinearRegex {
  indirect enum Node {
    case empty
    case char(UInt32)
    case any(Bool)
    case set(CharSet)
    case concat([Node])
    case alternation([Node])
    case repetition(Node, min: Int, max: Int?)
    case assertion(Assertion)

    var startsAnchored: Bool {
      switch self {
      case .assertion(let a): return a == .textStart
      case .concat(let parts): return parts.first?.startsAnchored ?? false
      default: return false
      }
    }
  }

  struct Flags {
    var caseInsensitive = false
    var dotAll = false
    var multiline = false
  }

  struct Parser {
    let pattern: [Unicode.Scalar]
    var position = 0
    var depth = 0

    init(_ pattern: [Unicode.Scalar]) { self.pattern = pattern }

    func error(_ message: String, at offset: Int? = nil) -> SyntaxError {
      SyntaxError(message: message, offset: offset ?? position)
    }

    var peek: Unicode.Scalar? { position < pattern.count ? pattern[position] : nil }

    mutating func next() -> Unicode.Scalar? {
      guard position < pattern.count else { return nil }
      defer { position += 1 }
      return pattern[position]
    }

    mutating func accept(_ s: Unicode.Scalar) -> Bool {
      if peek == s { position += 1; return true }
      return false
    }

    mutating func parse() throws(SyntaxError) -> Node {
      var flags = Flags()
      let node = try alternation(&flags)
      if position < pattern.count { throw error("unmatched `)`") }
      return node
    }

    mutating func alternation(_ flags: inout Flags) throws(SyntaxError) -> Node {
      var branches = [try concatenation(&flags)]
      while accept("|") { branches.append(try concatenation(&flags)) }
      return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    mutating func concatenation(_ flags: inout Flags) throws(SyntaxError) -> Node {
      var parts: [Node] = []
      while let c = peek, c != "|", c != ")" {
        guard var atom = try self.atom(&flags) else { continue }
        atom = try repetitions(of: atom)
        parts.append(atom)
      }
      return parts.isEmpty ? .empty : (parts.count == 1 ? parts[0] : .concat(parts))
    }

    mutating func repetitions(of atom: Node) throws(SyntaxError) -> Node {
      var node = atom
      var repeated = false
      while let c = peek {
        var bounds: (Int, Int?)
        switch c {
        case "*": position += 1; bounds = (0, nil)
        case "+": position += 1; bounds = (1, nil)
        case "?": position += 1; bounds = (0, 1)
        case "{":
          guard let counted = try counts() else { return node }
          bounds = counted
        default: return node
        }
        if repeated { throw error("bad repetition operator: a repetition of a repetition (`**`, `a{2}{3}`) needs a group: `(a*)*`", at: position - 1) }
        if case .empty = node { throw error("missing argument to repetition operator", at: position - 1) }
        if accept("+") { throw error("possessive repetition (`++`, `*+`) is not supported: it needs backtracking", at: position - 1) }
        _ = accept("?")  // lazy: the same set of matches
        node = .repetition(node, min: bounds.0, max: bounds.1)
        repeated = true
      }
      return node
    }

    /// `{m}`, `{m,}`, `{m,n}`; nil (and nothing consumed) when the brace is a literal.
    mutating func counts() throws(SyntaxError) -> (Int, Int?)? {
      let save = position
      position += 1
      func number() -> Int? {
        var value = 0
        var digits = 0
        while let c = peek, c.properties.numericType == .decimal, let d = Int(String(c)), c.isASCII {
          value = min(value * 10 + d, Int(Int32.max))
          digits += 1
          position += 1
        }
        return digits > 0 ? value : nil
      }
      guard let low = number() else { position = save; return nil }
      var high: Int? = low
      if accept(",") { high = number() }
      guard accept("}") else { position = save; return nil }
      if low > LinearRegex.maxRepeat || (high ?? 0) > LinearRegex.maxRepeat {
        throw error("bad repetition operator: counts go up to \(LinearRegex.maxRepeat)", at: save)
      }
      if let high, high < low { throw error("bad repetition operator: {\(low),\(high)} counts down", at: save) }
      return (low, high)
    }

    /// One atom; nil for a flag group such as `(?i)`, which only changes `flags`.
    mutating func atom(_ flags: inout Flags) throws(SyntaxError) -> Node? {
      guard let c = next() else { return .empty }
      switch c {
      case "(": return try group(&flags)
      case "[": return .set(try charClass(flags))
      case ".": return .any(flags.dotAll)
      case "^": return .assertion(flags.multiline ? .lineStart : .textStart)
      case "$": return .assertion(flags.multiline ? .lineEnd : .textEnd)
      case "\\": return try escape(flags, inClass: false).node(flags)
      case "*", "+", "?": throw error("missing argument to repetition operator: `\(c)`", at: position - 1)
      default: return Parser.literal(c.value, flags)
      }
    }

    /// A literal code point; under `(?i)` also its other cases, both ways (the Kelvin sign `K`
    /// matches `k`, and `k` matches it), as RE2's case folding does.
    static func literal(_ c: UInt32, _ flags: Flags) -> Node {
      guard flags.caseInsensitive, Unicode.Scalar(c)?.properties.isCased ?? false else { return .char(c) }
      return .set(CharSet(items: CharSet.caseVariants(c).map { .range($0, $0) }, caseInsensitive: true))
    }

    mutating func group(_ flags: inout Flags) throws(SyntaxError) -> Node? {
      let open = position - 1
      depth += 1
      defer { depth -= 1 }
      if depth > LinearRegex.maxNesting { throw error("groups nested more than \(LinearRegex.maxNesting) deep", at: open) }
      var inner = flags
      if accept("?") {
        switch peek {
        case "=", "!": throw error("lookahead `(?\(peek.map(String.init) ?? "")` is not supported: it needs backtracking", at: open)
        case "<" where position + 1 < pattern.count && (pattern[position + 1] == "=" || pattern[position + 1] == "!"):
          throw error("lookbehind `(?<\(pattern[position + 1])` is not supported: it needs backtracking", at: open)
        case ">": throw error("atomic groups `(?>` are not supported: they need backtracking", at: open)
        case "P", "<":
          _ = accept("P")
          guard accept("<") else { throw error("invalid named group", at: open) }
          while let c = next(), c != ">" {
            guard c.properties.isAlphabetic || c == "_" || c.properties.numericType != nil else { throw error("invalid name in a named group", at: open) }
          }
          if pattern[position - 1] != ">" { throw error("missing `>` in a named group", at: open) }
        default:
          // Flags: (?i), (?i-s), (?i:…).
          var on = true
          var sawFlag = false
          while let c = next() {
            switch c {
            case "i": inner.caseInsensitive = on; sawFlag = true
            case "s": inner.dotAll = on; sawFlag = true
            case "m": inner.multiline = on; sawFlag = true
            case "U": sawFlag = true  // ungreedy: the same set of matches
            case "-": on = false
            case ")":
              guard sawFlag else { throw error("missing flags in `(?)`", at: open) }
              flags = inner  // to the end of the enclosing group
              return nil
            case ":":
              let node = try alternation(&inner)
              guard accept(")") else { throw error("missing `)`", at: open) }
              return node
            default: throw error("unknown group flag `\(c)` (chiso knows i, s, m, U)", at: position - 1)
            }
          }
          throw error("missing `)`", at: open)
        }
      }
      let node = try alternation(&inner)
      guard accept(")") else { throw error("missing `)`", at: open) }
      return node
    }

    enum Escaped {
      case char(UInt32)
      case item(CharSet.Item)
      case assertion(Assertion)
      case literalRun([UInt32])

      func node(_ flags: Flags) -> Node {
        switch self {
        case .char(let c): return Parser.literal(c, flags)
        case .item(let item): return .set(CharSet(items: [item]))
        case .assertion(let a): return .assertion(a)
        case .literalRun(let run): return .concat(run.map { Parser.literal($0, flags) })
        }
      }
    }

    mutating func escape(_ flags: Flags, inClass: Bool) throws(SyntaxError) -> Escaped {
      let start = position - 1
      guard let c = next() else { throw error("trailing `\\`", at: start) }
      switch c {
      case "d": return .item(.digit(false))
      case "D": return .item(.digit(true))
      case "w": return .item(.word(false))
      case "W": return .item(.word(true))
      case "s": return .item(.space(false))
      case "S": return .item(.space(true))
      case "t": return .char(0x09)
      case "n": return .char(0x0A)
      case "r": return .char(0x0D)
      case "f": return .char(0x0C)
      case "v": return .char(0x0B)
      case "a": return .char(0x07)
      case "x": return .char(try hex(start))
      case "p", "P": return .item(try category(negate: c == "P", start))
      case "A" where !inClass: return .assertion(.textStart)
      case "z" where !inClass: return .assertion(.textEnd)
      case "b" where !inClass: return .assertion(.wordBoundary)
      case "B" where !inClass: return .assertion(.notWordBoundary)
      case "Q" where !inClass:
        var run: [UInt32] = []
        while let d = next() {
          if d == "\\", peek == "E" { position += 1; return .literalRun(run) }
          run.append(d.value)
        }
        return .literalRun(run)
      case "1", "2", "3", "4", "5", "6", "7", "8", "9":
        throw error("backreferences (`\\\(c)`) are not supported: they need backtracking, which can take exponential time", at: start)
      case "Z": throw error("`\\Z` is not supported; use `\\z` (end of text) or `$`", at: start)
      default:
        if c.isASCII, c.properties.isAlphabetic || c.properties.numericType != nil {
          throw error("unknown escape `\\\(c)`", at: start)
        }
        return .char(c.value)  // `\.`, `\\`, `\(`, `\đ`…
      }
    }

    mutating func hex(_ start: Int) throws(SyntaxError) -> UInt32 {
      var digits = ""
      if accept("{") {
        while let c = next(), c != "}" { digits.unicodeScalars.append(c) }
        if pattern[position - 1] != "}" { throw error("missing `}` in `\\x{…}`", at: start) }
      } else {
        for _ in 0..<2 { if let c = next() { digits.unicodeScalars.append(c) } }
      }
      guard !digits.isEmpty, digits.count <= 8, let value = UInt32(digits, radix: 16), Unicode.Scalar(value) != nil else {
        throw error("invalid hexadecimal escape `\\x\(digits)`", at: start)
      }
      return value
    }

    mutating func category(negate: Bool, _ start: Int) throws(SyntaxError) -> CharSet.Item {
      var name = ""
      var negated = negate
      if accept("{") {
        if accept("^") { negated.toggle() }
        while let c = next(), c != "}" { name.unicodeScalars.append(c) }
        if pattern[position - 1] != "}" { throw error("missing `}` in `\\p{…}`", at: start) }
      } else if let c = next() {
        name = String(c)
      }
      if name == "Any" { return .category(Set(CharSet.categories.values.flatMap { $0 }), negated) }
      guard let categories = CharSet.categories[name] else {
        throw error("unknown Unicode class `\(name)`: chiso knows the general categories (L, Lu, Ll, N, Nd, P, S, Z, …)", at: start)
      }
      return .category(categories, negated)
    }

    static let posix: [String: [CharSet.Item]] = [
      "alpha": [.range(0x41, 0x5A), .range(0x61, 0x7A)], "digit": [.range(0x30, 0x39)],
      "alnum": [.range(0x30, 0x39), .range(0x41, 0x5A), .range(0x61, 0x7A)], "upper": [.range(0x41, 0x5A)],
      "lower": [.range(0x61, 0x7A)], "space": [.range(0x09, 0x0D), .range(0x20, 0x20)], "blank": [.range(0x09, 0x09), .range(0x20, 0x20)],
      "punct": [.range(0x21, 0x2F), .range(0x3A, 0x40), .range(0x5B, 0x60), .range(0x7B, 0x7E)],
      "xdigit": [.range(0x30, 0x39), .range(0x41, 0x46), .range(0x61, 0x66)], "word": [.word(false)],
      "cntrl": [.range(0x00, 0x1F), .range(0x7F, 0x7F)], "print": [.range(0x20, 0x7E)], "graph": [.range(0x21, 0x7E)],
      "ascii": [.range(0x00, 0x7F)],
    ]

    mutating func charClass(_ flags: Flags) throws(SyntaxError) -> CharSet {
      let open = position - 1
      var set = CharSet()
      set.caseInsensitive = flags.caseInsensitive
      if accept("^") { set.negated = true }
      var first = true
      while true {
        guard let c = next() else { throw error("missing `]` in a character class", at: open) }
        if c == "]" && !first { break }
        first = false
        if c == "[" && peek == ":" {
          let save = position
          position += 1
          var name = ""
          while let d = peek, d != ":" { name.unicodeScalars.append(d); position += 1 }
          var negatePosix = false
          if name.hasPrefix("^") { negatePosix = true; name.removeFirst() }
          if accept(":"), accept("]"), let items = Parser.posix[name] {
            if negatePosix {
              // A negated POSIX class: the code points outside it, as ranges.
              set.items.append(contentsOf: Parser.complement(items))
            } else {
              set.items.append(contentsOf: items)
            }
            continue
          }
          position = save
        }
        var low: UInt32
        if c == "\\" {
          switch try escape(flags, inClass: true) {
          case .char(let v): low = v
          case .item(let item): set.items.append(item); continue
          default: throw error("this escape cannot be used in a character class", at: position - 2)
          }
        } else {
          low = c.value
        }
        // A range `a-z` (a `-` before `]` is literal).
        if peek == "-", position + 1 < pattern.count, pattern[position + 1] != "]" {
          position += 1
          guard let d = next() else { throw error("missing `]` in a character class", at: open) }
          var high = d.value
          if d == "\\" {
            guard case .char(let v) = try escape(flags, inClass: true) else {
              throw error("bad character class range", at: position - 2)
            }
            high = v
          }
          if high < low { throw error("bad character class range `\(Unicode.Scalar(low).map(String.init) ?? "")-\(Unicode.Scalar(high).map(String.init) ?? "")`", at: open) }
          set.items.append(.range(low, high))
        } else {
          set.items.append(.range(low, low))
        }
      }
      return set
    }

    /// The code points outside some ranges (for `[[:^alpha:]]`).
    static func complement(_ items: [CharSet.Item]) -> [CharSet.Item] {
      var ranges: [(UInt32, UInt32)] = items.compactMap { if case .range(let a, let b) = $0 { return (a, b) } else { return nil } }
      ranges.sort { $0.0 < $1.0 }
      var out: [CharSet.Item] = []
      var next: UInt32 = 0
      for (a, b) in ranges {
        if a > next { out.append(.range(next, a - 1)) }
        next = max(next, b + 1)
      }
      if next <= 0x10FFFF { out.append(.range(next, 0x10FFFF)) }
      return out
    }
  }
}

// MARK: - Compiling

extension LinearRegex {
  struct Compiler {
    var program: [Instruction] = []
    var sets: [CharSet] = []

    mutating func append(_ instruction: Instruction) throws(SyntaxError) {
      if program.count >= LinearRegex.maxProgram {
        throw SyntaxError(message: "pattern too large (more than \(LinearRegex.maxProgram) steps once repetitions are expanded)", offset: 0)
      }
      program.append(instruction)
    }

    mutating func emit(_ node: Node) throws(SyntaxError) {
      switch node {
      case .empty: break
      case .char(let c): try append(.char(c))
      case .any(let newline): try append(.any(newline))
      case .set(let set):
        sets.append(set)
        try append(.set(sets.count - 1))
      case .assertion(let a): try append(.assert(a))
      case .concat(let parts): for part in parts { try emit(part) }
      case .alternation(let branches):
        var jumps: [Int] = []
        for (index, branch) in branches.enumerated() {
          if index < branches.count - 1 {
            let split = program.count
            try append(.split(split + 1, 0))
            try emit(branch)
            jumps.append(program.count)
            try append(.jump(0))
            program[split] = .split(split + 1, program.count)
          } else {
            try emit(branch)
          }
        }
        for j in jumps { program[j] = .jump(program.count) }
      case .repetition(let body, let min, let max):
        for _ in 0..<min { try emit(body) }
        if let max {
          // (x(x(x)?)?)? for the optional copies, each skipping to the end.
          var splits: [Int] = []
          for _ in min..<max {
            splits.append(program.count)
            try append(.split(program.count + 1, 0))
            try emit(body)
          }
          for s in splits { program[s] = .split(s + 1, program.count) }
        } else {
          let loop = program.count
          try append(.split(loop + 1, 0))
          try emit(body)
          try append(.jump(loop))
          program[loop] = .split(loop + 1, program.count)
        }
      }
    }
  }
}
