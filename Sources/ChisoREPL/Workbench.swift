import ChisoCore
import ChisoPlan
import ChisoEngine
import ChisoLocale
import ChisoRender
import ChisoReport
import ChisoSyntax
import Foundation

/// The REPL's state and everything an entry can do, apart from reading lines: run a query (on a
/// background thread, so Ctrl-C can abandon it), print its result fitted to the terminal, and
/// carry out dot commands.
public final class Workbench {
  /// The answers the last `.read` exercise's solution file defined (removed at the next `.read`).
  var exerciseAnswers: [String] = []
  public let session: Session
  public let console: Console
  public var mode: OutputFormat
  public var timer = false
  public var rowLimit: DotCommand.RowLimit = .auto
  /// Draw tables with plain `+ - |` (`--ascii`).
  public var ascii = false
  /// The language of messages, help, charts and reports (`--lang`, `.lang`).
  public var language: Language = .en
  /// chiso's version, for reports.
  public var version = ""
  /// The text of the last query run (for `.edit`, `.explain`).
  public private(set) var lastQuery: String?
  /// The last result (for `.last`, `.save`, `.chart`; also the session table `_`).
  public private(set) var lastResult: Table?
  /// How floats show: 7 significant digits by default (`.precision`, `.decimal`, `--precision`).
  public var numbers = NumberStyle.display
  /// The decimals the last query fixed per column (`math.round 2`).
  private var lastDecimals: [Int?] = []
  /// How warnings print after a result (`.warnings off|brief|full`, `--warnings`).
  public var warningStyle: WarningStyle = .brief
  /// The last query's warnings and its source, for `.warnings` to show in full.
  public private(set) var lastWarnings: [Diagnostic] = []
  private var lastSource: SourceFile?
  /// Where results go: nil for the console.
  public private(set) var outputPath: String?
  private var outputOnce = false
  private var outputBuffer = Data()
  private var entryNumber = 0

  public init(session: Session, console: Console, mode: OutputFormat = .table) {
    self.session = session
    self.console = console
    self.mode = mode
  }

  /// What the caller should do after a command.
  public enum Outcome: Equatable {
    case proceed
    case quit
    /// Run this query as if typed (`.edit` returns the edited text).
    case run(String)
  }

  // MARK: - Queries

  /// Runs a query and prints its result or error; false on error or when cancelled.
  @discardableResult
  public func run(query text: String, name: String? = nil, parameters: [String: String] = [:]) -> Bool {
    entryNumber += 1
    let source = renamingComponents(SourceFile(name: name ?? "<repl:\(entryNumber)>", text: text))
    // `let t = (…)` alone defines `t` for the rest of the session.
    if Session.isDefinition(source.text) { return define(source) }
    lastQuery = text
    let session = self.session
    let clock = ContinuousClock()
    let started = clock.now
    // Ctrl-C abandons the query at once; the switch makes the abandoned work stop soon too.
    let cancellation = QueryCancellation()
    let outcome = Cancellable.run({ () -> Result<QueryResult, ChisoError> in
      QueryCancellation.$current.withValue(cancellation) {
        do throws(ChisoError) {
          return .success(try session.execute(source, parameters: parameters))
        } catch {
          return .failure(error)
        }
      }
    }, interrupted: console.interrupted)
    let elapsed = clock.now - started
    guard let outcome else {
      cancellation.cancel()
      console.writeError(
        "\n" + paintError.yellow(L10n.text("repl.cancelled", language)) + paintError.dim(L10n.text("repl.cancelled.detail", language))
          + "\n")
      return false
    }
    switch outcome {
    case .failure(let error):
      report(error, source)
      return false
    case .success(let result):
      showWarnings(result.warnings, source)
      lastResult = result.table
      lastDecimals = result.columnDecimals
      // `_` is the last result, as a table for the next query: `from _ | …`.
      session.catalog.register("_", result.table)
      emit(result.table, elapsed: elapsed)
      return true
    }
  }

