import ChisoCore
import ChisoEngine
import ChisoSQL
import Foundation

/// `chiso load postgresql://… Datasets/`: copies every table of a data folder into a database
/// (CREATE TABLE with chiso's types, then COPY), each in one transaction, so that a team can
/// query the same tables with `--engine postgresql://…`.
public enum PostgresLoader {
  public struct Loaded: Sendable {
    public var table: String
    public var rows: Int
  }

  public static func load(url: String, folder: String, replace: Bool, progress: (String) -> Void) throws -> [Loaded] {
    let connection = try PostgresConnection(url: url)
    try connection.execute("SET client_encoding = 'UTF8'; SET DateStyle = 'ISO, YMD';")
    let catalog = Catalog(directories: [folder])
    guard !catalog.tableNames.isEmpty else { throw EngineError("no *.csv, *.tsv or *.json tables in \(folder)") }
    var out: [Loaded] = []
    let d = SQLDialect.postgres
    for name in catalog.tableNames {
      let table: Table
      do {
        guard let t = try catalog.table(name) else { continue }
        table = t
      } catch {
        throw EngineError("cannot read \(name): \(error)")
      }
      let columns = zip(table.names, table.columns).map { "\(d.identifier($0)) \(d.typeName($1.type == .null ? .text : $1.type))" }
      var sql = "BEGIN;"
      if replace { sql += " DROP TABLE IF EXISTS \(d.identifier(name));" }
      sql += " CREATE TABLE \(d.identifier(name)) (\(columns.joined(separator: ", ")));"
      do {
        try connection.execute(sql)
        try connection.copyIn("COPY \(d.identifier(name)) FROM STDIN") { send in
          var chunk = ""
          for row in 0..<table.rowCount {
            chunk += table.columns.map { copyText($0.value(at: row)) }.joined(separator: "\t") + "\n"
            if chunk.utf8.count > 1 << 16 {
              try send(chunk)
              chunk = ""
            }
          }
          try send(chunk)
        }
        try connection.execute("COMMIT;")
      } catch {
        try? connection.execute("ROLLBACK;")
        var hints: [String] = []
        if "\(error)".contains("already exists") { hints.append("add --replace to replace the tables that exist") }
        throw EngineError("cannot load \(name): \(error)", hints: hints)
      }
      progress("\(name): \(table.rowCount) rows")
      out.append(Loaded(table: name, rows: table.rowCount))
    }
    return out
  }

  /// A value in COPY's text format: `\N` for null, backslash escapes for tab, newline, CR and
  /// backslash; floats in their shortest exact form.
  static func copyText(_ value: Value) -> String {
    switch value {
    case .null: return "\\N"
    case .bool(let b): return b ? "t" : "f"
    case .float(let f):
      if f.isNaN { return "NaN" }
      if f.isInfinite { return f < 0 ? "-Infinity" : "Infinity" }
      return FloatFormat.shortest(f)
    case .text(let s):
      var out = ""
      for ch in s.unicodeScalars {
        switch ch {
        case "\\": out += "\\\\"
        case "\t": out += "\\t"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        default: out.unicodeScalars.append(ch)
        }
      }
      return out
    default: return value.description
    }
  }
}
