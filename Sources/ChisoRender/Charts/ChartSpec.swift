import ChisoEngine
import ChisoLocale

/// What to draw from a result table, and how.
///
/// Charts draw a `Table` that a query produced: the query shapes the data, the spec names the
/// columns (or leaves them to `ChartColumns.infer`). The same spec drives `TerminalChart` and
/// `SVGChart`.
public struct ChartSpec: Sendable, Equatable {
  /// The kinds of chart.
  public enum Kind: String, Sendable, CaseIterable {
    /// One horizontal bar per row, sorted best first (highest value, or lowest rank).
    case bar
    /// One line per unit: its value over the series (years), as block characters.
    case sparkline
    /// Ranks in two years side by side, with the movement of each unit.
    case slope
    /// One line per unit over the series (years) on shared axes, with a legend (SVG); on the
    /// terminal it is drawn as sparklines.
    case line
  }

  /// The chart kind; nil lets `ChartColumns.inferKind` choose.
  public var kind: Kind?
  /// The column naming each unit (a province); nil = the first text column.
  public var label: String?
  /// The column drawn; nil = the last numeric column (not the series).
  public var value: String?
  /// The x axis of a sparkline or the two periods of a slope chart (long form); nil = an int
  /// column named `year`.
  public var series: String?
  /// A slope chart in wide form: `value` is the first period, `secondValue` the second
  /// (e.g. `rank_2015`, `rank_2016`). nil = inferred when the table has no series column.
  public var secondValue: String?
  /// The label value to emphasise (compared by canonical equivalence, so NFC and NFD match).
  public var highlight: String?
  /// Whether smaller values are better (ranks). nil = inferred from the value column's name: a
  /// name containing `rank` (but not `change`, `delta`, `diff` or `move`) is a rank.
  public var lowerIsBetter: Bool?
  /// Plain ASCII instead of Unicode block and arrow characters.
  public var ascii: Bool
  /// Total width of a terminal chart in columns.
  public var width: Int
  /// Rows (bars, units, rank positions) shown before the rest collapse into a `… N more` line.
  /// The highlighted unit is always shown.
  public var maxRows: Int
  /// ANSI colour for the highlighted unit in terminal charts.
  public var colour: Bool
  /// The title; nil = one built from the column names.
  public var title: String?
  /// The language of the chart's fixed words (titles, notes, legends).
  public var language: Language

  public init(
    kind: Kind? = nil, label: String? = nil, value: String? = nil, series: String? = nil,
    secondValue: String? = nil, highlight: String? = nil, lowerIsBetter: Bool? = nil,
    ascii: Bool = false, width: Int = 80, maxRows: Int = 80, colour: Bool = false,
    title: String? = nil, language: Language = .en
  ) {
    self.kind = kind
    self.label = label
    self.value = value
    self.series = series
    self.secondValue = secondValue
    self.highlight = highlight
    self.lowerIsBetter = lowerIsBetter
    self.ascii = ascii
    self.width = width
    self.maxRows = maxRows
    self.colour = colour
    self.title = title
    self.language = language
  }
}

/// Why a chart cannot be drawn from a table (shown to the user as `error: chart: …`).
public struct ChartError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
