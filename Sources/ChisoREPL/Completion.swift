import ChisoCore
import ChisoPlan
import ChisoEngine
import ChisoSyntax
import Foundation

/// One thing Tab can insert.
public struct Candidate: Equatable, Sendable {
  /// Replaces the typed text (`Completion.typed`).
  public var replacement: String
  /// What the list of choices shows.
  public var display: String
  /// Added after `replacement` when this is the only candidate: a space after a keyword, the
  /// closing quote after a value or file name, nothing after a folder.
  public var suffix: String

  public init(_ replacement: String, display: String? = nil, suffix: String = "") {
    self.replacement = replacement
    self.display = display ?? replacement
    self.suffix = suffix
  }
}

/// What Tab offers at a cursor position.
public struct Completion: Equatable, Sendable {
  /// UTF-8 offset, in the text given to `Completer.complete`, where the replaced text starts.
  public var start: Int
  /// The text from `start` to the cursor, which a candidate replaces.
  public var typed: String
  public var candidates: [Candidate]
  /// Whether candidates were matched ignoring case and diacritics (so a common prefix may
  /// differ from what was typed: `lang` → `Lạng Sơn`).
  public var folded: Bool

  public init(start: Int, typed: String, candidates: [Candidate], folded: Bool = true) {
    self.start = start
    self.typed = typed
    self.candidates = candidates
    self.folded = folded
  }

  public static func none(at offset: Int) -> Completion { Completion(start: offset, typed: "", candidates: []) }

  /// The replacements alone, for tests and simple front ends.
  public var replacements: [String] { candidates.map(\.replacement) }

  /// What one Tab puts in place of `typed`: the only candidate with its suffix, or the longest
  /// common prefix of the candidates when it goes further than what was typed; nil to leave the
  /// text as it is (and list the candidates).
  public var insertion: String? {
    guard let first = candidates.first else { return nil }
    if candidates.count == 1 { return first.replacement + first.suffix }
    var prefix = Array(first.replacement)
    for candidate in candidates.dropFirst() {
      let other = Array(candidate.replacement)
      var n = 0
      while n < prefix.count, n < other.count, prefix[n] == other[n] { n += 1 }
      prefix.removeLast(prefix.count - n)
    }
    let common = String(prefix)
    if common == typed { return nil }
    if folded {
      let foldedCommon = TextFold.fold(common)
      let foldedTyped = TextFold.fold(typed)
      guard foldedCommon.hasPrefix(foldedTyped), foldedCommon.count >= foldedTyped.count else { return nil }
      return common
    }
    return common.hasPrefix(typed) && common.count > typed.count ? common : nil
  }
}

/// Context-aware completion for the REPL: transforms at the start of a step, tables after
/// `from`/`join`, the columns in scope (resolved with `Session.plan` on the steps before the
/// cursor, plus names defined earlier in the same step), functions, dot commands, file paths,
/// and the values of a column inside `column == "…`.
public final class Completer: @unchecked Sendable {
  public let session: Session
  /// Relative paths are completed from here.
  public var directory: String

  /// Transforms, for the start of a step: the session's registry (sources, PRQL's transforms,
  /// then the index verbs), so a new transform completes without touching the completer.
  public static let transforms: [String] = {
    let registry = Session.standardRegistry
    return registry.names(.source) + registry.names(.transform) + registry.names(.verb)
  }()
  static let statementKeywords = ["let", "func"]
  static let expressionKeywords = ["this", "that", "true", "false", "null", "case"]
  static let relationStarts: Set<String> = Set(Session.standardRegistry.names(.source))
  static let statementHeads: Set<String> = ["let", "func", "prql"]
  /// The values a named argument takes, from every record's parameter kinds (`side:` → inner,
  /// left, right, full; a boolean → true, false).
  static let namedArgumentValues: [String: [String]] = {
    var out: [String: [String]] = [:]
    for record in Session.standardRegistry.records {
      for parameter in record.named {
        switch parameter.kind {
        case .choice(let options): out[parameter.name] = options
        case .bool: out[parameter.name] = ["true", "false"]
        default: break
        }
      }
    }
    return out
  }()

  public init(session: Session, directory: String = FileManager.default.currentDirectoryPath) {
    self.session = session
    self.directory = directory
  }