  /// Prints warnings in the chosen style, keeping them for `.warnings`.
  func showWarnings(_ warnings: [Diagnostic], _ source: SourceFile) {
    lastWarnings = warnings
    lastSource = source
    switch warningStyle {
    case .off: return
    case .full:
      for warning in warnings {
        console.writeError(DiagnosticRenderer.render(
          warning, source: source, colour: console.errorColour, others: session.definitionSources, language: language))
      }
    case .brief:
      for warning in warnings {
        console.writeError(DiagnosticRenderer.brief(warning, source: source, colour: console.errorColour, language: language))
      }
      if warnings.contains(where: { !$0.hints.isEmpty || $0.span != nil }) {
        console.writeError(paintError.dim(L10n.text("repl.warnings.more", language)) + "\n")
      }
    }
  }

  /// `let name = (…)` entered alone: defined for the rest of the session.
  func define(_ source: SourceFile) -> Bool {
    do throws(ChisoError) {
      for (name, columns) in try session.define(source) {
        note(columns.isEmpty ? L10n.text("repl.defined.other", language, name) : L10n.text("repl.defined", language, name, columns.joined(separator: ", ")))
      }
      return true
    } catch {
      report(error, source)
      return false
    }
  }

  /// Says which step left no rows (run step by step, cancellable like the query itself).
  func explainEmpty(_ source: SourceFile, parameters: [String: String]) {
    let session = self.session
    let language = self.language
    guard let found = Cancellable.run({ EmptyResult.explain(session, source, parameters: parameters, language: language) },
      interrupted: console.interrupted), let why = found
    else { return }
    console.writeError(paintError.cyan(L10n.text("severity.note", language)) + ": " + why + "\n")
  }

  /// `source` with component names typed where an id belongs replaced by the id, and a note
  /// for each (`"gia nhập thị trường"` is `market_entry`).
  func renamingComponents(_ source: SourceFile) -> SourceFile {
    let rewrite = ComponentNames.rewrite(source.text, catalog: session.catalog)
    let note = paintError.cyan(L10n.text("severity.note", language))
    for r in rewrite.replacements {
      let name = language == .vi ? r.entry.nameVI : r.entry.nameEN
      console.writeError("\(note): \(L10n.text("component.rewritten", language, r.typed, r.entry.id, name))\n")
    }
    for a in rewrite.ambiguous {
      let ids = Set(a.entries.map(\.id)).sorted().map { "`\($0)`" }.joined(separator: ", ")
      console.writeError("\(note): \(L10n.text("component.ambiguous", language, a.typed, ids))\n")
    }
    return rewrite.replacements.isEmpty ? source : SourceFile(name: source.name, text: rewrite.text)
  }

  private var paintError: Colour { Colour(enabled: console.errorColour) }
  private var paint: Colour { Colour(enabled: console.colour) }

  /// Prints a query or data error with its location.
  public func report(_ error: ChisoError, _ source: SourceFile) {
    let colour = console.errorColour
    switch error {
    case .query(let diagnostic):
      console.writeError(DiagnosticRenderer.render(diagnostic, source: source, colour: colour, language: language))
    case .data(let dataError, let span):
      var out = DiagnosticRenderer.render(dataError, colour: colour, language: language)
      if let span {
        out += DiagnosticRenderer.render(
          Diagnostic(.data, "while reading the table named here", span: span, severity: .error),
          source: source, colour: colour, language: language
        )
        .split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
      }
      console.writeError(out)
    }
  }

  /// The rows shown before eliding the middle, for a terminal of `rows` lines.
  public func maxRows(terminalRows rows: Int?) -> Int? {
    switch rowLimit {
    case .all: return nil
    case .rows(let n): return n
    case .auto:
      guard let rows else { return nil }
      // Borders, header, type row, gap, footer, timer and the next prompt take about ten lines.
      return max(10, rows - 10)
    }
  }

