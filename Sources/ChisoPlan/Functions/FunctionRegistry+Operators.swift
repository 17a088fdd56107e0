import ChisoEngine

extension FunctionRegistry {
  /// Operators as functions: `a + b` binds `std.add`, and so on.
  static let operators: [ScalarFunction] = [
    arithmetic("std.add", "+", summary: "Addition; int + int stays int, date + int adds days.", float: { $0 + $1 }, int: CheckedArithmetic.add),
    arithmetic("std.sub", "-", summary: "Subtraction; date - int subtracts days, date - date counts days.", float: { $0 - $1 }, int: CheckedArithmetic.subtract),
    arithmetic("std.mul", "*", summary: "Multiplication.", float: { $0 * $1 }, int: CheckedArithmetic.multiply),
    ScalarFunction(
      "std.div", parameters: ["left", "right"], summary: "Division, always a float (13 / 5 = 2.6); null when dividing by zero.",
      example: "from pci | derive tenth = score / 10"
    ) { types in
      guard types.count == 2, types.allSatisfy({ $0.isNumeric || $0 == .null }) else { return nil }
      return ScalarBinding(name: "/", resultType: .float) { cols, n throws(ExecutionError) in
        floatBinary(cols, n) { b, _ in b == 0 } op: { $0 / $1 }
      }
    },
    ScalarFunction(
      "std.div_i", parameters: ["left", "right"], summary: "Integer division, truncating toward zero (-13 // 5 = -2); null when dividing by zero.",
      example: "from pci | derive decade = year // 10 * 10"
    ) { types in
      guard types.count == 2, types.allSatisfy({ $0.isNumeric || $0 == .null }) else { return nil }
      if types.allSatisfy({ $0 == .int || $0 == .null }) {
        return ScalarBinding(name: "//", resultType: .int) { cols, n throws(ExecutionError) in
          try intBinary(cols, n, op: CheckedArithmetic.divide)
        }
      }
      return ScalarBinding(name: "//", resultType: .float) { cols, n throws(ExecutionError) in
        floatBinary(cols, n) { b, _ in b == 0 } op: { ($0 / $1).rounded(.towardZero) }
      }
    },
    ScalarFunction(
      "std.mod", parameters: ["left", "right"], summary: "Remainder with the sign of the dividend (-13 % 5 = -3); null for % 0.",
      example: "from pci | derive odd_year = year % 2 == 1"
    ) { types in
      guard types.count == 2, types.allSatisfy({ $0.isNumeric || $0 == .null }) else { return nil }
      if types.allSatisfy({ $0 == .int || $0 == .null }) {
        return ScalarBinding(name: "%", resultType: .int) { cols, n throws(ExecutionError) in
          try intBinary(cols, n) { a, b in CheckedArithmetic.remainder(a, b) }
        }
      }
      return ScalarBinding(name: "%", resultType: .float) { cols, n throws(ExecutionError) in
        floatBinary(cols, n) { b, _ in b == 0 } op: { $0.truncatingRemainder(dividingBy: $1) }
      }
    },
    ScalarFunction(
      "std.pow", parameters: ["base", "exponent"], summary: "`a ** b`: a to the power b, a float.",
      example: "from pci | derive sq = score ** 2"
    ) { types in
      guard types.count == 2, types.allSatisfy({ $0.isNumeric || $0 == .null }) else { return nil }
      return ScalarBinding(name: "**", resultType: .float) { cols, n throws(ExecutionError) in
        floatBinary(cols, n) { _, _ in false } op: { Foundation_pow($0, $1) }
      }
    },
    ScalarFunction(
      "std.neg", parameters: ["column"], summary: "Negation.", example: "from pci | derive minus = -score", mayReturnNull: false
    ) { types in
      guard types.count == 1 else { return nil }
      switch types[0] {
      case .int, .null:
        return ScalarBinding(name: "-", resultType: .int) { cols, n throws(ExecutionError) in
          let a = ColumnMapping.ints(cols[0])
          var out = [Int64](repeating: 0, count: n)
          for i in 0..<n where !cols[0].isNull(i) { out[i] = try CheckedArithmetic.negate(a[i]) }
          return Column(.int(out), validity: ColumnMapping.validity(cols, count: n))
        }
      case .float:
        return ScalarBinding(name: "-", resultType: .float) { cols, _ in ColumnMapping.mapFloat(cols[0]) { -$0 } }
      default: return nil
      }
    },
    comparison("std.eq", "==", summary: "Equality; null when either side is null (use `== null` to test for null).") { $0 == 0 },
    comparison("std.ne", "!=", summary: "Inequality; `!= null` tests for a value.") { $0 != 0 },
    comparison("std.lt", "<", summary: "Less than.") { $0 < 0 },
    comparison("std.le", "<=", summary: "Less than or equal.") { $0 <= 0 },
    comparison("std.gt", ">", summary: "Greater than.") { $0 > 0 },
    comparison("std.ge", ">=", summary: "Greater than or equal.") { $0 >= 0 },
    ScalarFunction(
      "std.and", parameters: ["left", "right"], summary: "Logical and, three-valued: false && null is false.",
      example: "from pci | filter year == 2016 && score > 60", mayReturnNull: false
    ) { types in
      guard types.count == 2, types.allSatisfy({ $0 == .bool || $0 == .null }) else { return nil }
      return ScalarBinding(name: "&&", resultType: .bool) { cols, n in logic(cols, n, isAnd: true) }
    },
    ScalarFunction(
      "std.or", parameters: ["left", "right"], summary: "Logical or, three-valued: true || null is true.",
      example: "from pci | filter component == \"total\" || component == \"market_entry\"", mayReturnNull: false
    ) { types in
      guard types.count == 2, types.allSatisfy({ $0 == .bool || $0 == .null }) else { return nil }
      return ScalarBinding(name: "||", resultType: .bool) { cols, n in logic(cols, n, isAnd: false) }
    },
    ScalarFunction(
      "std.not", parameters: ["column"], summary: "Logical not; null stays null.",
      example: "from pci | filter !(year > 2010)", mayReturnNull: false
    ) { types in
      guard types.count == 1, types[0] == .bool || types[0] == .null else { return nil }
      return ScalarBinding(name: "!", resultType: .bool) { cols, n in
        Column(.bool(ColumnMapping.bools(cols[0]).map { !$0 }), validity: ColumnMapping.validity(cols, count: n))
      }
    },
    ScalarFunction(
      "std.coalesce", parameters: ["left", "right"], summary: "`a ?? b`: a, or b where a is null.",
      example: "from pci | derive s = score ?? 0"
    ) { types in
      guard types.count == 2, let type = DataType.unify(types[0], types[1]) else { return nil }
      return ScalarBinding(name: "??", resultType: type) { cols, n in
        guard let a = cols[0].widened(to: type), let b = cols[1].widened(to: type) else { return Column(.null(n)) }
        var rows = [Int](repeating: 0, count: n)
        var pickRight = [Bool](repeating: false, count: n)
        for i in 0..<n { rows[i] = i; pickRight[i] = a.isNull(i) }
        return Select.choose(pickRight, a, b, type: type)
      }
    },
    ScalarFunction(
      "std.regex_search", parameters: ["text", "pattern"], summary: "`x ~= pattern`: whether the regular expression matches somewhere in x.",
      example: "from provinces | filter province ~= \"^Đắk\""
    ) { types in
      guard types.count == 2, types.allSatisfy({ $0 == .text || $0 == .null }) else { return nil }
      return ScalarBinding(name: "~=", resultType: .bool) { cols, n throws(ExecutionError) in
        try RegexMatch.search(cols[0], cols[1], n)
      }
    },
  ]

