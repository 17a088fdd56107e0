import ArgumentParser
import ChisoCore
import ChisoEngine
import ChisoLocale
import ChisoPlan
import ChisoBackends
import ChisoRender
import ChisoReport
import ChisoSQL
import ChisoSyntax
import Foundation
import LineEditor

/// The `chiso` command: a thin shell around `ChisoCore.Session`.
struct Chiso: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "chiso",
    abstract: "A workbench for Vietnam's provincial governance indices (PCI, PAPI, PAR INDEX, SIPAS).",
    discussion: """
      Queries are PRQL pipelines over the CSV/JSON tables in the data folders.

      Examples:
        chiso                                   start the REPL on Datasets/
        chiso -c 'from pci | filter year == 2016 && component == "total" | sort {-score} | take 3'
        chiso Queries/explore/top3_pci_2016.prql --format csv
        echo 'from provinces | take 5' | chiso --format markdown
        chiso report Queries/lessons/04_explaining_a_rank_change.prql -o report.html
                                                an HTML report (chiso report --help)
        chiso check Queries/lessons/02_ranks_your_turn.prql
                                                grade an exercise (chiso check --help)
        chiso --engine postgresql://ana@localhost/indices -c 'from pci | take 3'
        chiso load postgresql://ana@localhost/indices Datasets/   copy the tables into PostgreSQL
      """,
    version: ChisoVersion.current)

  @Option(name: .shortAndLong, help: "Run this query and exit.")
  var command: String?

  @Option(name: .long, help: "A folder of *.csv/*.json tables (repeatable; default Datasets/).")
  var data: [String] = []

  @Option(name: .long, help: ArgumentHelp("How warnings show: brief (one line each, the default), full (with the place and hints) or off.", valueName: "style"))
  var warnings: WarningStyle?

  @Flag(name: .long, help: "No warnings (the same as --warnings off).")
  var quiet = false

  @Option(name: .long, help: "Output format: table, csv, tsv, json, jsonl, markdown, line.")
  var format: OutputFormat?

  @Option(name: .long, help: ArgumentHelp("Significant digits shown for floats (default 7, like R), or `full`; CSV and JSON keep every digit unless --round-exports.", valueName: "N|full"))
  var precision: String?

  @Option(name: .long, help: ArgumentHelp("How text sorts: vi (Vietnamese alphabetical order) or binary (code points); default: each data folder's chiso.toml (vi for the bundled tables), else binary.", valueName: "vi|binary"))
  var collation: String?

  @Flag(name: .long, help: "Round CSV, TSV and JSON output to --precision too (it keeps every digit otherwise).")
  var roundExports = false

  @Flag(name: .long, help: "Show a decimal comma (1,5) in tables, line and Markdown output; CSV and JSON keep the point.")
  var decimalComma = false

  @Option(name: .long, help: "Describe an index table from its manifest: components, scale, methodology breaks.")
  var describe: String?

  @Option(name: .long, help: ArgumentHelp("Draw the result as a chart: bar, line, sparkline, slope or auto; KIND:FILE.svg writes an SVG file instead. A result with several numeric columns draws each (or says which to pick with --value).", valueName: "kind[:file.svg]"))
  var chart: String?

  @Option(name: .long, help: "With --chart: the unit to emphasise (e.g. \"Lai Châu\").")
  var highlight: String?

  @Option(name: .long, help: ArgumentHelp("With --chart: the one numeric column to draw (otherwise every numeric column is drawn).", valueName: "column"))
  var value: String?

  @Flag(name: .long, help: "Draw charts and tables with plain ASCII characters.")
  var ascii = false

  @Option(name: .long, help: ArgumentHelp("Set a script parameter declared as `let name = default` (repeatable).", valueName: "name=value"))
  var param: [String] = []

  @Flag(name: .long, help: "Show the result after each step of the pipeline, and what the step changed.")
  var step = false

  @Option(name: .long, help: ArgumentHelp("The language of messages, help and charts: en or vi (default: from LC_ALL / LC_MESSAGES / LANG, else en).", valueName: "en|vi"))
  var lang: String?

  @Flag(name: .long, help: "Print the query's plan (after the optimizer), each step with its columns, instead of running it.")
  var explain = false

  @Option(name: .long, help: ArgumentHelp("Run queries on this engine: \(Engines.help) (docs/engines.md).", valueName: "engine"))
  var engine: String?

  @Option(name: .long, help: ArgumentHelp("Print the query as SQL for duckdb, postgres or spark instead of running it.", valueName: "dialect"))
  var sql: String?

  @Flag(name: .long, help: "Read data files without the columnar cache (neither read nor written; see docs/performance.md).")
  var noCache = false

  /// For the in-session benchmark (Benchmarks/bench.py): run the `-c` query this many more times
  /// in the same session after the first, printing each run's time to standard error.
  @Option(name: .long, help: .hidden)
  var benchRepeat: Int?

  @Option(name: .long, help: ArgumentHelp("Most memory one result may take, e.g. 4G or 512M (default: half the machine's memory).", valueName: "size"))
  var maxMemory: String?

  @Argument(help: "Query scripts (.prql) to run in order.")
  var files: [String] = []

  mutating func run() throws {
    let directories = data.isEmpty ? [Chiso.defaultDataDirectory()] : data
    for directory in directories {
      var isDirectory: ObjCBool = false
      if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue {
        throw ValidationError("--data \(directory): no such folder")
      }
    }
    var limits = ResourceLimits.standard
    if let maxMemory {
      guard let bytes = ResourceLimits.parseBytes(maxMemory) else {
        throw ValidationError("--max-memory takes a size such as 4G, 512M or 100000000 (bytes), got `\(maxMemory)`")
      }
      limits = ResourceLimits(maxMemory: bytes)
    }
    // (Files are read with the session's limits: the catalog lists them now, reads them later.)
    let session = Session(catalog: Catalog(directories: directories, cache: noCache ? nil : Chiso.columnCache()))
    session.limits = limits
    if let collation {
      guard let chosen = Collation(rawValue: collation) else {
        throw ValidationError("--collation takes vi or binary, got `\(collation)`")
      }
      session.catalog.sessionCollation = chosen
    }
    try EngineSetup.attach(engine, to: session)
    let parameters = try Chiso.parameters(param)
    let language: Language
    switch Language.choose(option: lang) {
    case .success(let l): language = l
    case .failure(let error): throw ValidationError(error.description)
    }
    let isTTY = isatty(STDOUT_FILENO) != 0
    var output = Output(
      format: format ?? .table, colour: isTTY && ProcessInfo.processInfo.environment["NO_COLOR"] == nil,
      parameters: parameters, stepMode: step, explain: explain)
    output.language = language
    output.chart = try ChartSetup.from(chart: chart, highlight: highlight, value: value, ascii: ascii, colour: output.colour, language: language)
    output.ascii = ascii
    output.warningStyle = quiet ? .off : (warnings ?? .brief)
    output.numbers = try Chiso.numberStyle(precision: precision, roundExports: roundExports, decimalComma: decimalComma)
    output.sqlDialect = try EngineSetup.dialect(sql)

    if let describe {
      guard let manifest = session.catalog.manifest(named: describe) else {
        let known = session.catalog.describedNames.joined(separator: ", ")
        StandardStreams.err("error: no manifest describes `\(describe)`; described tables: \(known)\n")
        throw ExitCode(ExitStatus.queryError)
      }
      output.write(manifest.description)
      let tableName = manifest.table ?? describe
      if let table = try? session.catalog.table(tableName) {
        let filter = manifest.tableFilter.map { " — the rows where \($0)" } ?? ""
        output.write("\ntable `\(tableName)`\(filter): " + zip(table.names, table.columns).map { "\($0) \($1.type)" }.joined(separator: ", ") + " (\(table.rowCount) rows)\n")
      }
      return
    }
    if let command {
      if let repeats = benchRepeat { Chiso.benchmark(session, command, repeats: repeats) }
      let ran = output.run(session, SourceFile(name: "<command>", text: command))
      throw ExitCode(ran ? output.verdicts.status(language) : 1)
    }
    if !files.isEmpty {
      for file in files {
        // A script may come from a pipe (`chiso <(…)`), but is read no further than 64 MB.
        let text: String
        do {
          text = try TextFile.read(path: file, limit: Chiso.maxScriptBytes, allowPipes: true)
        } catch {
          StandardStreams.err("error: cannot read \(file): \(error.message)\n")
          throw ExitCode(ExitStatus.queryError)
        }
        // An exercise's answers come from its solution file (solutions/NAME.prql beside it).
        var installed: [String] = []
        if let key = AnswerKey.find(for: file) {
          do throws(ChisoError) { installed = try key.install(in: session) } catch { output.report(error, key.source) }
        } else if let expected = AnswerKey.solutionPath(for: file), AnswerKey.needsKey(text) {
          let note = Colour(enabled: output.colourErrors).cyan(L10n.text("severity.note", language))
          FileHandle.standardError.write(Data("\(note): \(L10n.text("grade.no-key", language, expected))\n".utf8))
        }
        defer { AnswerKey.remove(installed, from: session) }
        if !output.runScript(session, name: file, text: text) { throw ExitCode(1) }
      }
      throw ExitCode(output.verdicts.status(language))
    }
    if isatty(STDIN_FILENO) != 0 {
      REPL(session: session, output: output).loop()
      return
    }
    let text: String
    do {
      text = try TextFile.readAll(STDIN_FILENO, name: "standard input", limit: Chiso.maxScriptBytes)
    } catch {
      StandardStreams.err("error: \(error.message == "is not UTF-8 text" ? "standard input is not UTF-8 text" : "standard input " + error.message)\n")
      throw ExitCode(ExitStatus.queryError)
    }
    let ran = output.run(session, SourceFile(name: "<stdin>", text: text))
    throw ExitCode(ran ? output.verdicts.status(language) : 1)
  }

  /// Longest query script read (a file, a pipe or standard input).
  static let maxScriptBytes = 64 << 20

  /// Runs `query` once to load what it reads, then `repeats` times more, printing each run's
  /// time in milliseconds (`bench <ms>`) to standard error: the query on tables already in memory,
  /// as in the REPL. The result is printed once, after.
  static func benchmark(_ session: Session, _ query: String, repeats: Int) {
    let source = SourceFile(name: "<command>", text: query)
    for run in 0...max(0, repeats) {
      let start = DispatchTime.now().uptimeNanoseconds
      _ = try? session.execute(source)
      let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
      StandardStreams.err("bench \(run == 0 ? "first" : "warm") \(ms)\n")
    }
  }

  /// The columnar cache under `$XDG_CACHE_HOME/chiso` (or `~/.cache/chiso`); `CHISO_NO_CACHE=1`
  /// turns it off like `--no-cache`.
  static func columnCache() -> ColumnCache? {
    let environment = ProcessInfo.processInfo.environment
    if let off = environment["CHISO_NO_CACHE"], !off.isEmpty, off != "0" { return nil }
    return ColumnCache.defaultDirectory(environment: environment).map { ColumnCache(directory: $0) }
  }

  /// `--precision`, `--round-exports`, `--decimal-comma` as a number style.
  static func numberStyle(precision: String?, roundExports: Bool, decimalComma: Bool) throws -> NumberStyle {
    var style = NumberStyle.display
    if let precision {
      if precision.lowercased() == "full" {
        style.significantDigits = nil
      } else if let n = Int(precision), (1...NumberStyle.maxDigits).contains(n) {
        style.significantDigits = n
      } else {
        throw ValidationError("--precision takes 1 to \(NumberStyle.maxDigits) significant digits or `full`, got `\(precision)`")
      }
    }
    if roundExports && precision == nil {
      throw ValidationError("--round-exports needs --precision N: say how many significant digits the exported numbers keep")
    }
    style.roundsExports = roundExports
    style.decimalComma = decimalComma
    return style
  }

  /// `--param name=value` items as a dictionary; a usage error for an item without `=`.
  static func parameters(_ items: [String]) throws -> [String: String] {
    var parameters: [String: String] = [:]
    for item in items {
      guard let equals = item.firstIndex(of: "=") else { throw ValidationError("--param takes name=value, got `\(item)`") }
      parameters[String(item[..<equals])] = String(item[item.index(after: equals)...])
    }
    return parameters
  }

  /// `Datasets/` in the current folder, else beside the package the binary was built from.
  static func defaultDataDirectory() -> String {
    if FileManager.default.fileExists(atPath: "Datasets") { return "Datasets" }
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var folder = executable.deletingLastPathComponent()
    for _ in 0..<6 {
      let candidate = folder.appendingPathComponent("Datasets").path
      if FileManager.default.fileExists(atPath: candidate) { return candidate }
      folder = folder.deletingLastPathComponent()
    }
    return "Datasets"
  }
}

