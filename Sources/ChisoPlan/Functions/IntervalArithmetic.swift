import ChisoEngine

/// `d + 3months`, `t - 90minutes`: the kernel of `std.add_interval`, a date or timestamp column
/// shifted by an interval of any unit. The resolver turns an interval literal into its months,
/// days and microseconds (`CheckedArithmetic.interval`), applied as DuckDB applies them: months
/// first (a shorter month ends at its last day: 2019-01-31 + 1 month is 2019-02-28), then days,
/// then microseconds. A date shifted by less than a day is widened to a timestamp before the
/// call, so a date result is always whole days. Out of the range of dates is an error, never a
/// clamped date.
enum IntervalArithmetic {
  static func shift(_ cols: [Column], _ n: Int, resultType: DataType) throws(ExecutionError) -> Column {
    let months = ColumnMapping.ints(cols[1])
    let days = ColumnMapping.ints(cols[2])
    let micros = ColumnMapping.ints(cols[3])
    let validity = ColumnMapping.validity(cols, count: n)
    let valid = { (i: Int) in validity?.isValid(i) ?? true }
    switch cols[0].storage {
    case .date(let dates) where resultType == .date:
      var out = [Int32](repeating: 0, count: n)
      for i in 0..<n where valid(i) {
        let interval = CheckedArithmetic.Interval(months: months[i], days: days[i], micros: micros[i])
        switch try CheckedArithmetic.add(interval, toDate: dates[i]) {
        case .date(let d): out[i] = d
        default: throw ExecutionError("an interval of less than a day cannot be added to a date")
        }
      }
      return Column(.date(out), validity: validity)
    case .timestamp(let stamps):
      var out = [Int64](repeating: 0, count: n)
      for i in 0..<n where valid(i) {
        let interval = CheckedArithmetic.Interval(months: months[i], days: days[i], micros: micros[i])
        out[i] = try CheckedArithmetic.add(interval, toTimestamp: stamps[i])
      }
      return Column(.timestamp(out), validity: validity)
    default:
      return Column(.null(n))
    }
  }
}
