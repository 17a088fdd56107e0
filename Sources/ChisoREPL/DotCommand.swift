import ChisoRender
import ChisoSyntax

/// A REPL command: a line starting with `.`.
public enum DotCommand: Equatable, Sendable {
  case help(topic: String?)
  case tables
  case schema(table: String?)
  case mode(OutputFormat?)
  case timer(Bool?)
  /// nil shows the setting; `.auto` fits the terminal height; `.all` never elides.
  case maxRows(RowLimit?)
  /// `.read FILE [--param name=value …]`.
  case read(path: String, parameters: [String: String] = [:])
  /// `.step [QUERY]`: each stage of the pipeline (the previous query when none is given).
  case step(query: String?)
  /// `.chart KIND [FILE.svg] [--highlight NAME] …`: the previous result as a chart.
  case chart(argument: String)
  /// nil sends results back to the terminal.
  case output(path: String?)
  case once(path: String)
  /// nil explains the previous query.
  case explain(query: String?)
  case last
  case edit
  case quit
  /// `.engine [ENGINE]`: shows or switches the engine queries run on (Workbench+Engines.swift).
  case engine(spec: String?)
  /// `.sql [DIALECT] [QUERY]`: the query (or the previous one) as SQL.
  case sql(argument: String?)

  public enum RowLimit: Equatable, Sendable {
    case auto
    case all
    case rows(Int)
  }

  /// A command's name, usage, a short summary (for the `.help` list) and a description (for
  /// `.help COMMAND`).
  public struct Info: Sendable {
    public var name: String
    public var usage: String
    public var summary: String
    public var detail: String
    public var takesArgument: Bool
  }

  public static let all: [Info] = [
    Info(
      name: ".help", usage: ".help [CMD]", summary: "this list, or one command in detail",
      detail: "Lists the commands and keys; `.help schema` describes one command.", takesArgument: false),
    Info(
      name: ".tables", usage: ".tables", summary: "the tables and their files",
      detail: "Lists the tables (every *.csv, *.tsv and *.json in the data folders) and the file each is read from.",
      takesArgument: false),
    Info(
      name: ".schema", usage: ".schema [TABLE]", summary: "columns: type, nulls, distinct values",
      detail: "Shows each column of TABLE with its type, how many values are null and how many distinct values it has; every table when TABLE is left out.",
      takesArgument: true),
    Info(
      name: ".mode", usage: ".mode MODE", summary: "table, csv, tsv, json, jsonl, markdown, line",
      detail: "Sets how results are printed: table (fitted to the terminal), csv, tsv, json, jsonl, markdown or line. `.mode` alone shows the current mode.",
      takesArgument: true),
    Info(
      name: ".timer", usage: ".timer on|off", summary: "time each query",
      detail: "With `.timer on`, the time each query took is printed under its result.", takesArgument: true),
    Info(
      name: ".maxrows", usage: ".maxrows N", summary: "rows before eliding (or auto, all)",
      detail: "Long results show their first and last rows with `… N rows …` between. `.maxrows N` shows N rows, `auto` (the default) fits the terminal's height, `all` never elides.",
      takesArgument: true),
    Info(
      name: ".read", usage: ".read FILE", summary: "run the query in FILE",
      detail: "Runs the query or script in FILE; errors point into FILE.", takesArgument: true),
    Info(
      name: ".step", usage: ".step [QUERY]", summary: "each step of a pipeline, what it changed",
      detail: "Runs the query (or the previous one) one transform at a time and shows each stage's first rows, its row count and what the step did: rows dropped by filter and why, columns added, groups formed, ranks assigned.",
      takesArgument: true),
    Info(
      name: ".chart", usage: ".chart KIND [FILE.svg]", summary: "the previous result as a bar, sparkline or slope chart",
      detail: ChartCommand.usage, takesArgument: true),
    Info(
      name: ".output", usage: ".output [FILE]", summary: "results to FILE (none: the terminal)",
      detail: "Sends results to FILE in the current mode, complete and uncoloured, until `.output` alone. The file is rewritten atomically (a temporary file renamed over it) after each result.",
      takesArgument: true),
    Info(
      name: ".once", usage: ".once FILE", summary: "the next result to FILE",
      detail: "Sends only the next result to FILE, written atomically.", takesArgument: true),
    Info(
      name: ".engine", usage: ".engine [ENGINE]", summary: "run queries on chiso, duckdb, postgresql://…, spark",
      detail: "Switches the engine queries run on: `chiso` (the embedded engine), `duckdb`, `duckdb:FILE`, `postgresql://USER@HOST/DB`, `spark` or `spark://HOST:7077` (docs/engines.md). `.engine` alone shows the current one. A password is taken from PGPASSWORD or ~/.pgpass, never kept in the history.",
      takesArgument: true),
    Info(
      name: ".sql", usage: ".sql [DIALECT] [QUERY]", summary: "the query as SQL (duckdb, postgres, spark)",
      detail: "Prints the query (or the previous one) as the SQL an engine runs: `.sql postgres from pci | take 3`. The dialect defaults to the current engine's, else DuckDB.",
      takesArgument: true),
    Info(
      name: ".explain", usage: ".explain [QUERY]", summary: "the plan, without running",
      detail: "Prints the plan of QUERY (or of the previous query) as a tree, output first, tables at the leaves.",
      takesArgument: true),
    Info(
      name: ".last", usage: ".last", summary: "the previous result in full, in $PAGER",
      detail: "Shows the whole previous result, nothing elided, through $PAGER (default `less -S`).", takesArgument: false),
    Info(
      name: ".edit", usage: ".edit", summary: "edit the query in $EDITOR; runs on save",
      detail: "Opens the query being typed (or the previous one) in $VISUAL or $EDITOR (default vi). When you save and quit, it runs and goes into history.",
      takesArgument: false),
    Info(
      name: ".quit", usage: ".quit", summary: "leave (also .exit, Ctrl-D)",
      detail: "Leaves chiso. `.exit` and Ctrl-D on an empty line do the same.", takesArgument: false),
  ]

