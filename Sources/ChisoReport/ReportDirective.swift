import ChisoLocale
import ChisoRender

/// An instruction to the report written as a comment in a script: `# --chart slope --highlight
/// "Lai Châu"`, `# --steps`, `# --exercise`, `# --rows 30`. The words are those of the command
/// line. A comment that starts with `--` and a word chiso does not know is kept as a problem,
/// which the report shows beside the query rather than dropping it silently.
public enum ReportDirective: Sendable, Equatable {
  /// Draw a chart of the query's result (or of the relation named by `--of`).
  case chart(ChartDirective)
  /// Show each pipeline step and what it changed.
  case steps
  /// The file is an exercise: its solution is hidden in handouts.
  case exercise
  /// Rows shown before the rest of a result is folded away.
  case rows(Int)
  /// A directive that could not be read, with the reason.
  case problem(String)

  /// The directive on a comment line (the text after `#`), or nil when the line is prose.
  static func parse(_ comment: String) -> ReportDirective? {
    let text = comment.trimmingSpaces
    guard text.hasPrefix("--"), let words = try? Words.split(text), let first = words.first else { return nil }
    let name = first.dropFirst(2)
    guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0 == "-" }) else { return nil }
    let rest = Array(words.dropFirst())
    switch name {
    case "chart":
      do throws(ChartError) {
        return .chart(try ChartDirective.parse(rest))
      } catch {
        return .problem("--chart: \(error.message)")
      }
    case "steps", "step":
      return rest.isEmpty ? .steps : .problem("--steps takes nothing after it")
    case "exercise":
      return rest.isEmpty ? .exercise : .problem("--exercise takes nothing after it")
    case "rows":
      guard rest.count == 1, let n = Int(rest[0]), n >= 1, n <= 100_000 else {
        return .problem("--rows takes a number of rows from 1 to 100000")
      }
      return .rows(n)
    default:
      return .problem("unknown directive `\(first)`; reports know --chart, --steps, --exercise and --rows")
    }
  }
}

/// `--chart KIND [--highlight NAME] [--of RELATION] [--title TEXT] [--label COL] [--value COL]
/// [--second COL] [--series COL]`.
public struct ChartDirective: Sendable, Equatable {
  /// nil = chosen from the result (`auto`).
  public var kind: ChartSpec.Kind?
  public var highlight: String?
  /// A relation defined with `let` to draw instead of the query's result.
  public var of: String?
  public var title: String?
  public var label: String?
  public var value: String?
  public var secondValue: String?
  public var series: String?

  public init(kind: ChartSpec.Kind? = nil) { self.kind = kind }

  static func parse(_ words: [String]) throws(ChartError) -> ChartDirective {
    var directive = ChartDirective()
    var rest = words[...]
    func value(_ option: String) throws(ChartError) -> String {
      guard let v = rest.popFirst() else { throw ChartError("\(option) needs a value") }
      return v
    }
    var sawKind = false
    while let word = rest.popFirst() {
      switch word {
      case "--highlight": directive.highlight = try value(word)
      case "--of": directive.of = try value(word)
      case "--title": directive.title = try value(word)
      case "--label": directive.label = try value(word)
      case "--value": directive.value = try value(word)
      case "--second": directive.secondValue = try value(word)
      case "--series": directive.series = try value(word)
      default:
        if word.hasPrefix("--") {
          throw ChartError("unknown option `\(word)` (--highlight, --of, --title, --label, --value, --second, --series)")
        }
        guard !sawKind else { throw ChartError("one chart kind per line, not `\(word)` as well") }
        let request = try ChartRequest.parse(word)
        guard request.file == nil else {
          throw ChartError("a report draws its charts inside the page: write `--chart \(request.kind?.rawValue ?? "auto")` without a file")
        }
        directive.kind = request.kind
        sawKind = true
      }
    }
    return directive
  }

  /// The chart spec for this directive in `language`.
  func spec(_ language: Language) -> ChartSpec {
    ChartSpec(
      kind: kind, label: label, value: value, series: series, secondValue: secondValue, highlight: highlight,
      maxRows: 80, title: title, language: language)
  }
}

/// Words of a directive; "double" or 'single' quotes group, backslash escapes.
enum Words {
  struct Unclosed: Error {}

  static func split(_ text: String) throws(Unclosed) -> [String] {
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
    if quote != nil { throw Unclosed() }
    if inWord { words.append(current) }
    return words
  }
}
