import ChisoLocale
import ChisoRender
import ChisoSyntax

/// A REPL command: a line starting with `.`.
public enum DotCommand: Equatable, Sendable {
  case help(topic: String?)
  case tables
  case schema(table: String?)
  case mode(OutputFormat?)
  case timer(Bool?)
  /// `.cache` shows where the columnar cache is and what it holds; `.cache clear` empties it.
  case cache(clear: Bool)
  /// nil shows the setting; `.auto` fits the terminal height; `.all` never elides.
  case maxRows(RowLimit?)
  /// `.read FILE [--param name=value …]`.
  case read(path: String, parameters: [String: String] = [:])
  /// `.step [QUERY]`: each stage of the pipeline (the previous query when none is given).
  case step(query: String?)
  /// `.chart KIND [FILE.svg] [--highlight NAME] …`: the previous result as a chart.
  case chart(argument: String)
  /// `.report FILE… [-o OUT.html] [--steps] [--solutions] [--param name=value]`: an HTML report.
  case report(ReportArguments)
  /// `.lang en|vi`; nil shows the current language.
  case lang(Language?)
  /// nil sends results back to the terminal.
  case output(path: String?)
  case once(path: String)
  /// nil explains the previous query.
  case explain(query: String?)
  /// `.save NAME`: keep the last result as a table.
  case save(name: String)
  /// `.write TABLE FILE`: export a table.
  case write(name: String, path: String)
  /// `.warnings [off|brief|full]`: show the last warnings in full, or choose how they show.
  case warnings(WarningStyle?)
  /// `.precision [N|full]`: significant digits shown for floats (stored values never change).
  case precision(Precision?)
  /// `.decimal [comma|point]`: the decimal mark in displays (never in CSV or JSON).
  case decimal(comma: Bool?)
  /// `.collation [vi|binary|default]`: how text sorts for the rest of the session.
  case collation(String?)
  case last
  case edit
  case quit
  /// `.engine [ENGINE]`: shows or switches the engine queries run on (Workbench+Engines.swift).
  case engine(spec: String?)
  /// `.sql [DIALECT] [QUERY]`: the query (or the previous one) as SQL.
  case sql(argument: String?)

  public enum Precision: Equatable, Sendable {
    case full
    case digits(Int)
  }

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

  /// The commands in the order `.help` lists them: name, usage, whether they take an argument.
  static let table: [(name: String, usage: String, takesArgument: Bool)] = [
    (".help", ".help [CMD]", false), (".tables", ".tables", false), (".schema", ".schema [TABLE]", true),
    (".mode", ".mode MODE", true), (".timer", ".timer on|off", true), (".cache", ".cache [clear]", true), (".maxrows", ".maxrows N", true),
    (".read", ".read FILE", true), (".step", ".step [QUERY]", true), (".chart", ".chart KIND [FILE.svg]", true),
    (".report", ".report FILE… [-o OUT]", true), (".output", ".output [FILE]", true), (".once", ".once FILE", true),
    (".explain", ".explain [QUERY]", true), (".last", ".last", false), (".edit", ".edit", false),
    (".save", ".save NAME", true), (".write", ".write TABLE FILE", true), (".warnings", ".warnings [off|brief|full]", true),
    (".precision", ".precision [N|full]", true), (".decimal", ".decimal [comma|point]", true),
    (".collation", ".collation [vi|binary|default]", true),
    (".engine", ".engine [ENGINE]", true), (".sql", ".sql [DIALECT] [QUERY]", true),
    (".lang", ".lang en|vi", true), (".quit", ".quit", false),
  ]

  /// The commands with their summaries and descriptions in `language` (from the catalogue,
  /// `cmd.NAME.summary` and `cmd.NAME.detail`).
  public static func infos(_ language: Language) -> [Info] {
    table.map { entry in
      let key = String(entry.name.dropFirst())
      return Info(
        name: entry.name, usage: entry.usage, summary: L10n.text("cmd.\(key).summary", language),
        detail: L10n.text("cmd.\(key).detail", language), takesArgument: entry.takesArgument)
    }
  }