  /// Renders a result for the terminal: head and tail rows and fitted columns in table mode.
  public func renderForConsole(_ table: Table, decimals: [Int?] = []) -> String {
    let size = console.size()
    var text: String
    let numbers = self.numbers.with(columnDecimals: decimals)
    if mode == .table {
      let style = TableStyle(
        maxRows: maxRows(terminalRows: size?.rows), maxWidth: size?.columns, colour: console.colour, ascii: ascii,
        language: language, numbers: numbers)
      text = Renderer.render(table, as: .table, style: style)
    } else {
      text = Renderer.render(table, as: mode, style: TableStyle(colour: console.colour, numbers: numbers))
    }
    if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
    return text
  }

  func emit(_ table: Table, elapsed: Duration) {
    if let path = outputPath {
      var text = Renderer.render(table, as: mode, style: TableStyle(ascii: ascii, numbers: numbers.with(columnDecimals: lastDecimals)))
      if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
      outputBuffer.append(Data(text.utf8))
      do throws(AtomicFileError) {
        try AtomicFile.write(outputBuffer, to: path)
        let rows = "\(table.rowCount) row\(table.rowCount == 1 ? "" : "s")"
        console.writeError(paintError.dim("\(rows) written to \(path)") + "\n")
      } catch {
        console.writeError(paintError.boldRed("error") + ": \(error.message)\n")
      }
      if outputOnce {
        outputPath = nil
        outputOnce = false
        outputBuffer = Data()
      }
    } else {
      console.write(renderForConsole(table, decimals: lastDecimals))
    }
    if timer { console.write(paint.dim("time: " + Self.format(elapsed)) + "\n") }
  }

  static func format(_ duration: Duration) -> String {
    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    if seconds < 1 { return String(format: "%.1f ms", seconds * 1000) }
    return String(format: "%.3f s", seconds)
  }

  // MARK: - Commands

  /// Parses and runs a command line; `pending` is the unfinished query, if any.
  public func handle(command line: String, pending: String? = nil) -> Outcome {
    switch DotCommand.parse(line) {
    case .failure(let error):
      console.writeError(paintError.boldRed("error") + ": " + error.message + "\n")
      return .proceed
    case .success(let command):
      return execute(command, pending: pending)
    }
  }