  static func arithmetic(
    _ name: String, _ symbol: String, summary: String, float: @escaping @Sendable (Double, Double) -> Double,
    int: @escaping @Sendable (Int64, Int64) throws(ExecutionError) -> Int64
  ) -> ScalarFunction {
    ScalarFunction(name, parameters: ["left", "right"], summary: summary, example: "from pci | derive x = score \(symbol) 1", mayReturnNull: false) { types in
      guard types.count == 2 else { return nil }
      switch (types[0], types[1]) {
      case (.int, .int), (.int, .null), (.null, .int), (.null, .null):
        return ScalarBinding(name: symbol, resultType: .int) { cols, n throws(ExecutionError) in
          try intBinary(cols, n) { a, b throws(ExecutionError) in try int(a, b) }
        }
      case (.float, .float), (.float, .int), (.int, .float), (.float, .null), (.null, .float):
        return ScalarBinding(name: symbol, resultType: .float) { cols, n throws(ExecutionError) in
          floatBinary(cols, n, nullIf: { _, _ in false }, op: float)
        }
      case (.date, .int) where symbol != "*", (.int, .date) where symbol == "+":
        // `d + 3`, `d - 3`: days, within the range of dates (never a clamped date).
        return ScalarBinding(name: symbol, resultType: .date) { cols, n throws(ExecutionError) in
          let dateFirst = cols[0].type == .date
          let dates = ColumnMapping.ints(dateFirst ? cols[0] : cols[1])
          let days = ColumnMapping.ints(dateFirst ? cols[1] : cols[0])
          let validity = ColumnMapping.validity(cols, count: n)
          var out = [Int32](repeating: 0, count: n)
          for i in 0..<n where validity?.isValid(i) ?? true {
            let shift = symbol == "-" ? try CheckedArithmetic.negate(days[i]) : days[i]
            out[i] = try CheckedArithmetic.addDays(Int32(truncatingIfNeeded: dates[i]), shift)
          }
          return Column(.date(out), validity: validity)
        }
      case (.timestamp, .int) where symbol == "+" || symbol == "-", (.int, .timestamp) where symbol == "+":
        // `invoice_date + 3days`: whole days, as for dates (DuckDB: TIMESTAMP + INTERVAL).
        return ScalarBinding(name: symbol, resultType: .timestamp) { cols, n throws(ExecutionError) in
          let timestampFirst = cols[0].type == .timestamp
          let stamps = ColumnMapping.ints(timestampFirst ? cols[0] : cols[1])
          let days = ColumnMapping.ints(timestampFirst ? cols[1] : cols[0])
          let validity = ColumnMapping.validity(cols, count: n)
          var out = [Int64](repeating: 0, count: n)
          for i in 0..<n where validity?.isValid(i) ?? true {
            let shift = symbol == "-" ? try CheckedArithmetic.negate(days[i]) : days[i]
            let micros = try CheckedArithmetic.interval(shift, unit: "days")
            out[i] = try CheckedArithmetic.add(micros, toTimestamp: stamps[i])
          }
          return Column(.timestamp(out), validity: validity)
        }
      case (.date, .date) where symbol == "-":
        return ScalarBinding(name: symbol, resultType: .int) { cols, n throws(ExecutionError) in
          try intBinary(cols, n) { a, b throws(ExecutionError) in try CheckedArithmetic.subtract(a, b) }
        }
      case (.timestamp, .timestamp) where symbol == "-", (.timestamp, .date) where symbol == "-",
        (.date, .timestamp) where symbol == "-":
        // Days between, as a float (chiso has no interval type; DuckDB gives an INTERVAL).
        return ScalarBinding(name: symbol, resultType: .float) { cols, n throws(ExecutionError) in
          let validity = ColumnMapping.validity(cols, count: n)
          guard let a = cols[0].widened(to: .timestamp), let b = cols[1].widened(to: .timestamp) else { return Column(.null(n)) }
          let x = ColumnMapping.ints(a)
          let y = ColumnMapping.ints(b)
          var out = [Double](repeating: 0, count: n)
          for i in 0..<n where validity?.isValid(i) ?? true { out[i] = CheckedArithmetic.daysBetween(x[i], y[i]) }
          return Column(.float(out), validity: validity)
        }
      default:
        return nil
      }
    }
  }