/// Writes results and diagnostics.
struct Output {
  var format: OutputFormat
  var colour: Bool
  /// `--param` values for scripts.
  var parameters: [String: String] = [:]
  /// `--step`: show each stage of the pipeline.
  var stepMode = false
  /// `--explain`: print the plan instead of running the query.
  var explain = false
  /// `--chart`: draw the result as a chart (see ChartOutput.swift).
  var chart: ChartSetup? = nil
  /// `--ascii`: plain ASCII tables and charts.
  var ascii = false
  /// `--lang` (or the locale): the language of diagnostics, charts and table footers.
  var language: Language = .en
  /// `--warnings`, `--quiet`.
  var warningStyle: WarningStyle = .brief
  /// `--precision`, `--round-exports`, `--decimal-comma`.
  var numbers = NumberStyle.display
  /// The `check` verdicts the queries gave: a wrong answer makes the exit status 4.
  let verdicts = Verdicts()

  /// Runs a saved script: each of its queries in turn (a script may hold several, see
  /// `ScriptDocument`), stopping at the first that fails. False on error.
  func runScript(_ session: Session, name: String, text: String) -> Bool {
    let document = ScriptDocument.parse(name: name, text: text)
    let cells = document.cells.filter(\.hasMain)
    // One query (or none that parses as such): run the text as it is, exactly as before.
    guard cells.count > 1 else { return run(session, SourceFile(name: name, text: text)) }
    for cell in cells {
      var copy = self
      copy.parameters = document.parameters(parameters, for: cell)
      if !copy.run(session, cell.source) { return false }
    }
    return true
  }
  /// `--sql DIALECT`: print the query as SQL (EngineOutput.swift).
  var sqlDialect: SQLDialect? = nil