  /// The commands, described in English.
  public static var all: [Info] { infos(.en) }

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
    case ".cache":
      switch arg?.lowercased() {
      case nil: return .success(.cache(clear: false))
      case "clear": return .success(.cache(clear: true))
      default: return .failure(DotCommandError(".cache takes nothing or clear"))
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
    case ".report":
      guard let arg else {
        return .failure(DotCommandError(".report needs a script: .report FILE.prql [-o OUT.html] [--steps] [--param name=value]"))
      }
      switch ReportArguments.parse(arg) {
      case .success(let arguments): return .success(.report(arguments))
      case .failure(let error): return .failure(error)
      }
    case ".lang":
      guard let arg else { return .success(.lang(nil)) }
      guard let language = Language.parse(arg) else { return .failure(DotCommandError(".lang takes en or vi, not `\(arg)`")) }
      return .success(.lang(language))
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
    case ".save":
      guard let arg, !arg.contains(" ") else { return .failure(DotCommandError(".save needs a name: .save top3")) }
      return .success(.save(name: arg))
    case ".write":
      guard let arg, let space = arg.firstIndex(of: " ") else {
        return .failure(DotCommandError(".write needs a table and a file: .write top3 top3.csv"))
      }
      return .success(.write(name: String(arg[..<space]), path: unquote(String(arg[arg.index(after: space)...]).trimmingWhitespace)))
    case ".warnings":
      guard let arg else { return .success(.warnings(nil)) }
      guard let style = WarningStyle(rawValue: arg.lowercased()) else {
        return .failure(DotCommandError(".warnings takes off, brief or full, not `\(arg)`"))
      }
      return .success(.warnings(style))
    case ".precision":
      guard let arg else { return .success(.precision(nil)) }
      if arg.lowercased() == "full" { return .success(.precision(.full)) }
      guard let n = Int(arg), (1...NumberStyle.maxDigits).contains(n) else {
        return .failure(DotCommandError(".precision takes 1 to \(NumberStyle.maxDigits) significant digits or `full`, not `\(arg)`"))
      }
      return .success(.precision(.digits(n)))
    case ".collation": return .success(.collation(arg?.lowercased()))
    case ".decimal":
      switch arg?.lowercased() {
      case nil: return .success(.decimal(comma: nil))
      case "comma", ",": return .success(.decimal(comma: true))
      case "point", "dot", ".": return .success(.decimal(comma: false))
      default: return .failure(DotCommandError(".decimal takes comma or point, not `\(arg ?? "")`"))
      }
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

/// The words after `.report`: scripts, then options as on the command line.
public struct ReportArguments: Equatable, Sendable {
  public var files: [String] = []
  public var output: String?
  public var steps = false
  public var solutions = false
  public var parameters: [String: String] = [:]

  public init(files: [String] = [], output: String? = nil) {
    self.files = files
    self.output = output
  }

  static func parse(_ text: String) -> Result<ReportArguments, DotCommandError> {
    guard let words = DotCommand.words(text) else { return .failure(DotCommandError("unclosed quote in `\(text)`")) }
    var arguments = ReportArguments()
    var rest = words[...]
    while let word = rest.popFirst() {
      switch word {
      case "-o", "--output":
        guard let path = rest.popFirst() else { return .failure(DotCommandError("\(word) needs a file: -o report.html")) }
        arguments.output = path
      case "--steps": arguments.steps = true
      case "--solutions": arguments.solutions = true
      case "--param":
        guard let pair = rest.popFirst(), let equals = pair.firstIndex(of: "=") else {
          return .failure(DotCommandError("--param takes name=value"))
        }
        arguments.parameters[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
      default:
        if word.hasPrefix("-") {
          return .failure(DotCommandError("unknown option `\(word)`: .report takes -o FILE, --steps, --solutions, --param name=value"))
        }
        arguments.files.append(word)
      }
    }
    guard !arguments.files.isEmpty else { return .failure(DotCommandError(".report needs a script: .report FILE.prql")) }
    return .success(arguments)
  }
}

extension DotCommand {
  /// Words of a command line: "double" or 'single' quotes group, backslash escapes the next
  /// character; nil when a quote is left open.
  static func words(_ text: String) -> [String]? {
    var words: [String] = []
    var current = ""
    var inWord = false
    var quote: Character? = nil
    var escaped = false
    for character in text {
      if escaped {
        current.append(character)
        escaped = false
      } else if character == "\\" && quote != "'" {
        escaped = true
        inWord = true
      } else if let q = quote {
        if character == q { quote = nil } else { current.append(character) }
      } else if character == "\"" || character == "'" {
        quote = character
        inWord = true
      } else if character.isWhitespace {
        if inWord { words.append(current) }
        current = ""
        inWord = false
      } else {
        current.append(character)
        inWord = true
      }
    }
    if quote != nil { return nil }
    if inWord { words.append(current) }
    return words
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