  public static let modes = ["table", "csv", "tsv", "json", "jsonl", "markdown", "line"]

  /// The full name for a command or accepted alias.
  public static func canonicalName(_ name: String) -> String {
    switch name {
    case ".exit", ".q": return ".quit"
    case ".h", ".?": return ".help"
    default: return name
    }
  }

  /// Parses a line starting with `.`; the error is a message for the user.
  public static func parse(_ line: String) -> Result<DotCommand, DotCommandError> {
    let trimmed = line.trimmingWhitespace
    let name: String
    let argument: String
    if let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) {
      name = String(trimmed[..<space])
      argument = String(trimmed[space...]).trimmingWhitespace
    } else {
      name = trimmed
      argument = ""
    }
    let arg: String? = argument.isEmpty ? nil : argument
    func noArgument(_ command: DotCommand) -> Result<DotCommand, DotCommandError> {
      guard arg == nil else { return .failure(DotCommandError("\(name) takes no argument")) }
      return .success(command)
    }
    switch canonicalName(name) {
    case ".help": return .success(.help(topic: arg))
    case ".tables": return noArgument(.tables)
    case ".schema": return .success(.schema(table: arg))
    case ".mode":
      guard let arg else { return .success(.mode(nil)) }
      let key = arg.lowercased() == "md" ? "markdown" : arg.lowercased()
      guard let format = OutputFormat(rawValue: key) else {
        return .failure(DotCommandError("unknown mode `\(arg)`; choose one of: " + modes.joined(separator: ", ")))
      }
      return .success(.mode(format))
    case ".timer":
      switch arg?.lowercased() {
      case nil: return .success(.timer(nil))
      case "on", "true", "1": return .success(.timer(true))
      case "off", "false", "0": return .success(.timer(false))
      default: return .failure(DotCommandError(".timer takes on or off"))
      }
    case ".maxrows":
      guard let arg else { return .success(.maxRows(nil)) }
      switch arg.lowercased() {
      case "auto": return .success(.maxRows(.auto))
      case "all", "0", "none": return .success(.maxRows(.all))
      default:
        guard let n = Int(arg), n > 0, n <= 1_000_000 else {
          return .failure(DotCommandError(".maxrows takes a number of rows (1 or more), auto or all"))
        }
        return .success(.maxRows(.rows(n)))
      }
    case ".read":
      guard let arg else { return .failure(DotCommandError(".read needs a file: .read FILE [--param name=value]")) }
      // `.read FILE --param the_year=2015 --param the_province="Lai Châu"`
      let parts = arg.components(separatedBy: " --param ")
      var parameters: [String: String] = [:]
      for item in parts.dropFirst() {
        let pair = item.trimmingWhitespace
        guard let equals = pair.firstIndex(of: "=") else {
          return .failure(DotCommandError("--param takes name=value, got `\(pair)`"))
        }
        parameters[String(pair[..<equals])] = unquote(String(pair[pair.index(after: equals)...]))
      }
      return .success(.read(path: unquote(parts[0].trimmingWhitespace), parameters: parameters))
    case ".step": return .success(.step(query: arg))
    case ".chart":
      guard let arg else { return .failure(DotCommandError(".chart needs a kind: .chart bar | sparkline | slope [FILE.svg]")) }
      return .success(.chart(argument: arg))
    case ".output":
      guard let arg else { return .success(.output(path: nil)) }
      let path = unquote(arg)
      if path == "stdout" || path == "-" { return .success(.output(path: nil)) }
      return .success(.output(path: path))
    case ".once":
      guard let arg else { return .failure(DotCommandError(".once needs a file: .once FILE")) }
      return .success(.once(path: unquote(arg)))
    case ".explain": return .success(.explain(query: arg))
    case ".engine": return .success(.engine(spec: arg))
    case ".sql": return .success(.sql(argument: arg))
    case ".last": return noArgument(.last)
    case ".edit": return noArgument(.edit)
    case ".quit": return .success(.quit)
    default:
      var message = "unknown command `\(name)`"
      if let guess = EditDistance.closest(to: name, among: all.map(\.name) + [".exit"]) {
        message += "; did you mean `\(guess)`?"
      }
      return .failure(DotCommandError(message + " (.help lists the commands)"))
    }
  }

  /// `"my file.csv"` → `my file.csv`; a leading `~/` is the home folder.
  static func unquote(_ text: String) -> String {
    var path = text
    if path.count >= 2, let first = path.first, first == "\"" || first == "'", path.last == first {
      path = String(path.dropFirst().dropLast())
    }
    return path
  }
}

public struct DotCommandError: Error, Equatable, Sendable {
  public var message: String
  public init(_ message: String) { self.message = message }
}

extension String {
  var trimmingWhitespace: String {
    var s = Substring(self)
    while let c = s.first, c.isWhitespace { s = s.dropFirst() }
    while let c = s.last, c.isWhitespace { s = s.dropLast() }
    return String(s)
  }
}