  public func execute(_ command: DotCommand, pending: String? = nil) -> Outcome {
    switch command {
    case .quit: return .quit
    case .help(let topic): help(topic)
    case .tables: tables()
    case .schema(let table): schema(table)
    case .mode(let format):
      if let format { mode = format } else { note("mode: \(mode.rawValue)") }
    case .timer(let on):
      if let on { timer = on } else { note("timer: \(timer ? "on" : "off")") }
    case .cache(let clear):
      cacheCommand(clear: clear)
    case .maxRows(let limit):
      if let limit {
        rowLimit = limit
      } else {
        switch rowLimit {
        case .auto:
          let shown = maxRows(terminalRows: console.size()?.rows).map { " (\($0) rows here)" } ?? ""
          note("maxrows: auto\(shown)")
        case .all: note("maxrows: all")
        case .rows(let n): note("maxrows: \(n)")
        }
      }
    case .read(let path, let parameters):
      let expanded = Self.expand(path)
      guard let data = FileManager.default.contents(atPath: expanded) else {
        fail("cannot read \(path) (no such file, or not readable)")
        return .proceed
      }
      guard let text = String(data: data, encoding: .utf8) else {
        fail("\(path) is not UTF-8 text")
        return .proceed
      }
      // An exercise's `check answer` finds the answer in its solution file (solutions/ beside
      // it); the answer stays defined for `.step` and `.explain`, until the next `.read`.
      AnswerKey.remove(exerciseAnswers, from: session)
      exerciseAnswers = (try? AnswerKey.find(for: expanded)?.install(in: session)) ?? []
      run(query: text, name: path, parameters: parameters)
      // `.step`, `.explain` and `.edit` now work on the file's query.
      lastQuery = text
    case .step(let query):
      guard var text = query ?? lastQuery else {
        fail(".step needs a query: .step from pci | filter year == 2016 | take 3")
        return .proceed
      }
      var name = "<step>"
      // `.step FILE.prql`: the file's query.
      if let query, let file = Self.scriptFile(query) {
        text = file.text
        name = file.path
      }
      let source = SourceFile(name: name, text: text)
      do throws(ChisoError) {
        let paint = Colour(enabled: console.colour)
        let word = language == .vi ? "bước" : "step"
        for step in try session.steps(source) {
          var out = paint.bold("── \(word) \(step.index)/\(step.count): \(step.step)") + "\n"
          out += paint.cyan(Phrasebook.stepSummary(step.summary, to: language)) + "\n"
          out += Renderer.render(
            step.table, as: mode,
            style: TableStyle(maxRows: 6, maxWidth: console.size()?.columns, colour: console.colour, ascii: ascii, language: language))
          if !out.hasSuffix("\n") { out += "\n" }
          console.write(out + "\n")
        }
      } catch {
        report(error, source)
      }
    case .chart(let argument):
      guard let table = lastResult else {
        fail(L10n.text("repl.chart.none", language))
        return .proceed
      }
      do throws(ChartError) {
        var text = try ChartCommand.run(table: table, argument: argument, base: ChartSpec(language: language))
        if !text.hasSuffix("\n") { text += "\n" }
        console.write(text)
      } catch {
        fail("\(error)")
      }
    case .report(let arguments): report(arguments)
    case .save(let name): save(name)
    case .write(let name, let path): write(name, to: path)
    case .warnings(let style):
      if let style {
        warningStyle = style
      } else if lastWarnings.isEmpty {
        note(L10n.text("repl.warnings.none", language))
      } else {
        for warning in lastWarnings {
          console.writeError(DiagnosticRenderer.render(
            warning, source: lastSource, colour: console.errorColour, others: session.definitionSources, language: language))
        }
      }
    case .precision(let choice): precision(choice)
    case .decimal(let comma): decimal(comma)
    case .collation(let name): collation(name)
    case .lang(let choice):
      if let choice { language = choice } else { note(L10n.text("repl.lang.current", language, language.rawValue)) }
    case .output(let path):
      guard let path else {
        if let current = outputPath { note("results go to the terminal again (\(current) is complete)") }
        outputPath = nil
        outputOnce = false
        return .proceed
      }
      startOutput(to: path, once: false)
    case .once(let path): startOutput(to: path, once: true)
    case .explain(let query):
      guard var text = query ?? lastQuery else {
        fail(".explain needs a query: .explain from pci | take 3")
        return .proceed
      }
      var name = "<explain>"
      if let query, let file = Self.scriptFile(query) {
        text = file.text
        name = file.path
      }
      let source = SourceFile(name: name, text: text)
      do throws(ChisoError) {
        let plan = try session.optimizedPlan(source)
        console.write(session.backend?.explain(plan) ?? PlanPrinter.render(plan))
      } catch {
        report(error, source)
      }
    case .engine(let spec): engine(spec)
    case .sql(let argument): sql(argument)
    case .last:
      guard let table = lastResult else {
        fail("no result yet")
        return .proceed
      }
      var text = Renderer.render(table, as: mode, style: TableStyle(ascii: ascii, numbers: numbers.with(columnDecimals: lastDecimals)))
      if !text.hasSuffix("\n") { text += "\n" }
      console.page(text)
    case .edit:
      let text = pending.flatMap { $0.trimmingWhitespace.isEmpty ? nil : $0 } ?? lastQuery ?? ""
      guard let edited = console.edit(text) else { return .proceed }
      let trimmed = edited.trimmingWhitespace
      if trimmed.isEmpty { return .proceed }
      return .run(trimmed)
    }
    return .proceed
  }

  func note(_ text: String) { console.write(text + "\n") }

  /// `.precision [N|full]`: sets or shows the display precision.
  private func precision(_ choice: DotCommand.Precision?) {
    switch choice {
    case .full?: numbers.significantDigits = nil
    case .digits(let n)?: numbers.significantDigits = n
    case nil: showNumbers()
    }
  }

  /// `.decimal [comma|point]`: sets or shows the decimal mark.
  private func decimal(_ comma: Bool?) {
    guard let comma else { return showNumbers() }
    numbers.decimalComma = comma
  }

