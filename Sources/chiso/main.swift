import ArgumentParser
import ChisoCore
import ChisoEngine
import ChisoPlan
import ChisoBackends
import ChisoRender
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
        chiso Queries/explore/top10.prql --format csv
        echo 'from provinces | take 5' | chiso --format markdown
        chiso --engine postgresql://ana@localhost/indices -c 'from pci | take 3'
        chiso load postgresql://ana@localhost/indices Datasets/   copy the tables into PostgreSQL
      """,
    version: ChisoVersion.current)

  @Option(name: .shortAndLong, help: "Run this query and exit.")
  var command: String?

  @Option(name: .long, help: "A folder of *.csv/*.json tables (repeatable; default Datasets/).")
  var data: [String] = []

  @Option(name: .long, help: "Output format: table, csv, tsv, json, jsonl, markdown, line.")
  var format: OutputFormat?

  @Option(name: .long, help: "Describe an index table from its manifest: components, scale, methodology breaks.")
  var describe: String?

  @Option(name: .long, help: ArgumentHelp("Draw the result as a chart: bar, sparkline, slope or auto; KIND:FILE.svg writes an SVG file instead.", valueName: "kind[:file.svg]"))
  var chart: String?

  @Option(name: .long, help: "With --chart: the unit to emphasise (e.g. \"Lai Châu\").")
  var highlight: String?

  @Flag(name: .long, help: "Draw charts and tables with plain ASCII characters.")
  var ascii = false

  @Option(name: .long, help: ArgumentHelp("Set a script parameter declared as `let name = default` (repeatable).", valueName: "name=value"))
  var param: [String] = []

  @Flag(name: .long, help: "Show the result after each step of the pipeline, and what the step changed.")
  var step = false

  @Flag(name: .long, help: "Print the query's plan (after the optimizer), each step with its columns, instead of running it.")
  var explain = false

  @Option(name: .long, help: ArgumentHelp("Run queries on this engine: \(Engines.help) (docs/engines.md).", valueName: "engine"))
  var engine: String?

  @Option(name: .long, help: ArgumentHelp("Print the query as SQL for duckdb, postgres or spark instead of running it.", valueName: "dialect"))
  var sql: String?

  @Argument(help: "Query scripts (.prql) to run in order.")
  var files: [String] = []

  mutating func run() throws {
    signal(SIGPIPE, SIG_IGN)
    let directories = data.isEmpty ? [Chiso.defaultDataDirectory()] : data
    for directory in directories {
      var isDirectory: ObjCBool = false
      if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue {
        throw ValidationError("--data \(directory): no such folder")
      }
    }
    let session = Session(dataDirectories: directories)
    try EngineSetup.attach(engine, to: session)
    var parameters: [String: String] = [:]
    for item in param {
      guard let equals = item.firstIndex(of: "=") else { throw ValidationError("--param takes name=value, got `\(item)`") }
      parameters[String(item[..<equals])] = String(item[item.index(after: equals)...])
    }
    let isTTY = isatty(STDOUT_FILENO) != 0
    var output = Output(
      format: format ?? .table, colour: isTTY && ProcessInfo.processInfo.environment["NO_COLOR"] == nil,
      parameters: parameters, stepMode: step, explain: explain)
    output.chart = try ChartSetup.from(chart: chart, highlight: highlight, ascii: ascii, colour: output.colour)
    output.ascii = ascii
    output.sqlDialect = try EngineSetup.dialect(sql)

    if let describe {
      guard let manifest = session.catalog.manifests[describe] else {
        let known = session.catalog.manifests.keys.sorted().joined(separator: ", ")
        FileHandle.standardError.write(Data("error: no manifest describes `\(describe)`; described tables: \(known)\n".utf8))
        throw ExitCode(1)
      }
      output.write(manifest.description)
      if let table = try? session.catalog.table(describe) {
        output.write("\ncolumns: " + zip(table.names, table.columns).map { "\($0) \($1.type)" }.joined(separator: ", ") + " (\(table.rowCount) rows)\n")
      }
      return
    }
    if let command {
      throw ExitCode(output.run(session, SourceFile(name: "<command>", text: command)) ? 0 : 1)
    }
    if !files.isEmpty {
      for file in files {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
          FileHandle.standardError.write(Data("error: cannot read \(file) (missing, or not UTF-8 text)\n".utf8))
          throw ExitCode(1)
        }
        if !output.run(session, SourceFile(name: file, text: text)) { throw ExitCode(1) }
      }
      return
    }
    if isatty(STDIN_FILENO) != 0 {
      REPL(session: session, output: output).loop()
      return
    }
    let input = FileHandle.standardInput.readDataToEndOfFile()
    guard let text = String(data: input, encoding: .utf8) else {
      FileHandle.standardError.write(Data("error: standard input is not UTF-8 text\n".utf8))
      throw ExitCode(1)
    }
    throw ExitCode(output.run(session, SourceFile(name: "<stdin>", text: text)) ? 0 : 1)
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
  /// `--sql DIALECT`: print the query as SQL (EngineOutput.swift).
  var sqlDialect: SQLDialect? = nil

  /// Runs one query or script; prints the result or the error. Returns false on error.
  func run(_ session: Session, _ source: SourceFile) -> Bool {
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
      for warning in result.warnings {
        FileHandle.standardError.write(Data(DiagnosticRenderer.render(warning, source: source, colour: colourErrors).utf8))
      }
      // --chart: a terminal chart replaces the table; an SVG file is written before the table prints.
      if let chart {
        let drawn = drawChart(table, chart)
        if !drawn || chart.request.file == nil { return drawn }
      }
      // Streamed in chunks of about 64 KiB: a large result never exists as one string.
      var last: UInt8? = nil
      Renderer.write(table, as: format, style: TableStyle(maxRows: nil, maxWidth: nil, colour: colour, ascii: ascii)) { chunk in
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
        var text = paint.bold("── step \(step.index)/\(step.count): \(step.step)") + "\n"
        text += paint.cyan(step.summary) + "\n"
        text += Renderer.render(step.table, as: format, style: TableStyle(maxRows: 6, maxWidth: nil, colour: colour))
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
      text = DiagnosticRenderer.render(diagnostic, source: source, colour: colourErrors, others: parameterSources)
    case .data(let dataError, let span):
      var out = DiagnosticRenderer.render(dataError, colour: colourErrors)
      if let span {
        out += DiagnosticRenderer.render(Diagnostic(.data, "while reading the table named here", span: span, severity: .error), source: source, colour: colourErrors)
          .split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
      }
      text = out
    }
    FileHandle.standardError.write(Data(text.utf8))
  }

  var colourErrors: Bool { isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }

  /// Writes to stdout; a closed pipe (`| head`) ends the program quietly.
  func write(_ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
      if written < 0 {
        if errno == EINTR { continue }
        // A closed pipe (`chiso … | head`) is not an error: stop quietly.
        exit(0)
      }
      bytes = bytes.dropFirst(written)
    }
  }
}

enum ChisoVersion {
  static let current = "0.1.0"
}

extension OutputFormat: ExpressibleByArgument {}

// Exit codes: 0 success, 1 query or data error, 2 usage error (ArgumentParser's own is 64).
do {
  // `chiso load URL DIR` (EngineOutput.swift); everything else is the root command, whose
  // positional arguments are script files.
  let arguments = Array(CommandLine.arguments.dropFirst())
  var command: ParsableCommand = arguments.first == "load" ? try LoadCommand.parseAsRoot(Array(arguments.dropFirst())) : try Chiso.parseAsRoot()
  try command.run()
} catch let exit as ExitCode {
  Foundation.exit(exit.rawValue)
} catch {
  let code = Chiso.exitCode(for: error)
  let message = Chiso.fullMessage(for: error)
  if code == .success {
    print(message)
    Foundation.exit(0)
  }
  FileHandle.standardError.write(Data((message + "\n").utf8))
  Foundation.exit(2)
}
