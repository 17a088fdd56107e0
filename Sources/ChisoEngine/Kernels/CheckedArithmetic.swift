/// Arithmetic on values that come from users — literals, parameters, column data, verb
/// arguments — in one place, so that no kernel traps on overflow, wraps around or saturates.
///
/// Every operation either gives the exact answer or throws an `ExecutionError` that says what
/// did not fit (the executor adds the location). Division by zero is the caller's business: it
/// is null in chiso (see `docs/language.md`), so `divide` and `remainder` return nil for it.
///
/// Dates and timestamps share one range, about 290,000 years either side of 1970 — the range
/// of a timestamp in microseconds, as DuckDB's — so that widening a date to a timestamp can
/// never overflow. Arithmetic that leaves it is an error, never a clamped date.
public enum CheckedArithmetic {
  // MARK: - Integers

  public static func add(_ a: Int64, _ b: Int64) throws(ExecutionError) -> Int64 {
    let (r, overflow) = a.addingReportingOverflow(b)
    if overflow { throw overflowError("\(a) + \(b)") }
    return r
  }

  public static func subtract(_ a: Int64, _ b: Int64) throws(ExecutionError) -> Int64 {
    let (r, overflow) = a.subtractingReportingOverflow(b)
    if overflow { throw overflowError("\(a) - \(b)") }
    return r
  }

  public static func multiply(_ a: Int64, _ b: Int64) throws(ExecutionError) -> Int64 {
    let (r, overflow) = a.multipliedReportingOverflow(by: b)
    if overflow { throw overflowError("\(a) * \(b)") }
    return r
  }

  /// `a // b`, truncating toward zero; nil when `b` is 0.
  public static func divide(_ a: Int64, _ b: Int64) throws(ExecutionError) -> Int64? {
    if b == 0 { return nil }
    if a == .min && b == -1 { throw overflowError("\(a) // \(b)") }
    return a / b
  }

  /// `a % b`, with the sign of the dividend; nil when `b` is 0. (`Int64.min % -1` is 0, not a
  /// trap.)
  public static func remainder(_ a: Int64, _ b: Int64) -> Int64? {
    if b == 0 { return nil }
    if b == -1 { return 0 }
    return a % b
  }

  public static func negate(_ a: Int64) throws(ExecutionError) -> Int64 {
    if a == .min { throw overflowError("-(\(a))") }
    return -a
  }

  public static func abs(_ a: Int64) throws(ExecutionError) -> Int64 {
    if a == .min { throw overflowError("math.abs \(a)") }
    return a < 0 ? -a : a
  }

  /// `a` rounded to `digits` decimal places (`digits` < 0: to tens, hundreds, …), halves away
  /// from zero, exactly in integers: `math.round -1 15` is 20.
  public static func round(_ a: Int64, digits: Int64) throws(ExecutionError) -> Int64 {
    guard digits < 0 else { return a }
    // 10^19 is past Int64 but within UInt64; from 10^20 on every Int64 rounds to 0.
    let places = digits == .min ? UInt64.max : UInt64(-digits)
    if places >= 20 { return 0 }
    var unit: UInt64 = 1
    for _ in 0..<places { unit *= 10 }
    let magnitude = a.magnitude
    var quotient = magnitude / unit
    if (magnitude % unit) >= unit - unit / 2 { quotient += 1 }
    let (rounded, overflow) = quotient.multipliedReportingOverflow(by: unit)
    let limit = a < 0 ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
    if overflow || rounded > limit { throw overflowError("math.round \(digits) \(a)") }
    return a < 0 ? (rounded == limit ? .min : -Int64(rounded)) : Int64(rounded)
  }

  /// The sum of `values` where `include` holds, or an error naming what overflowed.
  public static func sum(_ values: [Int64], where include: (Int) -> Bool, what: String = "`sum`") throws(ExecutionError) -> Int64 {
    var s: Int64 = 0
    for i in values.indices where include(i) {
      let (r, overflow) = s.addingReportingOverflow(values[i])
      if overflow { throw ExecutionError("integer overflow in \(what): the total passes \(Int64.max)", hints: floatHint) }
      s = r
    }
    return s
  }

  // MARK: - Conversions