  /// Candidates for the cursor at the end of `text`, which holds the whole entry typed so far
  /// (earlier lines of a multi-line query included).
  public func complete(_ text: String) -> Completion {
    // A line starting with `.` is a command, also in the middle of a query (`EntryReader` runs it
    // and keeps the query pending).
    let bytes = Array(text.utf8)
    let lineStart = bytes.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
    let line = String(decoding: bytes[lineStart...], as: UTF8.self)
    let earlier = String(decoding: bytes[..<lineStart], as: UTF8.self)
    let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
    if trimmed.hasPrefix("."), !trimmed.hasPrefix(".."), !Completeness.isInsideMultilineString(earlier) {
      var completion = completeCommand(line)
      completion.start += lineStart
      return completion
    }
    return completeQuery(text)
  }

  // MARK: - Dot commands

  func completeCommand(_ text: String) -> Completion {
    let utf8 = Array(text.utf8)
    var i = 0
    while i < utf8.count, utf8[i] == 32 || utf8[i] == 9 { i += 1 }
    let nameStart = i
    while i < utf8.count, utf8[i] != 32, utf8[i] != 9 { i += 1 }
    let name = String(decoding: utf8[nameStart..<i], as: UTF8.self)
    if i == utf8.count {
      let candidates = DotCommand.all.filter { $0.name.hasPrefix(name) }.map {
        Candidate($0.name, suffix: $0.takesArgument ? " " : "")
      }
      return Completion(start: nameStart, typed: name, candidates: candidates, folded: false)
    }
    while i < utf8.count, utf8[i] == 32 || utf8[i] == 9 { i += 1 }
    let argStart = i
    let argument = String(decoding: utf8[argStart...], as: UTF8.self)
    switch DotCommand.canonicalName(name) {
    case ".read", ".output", ".once":
      return completePath(argument, start: argStart, closing: nil, escape: false)
    case ".report":
      // The last word: a script or output file.
      let lastSpace = argument.utf8.lastIndex(of: 32).map { argument.utf8.distance(from: argument.utf8.startIndex, to: $0) + 1 } ?? 0
      let word = String(decoding: Array(argument.utf8)[lastSpace...], as: UTF8.self)
      return completePath(word, start: argStart + lastSpace, closing: nil, escape: false)
    case ".lang":
      return words(["en", "vi"], typed: argument, start: argStart, suffix: "")
    case ".schema":
      return words(session.catalog.tableNames, typed: argument, start: argStart, suffix: "")
    case ".mode":
      return words(DotCommand.modes, typed: argument, start: argStart, suffix: "")
    case ".timer":
      return words(["on", "off"], typed: argument, start: argStart, suffix: "")
    case ".maxrows":
      return words(["auto", "all"], typed: argument, start: argStart, suffix: "")
    case ".help":
      return words(DotCommand.all.map(\.name), typed: argument, start: argStart, suffix: "")
    case ".explain":
      var inner = completeQuery(argument)
      inner.start += argStart
      return inner
    default:
      return .none(at: utf8.count)
    }
  }

  // MARK: - Queries

