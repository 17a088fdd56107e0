/// Where the cursor is in a half-written query: the open brackets around it, and for each
/// pipeline (the top level, `group … (…)`, `let x = (…)`, …) the steps before the cursor.
struct Context {
  /// One open bracket (or the top level).
  struct Frame {
    /// `(`, `{`, `[`; nil at the top level.
    var open: UInt8?
    /// Whether the bracket holds a pipeline (steps split by `|` and new lines) rather than an
    /// expression, tuple or array.
    var isPipeline: Bool
    /// Index of the first token of the step being written.
    var stepStart: Int
    /// Finished steps of the current pipeline, as token ranges.
    var steps: [Range<Int>] = []
    /// Finished `let`/`func` statements (top level only).
    var statements: [Range<Int>] = []
    /// Tokens directly inside this frame in the current step (a nested bracket by its opener).
    var level: [Int] = []
  }

  let text: String
  let tokens: [Scanner.Token]
  private(set) var frames: [Frame]

  init(text: String, tokens: [Scanner.Token]) {
    self.text = text
    self.tokens = tokens
    frames = [Frame(open: nil, isPipeline: true, stepStart: 0)]
    for index in tokens.indices { visit(index) }
  }

  var innermost: Frame { frames[frames.count - 1] }

  /// The innermost pipeline: its current step is the one the cursor is in.
  var stepFrame: Frame { frames.last(where: { $0.isPipeline }) ?? frames[0] }

  private mutating func visit(_ index: Int) {
    let token = tokens[index]
    let top = frames.count - 1
    switch token.kind {
    case .open(let bracket):
      let pipeline = bracket == UInt8(ascii: "(") && opensPipeline(frames[top])
      frames[top].level.append(index)
      frames.append(Frame(open: bracket, isPipeline: pipeline, stepStart: index + 1))
    case .close:
      if frames.count > 1 { frames.removeLast() }
    case .newline:
      if frames[top].isPipeline { finishStep(top, at: index) }
    case .op("|") where frames[top].isPipeline:
      finishStep(top, at: index)
    default:
      frames[top].level.append(index)
    }
  }

  private mutating func finishStep(_ f: Int, at index: Int) {
    defer {
      frames[f].stepStart = index + 1
      frames[f].level = []
    }
    guard let first = frames[f].level.first else { return }
    let range = frames[f].stepStart..<index
    let head = tokens[first].word ?? ""
    if Completer.statementHeads.contains(head) {
      frames[f].statements.append(range)
      frames[f].steps = []
    } else if Completer.relationStarts.contains(head) {
      frames[f].steps = [range]
    } else {
      frames[f].steps.append(range)
    }
  }

  /// Whether a `(` opened now, in `frame`'s current step, holds a pipeline.
  private func opensPipeline(_ frame: Frame) -> Bool {
    guard frame.isPipeline, let head = head(of: frame) else { return false }
    switch head {
    case "group": return frame.level.count >= 2
    case "window": return !(frame.level.last.map { tokens[$0].isOp(":") } ?? false)
    case "loop", "from": return true
    case "join", "append", "remove", "intersect": return positionalCount(frame) == 0
    case "let":
      return frame.level.count >= 3 && frame.level.last.map { tokens[$0].isOp("=") } == true
    default: return false
    }
  }

  /// The first word of the frame's current step.
  func head(of frame: Frame) -> String? {
    guard let first = frame.level.first else { return nil }
    return tokens[first].word
  }

  /// Positional arguments so far in the frame's current step (named arguments `side:left` and
  /// an alias `p =` do not count).
  func positionalCount(_ frame: Frame) -> Int {
    let level = frame.level
    var count = 0
    var i = 1
    while i < level.count {
      let token = tokens[level[i]]
      let next = i + 1 < level.count ? tokens[level[i + 1]] : nil
      if token.word != nil, next?.isOp(":") == true {
        i += 3
      } else if token.word != nil, next?.isOp("=") == true {
        i += 2
      } else {
        count += 1
        i += 1
      }
    }
    return count
  }

  /// The table named as a join's relation (`join p = provinces (…`).
  func joinedTable(_ frame: Frame) -> String? {
    let level = frame.level
    var i = 1
    while i < level.count {
      let token = tokens[level[i]]
      let next = i + 1 < level.count ? tokens[level[i + 1]] : nil
      if token.word != nil, next?.isOp(":") == true {
        i += 3
      } else if token.word != nil, next?.isOp("=") == true {
        i += 2
      } else {
        return token.word
      }
    }
    return nil
  }