  /// `.collation [vi|binary|default]`: every text sort's order from now on (`default`: each
  /// folder's `chiso.toml`).
  private func collation(_ name: String?) {
    switch name {
    case nil:
      let current = session.catalog.sessionCollation?.rawValue ?? "default"
      note(L10n.text("repl.collation.current", language, current))
    case "default"?: session.catalog.sessionCollation = nil
    case let name?:
      guard let chosen = Collation(rawValue: name) else { return fail(".collation takes vi, binary or default, not `\(name)`") }
      session.catalog.sessionCollation = chosen
    }
  }

  private func showNumbers() {
    let digits = numbers.significantDigits.map { language == .vi ? "\($0) chữ số có nghĩa" : "\($0) significant digits" } ?? (language == .vi ? "mọi chữ số" : "every digit")
    let mark = numbers.decimalComma ? (language == .vi ? "dấu phẩy" : "a comma") : (language == .vi ? "dấu chấm" : "a point")
    note(L10n.text("repl.precision.current", language, digits, mark))
  }

  /// `.cache [clear]`: where the columnar cache is and how many columns it holds, or empties it
  /// (and forgets the columns in memory, so the next query reads the files again).
  private func cacheCommand(clear: Bool) {
    guard let cache = session.catalog.cache else { return note(L10n.text("cmd.cache.off", language)) }
    if clear {
      let removed = cache.clear()
      session.catalog.forgetLoaded()
      note(L10n.text("cmd.cache.cleared", language, String(removed), cache.directory))
    } else {
      note(L10n.text("cmd.cache.status", language, cache.directory, String(cache.columnCount())))
    }
  }

  func fail(_ message: String) {
    console.writeError(paintError.boldRed("error") + ": " + message + "\n")
  }

  static func expand(_ path: String) -> String {
    if path == "~" { return NSHomeDirectory() }
    if path.hasPrefix("~/") { return NSHomeDirectory() + String(path.dropFirst()) }
    return path
  }

  private func startOutput(to path: String, once: Bool) {
    let expanded = Self.expand(path)
    do throws(AtomicFileError) {
      // Checked now, so a bad path is reported before any query runs.
      try AtomicFile.write(Data(), to: expanded)
    } catch {
      fail(error.message)
      return
    }
    outputPath = expanded
    outputOnce = once
    outputBuffer = Data()
  }

  func help(_ topic: String?) {
    let infos = DotCommand.infos(language)
    if let topic {
      let name = DotCommand.canonicalName(topic.hasPrefix(".") ? topic : "." + topic)
      guard let info = infos.first(where: { $0.name == name }) else {
        // A transform, index verb or function: its registry record.
        if !topic.hasPrefix("."), let text = HelpText.describe(topic, registry: session.registry) {
          console.write(text)
          return
        }
        let known = HelpText.names(registry: session.registry) + infos.map(\.name)
        var message = L10n.text("repl.help.unknown", language, topic)
        if let near = EditDistance.closest(to: topic, among: known) { message += " (did you mean `\(near)`?)" }
        fail(message)
        return
      }
      let width = min(100, console.size()?.columns ?? 80)
      note(info.usage + "\n" + Self.wrap(info.detail, width: width, indent: "  "))
      return
    }
    var out = L10n.text("repl.help.intro", language) + "\n\n"
    let width = infos.map { DisplayWidth.of($0.usage) }.max() ?? 0
    for info in infos {
      out += "  " + paint.bold(info.usage) + String(repeating: " ", count: width - DisplayWidth.of(info.usage) + 2) + info.summary + "\n"
    }
    out += "\n" + L10n.text("repl.help.keys", language) + "\n"
    console.write(out)
  }

