/// Excel's date serial numbers: days since the workbook's epoch, the fraction the time of day.
///
/// In the 1900 system serial 1 is 1900-01-01, and Excel counts a 29 February 1900 that never was
/// (serial 60, kept from Lotus 1-2-3): serials from 61 are days since 1899-12-30, those below 60
/// days since 1899-12-31, and 60 itself is read as 1900-02-28 (as openpyxl does). In the 1904
/// system (old Mac workbooks) serial 0 is 1904-01-01.
enum XLSXDates {
  /// Days from 1970-01-01 to 1899-12-30, 1899-12-31 and 1904-01-01.
  static let epoch1899_12_30: Int64 = -25_569
  static let epoch1899_12_31: Int64 = -25_568
  static let epoch1904: Int64 = -24_107
  /// 9999-12-31 in the 1900 system: the last date Excel shows.
  static let maxSerial = 2_958_465.0

  /// Days since 1970-01-01 of an integral serial, or nil outside Excel's dates.
  static func days(serial: Double, date1904: Bool) -> Int32? {
    guard let micros = micros(serial: serial, date1904: date1904) else { return nil }
    let (day, rest) = CivilDate.split(micros)
    return rest == 0 ? day : nil
  }

  /// Microseconds since 1970-01-01T00:00:00, rounded to the millisecond (Excel keeps times to
  /// the millisecond; the binary fraction adds noise below it). Nil outside Excel's dates.
  static func micros(serial: Double, date1904: Bool) -> Int64? {
    guard serial.isFinite, serial >= 0, serial <= maxSerial else { return nil }
    var whole = serial.rounded(.down)
    var fraction = serial - whole
    var millis = (fraction * 86_400_000).rounded()
    if millis >= 86_400_000 { whole += 1; millis = 0; fraction = 0 }
    let day = Int64(whole)
    let base: Int64
    if date1904 {
      base = epoch1904 + day
    } else if day >= 61 {
      base = epoch1899_12_30 + day
    } else if day == 60 {
      base = epoch1899_12_30 + 60  // the phantom 1900-02-29 → 1900-02-28
    } else {
      base = epoch1899_12_31 + day
    }
    return base * CivilDate.microsPerDay + Int64(millis) * 1_000
  }
}
