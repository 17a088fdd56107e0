import ChisoEngine

/// How floats are shown: the display precision, a decimal comma, and the decimals a query asked
/// for (`math.round 2` → `70.00`).
///
/// Only the spelling changes: stored values, and CSV/JSON exports unless they are asked to be
/// rounded (`--round-exports`), keep every digit.
public struct NumberStyle: Sendable, Equatable {
  /// The precision people read by default, as R's `print` (7 significant digits).
  public static let defaultDigits = 7
  /// The widest precision `.precision` accepts (a double holds 15–17 significant digits).
  public static let maxDigits = 17

  /// Significant digits to show; nil shows every digit (the shortest text that reads back as
  /// the same double).
  public var significantDigits: Int?
  /// `1,5` instead of `1.5` (Vietnamese and most of Europe); only in displays and reports,
  /// never in CSV or JSON, where the comma would be ambiguous.
  public var decimalComma: Bool
  /// Per result column, the decimals the query fixed (`math.round N`); nil where it fixed none.
  public var columnDecimals: [Int?]
  /// Whether CSV, TSV and JSON are rounded too (`--round-exports`); they never get the comma.
  public var roundsExports: Bool

  public init(significantDigits: Int? = nil, decimalComma: Bool = false, columnDecimals: [Int?] = [], roundsExports: Bool = false) {
    self.significantDigits = significantDigits
    self.decimalComma = decimalComma
    self.columnDecimals = columnDecimals
    self.roundsExports = roundsExports
  }

  /// The style machine-readable formats get: this one when exports are rounded, else every digit.
  var forExports: NumberStyle {
    roundsExports ? NumberStyle(significantDigits: significantDigits, decimalComma: false, columnDecimals: columnDecimals) : .full
  }

  /// Every digit, a point, nothing fixed: what tests and exports see.
  public static let full = NumberStyle()
  /// What a person sees in the terminal by default.
  public static let display = NumberStyle(significantDigits: defaultDigits)

  /// This style for result columns with the given fixed decimals.
  public func with(columnDecimals: [Int?]) -> NumberStyle {
    var copy = self
    copy.columnDecimals = columnDecimals
    return copy
  }

  /// The spelling of column `index`: `aligned` when the column is read down (a table), so every
  /// value gets the same decimals.
  func column(_ index: Int, aligned: Bool, comma: Bool = true) -> ColumnNumbers {
    let fixed = index < columnDecimals.count ? columnDecimals[index] : nil
    return ColumnNumbers(significantDigits: significantDigits, fixed: fixed, aligned: aligned, comma: comma && decimalComma)
  }
}

/// The spelling of one float column.
struct ColumnNumbers: Sendable, Equatable {
  var significantDigits: Int?
  var fixed: Int?
  var aligned: Bool
  var comma: Bool

  /// Every digit, unaligned: the shortest round-trip text.
  static let full = ColumnNumbers(significantDigits: nil, fixed: nil, aligned: false, comma: false)

  var isFull: Bool { significantDigits == nil && fixed == nil && !comma }

  /// The tokens for `values` at `rows` (nulls as `null`).
  func tokens<Rows: Collection>(_ values: [Double], rows: Rows, isNull: (Int) -> Bool, null: String) -> [String]
  where Rows.Element == Int {
    if isFull { return rows.map { isNull($0) ? null : FloatFormat.shortest(values[$0]) } }
    var decimals: Int? = fixed
    if decimals == nil, aligned, let digits = significantDigits {
      var shown: [Double] = []
      shown.reserveCapacity(rows.count)
      for row in rows where !isNull(row) { shown.append(values[row]) }
      decimals = FloatSpelling.commonDecimals(shown, significantDigits: digits)
    }
    return rows.map { row in
      guard !isNull(row) else { return null }
      let text = FloatSpelling.spell(values[row], significantDigits: significantDigits, decimals: decimals)
      return comma ? FloatSpelling.withComma(text) : text
    }
  }
}

/// Decimal spelling of doubles from their shortest round-trip digits, so that rounding works on
/// the digits a person sees (`2.675` to 2 decimals is `2.68`, as by hand), never producing
/// binary noise such as `0.6040530000000001`.
enum FloatSpelling {
  /// Beyond this many decimals a table column stops aligning and each value gets its
  /// significant digits (a column mixing 1e6 and 1e-9 would be unreadably wide).
  static let maxAlignedDecimals = 10