  /// Runs one query or script; prints the result or the error. Returns false on error.
  func run(_ session: Session, _ given: SourceFile) -> Bool {
    let source = renamingComponents(given, session)
    if stepMode { return runSteps(session, source) }
    if let sqlDialect { return printSQL(session, source, sqlDialect) }
    if explain {
      do {
        let plan = try session.optimizedPlan(source, parameters: parameters)
        write(session.backend?.explain(plan) ?? PlanPrinter.render(plan))
        return true
      } catch {
        report(error, source)
        return false
      }
    }
    do {
      let result = try session.execute(source, parameters: parameters)
      let table = result.table
      if let verdict = Grader.verdict(of: result) { verdicts.record(verdict.correct) }
      for warning in result.warnings {
        switch warningStyle {
        case .off: break
        case .brief:
          StandardStreams.err(DiagnosticRenderer.brief(warning, source: source, colour: colourErrors, language: language))
        case .full:
          StandardStreams.err(DiagnosticRenderer.render(warning, source: source, colour: colourErrors, language: language))
        }
      }
      if warningStyle == .brief, !result.warnings.isEmpty {
        StandardStreams.err((Colour(enabled: colourErrors).dim("(--warnings full shows why, with the place and hints)") + "\n"))
      }
      // --chart: a terminal chart replaces the table; an SVG file is written before the table prints.
      if let chart {
        let drawn = drawChart(table, chart)
        if !drawn || chart.request.file == nil { return drawn }
      }
      // Streamed in chunks of about 64 KiB: a large result never exists as one string.
      var last: UInt8? = nil
      Renderer.write(
        table, as: format,
        style: TableStyle(maxRows: nil, maxWidth: nil, colour: colour, ascii: ascii, language: language, numbers: numbers.with(columnDecimals: result.columnDecimals))
      ) { chunk in
        if let byte = chunk.utf8.last { last = byte }
        write(chunk)
      }
      if let last, last != UInt8(ascii: "\n") { write("\n") }
      return true
    } catch {
      report(error, source)
      return false
    }
  }

