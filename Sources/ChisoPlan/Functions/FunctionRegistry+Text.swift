import ChisoEngine

extension FunctionRegistry {
  static let textFunctions: [ScalarFunction] = [
    textMap("text.lower", "Lower case (Unicode-aware).") { $0.lowercased() },
    textMap("text.upper", "Upper case (Unicode-aware).") { $0.uppercased() },
    textMap("text.ltrim", "Removes leading spaces.") { String($0.drop { $0 == " " }) },
    textMap("text.rtrim", "Removes trailing spaces.") { s in
      var t = Substring(s)
      while t.last == " " { t.removeLast() }
      return String(t)
    },
    textMap("text.trim", "Removes leading and trailing spaces.") { s in
      var t = s.drop { $0 == " " }
      while t.last == " " { t.removeLast() }
      return String(t)
    },
    ScalarFunction(
      "text.length", parameters: ["column"], summary: "Number of characters (Unicode code points, as DuckDB's `length`).",
      example: "from provinces | derive n = (province | text.length)"
    ) { types in
      guard types.count == 1, types[0] == .text || types[0] == .null else { return nil }
      return ScalarBinding(name: "text.length", resultType: .int) { cols, n in
        ColumnMapping.mapTextTo(cols[0], type: .int) { .int(Int64($0.unicodeScalars.count)) }
      }
    },
    ScalarFunction(
      "text.extract", parameters: ["offset", "length", "column"],
      summary: "`text.extract i n x`: n characters of x from the i-th (1-based).",
      example: "from provinces | derive head = (province | text.extract 1 3)"
    ) { types in
      guard types.count == 3, types[0] == .int, types[1] == .int, types[2] == .text || types[2] == .null else { return nil }
      return ScalarBinding(name: "text.extract", resultType: .text) { cols, n in
        let offsets = ColumnMapping.ints(cols[0])
        let lengths = ColumnMapping.ints(cols[1])
        let strings = ColumnMapping.strings(cols[2])
        var builder = TextBuilder(capacity: n)
        for i in 0..<n {
          guard let s = strings[i], !cols[0].isNull(i), !cols[1].isNull(i) else { builder.append(nil); continue }
          builder.append(substring(s, offsets[i], lengths[i]))
        }
        let (buffer, validity) = builder.finish()
        return Column(.text(buffer), validity: validity)
      }
    },
    ScalarFunction(
      "text.replace", parameters: ["pattern", "replacement", "column"],
      summary: "`text.replace a b x`: every `a` in x replaced by `b`.",
      example: "from provinces | derive p = (province | text.replace \"TP. \" \"\")"
    ) { types in
      guard types.count == 3, types.allSatisfy({ $0 == .text || $0 == .null }) else { return nil }
      return ScalarBinding(name: "text.replace", resultType: .text) { cols, n throws(ExecutionError) in
        let patterns = ColumnMapping.strings(cols[0])
        let replacements = ColumnMapping.strings(cols[1])
        // The result's size is known before it is built: a replacement that multiplies a text
        // stops with an error, not with the machine's memory.
        var total = 0.0
        func replaced(_ s: String, _ p: String, _ r: String) throws(ExecutionError) -> String {
          total += replacedSize(s, p, r)
          try ResourceLimits.check(bytes: total, "the result of `text.replace`")
          return replaceAll(s, p, r)
        }
        if let p = patterns.first ?? nil, let r = replacements.first ?? nil,
          cols[0].dictionaryCount == 1, cols[1].dictionaryCount == 1, case .text(let t) = cols[2].storage
        {
          var mapped: [String] = []
          mapped.reserveCapacity(t.dictionary.count)
          for entry in t.dictionary { mapped.append(try replaced(entry, p, r)) }
          // `mapText` visits the dictionary in order.
          var k = 0
          return ColumnMapping.mapText(cols[2]) { _ in
            defer { k += 1 }
            return mapped[k]
          }
        }
        let strings = ColumnMapping.strings(cols[2])
        var builder = TextBuilder(capacity: n)
        for i in 0..<n {
          guard let s = strings[i], let p = patterns[i], let r = replacements[i] else { builder.append(nil); continue }
          builder.append(try replaced(s, p, r))
        }
        let (buffer, validity) = builder.finish()
        return Column(.text(buffer), validity: validity)
      }
    },
    textPredicate("text.starts_with", "Whether x starts with the prefix.") { $0.utf8.starts(with: $1.utf8) },
    textPredicate("text.ends_with", "Whether x ends with the suffix.") { $0.utf8.reversed().starts(with: $1.utf8.reversed()) },
    // By code points (bytes), as `starts_with`, `==` and DuckDB's LIKE: String.contains compares
    // characters, so "e\u{301}" did not contain "e" although it starts with it.
    textPredicate("text.contains", "Whether x contains the text.") { s, sub in sub.isEmpty || s.utf8.firstRange(of: sub.utf8) != nil },
    ScalarFunction(
      "std.concat", aliases: ["text.concat"], parameters: ["parts…"],
      summary: "Concatenates text; nulls count as empty text (what f-strings compile to).",
      example: "from provinces | derive label = f\"{province} ({region})\""
    ) { types in
      return ScalarBinding(name: "concat", resultType: .text) { cols, n throws(ExecutionError) in
        let parts = cols.map(ColumnMapping.strings)
        // f"{s}{s}" doubles a text each time it is applied: the size is checked first.
        var total = 0.0
        for p in parts { for s in p { total += Double(s?.utf8.count ?? 0) } }
        try ResourceLimits.check(bytes: total, "the text this f-string or `concat` builds")
        var builder = TextBuilder(capacity: n)
        for i in 0..<n {
          var s = ""
          for p in parts { s += p[i] ?? "" }
          builder.append(s)
        }
        return Column(.text(builder.finish().0))
      }
    },
  ]