  /// Names given with `name =` earlier in the current step of the innermost pipeline (so
  /// `derive {gap = 100 - score, half = g…` offers `gap`).
  func definedInStep() -> [String] {
    guard let pipeline = frames.lastIndex(where: { $0.isPipeline }) else { return [] }
    let head = head(of: frames[pipeline]) ?? ""
    guard ["derive", "select", "aggregate", "group", "window"].contains(head) else { return [] }
    var names: [String] = []
    let start = frames[pipeline].stepStart
    guard start < tokens.count else { return [] }
    for i in start..<tokens.count where i + 1 < tokens.count && tokens[i + 1].isOp("=") {
      if let word = tokens[i].word, i == start || !tokens[i - 1].isOp(":") { names.append(word) }
    }
    return names.filter { $0 != head }
  }

  /// Names bound by `let name = …` anywhere before the cursor.
  var relationNames: [String] { letNames.filter { !functionNames.contains($0) } }

  /// Functions defined with `let f = a b -> …` or `func f …`.
  var userFunctions: [String] { functionNames }

  private var letNames: [String] {
    var names: [String] = []
    for i in tokens.indices where tokens[i].word == "let" || tokens[i].word == "func" {
      if i + 1 < tokens.count, let name = tokens[i + 1].word { names.append(name) }
    }
    return names
  }

  private var functionNames: [String] {
    var names: [String] = []
    for i in tokens.indices {
      guard let keyword = tokens[i].word, keyword == "let" || keyword == "func", i + 1 < tokens.count,
        let name = tokens[i + 1].word
      else { continue }
      if keyword == "func" { names.append(name); continue }
      // `let f = a b -> …`: an arrow before the next statement.
      var j = i + 2
      while j < tokens.count, tokens[j].kind != .newline {
        if tokens[j].isOp("->") { names.append(name); break }
        if case .open = tokens[j].kind { break }
        j += 1
      }
    }
    return names
  }

  /// The table the pipeline at the cursor starts from (`from pci` → `pci`).
  var sourceTable: String? {
    for frame in frames.reversed() where frame.isPipeline {
      let range = frame.steps.first ?? (frame.stepStart..<tokens.count)
      guard range.lowerBound < tokens.count, tokens[range.lowerBound].word == "from" else { continue }
      var i = range.lowerBound + 1
      // `from p = provinces`
      if i + 1 < range.upperBound, tokens[i + 1].isOp("=") { i += 2 }
      if i < range.upperBound, let name = tokens[i].word { return name }
    }
    return nil
  }

  /// Query texts whose result is the relation the cursor's step reads, the full prefix first,
  /// then with trailing steps dropped (for when a later step does not resolve yet). Empty when
  /// the cursor is in the first step.
  func scopeQueries() -> [String] {
    var steps: [Range<Int>] = []
    let pipelines = frames.indices.filter { frames[$0].isPipeline }
    for f in pipelines {
      let frame = frames[f]
      // A nested pipeline that starts with its own `from` does not read the outer steps.
      if let first = frame.steps.first, Completer.relationStarts.contains(tokens[first.lowerBound].word ?? "") {
        steps = []
      }
      steps += frame.steps
      // The step holding the next pipeline, when it starts a relation of its own, resets too.
      if let head = head(of: frame),
        Completer.relationStarts.contains(head) || Completer.statementHeads.contains(head)
          || (["join", "append", "remove", "intersect"].contains(head) && f != pipelines.last)
      {
        steps = []
      }
    }
    guard !steps.isEmpty else { return [] }
    let preamble = frames[0].statements.map { slice($0) }.joined(separator: "\n")
    var queries: [String] = []
    var count = steps.count
    while count > 0 {
      let body = steps.prefix(count).map { slice($0) }.joined(separator: "\n")
      queries.append(preamble.isEmpty ? body : preamble + "\n" + body)
      count -= 1
    }
    return queries
  }

  /// The source text of a token range.
  func slice(_ range: Range<Int>) -> String {
    guard range.lowerBound < range.upperBound, range.upperBound <= tokens.count else { return "" }
    let start = tokens[range.lowerBound].start
    let end = tokens[range.upperBound - 1].end
    let utf8 = Array(text.utf8)
    guard start <= end, end <= utf8.count else { return "" }
    return String(decoding: utf8[start..<end], as: UTF8.self)
  }
}