  static func comparison(_ name: String, _ symbol: String, summary: String, _ accept: @escaping @Sendable (Int) -> Bool) -> ScalarFunction {
    ScalarFunction(name, parameters: ["left", "right"], summary: summary, example: "from pci | filter score \(symbol) 60", mayReturnNull: false) { types in
      guard types.count == 2 else { return nil }
      let (a, b) = (types[0], types[1])
      let comparable = a == .null || b == .null || a == b || (a.isNumeric && b.isNumeric)
        || Set([a, b]) == Set([DataType.date, .timestamp])
      guard comparable else { return nil }
      return ScalarBinding(name: symbol, resultType: .bool) { cols, n in
        Compare.compare(cols[0], cols[1], n, accept)
      }
    }
  }

  /// An int kernel over two int columns; `op` gives nil for a null result (division by zero)
  /// and throws when the answer does not fit.
  static func intBinary(
    _ cols: [Column], _ n: Int, op: (Int64, Int64) throws(ExecutionError) -> Int64?
  ) throws(ExecutionError) -> Column {
    let a = ColumnMapping.ints(cols[0])
    let b = ColumnMapping.ints(cols[1])
    var validity = ColumnMapping.validity(cols, count: n)
    var out = [Int64](repeating: 0, count: n)
    for i in 0..<n {
      if let v = validity, !v.isValid(i) { continue }
      guard let r = try op(a[i], b[i]) else {
        if validity == nil { validity = NullBitmap(count: n, allValid: true) }
        validity?.set(i, false)
        continue
      }
      out[i] = r
    }
    return Column(.int(out), validity: validity)
  }

