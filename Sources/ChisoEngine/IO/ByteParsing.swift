/// Parsers for field values straight from bytes, so that a number costs no `String`.
///
/// Each returns nil unless the whole field is exactly one value of its kind: no surrounding
/// spaces, no trailing junk. They are the type sniffer's tests as well as its converters.
enum ByteParsing {
  private static let zero = UInt8(ascii: "0")
  private static let minus = UInt8(ascii: "-")
  private static let plus = UInt8(ascii: "+")
  private static let dot = UInt8(ascii: ".")

  /// An optional sign and decimal digits that fit Int64. A multi-digit value starting with `0`
  /// (`01`, `-007`) is rejected: such values are codes, not numbers (see `isZeroPaddedInteger`).
  @inline(__always)
  static func parseInt(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
    var index = 0
    var negative = false
    if count > 0, bytes[0] == minus || bytes[0] == plus {
      negative = bytes[0] == minus
      index = 1
    }
    let digitCount = count - index
    // 19 digits always fit UInt64 (max 9_999_999_999_999_999_999 < 2^64), so no overflow check
    // is needed in the loop; the range check comes after.
    guard digitCount > 0, digitCount <= 19 else { return nil }
    if digitCount > 1, bytes[index] == zero { return nil }
    var magnitude: UInt64 = 0
    while index < count {
      let digit = bytes[index] &- zero
      guard digit < 10 else { return nil }
      magnitude = magnitude &* 10 &+ UInt64(digit)
      index += 1
    }
    if negative {
      if magnitude == UInt64(1) << 63 { return Int64.min }
      guard magnitude < UInt64(1) << 63 else { return nil }
      return -Int64(magnitude)
    }
    guard magnitude <= UInt64(Int64.max) else { return nil }
    return Int64(magnitude)
  }

  /// An integer-looking value with a leading zero and more than one digit (`01`, `+007`).
  ///
  /// Why: identifiers such as Vietnamese GSO province codes (`01` = Hà Nội) or postal codes
  /// (`0171`) look like integers, and reading them as numbers would silently lose the zero and
  /// break joins against the code lists. DuckDB would infer BIGINT here; chiso keeps the whole
  /// column as text when any such value appears.
  static func isZeroPaddedInteger(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    var index = 0
    if count > 0, bytes[0] == minus || bytes[0] == plus { index = 1 }
    guard count - index > 1, bytes[index] == zero else { return false }
    while index < count {
      guard bytes[index] &- zero < 10 else { return false }
      index += 1
    }
    return true
  }

