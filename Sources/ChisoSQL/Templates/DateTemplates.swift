import ChisoEngine

extension SQLTemplates {
  /// `date.*`. `date.to_text` takes strftime codes (chiso's and DuckDB's); for PostgreSQL and
  /// Spark a constant format is translated into TO_CHAR and DATE_FORMAT patterns.
  static let dates: [String: SQLDialectEntries] = [
    "date.to_text": everywhere { c in
      let value = c.type(1) == .date ? "CAST(\(c[1]) AS \(c.dialect.typeName(.timestamp)))" : c[1]
      if c.dialect == .duckdb {
        // DuckDB's strftime lacks the composite codes chiso has (%F, %T, %D, %R, %r, %+).
        guard case .text(let format)? = c.args[0].constant else { return "STRFTIME(\(value), \(c[0]))" }
        return "STRFTIME(\(value), \(c.dialect.string(DateFormat.expandComposites(format))))"
      }
      guard case .text(let format)? = c.args[0].constant else {
        throw SQLUnsupported("`date.to_text` with a computed format on \(c.dialect)")
      }
      return DateFormat.translate(format, value: value, c.dialect)
    },
    "date.year": datePart("YEAR"),
    "date.month": datePart("MONTH"),
    "date.day": datePart("DAY"),
    // `d + 3months`: the interval's months, days and microseconds (constants), in that order,
    // as DuckDB and PostgreSQL add an INTERVAL; a date stays a date.
    "std.add_interval": everywhere { c in
      let isDate = c.type(0) == .date
      switch c.dialect {
      case .duckdb:
        let shifted = "(\(c[0]) + TO_MONTHS(CAST(\(c[1]) AS INTEGER)) + TO_DAYS(CAST(\(c[2]) AS INTEGER)) + TO_MICROSECONDS(\(c[3])))"
        return isDate ? "CAST(\(shifted) AS DATE)" : shifted
      case .postgres:
        let shifted = "(\(c[0]) + \(c[1]) * INTERVAL '1 month' + \(c[2]) * INTERVAL '1 day' + \(c[3]) * INTERVAL '1 microsecond')"
        return isDate ? "CAST(\(shifted) AS DATE)" : shifted
      case .spark:
        if isDate { return "DATE_ADD(ADD_MONTHS(\(c[0]), CAST(\(c[1]) AS INT)), CAST(\(c[2]) AS INT))" }
        return "(\(c[0]) + MAKE_INTERVAL(0, CAST(\(c[1]) AS INT), 0, CAST(\(c[2]) AS INT), 0, 0, \(c[3]) / 1000000.0))"
      }
    },
  ]

  static func datePart(_ part: String) -> SQLDialectEntries {
    everywhere { c in
      c.dialect == .postgres ? "CAST(EXTRACT(\(part) FROM \(c[0])) AS BIGINT)" : "CAST(\(part)(\(c[0])) AS BIGINT)"
    }
  }
}

/// strftime codes → PostgreSQL TO_CHAR / Spark DATE_FORMAT patterns. The format becomes a
/// concatenation of pattern pieces and, for codes with no pattern letter, expressions.
enum DateFormat {
  enum Piece {
    case pattern(String)
    case literal(String)
    case expression(String)
  }

  /// The composite codes spelled out in basic ones (`%F` → `%Y-%m-%d`), `%%` kept.
  static func expandComposites(_ format: String) -> String {
    let composites: [Character: String] = [
      "F": "%Y-%m-%d", "D": "%m/%d/%y", "T": "%H:%M:%S", "R": "%H:%M", "r": "%I:%M:%S %p", "+": "%Y-%m-%dT%H:%M:%S.%fZ",
      "h": "%b",
    ]
    var out = ""
    var chars = Array(format)[...]
    while let ch = chars.popFirst() {
      guard ch == "%", let code = chars.first else { out.append(ch); continue }
      chars.removeFirst()
      if let expanded = composites[code] { out += expanded } else { out += "%" + String(code) }
    }
    return out
  }

  static func translate(_ format: String, value: String, _ d: SQLDialect) -> String {
    var pieces: [Piece] = []
    var chars = Array(format)
    var i = 0
    func lit(_ s: String) { pieces.append(.literal(s)) }
    while i < chars.count {
      let ch = chars[i]
      i += 1
      guard ch == "%" else { lit(String(ch)); continue }
      guard i < chars.count else { lit("%"); break }
      var code = chars[i]
      i += 1
      var unpadded = false
      if code == "-", i < chars.count {
        unpadded = true
        code = chars[i]
        i += 1
      }
      if let piece = piece(code, unpadded: unpadded, value: value, d) { pieces.append(contentsOf: piece) } else { lit("%" + (unpadded ? "-" : "") + String(code)) }
    }
    chars = []
    return render(pieces, value: value, d)
  }