  func completeQuery(_ text: String) -> Completion {
    let tokens = Scanner.scan(text)
    let end = text.utf8.count

    // Inside a string: a file name after read_csv/read_json, or a column's values.
    if let last = tokens.last, case .string(let prefix, let quote, let triple, let closed, let content) = last.kind,
      !closed, last.end == end
    {
      let contentStart = last.start + (prefix == nil ? 0 : 1) + (triple ? 3 : 1)
      if prefix == UInt8(ascii: "f") || prefix == UInt8(ascii: "s") || triple { return .none(at: end) }
      let before = Array(tokens.dropLast())
      let closing = String(decoding: [quote], as: UTF8.self)
      if let sheets = completeSheet(before: before, typed: content, start: contentStart, quote: quote) {
        return sheets
      }
      if let word = before.last?.word, word == "read_csv" || word == "read_json" || word == "read_xlsx" {
        return completePath(content, start: contentStart, closing: closing, escape: prefix == nil)
      }
      if let column = Self.valueColumn(before) {
        let context = Context(text: text, tokens: before)
        return completeValues(
          column: column, context: context, typed: content, start: contentStart, quote: quote,
          raw: prefix == UInt8(ascii: "r"))
      }
      return .none(at: end)
    }

    // The word being typed (possibly empty, possibly dotted or backticked).
    var typed = ""
    var start = end
    var backticked = false
    var before = tokens
    if let last = tokens.last, last.end == end, let word = last.word {
      typed = word
      start = last.start
      backticked = text.utf8[text.utf8.index(text.utf8.startIndex, offsetBy: last.start)] == UInt8(ascii: "`")
      before.removeLast()
    }
    let context = Context(text: text, tokens: before)
    let frame = context.innermost

    // `sheet:` of `read_xlsx`: the workbook's sheet names, quoted.
    if let sheets = completeSheet(before: before, typed: typed, start: start, quote: nil) { return sheets }

    // `side:` and other named arguments.
    if let colon = before.last, colon.isOp(":"), before.count >= 2, let name = before[before.count - 2].word,
      let values = Self.namedArgumentValues[name]
    {
      return words(values, typed: typed, start: start, suffix: " ")
    }

    // Start of a step: transforms (and statements at the top).
    if frame.isPipeline && frame.level.isEmpty && !backticked {
      var names = Self.transforms + context.userFunctions
      if frame.open == nil { names = Self.statementKeywords + names }
      return words(names, typed: typed, start: start, suffix: " ")
    }

    // The step the cursor is in (the innermost pipeline's), and its transform.
    let step = context.stepFrame
    let head = context.head(of: step)
    // Tables after from / join / append / remove / intersect, before their first argument.
    if frame.isPipeline, let head, ["from", "join", "append", "remove", "intersect"].contains(head),
      context.positionalCount(frame) == 0, !(before.last?.isOp(":") ?? false), !backticked
    {
      var names = session.catalog.tableNames + context.relationNames
      if head == "from" { names += ["read_csv", "read_json", "read_xlsx", "from_text"] }
      return words(names, typed: typed, start: start, suffix: " ")
    }
    if head == "take" { return .none(at: end) }

    // `math.ro`, `text.`, `pci.sc`, `this.`.
    if let dot = typed.lastIndex(of: "."), !backticked {
      let namespace = String(typed[..<dot])
      let member = String(typed[typed.index(after: dot)...])
      var names: [String]
      if ["math", "text", "date", "std"].contains(namespace) {
        names = Self.functionNames.filter { $0.hasPrefix(namespace + ".") }.map { String($0.dropFirst(namespace.count + 1)) }
      } else if namespace == "that", head == "join", let table = context.joinedTable(step),
        let joined = try? session.catalog.schema(ofTable: table)
      {
        names = joined.names
      } else if ["this", "that"].contains(namespace) {
        names = scopeColumns(context) + context.definedInStep()
      } else if let table = try? session.catalog.schema(ofTable: namespace) {
        names = table.names
      } else {
        names = scopeColumns(context)
      }
      let candidates = dedupe(names).filter { Self.matches($0, member) }.map {
        Candidate(namespace + "." + Self.quoted($0), display: $0)
      }
      return Completion(start: start, typed: typed, candidates: candidates)
    }

    // An expression: after `|` inside one, functions; otherwise columns first.
    var names: [String] = []
    let afterPipe = !frame.isPipeline && before.last.map { $0.isOp("|") } == true
    if !afterPipe {
      names += scopeColumns(context) + context.definedInStep()
      if head == "join", let table = context.joinedTable(step), let joined = try? session.catalog.schema(ofTable: table) {
        names += joined.names
      }
    }
    if head != "sort" || afterPipe {
      names += (afterPipe ? ["in", "as"] : []) + Self.functionNames.filter { !$0.hasPrefix("std.") }
        + context.userFunctions
    }
    if !afterPipe { names += Self.expressionKeywords }
    let candidates = dedupe(names).filter { Self.matches($0, typed) }.map {
      Candidate(backticked || Self.needsQuoting($0) ? "`" + $0 + "`" : $0, display: $0, suffix: "")
    }
    let replaced = String(decoding: Array(text.utf8)[start...], as: UTF8.self)
    return Completion(start: start, typed: replaced, candidates: candidates)
  }

  // MARK: - Values