  /// The decimals that show every value of a column to `significantDigits` (at least one, so
  /// a float column still reads as floats), or nil when that would exceed `maxAlignedDecimals`
  /// or a value needs scientific notation.
  static func commonDecimals<S: Sequence>(_ values: S, significantDigits: Int) -> Int? where S.Element == Double {
    var most = 1
    for value in values where value.isFinite && value != 0 {
      var digits = DecimalDigits(value)
      if digits.needsScientific { return nil }
      digits.roundToSignificant(significantDigits)
      most = max(most, digits.decimalsShown)
      if most > maxAlignedDecimals { return nil }
    }
    return most
  }

  /// One value: with exactly `decimals` decimals when given, else rounded to
  /// `significantDigits` (trailing zeros dropped, at least one decimal), else every digit.
  static func spell(_ value: Double, significantDigits: Int?, decimals: Int?) -> String {
    guard value.isFinite else { return FloatFormat.shortest(value) }
    var digits = DecimalDigits(value)
    if let decimals {
      digits.roundToDecimals(decimals)
      return digits.fixed(decimals: decimals)
    }
    guard let significantDigits else { return FloatFormat.shortest(value) }
    digits.roundToSignificant(significantDigits)
    if digits.needsScientific { return digits.scientific() }
    return digits.fixed(decimals: max(1, digits.decimalsShown))
  }

  /// `1.5` → `1,5` (only the decimal point; exponents and signs unchanged).
  static func withComma(_ text: String) -> String {
    String(text.map { $0 == "." ? "," : $0 })
  }
}

/// A finite double as decimal digits: `0.d₁d₂… × 10^point`, sign apart.
struct DecimalDigits: Equatable {
  var negative: Bool
  /// Significant digits, no leading or trailing zeros; empty for zero.
  var digits: [UInt8]
  /// Digits before the decimal point (negative for 0.00…).
  var point: Int

  init(_ value: Double) {
    negative = value < 0 || (value == 0 && value.sign == .minus)
    digits = []
    point = 0
    let text = Swift.abs(value).description
    var mantissa = Substring(text)
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      mantissa = text[..<e]
      exponent = Int(text[text.index(after: e)...]) ?? 0
    }
    var beforePoint = 0
    var seenPoint = false
    for ch in mantissa {
      if ch == "." { seenPoint = true; continue }
      guard let d = ch.wholeNumberValue else { continue }
      if !seenPoint { beforePoint += 1 }
      digits.append(UInt8(d))
    }
    // Leading zeros move the point; trailing zeros carry nothing.
    while let first = digits.first, first == 0 {
      digits.removeFirst()
      beforePoint -= 1
    }
    while let last = digits.last, last == 0 { digits.removeLast() }
    point = digits.isEmpty ? 0 : beforePoint + exponent
    if digits.isEmpty { negative = false }
  }

  /// Decimals needed to show every digit.
  var decimalsShown: Int { max(0, digits.count - point) }

  /// Too large or too small for fixed notation to be readable.
  var needsScientific: Bool { !digits.isEmpty && (point > 15 || point < -3) }

  mutating func roundToSignificant(_ count: Int) {
    round(keeping: max(1, count))
  }

  mutating func roundToDecimals(_ decimals: Int) {
    round(keeping: point + decimals)
  }

  /// Keeps the first `keep` digits, rounding half away from zero.
  private mutating func round(keeping keep: Int) {
    guard keep < digits.count else { return }
    guard keep >= 0 else {
      digits = []
      return
    }
    let up = digits[keep] >= 5
    digits.removeSubrange(keep...)
    if up {
      var i = digits.count - 1
      while i >= 0 && digits[i] == 9 {
        digits[i] = 0
        i -= 1
      }
      if i >= 0 {
        digits[i] += 1
      } else {
        digits.insert(1, at: 0)
        point += 1
      }
    }
    while let last = digits.last, last == 0 { digits.removeLast() }
    if digits.isEmpty { negative = false }
  }

  /// Fixed notation with exactly `decimals` decimals.
  func fixed(decimals: Int) -> String {
    var out = negative && !digits.isEmpty ? "-" : ""
    if point <= 0 {
      out += "0"
    } else {
      for i in 0..<point { out += String(i < digits.count ? digits[i] : 0) }
    }
    guard decimals > 0 else { return out }
    out += "."
    for k in 0..<decimals {
      let i = point + k
      out += String(i >= 0 && i < digits.count ? digits[i] : 0)
    }
    return out
  }

  /// `d.ddde±NN`, as Swift spells large and small doubles.
  func scientific() -> String {
    guard let first = digits.first else { return "0.0" }
    var out = negative ? "-" : ""
    out += String(first) + "."
    out += digits.count > 1 ? digits[1...].map(String.init).joined() : "0"
    let exponent = point - 1
    out += "e" + (exponent < 0 ? "-" : "+") + (Swift.abs(exponent) < 10 ? "0" : "") + String(Swift.abs(exponent))
    return out
  }
}