  /// Exact powers of ten that a Double holds without rounding (10^22 is the last).
  private static let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]

  /// A decimal number: optional sign, digits with an optional `.` (`1.`, `.5` allowed), and an
  /// optional exponent. Integers count too, except zero-padded ones (`007`), which are codes.
  /// No `inf`, `nan` or hex: they would turn words and ids into numbers.
  @inline(__always)
  static func parseDouble(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Double? {
    if let value = parsePlainDecimal(bytes, count) { return value }
    return parseDoubleGeneral(bytes, count)
  }

  /// The common case in one tight loop: `[-]digits.digits` with 1 to 15 digits in all, the
  /// integer part not zero-padded (`0.5` is fine, `007.5` is not, though it reads the same), no
  /// exponent. Such a mantissa is below 2^53 and the power of ten at most 10^15, so one IEEE
  /// division rounds correctly (as in `parseDoubleGeneral`'s fast path). nil: not this shape.
  @inline(__always)
  static func parsePlainDecimal(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Double? {
    var index = 0
    let negative = count > 0 && bytes[0] == minus
    if negative { index = 1 }
    let integerStart = index
    var mantissa: UInt64 = 0
    while index < count {
      let digit = bytes[index] &- zero
      if digit >= 10 { break }
      mantissa = mantissa &* 10 &+ UInt64(digit)
      index += 1
    }
    let integerDigits = index - integerStart
    guard integerDigits > 0, index < count, bytes[index] == dot else { return nil }
    if integerDigits > 1, bytes[integerStart] == zero { return nil }
    index += 1
    let fractionStart = index
    while index < count {
      let digit = bytes[index] &- zero
      if digit >= 10 { return nil }
      mantissa = mantissa &* 10 &+ UInt64(digit)
      index += 1
    }
    let fractionDigits = index - fractionStart
    guard fractionDigits > 0, integerDigits + fractionDigits <= 15 else { return nil }
    if mantissa == 0 { return nil }  // signed zeros: the general path
    let value = Double(mantissa) / exactPowersOfTen[fractionDigits]
    return negative ? -value : value
  }

  @inline(__always)
  static func parseDoubleGeneral(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Double? {
    var index = 0
    var negative = false
    if count > 0, bytes[0] == minus || bytes[0] == plus {
      negative = bytes[0] == minus
      index = 1
    }
    var mantissa: UInt64 = 0
    var significant = 0
    var truncated = false
    var exponent = 0
    let integerStart = index
    while index < count {
      let digit = bytes[index] &- zero
      if digit >= 10 { break }
      if mantissa == 0, digit == 0 {
        // Leading zeros add nothing.
      } else if significant < 19 {
        mantissa = mantissa &* 10 &+ UInt64(digit)
        significant += 1
      } else {
        exponent += 1
        truncated = true
      }
      index += 1
    }
    let integerDigits = index - integerStart
    var fractionDigits = 0
    var sawDot = false
    if index < count, bytes[index] == dot {
      sawDot = true
      index += 1
      let fractionStart = index
      while index < count {
        let digit = bytes[index] &- zero
        if digit >= 10 { break }
        if mantissa == 0, digit == 0 {
          exponent -= 1
        } else if significant < 19 {
          mantissa = mantissa &* 10 &+ UInt64(digit)
          significant += 1
          exponent -= 1
        } else {
          truncated = true
        }
        index += 1
      }
      fractionDigits = index - fractionStart
    }
    guard integerDigits + fractionDigits > 0 else { return nil }
    var sawExponent = false
    if index < count, bytes[index] | 0x20 == UInt8(ascii: "e") {
      sawExponent = true
      index += 1
      var exponentNegative = false
      if index < count, bytes[index] == minus || bytes[index] == plus {
        exponentNegative = bytes[index] == minus
        index += 1
      }
      let exponentStart = index
      var value = 0
      while index < count {
        let digit = bytes[index] &- zero
        if digit >= 10 { break }
        // Clamped: past this the result is 0 or infinity anyway, and the slow path decides.
        if value < 100_000 { value = value * 10 + Int(digit) }
        index += 1
      }
      guard index > exponentStart else { return nil }
      exponent += exponentNegative ? -value : value
    }
    guard index == count else { return nil }
    if !sawDot, !sawExponent, integerDigits > 1, bytes[integerStart] == zero { return nil }
    if mantissa == 0, !truncated { return negative ? -0.0 : 0.0 }
    // Clinger's fast path: a mantissa below 2^53 and a power of ten up to 10^22 are both exact
    // doubles, so one IEEE multiply or divide rounds correctly.
    if !truncated, mantissa <= UInt64(1) << 53, exponent >= -22, exponent <= 22 {
      var value = Double(mantissa)
      if exponent < 0 {
        value /= exactPowersOfTen[-exponent]
      } else {
        value *= exactPowersOfTen[exponent]
      }
      return negative ? -value : value
    }
    // Rare (many digits, big exponents): the standard library's correctly rounded parser. The
    // grammar is already checked, so it only converts.
    return Double(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
  }

  /// `true` or `false`, any case.
  @inline(__always)
  static func parseBool(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool? {
    // `| 0x20` lower-cases ASCII letters; no other byte maps onto these letters.
    if count == 4, bytes[0] | 0x20 == UInt8(ascii: "t"), bytes[1] | 0x20 == UInt8(ascii: "r"),
      bytes[2] | 0x20 == UInt8(ascii: "u"), bytes[3] | 0x20 == UInt8(ascii: "e")
    {
      return true
    }
    if count == 5, bytes[0] | 0x20 == UInt8(ascii: "f"), bytes[1] | 0x20 == UInt8(ascii: "a"),
      bytes[2] | 0x20 == UInt8(ascii: "l"), bytes[3] | 0x20 == UInt8(ascii: "s"),
      bytes[4] | 0x20 == UInt8(ascii: "e")
    {
      return false
    }
    return nil
  }

  @inline(__always)
  private static func digits(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ length: Int) -> Int? {
    var value = 0
    for index in start..<(start + length) {
      let digit = bytes[index] &- zero
      guard digit < 10 else { return nil }
      value = value * 10 + Int(digit)
    }
    return value
  }

  /// `YYYY-MM-DD` naming a real day, as `CivilDate.parseDate` (which allocates) accepts it.
  @inline(__always)
  static func parseDate(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32? {
    guard count == 10, bytes[4] == minus, bytes[7] == minus, let year = digits(bytes, 0, 4),
      let month = digits(bytes, 5, 2), let day = digits(bytes, 8, 2)
    else { return nil }
    return CivilDate.days(year: year, month: month, day: day)
  }

  /// `YYYY-MM-DD[T| ]HH:MM[:SS[.fraction]][Z]`, as `CivilDate.parseTimestamp` accepts it, plus:
  /// up to nine fraction digits (nanoseconds, as pandas and the chinook data write them) cut to
  /// microseconds, and a bare date meaning midnight, so a column mixing dates and timestamps
  /// reads as timestamps (as `DataType.unify` does).
  @inline(__always)
  static func parseTimestamp(_ bytes: UnsafePointer<UInt8>, _ rawCount: Int) -> Int64? {
    if rawCount == 10 {
      guard let day = parseDate(bytes, 10) else { return nil }
      return Int64(day) * CivilDate.microsPerDay
    }
    var count = rawCount
    if count > 0, bytes[count - 1] == UInt8(ascii: "Z") { count -= 1 }
    guard count >= 16, let day = parseDate(bytes, 10),
      bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
      bytes[13] == UInt8(ascii: ":"), let hour = digits(bytes, 11, 2), let minute = digits(bytes, 14, 2),
      hour < 24, minute < 60
    else { return nil }
    var second = 0
    var micros = 0
    if count > 16 {
      guard count >= 19, bytes[16] == UInt8(ascii: ":"), let s = digits(bytes, 17, 2), s < 60
      else { return nil }
      second = s
      if count > 19 {
        let fractionLength = count - 20
        guard bytes[19] == dot, fractionLength >= 1, fractionLength <= 9,
          let fraction = digits(bytes, 20, fractionLength)
        else { return nil }
        micros = fraction
        if fractionLength < 6 {
          for _ in fractionLength..<6 { micros *= 10 }
        } else {
          for _ in 6..<fractionLength { micros /= 10 }
        }
      }
    }
    let secondsOfDay = Int64(hour * 3600 + minute * 60 + second)
    return Int64(day) * CivilDate.microsPerDay + secondsOfDay * CivilDate.microsPerSecond + Int64(micros)
  }
}