  static func piece(_ code: Character, unpadded: Bool, value: String, _ d: SQLDialect) -> [Piece]? {
    let pg = d == .postgres
    func p(_ postgres: String, _ spark: String) -> [Piece] { [.pattern(pg ? postgres : spark)] }
    func num(_ postgres: String, _ spark: String, _ sparkUnpadded: String) -> [Piece] {
      unpadded ? [.pattern(pg ? "FM" + postgres : sparkUnpadded)] : p(postgres, spark)
    }
    switch code {
    case "Y": return p("YYYY", "yyyy")
    case "y": return num("YY", "yy", "yy")
    case "m": return num("MM", "MM", "M")
    case "d": return num("DD", "dd", "d")
    case "e":
      let day = pg ? "TO_CHAR(\(value), 'FMDD')" : "DATE_FORMAT(\(value), 'd')"
      return [.expression(unpadded ? day : "LPAD(\(day), 2, ' ')")]
    case "H": return num("HH24", "HH", "H")
    case "I": return num("HH12", "hh", "h")
    case "M": return num("MI", "mm", "m")
    case "S": return num("SS", "ss", "s")
    case "f": return p("US", "SSSSSS")
    case "p": return p("AM", "a")
    case "A": return p("FMDay", "EEEE")
    case "a": return p("Dy", "EEE")
    case "B": return p("FMMonth", "MMMM")
    case "b", "h": return p("Mon", "MMM")
    case "j": return num("DDD", "DDD", "D")
    case "w":
      return [.expression(pg ? "CAST(EXTRACT(DOW FROM \(value)) AS TEXT)" : "CAST(DAYOFWEEK(\(value)) - 1 AS STRING)")]
    case "u":
      return [.expression(pg ? "CAST(EXTRACT(ISODOW FROM \(value)) AS TEXT)" : "CAST(WEEKDAY(\(value)) + 1 AS STRING)")]
    case "D": return piece("m", unpadded: false, value: value, d)! + [.literal("/")] + piece("d", unpadded: false, value: value, d)! + [.literal("/")] + piece("y", unpadded: false, value: value, d)!
    case "F": return p("YYYY", "yyyy") + [.literal("-")] + p("MM", "MM") + [.literal("-")] + p("DD", "dd")
    case "T": return p("HH24", "HH") + [.literal(":")] + p("MI", "mm") + [.literal(":")] + p("SS", "ss")
    case "R": return p("HH24", "HH") + [.literal(":")] + p("MI", "mm")
    case "r": return p("HH12", "hh") + [.literal(":")] + p("MI", "mm") + [.literal(":")] + p("SS", "ss") + [.literal(" ")] + p("AM", "a")
    case "+":
      return piece("F", unpadded: false, value: value, d)! + [.literal("T")] + piece("T", unpadded: false, value: value, d)!
        + [.literal(".")] + p("US", "SSSSSS") + [.literal("Z")]
    case "%": return [.literal("%")]
    default: return nil
    }
  }

  /// Adjacent patterns and literals go into one TO_CHAR / DATE_FORMAT call.
  static func render(_ pieces: [Piece], value: String, _ d: SQLDialect) -> String {
    var parts: [String] = []
    var pattern = ""
    var hasPattern = false
    func flush() {
      guard !pattern.isEmpty else { return }
      if hasPattern {
        parts.append(d == .postgres ? "TO_CHAR(\(value), \(d.string(pattern)))" : "DATE_FORMAT(\(value), \(d.string(pattern)))")
      } else {
        parts.append(d.string(unquote(pattern, d)))
      }
      pattern = ""
      hasPattern = false
    }
    var literalRun = ""
    func flushLiteral() {
      guard !literalRun.isEmpty else { return }
      pattern += quoteLiteral(literalRun, d)
      literalRun = ""
    }
    for piece in pieces {
      switch piece {
      case .pattern(let p):
        flushLiteral()
        pattern += p
        hasPattern = true
      case .literal(let s):
        literalRun += s
      case .expression(let e):
        flushLiteral()
        flush()
        parts.append(e)
      }
    }
    flushLiteral()
    flush()
    if parts.isEmpty { return "''" }
    return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " || ") + ")"
  }

  /// Literal text inside a pattern: `"…"` in TO_CHAR, `'…'` in DATE_FORMAT.
  static func quoteLiteral(_ s: String, _ d: SQLDialect) -> String {
    if d == .postgres { return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
    // Spark: letters must be quoted; a quote is written twice.
    return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
  }

  /// A pattern made only of quoted literals, as plain text.
  static func unquote(_ pattern: String, _ d: SQLDialect) -> String {
    var out = ""
    var chars = Array(pattern)[...]
    let quote: Character = d == .postgres ? "\"" : "'"
    while let ch = chars.popFirst() {
      if ch == quote {
        while let next = chars.popFirst() {
          if d == .postgres, next == "\\", let escaped = chars.popFirst() { out.append(escaped); continue }
          if next == quote {
            if d == .spark, chars.first == quote { chars.removeFirst(); out.append(quote); continue }
            break
          }
          out.append(next)
        }
      } else {
        out.append(ch)
      }
    }
    return out
  }
}
