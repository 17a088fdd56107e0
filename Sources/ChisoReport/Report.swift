import ChisoLocale
import Foundation

/// A script to put in a report: its name as the user gave it (shown, and used in error
/// locations) and its text.
public struct ReportInput: Sendable {
  public var name: String
  public var text: String

  public init(name: String, text: String) {
    self.name = name
    self.text = text
  }
}

/// How to build a report.
public struct ReportOptions: Sendable {
  /// The language of the fixed words, diagnostics and charts.
  public var language: Language
  /// `--param` values, by parameter name.
  public var parameters: [String: String]
  /// Show every query step by step (`--steps`); a `# --steps` comment does it for one query.
  public var steps: Bool
  /// Show the solutions of exercises (a teacher's copy); handouts hide them.
  public var solutions: Bool
  /// The page title; nil = the script's first heading, or a booklet's generic title.
  public var title: String?
  /// Rows of a result shown before the rest is folded away (`# --rows N` for one query).
  public var rows: Int
  /// The day the report is made, as printed (`2025-01-31`); nil = today, or the day of
  /// `SOURCE_DATE_EPOCH` when it is set (reproducible builds).
  public var date: String?
  /// chiso's version, for the page's footer line.
  public var version: String
  /// The data folders, as the user named them.
  public var dataFolders: [String]
  /// Numbers with a decimal comma (`59,95`), as Vietnamese documents write them
  /// (`--decimal-comma`); the CSV links keep the point.
  public var decimalComma = false

  public init(
    language: Language = .en, parameters: [String: String] = [:], steps: Bool = false, solutions: Bool = false,
    title: String? = nil, rows: Int = 20, date: String? = nil, version: String = "", dataFolders: [String] = []
  ) {
    self.language = language
    self.parameters = parameters
    self.steps = steps
    self.solutions = solutions
    self.title = title
    self.rows = rows
    self.date = date
    self.version = version
    self.dataFolders = dataFolders
  }

  /// `date`, or today's (UTC) date, or that of `SOURCE_DATE_EPOCH`.
  var day: String {
    if let date { return date }
    var seconds = Date().timeIntervalSince1970
    if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let value = Double(epoch) { seconds = value }
    var time = time_t(seconds)
    var parts = tm()
    gmtime_r(&time, &parts)
    let year = Int(parts.tm_year) + 1900
    let month = Int(parts.tm_mon) + 1
    let dayOfMonth = Int(parts.tm_mday)
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(year)-\(two(month))-\(two(dayOfMonth))"
  }
}

/// A finished report.
public struct Report: Sendable {
  /// One query that failed, for the command line to report beside writing the page.
  public struct Failure: Sendable, Equatable {
    /// `file:line` of the query.
    public var location: String
    /// The error as chiso prints it (with its caret), in the report's language.
    public var text: String
  }

  /// The complete HTML document.
  public var html: String
  /// Queries run.
  public var queries: Int
  /// Charts drawn.
  public var charts: Int
  /// Queries that failed (their errors are in the page too).
  public var failures: [Failure]
}

/// Why no report could be made at all (a bad `--param`, no scripts).
public struct ReportError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