  /// Step mode: each stage's first rows, its row count and what it changed.
  func runSteps(_ session: Session, _ source: SourceFile) -> Bool {
    do {
      for step in try session.steps(source, parameters: parameters) {
        let paint = Colour(enabled: colour)
        let word = language == .vi ? "bước" : "step"
        var text = paint.bold("── \(word) \(step.index)/\(step.count): \(step.step)") + "\n"
        text += paint.cyan(Phrasebook.stepSummary(step.summary, to: language)) + "\n"
        text += Renderer.render(
          step.table, as: format, style: TableStyle(maxRows: 6, maxWidth: nil, colour: colour, language: language, numbers: numbers))
        if !text.hasSuffix("\n") { text += "\n" }
        write(text + "\n")
      }
      return true
    } catch {
      report(error, source)
      return false
    }
  }

  func report(_ error: ChisoError, _ source: SourceFile) {
    let text: String
    switch error {
    case .query(let diagnostic):
      let parameterSources = parameters.map { Session.parameterSource(name: $0.key, value: $0.value) }
      text = DiagnosticRenderer.render(
        diagnostic, source: source, colour: colourErrors, others: parameterSources, language: language)
    case .data(let dataError, let span):
      var out = DiagnosticRenderer.render(dataError, colour: colourErrors, language: language)
      if let span {
        out += DiagnosticRenderer.render(Diagnostic(.data, "while reading the table named here", span: span, severity: .error), source: source, colour: colourErrors, language: language)
          .split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
      }
      text = out
    }
    StandardStreams.err(text)
  }

