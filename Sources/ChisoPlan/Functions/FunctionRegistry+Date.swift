import ChisoEngine

extension FunctionRegistry {
  static let dateFunctions: [ScalarFunction] = [
    ScalarFunction(
      "date.to_text", parameters: ["format", "column"],
      summary: "`date.to_text \"%d/%m/%Y\" d`: formats a date or timestamp (strftime codes).",
      example: "from pci | derive d = (@2016-01-01 | date.to_text \"%Y\")"
    ) { types in
      guard types.count == 2, types[0] == .text, [.date, .timestamp, .null].contains(types[1]) else { return nil }
      return ScalarBinding(name: "date.to_text", resultType: .text) { cols, n in
        let formats = ColumnMapping.strings(cols[0])
        guard let ts = cols[1].widened(to: .timestamp) else { return Column(.null(n)) }
        let micros = ColumnMapping.ints(ts)
        var builder = TextBuilder(capacity: n)
        for i in 0..<n {
          guard !ts.isNull(i), let f = formats[i] else { builder.append(nil); continue }
          builder.append(StrFTime.format(micros[i], f))
        }
        let (buffer, validity) = builder.finish()
        return Column(.text(buffer), validity: validity)
      }
    },
    datePart("date.year", "The year of a date.") { $0.year },
    datePart("date.month", "The month (1–12) of a date.") { $0.month },
    datePart("date.day", "The day of the month of a date.") { $0.day },
    ScalarFunction(
      "std.add_interval", parameters: ["column", "months", "days", "microseconds"],
      summary: "`d + 3months`, `t - 90minutes`: a date or timestamp shifted by an interval (months first, then days, then microseconds, as DuckDB); a date stays a date.",
      example: "from pci | derive d = @2019-01-31 + 1months"
    ) { types in
      guard types.count == 4, [.date, .timestamp, .null].contains(types[0]),
        types.dropFirst().allSatisfy({ $0 == .int || $0 == .null })
      else { return nil }
      let resultType = types[0]
      return ScalarBinding(name: "add_interval", resultType: resultType) { cols, n throws(ExecutionError) in
        try IntervalArithmetic.shift(cols, n, resultType: resultType)
      }
    },
  ]

  static func datePart(_ name: String, _ summary: String, _ part: @escaping @Sendable ((year: Int, month: Int, day: Int)) -> Int) -> ScalarFunction {
    ScalarFunction(name, parameters: ["column"], summary: summary, example: "from pci | derive y = (@2016-05-01 | \(name))") { types in
      guard types.count == 1, [.date, .timestamp, .null].contains(types[0]) else { return nil }
      return ScalarBinding(name: name, resultType: .int) { cols, n in
        guard let ts = cols[0].widened(to: .timestamp) else { return Column(.null(n)) }
        let micros = ColumnMapping.ints(ts)
        let out = micros.map { Int64(part(CivilDate.civil(CivilDate.split($0).day))) }
        return Column(.int(out), validity: ts.validity)
      }
    }
  }
}

/// strftime as DuckDB implements it, for the codes PRQL's `date.to_text` passes through.
enum StrFTime {
  static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
  static let months = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  ]

  static func format(_ micros: Int64, _ format: String) -> String {
    let (day, rest) = CivilDate.split(micros)
    let (y, m, d) = CivilDate.civil(day)
    let seconds = Int(rest / CivilDate.microsPerSecond)
    let fraction = Int(rest % CivilDate.microsPerSecond)
    let hour = seconds / 3600
    let minute = seconds / 60 % 60
    let second = seconds % 60
    let hour12 = hour % 12 == 0 ? 12 : hour % 12
    let weekday = CivilDate.weekday(day)
    func p(_ v: Int, _ w: Int) -> String { CivilDate.pad(v, w) }
    var out = ""
    var chars = format.makeIterator()
    while let c = chars.next() {
      guard c == "%" else { out.append(c); continue }
      guard var code = chars.next() else { out.append("%"); break }
      var unpadded = false
      if code == "-", let next = chars.next() { unpadded = true; code = next }
      func num(_ v: Int, _ w: Int) -> String { unpadded ? String(v) : p(v, w) }
      switch code {
      case "Y": out += String(y)
      case "y": out += num(y % 100, 2)
      case "m": out += num(m, 2)
      case "d": out += num(d, 2)
      case "e": out += unpadded ? String(d) : (d < 10 ? " \(d)" : String(d))
      case "H": out += num(hour, 2)
      case "I": out += num(hour12, 2)
      case "M": out += num(minute, 2)
      case "S": out += num(second, 2)
      case "f": out += p(fraction, 6)
      case "p": out += hour < 12 ? "AM" : "PM"
      case "A": out += weekdays[weekday]
      case "a": out += String(weekdays[weekday].prefix(3))
      case "B": out += months[m - 1]
      case "b", "h": out += String(months[m - 1].prefix(3))
      case "j":
        let first = CivilDate.days(year: y, month: 1, day: 1) ?? day
        out += num(Int(day - first) + 1, 3)
      case "w": out += String(weekday)
      case "u": out += String(weekday == 0 ? 7 : weekday)
      case "D": out += p(m, 2) + "/" + p(d, 2) + "/" + p(y % 100, 2)
      case "F": out += String(y) + "-" + p(m, 2) + "-" + p(d, 2)
      case "T": out += p(hour, 2) + ":" + p(minute, 2) + ":" + p(second, 2)
      case "R": out += p(hour, 2) + ":" + p(minute, 2)
      case "r": out += p(hour12, 2) + ":" + p(minute, 2) + ":" + p(second, 2) + " " + (hour < 12 ? "AM" : "PM")
      case "+":
        out += String(y) + "-" + p(m, 2) + "-" + p(d, 2) + "T" + p(hour, 2) + ":" + p(minute, 2) + ":"
          + p(second, 2) + "." + p(fraction, 6) + "Z"
      case "%": out += "%"
      default: out += "%" + String(code)
      }
    }
    return out
  }
}
