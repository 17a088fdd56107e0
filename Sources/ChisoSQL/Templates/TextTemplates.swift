import ChisoEngine

extension SQLTemplates {
  /// `text.*`. Lengths and positions count code points; trims remove spaces only; text is
  /// never normalized (NFC and NFD spellings stay distinct, as in chiso).
  static let text: [String: SQLDialectEntries] = [
    "text.lower": named("LOWER"),
    "text.upper": named("UPPER"),
    "text.ltrim": everywhere { c in c.dialect == .spark ? "LTRIM(\(c[0]))" : "LTRIM(\(c[0]), ' ')" },
    "text.rtrim": everywhere { c in c.dialect == .spark ? "RTRIM(\(c[0]))" : "RTRIM(\(c[0]), ' ')" },
    "text.trim": everywhere { c in c.dialect == .spark ? "TRIM(\(c[0]))" : "TRIM(\(c[0]), ' ')" },
    "text.length": everywhere { c in "CAST(CHAR_LENGTH(\(c[0])) AS BIGINT)" },
    "text.extract": everywhere { c in
      // SQL's SUBSTRING: a start before 1 eats into the length. DuckDB and Spark count a
      // negative start from the end instead, so the start is clamped here for all three.
      let (start, length, x) = (c[0], c[1], c[2])
      return "(CASE WHEN \(start) >= 1 THEN SUBSTRING(\(x), CAST(\(start) AS INTEGER), CAST(GREATEST(\(length), 0) AS INTEGER)) "
        + "ELSE SUBSTRING(\(x), 1, CAST(GREATEST(\(length) + \(start) - 1, 0) AS INTEGER)) END)"
    },
    "text.replace": everywhere { c in
      "(CASE WHEN \(c[0]) = '' THEN \(c[2]) ELSE REPLACE(\(c[2]), \(c[0]), \(c[1])) END)"
    },
    "text.starts_with": [
      .duckdb: .sql { c in "STARTS_WITH(\(c[1]), \(c[0]))" },
      .postgres: .sql { c in "STARTS_WITH(\(c[1]), \(c[0]))" },
      .spark: .sql { c in "STARTSWITH(\(c[1]), \(c[0]))" },
    ],
    "text.ends_with": [
      .duckdb: .sql { c in "ENDS_WITH(\(c[1]), \(c[0]))" },
      .postgres: .sql { c in "(RIGHT(\(c[1]), CHAR_LENGTH(\(c[0]))) = \(c[0]))" },
      .spark: .sql { c in "ENDSWITH(\(c[1]), \(c[0]))" },
    ],
    "text.contains": [
      .duckdb: .sql { c in "CONTAINS(\(c[1]), \(c[0]))" },
      .postgres: .sql { c in "(STRPOS(\(c[1]), \(c[0])) > 0)" },
      .spark: .sql { c in "(INSTR(\(c[1]), \(c[0])) > 0)" },
    ],
    "std.concat": everywhere { c in
      // Nulls count as empty text; other types print as chiso prints them.
      let parts = c.args.map { Casts.toText($0, c.dialect) }
      if parts.isEmpty { return "''" }
      switch c.dialect {
      case .duckdb, .postgres: return "CONCAT(" + parts.joined(separator: ", ") + ")"
      case .spark: return "CONCAT_WS(''" + parts.map { ", " + $0 }.joined() + ")"
      }
    },
  ]
}