  var colourErrors: Bool { isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }

  /// `source` with component names typed where an id belongs replaced by the id
  /// (`"gia nhập thị trường"` → `"market_entry"`), and a note on standard error for each.
  func renamingComponents(_ source: SourceFile, _ session: Session) -> SourceFile {
    let rewrite = ComponentNames.rewrite(source.text, catalog: session.catalog)
    let note = Colour(enabled: colourErrors).cyan(L10n.text("severity.note", language))
    for r in rewrite.replacements {
      let name = language == .vi ? r.entry.nameVI : r.entry.nameEN
      StandardStreams.err("\(note): \(L10n.text("component.rewritten", language, r.typed, r.entry.id, name))\n")
    }
    for a in rewrite.ambiguous {
      let ids = Set(a.entries.map(\.id)).sorted().map { "`\($0)`" }.joined(separator: ", ")
      StandardStreams.err("\(note): \(L10n.text("component.ambiguous", language, a.typed, ids))\n")
    }
    return rewrite.replacements.isEmpty ? source : SourceFile(name: source.name, text: rewrite.text)
  }

  /// Writes to stdout; a closed pipe or a failed write ends the program (`StandardStreams`).
  func write(_ text: String) { StandardStreams.out(text) }
}

/// The `check` verdicts of a run (a reference, so that `Output`'s copies share it).
final class Verdicts {
  private(set) var wrong = 0

  func record(_ correct: Bool) {
    if !correct { wrong += 1 }
  }

  /// The exit status: 0 when no answer was wrong, else 4 — said on standard error, since the
  /// run itself succeeded.
  func status(_ language: Language) -> Int32 {
    guard wrong > 0 else { return 0 }
    FileHandle.standardError.write(Data((L10n.count("grade.wrong-answers", wrong, language) + "\n").utf8))
    return ExitStatus.wrongAnswer
  }
}

enum ChisoVersion {
  static let current = "0.1.0"
}

extension OutputFormat: ExpressibleByArgument {}
extension WarningStyle: ExpressibleByArgument {}

// Exit codes (ExitStatus): 0 success, 1 query or data error, 2 usage error (ArgumentParser's
// own is 64), 3 the result could not be written, 4 a `check` found a wrong answer (everything
// ran). A closed pipe is a failed write, not a signal.
signal(SIGPIPE, SIG_IGN)
// `chiso report …` is a command of its own; anything else is the root command (whose scripts
// may be named anything, so `report` is only a command as the first word).
let arguments = Array(CommandLine.arguments.dropFirst())
let isReport = arguments.first == "report"
do {
  if isReport {
    var command = try ReportCommand.parse(Array(arguments.dropFirst()))
    try command.run()
  } else if arguments.first == "check" {
    // `chiso check FILE…` grades lessons (CheckCommand.swift).
    var command = try CheckCommand.parseAsRoot(Array(arguments.dropFirst()))
    try command.run()
  } else if arguments.first == "load" {
    // `chiso load URL DIR` (EngineOutput.swift).
    var command = try LoadCommand.parseAsRoot(Array(arguments.dropFirst()))
    try command.run()
  } else {
    // The everyday command lines skip ArgumentParser's start-up (QuickArguments.swift).
    var command = try Chiso.quickParse(arguments) ?? Chiso.parseAsRoot()
    try command.run()
  }
} catch let exit as ExitCode {
  Foundation.exit(exit.rawValue)
} catch {
  let isCheck = arguments.first == "check"
  let code = isReport ? ReportCommand.exitCode(for: error) : isCheck ? CheckCommand.exitCode(for: error) : Chiso.exitCode(for: error)
  let message =
    isReport ? ReportCommand.fullMessage(for: error) : isCheck ? CheckCommand.fullMessage(for: error) : Chiso.fullMessage(for: error)
  if code == .success {
    StandardStreams.out(message + "\n")
    Foundation.exit(ExitStatus.success)
  }
  StandardStreams.err(message + "\n")
  Foundation.exit(ExitStatus.usage)
}