  /// A float as an int, rounded half away from zero (`as int`); NaN, infinities and values past
  /// the int range are errors on both sides — never clamped, never 0.
  public static func int(_ d: Double, rounding: FloatingPointRoundingRule = .toNearestOrAwayFromZero) throws(ExecutionError) -> Int64 {
    guard let i = Int64(exactly: d.rounded(rounding)) else {
      throw ExecutionError(
        "\(FloatFormat.shortest(d)) does not fit in an int (from \(Int64.min) to \(Int64.max))",
        hints: d.isFinite ? ["keep it a float, or scale it first"] : ["NaN and infinities have no int value"])
    }
    return i
  }

  /// An Int64 count or position as an Int (the same width on 64-bit platforms).
  @inline(__always)
  public static func index(_ v: Int64) -> Int { Int(truncatingIfNeeded: v) }

  /// Row position `position + offset`, limited to `bounds`: a frame or offset that reaches past
  /// the partition means its edge, so clamping the position is the exact answer here (the
  /// arithmetic itself cannot overflow).
  @inline(__always)
  public static func position(_ position: Int, offset: Int64, within bounds: ClosedRange<Int>) -> Int {
    let (r, overflow) = Int64(position).addingReportingOverflow(offset)
    if overflow { return offset < 0 ? bounds.lowerBound : bounds.upperBound }
    return Int(max(Int64(bounds.lowerBound), min(Int64(bounds.upperBound), r)))
  }

  /// `start + count` as a half-open end, for `take` and text positions: the same clamping
  /// argument as `position`.
  @inline(__always)
  public static func end(_ start: Int64, count: Int64) -> Int64 {
    let (r, overflow) = start.addingReportingOverflow(count)
    return overflow ? (count < 0 ? .min : .max) : r
  }

  /// PRQL's `take a..b` (1-based, inclusive, either end open) as 0-based rows `start ..< end`
  /// (end nil = to the last row). Any Int64 bounds are exact: before the first row means from the
  /// first, past the last means to the last.
  public static func rowRange(from low: Int64?, through high: Int64?) -> (start: Int, end: Int?) {
    let start = max(1, low ?? 1) - 1
    return (index(start), high.map { index(max($0, 0)) })
  }

  static let floatHint = ["convert to float first: `(x | as float)`"]

  static func overflowError(_ expression: String) -> ExecutionError {
    ExecutionError(
      "integer overflow: \(expression) does not fit in an int (from \(Int64.min) to \(Int64.max))",
      hints: floatHint)
  }
}

// MARK: - Dates, timestamps and intervals

extension CheckedArithmetic {
  /// Day numbers a date may take: the days whose midnight is a timestamp in microseconds.
  public static let dayRange: ClosedRange<Int64> = -106_751_990...106_751_990
  /// Microseconds a timestamp may take: from the first to the last day of `dayRange`.
  public static let microsRange: ClosedRange<Int64> =
    (dayRange.lowerBound * CivilDate.microsPerDay)...(dayRange.upperBound * CivilDate.microsPerDay + CivilDate.microsPerDay - 1)

  /// A day number, if in range.
  public static func date(_ days: Int64) throws(ExecutionError) -> Int32 {
    guard dayRange.contains(days) else { throw rangeError() }
    return Int32(days)
  }

  public static func timestamp(_ micros: Int64) throws(ExecutionError) -> Int64 {
    guard microsRange.contains(micros) else { throw rangeError() }
    return micros
  }

  /// `date + days`.
  public static func addDays(_ date: Int32, _ days: Int64) throws(ExecutionError) -> Int32 {
    let (r, overflow) = Int64(date).addingReportingOverflow(days)
    if overflow { throw rangeError() }
    return try self.date(r)
  }

  /// `timestamp + micros`.
  public static func addMicros(_ timestamp: Int64, _ micros: Int64) throws(ExecutionError) -> Int64 {
    let (r, overflow) = timestamp.addingReportingOverflow(micros)
    if overflow { throw rangeError() }
    return try self.timestamp(r)
  }

  /// A date's midnight (always in range for an in-range date).
  @inline(__always)
  public static func midnight(_ date: Int32) -> Int64 { Int64(date) * CivilDate.microsPerDay }

