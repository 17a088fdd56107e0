import ChisoEngine

/// Comparison kernels: SQL semantics (null in, null out), numbers by value across int/float
/// (floats in DuckDB's total order: NaN equals NaN and is above every number, `FloatOrder`),
/// text by UTF-8 bytes (as DuckDB), dates against timestamps at midnight.
enum Compare {
  static func compare(_ a: Column, _ b: Column, _ n: Int, _ accept: (Int) -> Bool) -> Column {
    let validity = ColumnMapping.validity([a, b], count: n)
    var out = [Bool](repeating: false, count: n)
    switch (a.storage, b.storage) {
    case (.int(let x), .int(let y)):
      for i in 0..<n { out[i] = accept(x[i] < y[i] ? -1 : (x[i] > y[i] ? 1 : 0)) }
    case (.float(let x), .int(let y)) where x.count == n && y.count == n:
      // A float column against an int (a literal such as `score > 60`): no widened copy.
      x.withUnsafeBufferPointer { x in
        y.withUnsafeBufferPointer { y in
          out.withUnsafeMutableBufferPointer { out in
            for i in 0..<n {
              out[i] = accept(FloatOrder.compare(x[i], Double(y[i])))
            }
          }
        }
      }
    case (.float(let x), .float(let y)) where x.count == n && y.count == n:
      x.withUnsafeBufferPointer { x in
        y.withUnsafeBufferPointer { y in
          out.withUnsafeMutableBufferPointer { out in
            for i in 0..<n { out[i] = accept(FloatOrder.compare(x[i], y[i])) }
          }
        }
      }
    case (.text(let x), .text(let y)) where (y.dictionary.count == 1 || x.dictionary.count == 1) && n > 0:
      // One side holds a single value (a literal such as `component == "total"`): compare each
      // dictionary entry of the other side once, then look the answer up by code.
      let constantRight = y.dictionary.count == 1
      let other = constantRight ? x : y
      let constant = constantRight ? y.dictionary[0] : x.dictionary[0]
      let answers = other.dictionary.map { s in
        accept(constantRight ? textOrder(s, constant) : textOrder(constant, s))
      }
      if !answers.isEmpty {
        answers.withUnsafeBufferPointer { answers in
          other.codes.withUnsafeBufferPointer { codes in
            out.withUnsafeMutableBufferPointer { out in for i in 0..<n { out[i] = answers[Int(codes[i])] } }
          }
        }
      }
    case (.text(let x), .text(let y)):
      if x.dictionary.count <= 1 || y.dictionary.count <= 1 || x.dictionary.count * 4 < n {
        // Compare each pair of dictionary entries at most once.
        var cache: [UInt64: Bool] = [:]
        for i in 0..<n {
          let key = UInt64(x.codes[i]) << 32 | UInt64(y.codes.isEmpty ? 0 : y.codes[i])
          if let r = cache[key] { out[i] = r; continue }
          guard !x.dictionary.isEmpty, !y.dictionary.isEmpty else { continue }
          let r = accept(textOrder(x[i], y[i]))
          cache[key] = r
          out[i] = r
        }
      } else {
        for i in 0..<n where !x.dictionary.isEmpty && !y.dictionary.isEmpty { out[i] = accept(textOrder(x[i], y[i])) }
      }
    case (.bool(let x), .bool(let y)):
      for i in 0..<n { out[i] = accept(x[i] == y[i] ? 0 : (!x[i] ? -1 : 1)) }
    case (.date(let x), .date(let y)):
      for i in 0..<n { out[i] = accept(x[i] < y[i] ? -1 : (x[i] > y[i] ? 1 : 0)) }
    case (.timestamp, _), (_, .timestamp):
      let x = a.widened(to: .timestamp).map(ColumnMapping.ints) ?? []
      let y = b.widened(to: .timestamp).map(ColumnMapping.ints) ?? []
      if x.count == n, y.count == n {
        for i in 0..<n { out[i] = accept(x[i] < y[i] ? -1 : (x[i] > y[i] ? 1 : 0)) }
      }
    default:
      // int against float (either way round), and columns of nulls.
      let x = ColumnMapping.doubles(a)
      let y = ColumnMapping.doubles(b)
      if x.count == n, y.count == n { for i in 0..<n { out[i] = accept(FloatOrder.compare(x[i], y[i])) } }
    }
    return Column(.bool(out), validity: validity)
  }

  @inline(__always)
  static func textOrder(_ a: String, _ b: String) -> Int {
    if a.utf8.elementsEqual(b.utf8) { return 0 }
    return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
  }
}

/// Row-wise choice between two columns of one type.
enum Select {
  /// `pickRight[i] ? b[i] : a[i]`.
  static func choose(_ pickRight: [Bool], _ a: Column, _ b: Column, type: DataType) -> Column {
    let n = pickRight.count
    var values = [Value](repeating: .null, count: n)
    for i in 0..<n { values[i] = pickRight[i] ? b.value(at: i) : a.value(at: i) }
    return Column.from(values, type: type)
  }
}