  /// The column compared in `column == "…`, `column != "…` or `column | in ["…", "…`.
  static func valueColumn(_ before: [Scanner.Token]) -> String? {
    var i = before.count - 1
    guard i >= 0 else { return nil }
    if before[i].isOp("==") || before[i].isOp("!=") {
      return i >= 1 ? before[i - 1].word.map(lastComponent) : nil
    }
    // Inside `in [...`: skip earlier items back to the bracket.
    while i >= 0 {
      let token = before[i]
      if case .string = token.kind { i -= 1; continue }
      if token.isOp(",") { i -= 1; continue }
      break
    }
    guard i >= 3, before[i].kind == .open(UInt8(ascii: "[")), before[i - 1].word == "in", before[i - 2].isOp("|"),
      let column = before[i - 3].word
    else { return nil }
    return lastComponent(column)
  }

  static func lastComponent(_ path: String) -> String {
    path.split(separator: ".").last.map(String.init) ?? path
  }

  /// Distinct values of `column` in the relation the current step reads, matching `typed`
  /// without case or diacritics (prefix matches first, then matches at a word start).
  func completeValues(
    column: String, context: Context, typed: String, start: Int, quote: UInt8, raw: Bool
  ) -> Completion {
    let values = distinctValues(column: column, context: context)
    let key = TextFold.fold(typed)
    var matched = values.filter { TextFold.fold($0).hasPrefix(key) }
    if matched.isEmpty, !key.isEmpty {
      matched = values.filter { value in
        let folded = TextFold.fold(value)
        return folded.contains(" " + key) || folded.contains("-" + key) || folded.contains("(" + key)
      }
    }
    let closing = String(decoding: [quote], as: UTF8.self)
    var candidates = matched.map { value in
      Candidate(raw ? value : Self.escape(value, quote: quote), display: value, suffix: closing)
    }
    if column == "component" {
      candidates += componentNames(typed: typed, values: values, except: Set(matched), closing: closing)
    }
    return Completion(start: start, typed: typed, candidates: candidates)
  }

  /// Components whose Vietnamese or English name has a word starting with what was typed
  /// (`gia nhập` → `market_entry`, shown with its name), from the index manifests; only ids
  /// the column holds when its values are known.
  func componentNames(typed: String, values: [String], except: Set<String>, closing: String) -> [Candidate] {
    let key = ComponentNames.fold(typed)
    guard key.count >= 2 else { return [] }
    let present = Set(values)
    var seen = Set<String>()
    var out: [Candidate] = []
    for entry in ComponentNames.entries(session.catalog) where present.isEmpty || present.contains(entry.id) {
      guard !except.contains(entry.id), !seen.contains(entry.id) else { continue }
      let names = [entry.nameVI, entry.nameEN].map(ComponentNames.fold)
      guard names.contains(where: { $0.hasPrefix(key) || $0.contains(" " + key) }) else { continue }
      seen.insert(entry.id)
      out.append(Candidate(entry.id, display: "\(entry.id) — \(entry.nameVI)", suffix: closing))
    }
    return out
  }

  private var valueCache: (query: String, column: String, values: [String])?

  func distinctValues(column: String, context: Context) -> [String] {
    let queries = context.scopeQueries()
    if let cache = valueCache, cache.column == column, cache.query == queries.first { return cache.values }
    var result: [String] = []
    for query in queries {
      let session = self.session
      guard let table = bounded({ try? session.run(SourceFile(name: "<completion>", text: query)) }),
        let index = table.index(of: column)
      else { continue }
      result = Self.distinctText(table.columns[index])
      break
    }
    if result.isEmpty, let source = context.sourceTable, let table = try? session.catalog.table(source),
      let index = table.index(of: column)
    {
      result = Self.distinctText(table.columns[index])
    }
    valueCache = (queries.first ?? "", column, result)
    return result
  }

  /// The distinct non-null texts of a column, sorted; other types are shown as they print.
  static func distinctText(_ column: Column) -> [String] {
    var seen = Set<String>()
    if case .text(let buffer) = column.storage {
      var used = Set<UInt32>()
      for row in 0..<column.count where !column.isNull(row) { used.insert(buffer.codes[row]) }
      for code in used where Int(code) < buffer.dictionary.count { seen.insert(buffer.dictionary[Int(code)]) }
    } else {
      for row in 0..<column.count where !column.isNull(row) { seen.insert(column.value(at: row).description) }
    }
    return seen.sorted()
  }

  static func escape(_ value: String, quote: UInt8) -> String {
    var out = ""
    for character in value {
      switch character {
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default:
        if character.asciiValue == quote { out += "\\" }
        out.append(character)
      }
    }
    return out
  }