  /// `.report FILE… [-o OUT.html]`: writes the HTML report (atomically) and says where.
  func report(_ arguments: ReportArguments) {
    var inputs: [ReportInput] = []
    for file in arguments.files {
      guard let data = FileManager.default.contents(atPath: Self.expand(file)), let text = String(data: data, encoding: .utf8) else {
        fail("cannot read \(file) (no such file, or not UTF-8 text)")
        return
      }
      inputs.append(ReportInput(name: file, text: text))
    }
    // Without -o: the first script's name with .html, in the current folder (as `chiso report`).
    let first = URL(fileURLWithPath: Self.expand(arguments.files[0]))
    let target = arguments.output.map(Self.expand) ?? first.deletingPathExtension().lastPathComponent + ".html"
    var settings = ReportOptions(
      language: language, parameters: arguments.parameters, steps: arguments.steps, solutions: arguments.solutions,
      version: version, dataFolders: [])
    settings.decimalComma = numbers.decimalComma
    let options = settings
    let session = self.session
    let scripts = inputs
    guard let outcome = Cancellable.run({ () -> Result<Report, ReportError> in
      do throws(ReportError) {
        return .success(try ReportBuilder.build(scripts, session: session, options: options))
      } catch {
        return .failure(error)
      }
    }, interrupted: console.interrupted) else {
      console.writeError(paintError.yellow(L10n.text("repl.cancelled", language)) + "\n")
      return
    }
    switch outcome {
    case .failure(let error): fail(error.message)
    case .success(let report):
      do throws(AtomicFileError) {
        try AtomicFile.write(Data(report.html.utf8), to: target)
      } catch {
        fail(error.message)
        return
      }
      for failure in report.failures { console.writeError("\(failure.location):\n\(failure.text)") }
      var message = L10n.count("repl.report.wrote", report.queries, language, target)
      if !report.failures.isEmpty { message += "; " + L10n.count("repl.report.problems", report.failures.count, language) }
      note(message)
    }
  }

  /// Words of `text` in lines of at most `width` columns, each starting with `indent`.
  static func wrap(_ text: String, width: Int, indent: String) -> String {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if !line.isEmpty, indent.count + line.count + 1 + word.count > width {
        lines.append(indent + line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(indent + line) }
    return lines.joined(separator: "\n")
  }

  /// A script named as the argument of `.step`/`.explain` (an existing file, not a query).
  static func scriptFile(_ argument: String) -> (path: String, text: String)? {
    let path = expand(DotCommand.unquote(argument.trimmingWhitespace))
    guard !path.contains("|"), path.hasSuffix(".prql") || FileManager.default.fileExists(atPath: path),
      let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
    else { return nil }
    return (path, text)
  }

  /// `.save NAME`: the last result kept as a table for the rest of the session.
  func save(_ name: String) {
    guard let table = lastResult else {
      fail("no result yet")
      return
    }
    guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic,
      name.unicodeScalars.allSatisfy({ $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) })
    else {
      fail("`\(name)` cannot name a table: use letters, digits and _")
      return
    }
    let hides = session.catalog.files[name] == nil ? "" : " (it hides the file table \(name) until the session ends)"
    session.catalog.register(name, table)
    note(L10n.text("repl.saved", language, name, String(table.rowCount), String(table.columnCount)) + hides)
  }

