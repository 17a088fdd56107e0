import ChisoEngine
import Foundation

/// A chart asked for on the command line: `--chart KIND[:FILE.svg]`.
public struct ChartRequest: Sendable, Equatable {
  /// nil = chosen from the table (`auto`).
  public var kind: ChartSpec.Kind?
  /// An SVG file to write; nil = draw on the terminal.
  public var file: String?

  public init(kind: ChartSpec.Kind? = nil, file: String? = nil) {
    self.kind = kind
    self.file = file
  }

  /// Parses `bar`, `sparkline`, `slope`, `auto`, `KIND:FILE.svg` or `FILE.svg`.
  public static func parse(_ text: String) throws(ChartError) -> ChartRequest {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if let word = kindWord(trimmed) { return ChartRequest(kind: word.kind) }
    if let colon = trimmed.firstIndex(of: ":"), let word = kindWord(String(trimmed[..<colon])) {
      let file = String(trimmed[trimmed.index(after: colon)...])
      return ChartRequest(kind: word.kind, file: try svgPath(file))
    }
    if trimmed.lowercased().hasSuffix(".svg") { return ChartRequest(kind: nil, file: try svgPath(trimmed)) }
    throw ChartError(
      "unknown chart `\(text)`: use bar, line, sparkline, slope or auto, optionally followed by :FILE.svg (e.g. bar:out.svg)")
  }

  struct KindWord { var kind: ChartSpec.Kind? }

  /// The kind a word names (`auto` = nil kind); nil when `word` is not a kind.
  static func kindWord(_ word: String) -> KindWord? {
    switch word.lowercased() {
    case "auto": return KindWord(kind: nil)
    case "bar", "bars": return KindWord(kind: .bar)
    case "sparkline", "sparklines", "spark": return KindWord(kind: .sparkline)
    case "slope": return KindWord(kind: .slope)
    case "line", "lines": return KindWord(kind: .line)
    default: return nil
    }
  }

  static func svgPath(_ path: String) throws(ChartError) -> String {
    guard !path.isEmpty else { throw ChartError("no file name after `:` (e.g. bar:out.svg)") }
    guard path.lowercased().hasSuffix(".svg") else {
      throw ChartError("chart files are SVG: `\(path)` should end in .svg")
    }
    return path
  }
}

/// What a chart request produced.
public enum ChartOutput: Sendable, Equatable {
  /// A terminal chart to print.
  case text(String)
  /// An SVG document written to `path`; `message` says so (for standard error or the REPL).
  case file(path: String, message: String)

  /// What to show the user: the chart, or the confirmation line.
  public var printed: String {
    switch self {
    case .text(let text): return text
    case .file(_, let message): return message + "\n"
    }
  }
}

/// Entry points for front ends: the CLI's `--chart` and the REPL's `.chart`.
public enum ChartCommand {
  public static let usage = """
    .chart [bar|line|sparkline|slope|auto] [FILE.svg] [--highlight NAME] [--ascii] [--width N]
           [--label COL] [--value COL] [--series COL] [--title TEXT]
      draws the last result: on the terminal, or as an SVG file (KIND:FILE.svg also works)
    """

  /// Draws `table`: a terminal chart, or an SVG file written atomically (temporary file, then
  /// rename) when `request.file` is set. `spec.kind` is replaced by the request's.
  public static func produce(_ table: Table, request: ChartRequest, spec: ChartSpec) throws(ChartError)
    -> ChartOutput
  {
    var spec = spec
    if let kind = request.kind { spec.kind = kind }
    guard let file = request.file else { return .text(try TerminalChart.render(table, spec)) }
    let columns = try ChartColumns.infer(table, spec)
    spec.kind = columns.kind
    let svg = try SVGChart.render(table, spec)
    try ChartFile.write(svg, to: file)
    let what = WideChart.description(table, spec) ?? columns.label.map { "\(columns.value) by \($0)" } ?? columns.value
    return .file(path: file, message: "wrote \(columns.kind.rawValue) chart of \(what) to \(file)")
  }