  static func floatBinary(
    _ cols: [Column], _ n: Int, nullIf: (Double, Double) -> Bool, op: (Double, Double) -> Double
  ) -> Column {
    let a = ColumnMapping.doubles(cols[0])
    let b = ColumnMapping.doubles(cols[1])
    var validity = ColumnMapping.validity(cols, count: n)
    var out = [Double](repeating: 0, count: n)
    for i in 0..<n {
      if nullIf(b[i], a[i]) {
        if validity == nil { validity = NullBitmap(count: n, allValid: true) }
        validity?.set(i, false)
        continue
      }
      out[i] = op(a[i], b[i])
    }
    return Column(.float(out), validity: validity)
  }

  static func logic(_ cols: [Column], _ n: Int, isAnd: Bool) -> Column {
    if case .bool(let x) = cols[0].storage, case .bool(let y) = cols[1].storage, cols[0].validity == nil,
      cols[1].validity == nil, x.count == n, y.count == n
    {
      // No nulls on either side: plain and / or.
      var out = [Bool](repeating: false, count: n)
      x.withUnsafeBufferPointer { x in
        y.withUnsafeBufferPointer { y in
          out.withUnsafeMutableBufferPointer { out in
            if isAnd { for i in 0..<n { out[i] = x[i] && y[i] } } else { for i in 0..<n { out[i] = x[i] || y[i] } }
          }
        }
      }
      return Column(.bool(out))
    }
    let a = ColumnMapping.bools(cols[0])
    let b = ColumnMapping.bools(cols[1])
    var out = [Bool](repeating: false, count: n)
    var validity = NullBitmap(count: n, allValid: true)
    for i in 0..<n {
      let aNull = cols[0].isNull(i)
      let bNull = cols[1].isNull(i)
      let x = a.isEmpty ? false : a[i]
      let y = b.isEmpty ? false : b[i]
      if isAnd {
        if (!aNull && !x) || (!bNull && !y) { out[i] = false } else if aNull || bNull { validity.set(i, false) } else { out[i] = true }
      } else {
        if (!aNull && x) || (!bNull && y) { out[i] = true } else if aNull || bNull { validity.set(i, false) } else { out[i] = false }
      }
    }
    return Column(.bool(out), validity: validity)
  }
}

/// `pow` without importing Foundation into every file.
@inline(__always) func Foundation_pow(_ a: Double, _ b: Double) -> Double { Math.pow(a, b) }