  /// `date + months`: the same day of the month, or the month's last day when it is shorter
  /// (2019-01-31 + 1 month = 2019-02-28), as DuckDB, PostgreSQL and Spark do.
  public static func addMonths(_ date: Int32, _ months: Int64) throws(ExecutionError) -> Int32 {
    if months == 0 { return date }
    let (y, m, d) = CivilDate.civil(date)
    // Years past the range are rejected before the calendar formula could overflow.
    guard months.magnitude <= 12 * 400_000 else { throw rangeError() }
    let total = Int64(y) * 12 + Int64(m - 1) + months
    let year = Int(total >= 0 ? total / 12 : (total - 11) / 12)
    let month = Int(total - Int64(year) * 12) + 1
    let day = min(d, CivilDate.daysInMonth(year: year, month: month))
    return try self.date(dayNumber(year: year, month: month, day: day))
  }

  /// Hinnant's `days_from_civil` for any year (`CivilDate.days` stops at ±9999, the years chiso
  /// reads and writes; arithmetic may pass them).
  static func dayNumber(year: Int, month: Int, day: Int) -> Int64 {
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = Int64((month + 9) % 12)
    let doy = (153 * mp + 2) / 5 + Int64(day) - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// An interval literal (`3months`, `-2hours`) as DuckDB stores one: months, days and
  /// microseconds, which are added in that order.
  public struct Interval: Sendable, Equatable {
    public var months: Int64
    public var days: Int64
    public var micros: Int64

    public init(months: Int64 = 0, days: Int64 = 0, micros: Int64 = 0) {
      self.months = months
      self.days = days
      self.micros = micros
    }

    /// Whether adding it to a date gives a date (no time of day).
    public var isWholeDays: Bool { micros == 0 }

    public func negated() throws(ExecutionError) -> Interval {
      Interval(months: try CheckedArithmetic.negate(months), days: try CheckedArithmetic.negate(days),
               micros: try CheckedArithmetic.negate(micros))
    }
  }

  /// Microseconds per interval unit (nil for calendar units, months and years).
  static let microsPerUnit: [String: Int64] = [
    "hours": 3_600_000_000, "minutes": 60_000_000, "seconds": 1_000_000, "milliseconds": 1_000, "microseconds": 1,
  ]

  /// `count` of `unit` (the lexer's interval units) as an interval.
  public static func interval(_ count: Int64, unit: String) throws(ExecutionError) -> Interval {
    func scaled(_ factor: Int64) throws(ExecutionError) -> Int64 {
      let (r, overflow) = count.multipliedReportingOverflow(by: factor)
      if overflow { throw ExecutionError("the interval \(count)\(unit) is too long", hints: ["an interval must stay within the range of dates"]) }
      return r
    }
    switch unit {
    case "years": return Interval(months: try scaled(12))
    case "months": return Interval(months: count)
    case "weeks": return Interval(days: try scaled(7))
    case "days": return Interval(days: count)
    default:
      guard let factor = microsPerUnit[unit] else { throw ExecutionError("unknown interval unit `\(unit)`") }
      return Interval(micros: try scaled(factor))
    }
  }

  /// `date + interval`: a date when the interval is whole days, else a timestamp.
  public static func add(_ interval: Interval, toDate date: Int32) throws(ExecutionError) -> Value {
    let shifted = try addDays(try addMonths(date, interval.months), interval.days)
    if interval.isWholeDays { return .date(shifted) }
    return .timestamp(try addMicros(midnight(shifted), interval.micros))
  }

  /// `timestamp + interval`: months keep the time of day.
  public static func add(_ interval: Interval, toTimestamp micros: Int64) throws(ExecutionError) -> Int64 {
    let (day, time) = CivilDate.split(micros)
    let shifted = try addDays(try addMonths(day, interval.months), interval.days)
    return try addMicros(midnight(shifted) + time, interval.micros)
  }

  /// `a - b` for timestamps, in days (a float): chiso has no interval type.
  public static func daysBetween(_ a: Int64, _ b: Int64) -> Double {
    let (difference, overflow) = a.subtractingReportingOverflow(b)
    let micros = overflow ? Double(a) - Double(b) : Double(difference)
    return micros / Double(CivilDate.microsPerDay)
  }

  static func rangeError() -> ExecutionError {
    let first = CivilDate.formatDate(Int32(dayRange.lowerBound))
    let last = CivilDate.formatDate(Int32(dayRange.upperBound))
    return ExecutionError(
      "date out of range: chiso's dates and timestamps run from \(first) to \(last)",
      hints: ["check the interval or number of days added"])
  }
}