  /// SQL SUBSTRING on code points: characters `offset ..< offset + length` (1-based), where
  /// positions before 1 eat into the length. Any Int64 offset and length are exact (no trap).
  static func substring(_ s: String, _ offset: Int64, _ length: Int64) -> String {
    guard length > 0 else { return "" }
    let end = CheckedArithmetic.end(offset, count: length)  // exclusive, 1-based
    let scalars = s.unicodeScalars
    let count = Int64(scalars.count)
    let first = max(offset, 1)
    let last = min(end, count + 1)
    guard first < last else { return "" }
    let start = scalars.index(scalars.startIndex, offsetBy: Int(first - 1))
    let stop = scalars.index(start, offsetBy: Int(last - first))
    return String(String.UnicodeScalarView(scalars[start..<stop]))
  }

  /// Bytes of `replaceAll(s, pattern, replacement)`, counted without building it.
  static func replacedSize(_ s: String, _ pattern: String, _ replacement: String) -> Double {
    guard !pattern.isEmpty else { return Double(s.utf8.count) }
    let source = Array(s.utf8)
    let p = Array(pattern.utf8)
    var matches = 0
    var i = 0
    while i + p.count <= source.count {
      if source[i..<(i + p.count)].elementsEqual(p) { matches += 1; i += p.count } else { i += 1 }
    }
    return Double(source.count) + Double(matches) * (Double(replacement.utf8.count) - Double(p.count))
  }

  static func replaceAll(_ s: String, _ pattern: String, _ replacement: String) -> String {
    guard !pattern.isEmpty else { return s }
    let source = Array(s.utf8)
    let p = Array(pattern.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(source.count)
    var i = 0
    while i < source.count {
      if i + p.count <= source.count, source[i..<(i + p.count)].elementsEqual(p) {
        out += replacement.utf8
        i += p.count
      } else {
        out.append(source[i])
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  static func textMap(_ name: String, _ summary: String, _ f: @escaping @Sendable (String) -> String) -> ScalarFunction {
    ScalarFunction(name, parameters: ["column"], summary: summary, example: "from provinces | derive y = (province | \(name))") { types in
      guard types.count == 1, types[0] == .text || types[0] == .null else { return nil }
      return ScalarBinding(name: name, resultType: .text) { cols, _ in ColumnMapping.mapText(cols[0], f) }
    }
  }

  static func textPredicate(_ name: String, _ summary: String, _ f: @escaping @Sendable (String, String) -> Bool) -> ScalarFunction {
    ScalarFunction(name, parameters: ["text", "column"], summary: summary + " `\(name) \"Đắk\" x`.",
                   example: "from provinces | filter (province | \(name) \"Lai\")") { types in
      guard types.count == 2, types.allSatisfy({ $0 == .text || $0 == .null }) else { return nil }
      return ScalarBinding(name: name, resultType: .bool) { cols, n in
        let needles = ColumnMapping.strings(cols[0])
        let strings = ColumnMapping.strings(cols[1])
        var out = [Bool](repeating: false, count: n)
        for i in 0..<n { if let s = strings[i], let t = needles[i] { out[i] = f(s, t) } }
        return Column(.bool(out), validity: ColumnMapping.validity(cols, count: n))
      }
    }
  }
}

extension Column {
  /// Distinct strings in a text column's dictionary (0 for other types).
  var dictionaryCount: Int {
    if case .text(let t) = storage { return t.dictionary.count }
    return 0
  }
}