  /// The REPL's `.chart ARGUMENT` on the last result: returns the text to print (the chart, or
  /// a line naming the SVG file written). `base` supplies defaults such as width and colour.
  ///
  /// `argument` holds words, with "double" or 'single' quotes for names with spaces:
  /// `bar`, `sparkline out.svg`, `slope:out.svg --highlight "Lai Châu"`, `--ascii`.
  public static func run(table: Table, argument: String, base: ChartSpec = ChartSpec()) throws(ChartError)
    -> String
  {
    var spec = base
    var request = ChartRequest()
    var words = try split(argument)[...]
    func next(_ option: String) throws(ChartError) -> String {
      guard let value = words.popFirst() else { throw ChartError("\(option) needs a value\n\(usage)") }
      return value
    }
    while let word = words.popFirst() {
      var option = word
      var inline: String? = nil
      if word.hasPrefix("--"), let eq = word.firstIndex(of: "=") {
        option = String(word[..<eq])
        inline = String(word[word.index(after: eq)...])
      }
      func value() throws(ChartError) -> String {
        if let inline { return inline }
        return try next(option)
      }
      switch option {
      case "--highlight": spec.highlight = try value()
      case "--ascii": spec.ascii = true
      case "--label": spec.label = try value()
      case "--value": spec.value = try value()
      case "--series": spec.series = try value()
      case "--title": spec.title = try value()
      case "--width":
        let text = try value()
        guard let width = Int(text), width >= 20, width <= 1000 else {
          throw ChartError("--width takes a number of columns from 20 to 1000, not `\(text)`")
        }
        spec.width = width
      default:
        if word.hasPrefix("--") { throw ChartError("unknown option `\(word)`\n\(usage)") }
        let parsed = try ChartRequest.parse(word)
        if parsed.kind != nil { request.kind = parsed.kind }
        if parsed.file != nil { request.file = parsed.file }
      }
    }
    return try produce(table, request: request, spec: spec).printed
  }

  /// Words of a command line; quotes group, backslash escapes the next character.
  static func split(_ text: String) throws(ChartError) -> [String] {
    var words: [String] = []
    var current = ""
    var inWord = false
    var quote: Character? = nil
    var escaped = false
    for character in text {
      if escaped {
        current.append(character)
        escaped = false
        continue
      }
      if character == "\\" && quote != "'" {
        escaped = true
        inWord = true
        continue
      }
      if let q = quote {
        if character == q { quote = nil } else { current.append(character) }
        continue
      }
      if character == "\"" || character == "'" {
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
    if quote != nil { throw ChartError("unclosed quote in `\(text)`") }
    if inWord { words.append(current) }
    return words
  }

  /// The width for terminal charts: the terminal's columns when standard output is one (at
  /// most 120), else `COLUMNS`, else 80.
  public static func terminalWidth() -> Int {
    var size = winsize()
    if isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
      return max(40, min(120, Int(size.ws_col)))
    }
    if let columns = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(columns), n >= 20 {
      return min(200, n)
    }
    return 80
  }
}

/// Writing chart files atomically: readers see the old file or the new one, never a part.
public enum ChartFile {
  /// Writes `text` to a temporary file beside `path`, flushes it to disk, then renames it over
  /// `path`. On failure the temporary file is removed and `path` is left as it was.
  public static func write(_ text: String, to path: String) throws(ChartError) {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw ChartError("cannot write \(path): no folder \(directory)")
    }
    let temporary = url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp").path
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw ChartError("cannot write \(path): \(String(cString: strerror(errno)))") }
    var failure: String? = nil
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
      if written < 0 {
        if errno == EINTR { continue }
        failure = String(cString: strerror(errno))
        break
      }
      bytes = bytes.dropFirst(written)
    }
    if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
    if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
    if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
    if let failure {
      unlink(temporary)
      throw ChartError("cannot write \(path): \(failure)")
    }
  }
}