  // MARK: - Columns in scope

  private var columnCache: (query: String, columns: [String])?

  /// The columns the current step sees: the steps before it resolved with `Session.plan`
  /// (dropping trailing steps that do not resolve yet).
  func scopeColumns(_ context: Context) -> [String] {
    let queries = context.scopeQueries()
    guard let first = queries.first else { return [] }
    if let cache = columnCache, cache.query == first { return cache.columns }
    var columns: [String] = []
    for query in queries {
      let session = self.session
      if let plan = bounded({ try? session.plan(SourceFile(name: "<completion>", text: query)) }) {
        columns = dedupe(plan.visibleColumns.map(\.name).filter { !$0.isEmpty && !$0.hasPrefix("_") })
        break
      }
    }
    if columns.isEmpty, let source = context.sourceTable, let schema = try? session.catalog.schema(ofTable: source) {
      columns = schema.names
    }
    columnCache = (first, columns)
    return columns
  }

  /// How long completion may spend resolving or running the query before the cursor (a file
  /// that is slow to read, a FIFO) before it offers what it has.
  public var timeLimit: Duration = .seconds(2)

  /// `work` on a background thread, given up after `timeLimit`.
  func bounded<T: Sendable>(_ work: @escaping @Sendable () -> T?) -> T? {
    let clock = ContinuousClock()
    let deadline = clock.now + timeLimit
    return Cancellable.run(work, pollEvery: .milliseconds(5), interrupted: { clock.now > deadline }) ?? nil
  }

  // MARK: - Paths

  /// Files and folders starting with `typed` (relative to `directory`; `~/` is the home folder).
  func completePath(_ typed: String, start: Int, closing: String?, escape: Bool) -> Completion {
    let slash = typed.lastIndex(of: "/")
    let folderPart = slash.map { String(typed[...$0]) } ?? ""
    let base = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
    var folder = folderPart.isEmpty ? "." : folderPart
    if folder == "~/" || folder.hasPrefix("~/") {
      folder = NSHomeDirectory() + String(folder.dropFirst())
    }
    if !folder.hasPrefix("/") { folder = (directory as NSString).appendingPathComponent(folder) }
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    var candidates: [Candidate] = []
    for entry in entries.sorted() where entry.hasPrefix(base) && (base.hasPrefix(".") || !entry.hasPrefix(".")) {
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(entry), isDirectory: &isDirectory)
      let name = escape ? Self.escape(entry, quote: UInt8(ascii: "\"")) : entry
      if isDirectory.boolValue {
        candidates.append(Candidate(folderPart + name + "/", display: entry + "/"))
      } else {
        candidates.append(Candidate(folderPart + name, display: entry, suffix: closing ?? ""))
      }
    }
    return Completion(start: start, typed: typed, candidates: candidates, folded: false)
  }

  // MARK: - Helpers

  static let functionNames: [String] = {
    var names = Set<String>()
    for function in FunctionRegistry.scalars {
      names.insert(function.name)
      for alias in function.aliases { names.insert(alias) }
    }
    names.formUnion(FunctionRegistry.aggregatesByName.keys)
    names.formUnion(FunctionRegistry.windowsByName.keys)
    return names.filter { !$0.isEmpty && ($0.first?.isLetter ?? false) }.sorted()
  }()

  static func matches(_ name: String, _ typed: String) -> Bool {
    typed.isEmpty || TextFold.fold(name).hasPrefix(TextFold.fold(typed))
  }

  /// Column names that are not plain identifiers go in backticks.
  static func needsQuoting(_ name: String) -> Bool {
    guard let first = name.utf8.first, Scanner.isIdentStart(first) else { return true }
    return !name.utf8.allSatisfy(Scanner.isIdentContinue)
  }

  static func quoted(_ name: String) -> String { needsQuoting(name) ? "`" + name + "`" : name }

  func words(_ names: [String], typed: String, start: Int, suffix: String) -> Completion {
    let candidates = dedupe(names).filter { Self.matches($0, typed) }.map { Candidate($0, suffix: suffix) }
    return Completion(start: start, typed: typed, candidates: candidates)
  }

  func dedupe(_ names: [String]) -> [String] {
    var seen = Set<String>()
    return names.filter { seen.insert($0).inserted }
  }
}