  /// `.write NAME FILE`: a table (a session table, `_`, or any other) written as CSV, TSV or JSON
  /// by the file's extension, atomically.
  func write(_ name: String, to path: String) {
    let table: Table
    do throws(DataError) {
      guard let t = try session.catalog.table(name) else {
        fail("unknown table `\(name)` (.tables lists them)")
        return
      }
      table = t
    } catch {
      console.writeError(DiagnosticRenderer.render(error, colour: console.errorColour))
      return
    }
    let lower = path.lowercased()
    let format: OutputFormat = lower.hasSuffix(".tsv") ? .tsv : lower.hasSuffix(".json") ? .json : lower.hasSuffix(".md") ? .markdown : .csv
    var text = Renderer.render(table, as: format, style: TableStyle())
    if !text.hasSuffix("\n") { text += "\n" }
    let target = Self.expand(path)
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: target), options: .atomic)
      note("wrote \(table.rowCount) rows of \(name) to \(path)")
    } catch {
      fail("cannot write \(path): \(error.localizedDescription)")
    }
  }

  func tables() {
    let names = session.catalog.tableNames
    guard !names.isEmpty else {
      note("no tables (chiso reads *.csv, *.tsv, *.json and *.xlsx from the data folders)")
      return
    }
    let width = names.map(\.count).max() ?? 0
    var out = ""
    let sessionTables = Set(session.catalog.sessionTableNames)
    for name in names {
      let file = sessionTables.contains(name) ? "(this session's table)" : session.catalog.files[name] ?? ""
      out += paint.bold(name) + String(repeating: " ", count: width - name.count + 2) + paint.dim(file) + "\n"
      if let sheets = session.catalog.sheets(of: name) {
        out += String(repeating: " ", count: width + 2) + Self.sheetLine(sheets) + "\n"
      }
    }
    let definitions = session.definitions
    if !definitions.isEmpty {
      out += "\n" + L10n.text("repl.tables.defined", language) + " " + definitions.map { paint.bold($0.name) }.joined(separator: ", ") + "\n"
    }
    console.write(out)
  }

  func schema(_ name: String?) {
    let names = name.map { [$0] } ?? session.catalog.tableNames
    for (index, name) in names.enumerated() {
      let table: Table
      do throws(DataError) {
        guard let loaded = try session.catalog.table(name) else {
          var message = "unknown table `\(name)`"
          if let guess = EditDistance.closest(to: name, among: session.catalog.tableNames) {
            message += "; did you mean `\(guess)`?"
          }
          fail(message + " (.tables lists them)")
          continue
        }
        table = loaded
      } catch {
        console.writeError(DiagnosticRenderer.render(error, colour: console.errorColour))
        continue
      }
      if index > 0 { console.write("\n") }
      let file = session.catalog.files[name].map { "  " + paint.dim($0) } ?? ""
      let rows = "\(table.rowCount) row\(table.rowCount == 1 ? "" : "s")"
      console.write(paint.bold(name) + " — \(rows), \(table.columnCount) column\(table.columnCount == 1 ? "" : "s")" + file + "\n")
      let summary = Self.schemaTable(table)
      var text = Renderer.render(
        summary, as: .table, style: TableStyle(maxWidth: console.size()?.columns, colour: console.colour, ascii: ascii))
      // The footer would count the schema's rows, which are the table's columns: said above.
      var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      while let last = lines.last, last.isEmpty { lines.removeLast() }
      if let last = lines.last, last.first?.isNumber == true { lines.removeLast() }
      text = lines.joined(separator: "\n") + "\n"
      console.write(text)
      if let sheets = session.catalog.sheets(of: name) {
        console.write(Self.sheetLine(sheets) + "; other sheets: `read_xlsx \"\(session.catalog.files[name] ?? "")\" sheet:\"…\"`\n")
      }
      if name.count > 0, names.count == 1, let manifest = session.catalog.manifests[name] {
        console.write("\n" + manifest.description)
      }
    }
  }

  /// `sheets: Summary (this table), Entry Costs, …` for a table read from a workbook.
  static func sheetLine(_ sheets: [String]) -> String {
    "sheets: " + sheets.enumerated().map { $0.offset == 0 ? "\($0.element) (this table)" : $0.element }.joined(separator: ", ")
  }

  /// One row per column of `table`: name, type, nulls, distinct non-null values.
  public static func schemaTable(_ table: Table) -> Table {
    var names: [String?] = []
    var types: [String?] = []
    var nulls: [Int64] = []
    var distinct: [Int64] = []
    for (name, column) in zip(table.names, table.columns) {
      names.append(name)
      types.append(column.type.rawValue)
      nulls.append(Int64(column.nullCount))
      distinct.append(Int64(Completer.distinctText(column).count))
    }
    let (nameBuffer, nameValidity) = TextBuffer.encode(names)
    let (typeBuffer, typeValidity) = TextBuffer.encode(types)
    return Table(
      names: ["column", "type", "nulls", "distinct"],
      columns: [
        Column(.text(nameBuffer), validity: nameValidity), Column(.text(typeBuffer), validity: typeValidity),
        Column(.int(nulls)), Column(.int(distinct)),
      ])
  }
}
