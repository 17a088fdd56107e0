/// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), after Howard
/// Hinnant's `days_from_civil`; no Foundation, no time zones.
public enum CivilDate {
  public static let microsPerSecond: Int64 = 1_000_000
  public static let microsPerDay: Int64 = 86_400_000_000

  /// Day number of a calendar date; nil when the date does not exist.
  public static func days(year: Int, month: Int, day: Int) -> Int32? {
    guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month),
      (-9999...9999).contains(year)
    else { return nil }
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return Int32(era * 146_097 + doe - 719_468)
  }

  /// Calendar date of a day number.
  public static func civil(_ dayNumber: Int32) -> (year: Int, month: Int, day: Int) {
    let z = Int(dayNumber) + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  public static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  public static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// 0 = Sunday … 6 = Saturday.
  public static func weekday(_ dayNumber: Int32) -> Int {
    let w = (Int(dayNumber) + 4) % 7
    return w < 0 ? w + 7 : w
  }

  /// Splits a timestamp into its day number and microseconds within the day.
  public static func split(_ micros: Int64) -> (day: Int32, micros: Int64) {
    var day = micros / microsPerDay
    var rest = micros % microsPerDay
    if rest < 0 {
      rest += microsPerDay
      day -= 1
    }
    return (Int32(day), rest)
  }

  public static func formatDate(_ dayNumber: Int32) -> String {
    let (y, m, d) = civil(dayNumber)
    return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
  }

  public static func formatTimestamp(_ micros: Int64) -> String {
    let (day, rest) = split(micros)
    let seconds = rest / microsPerSecond
    let fraction = rest % microsPerSecond
    var text = formatDate(day) + " " + pad(Int(seconds / 3600), 2) + ":"
    text += pad(Int(seconds / 60 % 60), 2) + ":" + pad(Int(seconds % 60), 2)
    if fraction != 0 {
      var digits = pad(Int(fraction), 6)
      while digits.hasSuffix("0") { digits.removeLast() }
      text += "." + digits
    }
    return text
  }

  /// Zero-pads an integer to `width` digits.
  public static func pad(_ value: Int, _ width: Int) -> String {
    let text = String(abs(value))
    let padded = text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    return value < 0 ? "-" + padded : padded
  }

  /// Parses `YYYY-MM-DD`; nil when the text is not exactly a valid date.
  public static func parseDate<S: StringProtocol>(_ text: S) -> Int32? {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      let y = digits(bytes, 0, 4), let m = digits(bytes, 5, 2), let d = digits(bytes, 8, 2)
    else { return nil }
    return days(year: y, month: m, day: d)
  }

  /// Parses `YYYY-MM-DD[T| ]HH:MM[:SS[.ffffff]]` with an optional trailing `Z`.
  public static func parseTimestamp<S: StringProtocol>(_ text: S) -> Int64? {
    var bytes = Array(text.utf8)
    if bytes.last == UInt8(ascii: "Z") { bytes.removeLast() }
    guard bytes.count >= 16, let day = parseDate(String(decoding: bytes[0..<10], as: UTF8.self)),
      bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
      bytes[13] == UInt8(ascii: ":"), let hour = digits(bytes, 11, 2), let minute = digits(bytes, 14, 2),
      hour < 24, minute < 60
    else { return nil }
    var second = 0
    var micros = 0
    if bytes.count > 16 {
      guard bytes.count >= 19, bytes[16] == UInt8(ascii: ":"), let s = digits(bytes, 17, 2), s < 60
      else { return nil }
      second = s
      if bytes.count > 19 {
        // Up to nanoseconds are accepted and cut to microseconds.
        guard bytes[19] == UInt8(ascii: "."), bytes.count > 20, bytes.count <= 29,
          let f = digits(bytes, 20, min(bytes.count, 26) - 20),
          digits(bytes, 20, bytes.count - 20) != nil
        else { return nil }
        micros = f
        for _ in 0..<max(0, 26 - bytes.count) { micros *= 10 }
      }
    }
    let secondsOfDay = Int64(hour * 3600 + minute * 60 + second)
    return Int64(day) * microsPerDay + secondsOfDay * microsPerSecond + Int64(micros)
  }

  private static func digits(_ bytes: [UInt8], _ start: Int, _ length: Int) -> Int? {
    guard start + length <= bytes.count, length > 0 else { return nil }
    var value = 0
    for index in start..<(start + length) {
      let byte = bytes[index]
      guard byte >= 48, byte <= 57 else { return nil }
      value = value * 10 + Int(byte - 48)
    }
    return value
  }
}
