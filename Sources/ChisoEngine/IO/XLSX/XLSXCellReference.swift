/// A cell address in A1 notation (`C66`, `$C$66`), zero-based inside chiso.
public struct XLSXCellReference: Hashable, Sendable, CustomStringConvertible {
  /// Excel's limits: 1,048,576 rows and 16,384 columns (`XFD`).
  public static let maxRows = 1_048_576
  public static let maxColumns = 16_384

  /// 0-based row (row `1` of the sheet is 0).
  public var row: Int
  /// 0-based column (`A` is 0).
  public var column: Int

  public init(row: Int, column: Int) {
    self.row = row
    self.column = column
  }

  /// `C66`, as Excel prints it.
  public var description: String { XLSXCellReference.columnName(column) + String(row + 1) }

  /// The letters of a 0-based column: 0 → `A`, 25 → `Z`, 26 → `AA`.
  public static func columnName(_ index: Int) -> String {
    var n = index + 1
    var letters: [Character] = []
    while n > 0 {
      let digit = (n - 1) % 26
      letters.append(Character(Unicode.Scalar(UInt8(65 + digit))))
      n = (n - 1) / 26
    }
    return String(letters.reversed())
  }

  /// The 0-based column of `A`…`XFD` (any case), or nil.
  public static func columnIndex<S: StringProtocol>(_ letters: S) -> Int? {
    guard !letters.isEmpty, letters.count <= 3 else { return nil }
    var value = 0
    for scalar in letters.unicodeScalars {
      let v = scalar.value
      let digit: UInt32
      if v >= 65 && v <= 90 { digit = v - 64 } else if v >= 97 && v <= 122 { digit = v - 96 } else { return nil }
      value = value * 26 + Int(digit)
    }
    return value <= maxColumns ? value - 1 : nil
  }

  /// Parses `C66` or `$C$66`; nil for anything else or past Excel's limits.
  public static func parse<S: StringProtocol>(_ text: S) -> XLSXCellReference? {
    let (letters, digits) = split(text)
    guard let column = columnIndex(letters), let row = rowIndex(digits) else { return nil }
    return XLSXCellReference(row: row, column: column)
  }

  /// The 0-based row of `1`…`1048576`, or nil.
  static func rowIndex(_ digits: Substring) -> Int? {
    guard !digits.isEmpty, digits.count <= 7, digits.first != "0", let n = Int(digits), n <= maxRows else { return nil }
    return n - 1
  }

  /// `$C$66` → (`C`, `66`): the letters and the digits, `$` markers dropped.
  static func split<S: StringProtocol>(_ text: S) -> (Substring, Substring) {
    let plain = Substring(text.filter { $0 != "$" })
    let firstDigit = plain.firstIndex(where: { $0.isASCII && $0.isNumber }) ?? plain.endIndex
    return (plain[..<firstDigit], plain[firstDigit...])
  }
}

/// A rectangle of cells: `A1:N64`, a single cell `B2`, or whole columns `A:D`.
public struct XLSXRange: Hashable, Sendable, CustomStringConvertible {
  public var first: XLSXCellReference
  public var last: XLSXCellReference
  /// Whether the range names whole columns (`A:D`), so it has no row limits of its own.
  public var wholeColumns: Bool

  public init(first: XLSXCellReference, last: XLSXCellReference, wholeColumns: Bool = false) {
    self.first = first
    self.last = last
    self.wholeColumns = wholeColumns
  }

  public var description: String {
    if wholeColumns {
      return XLSXCellReference.columnName(first.column) + ":" + XLSXCellReference.columnName(last.column)
    }
    return "\(first):\(last)"
  }

  /// Parses a range; corners may come in any order (`N64:A1` is `A1:N64`). Nil when malformed.
  public static func parse(_ text: String) -> XLSXRange? {
    let trimmed = text.trimmingASCIISpaces()
    let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false)
    if parts.count == 1, let cell = XLSXCellReference.parse(parts[0]) {
      return XLSXRange(first: cell, last: cell)
    }
    guard parts.count == 2 else { return nil }
    if let a = XLSXCellReference.parse(parts[0]), let b = XLSXCellReference.parse(parts[1]) {
      return XLSXRange(
        first: XLSXCellReference(row: min(a.row, b.row), column: min(a.column, b.column)),
        last: XLSXCellReference(row: max(a.row, b.row), column: max(a.column, b.column)))
    }
    let a = XLSXCellReference.split(parts[0]), b = XLSXCellReference.split(parts[1])
    if a.1.isEmpty, b.1.isEmpty, let ca = XLSXCellReference.columnIndex(a.0), let cb = XLSXCellReference.columnIndex(b.0) {
      return XLSXRange(
        first: XLSXCellReference(row: 0, column: min(ca, cb)),
        last: XLSXCellReference(row: XLSXCellReference.maxRows - 1, column: max(ca, cb)), wholeColumns: true)
    }
    return nil
  }

  func contains(row: Int, column: Int) -> Bool {
    row >= first.row && row <= last.row && column >= first.column && column <= last.column
  }
}

extension String {
  func trimmingASCIISpaces() -> String {
    var s = Substring(self)
    while let c = s.first, c == " " || c == "\t" || c == "\n" || c == "\r" { s.removeFirst() }
    while let c = s.last, c == " " || c == "\t" || c == "\n" || c == "\r" { s.removeLast() }
    return String(s)
  }
}
