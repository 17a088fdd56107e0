import ChisoEngine
import ChisoPlan

/// Builds a typed table from an engine's rows: each cell arrives as text (or null) and is read
/// as the type the plan gives its column — a value that does not read as that type is an error,
/// never a silent null.
struct ResultBuilder {
  let columns: [SchemaColumn]
  let engine: String
  private var values: [[Value]]
  private(set) var rowCount = 0

  init(columns: [SchemaColumn], engine: String) {
    self.columns = columns
    self.engine = engine
    values = columns.map { _ in [] }
  }

  mutating func append(_ row: [String?]) throws {
    guard row.count == columns.count else {
      throw EngineError("\(engine) sent a row of \(row.count) values for \(columns.count) columns")
    }
    for (k, cell) in row.enumerated() {
      values[k].append(try Self.read(cell, as: columns[k].type, column: columns[k].name, engine: engine))
    }
    rowCount += 1
  }

  func finish() -> Table {
    Table(
      names: columns.map(\.name), columns: columns.indices.map { Column.from(values[$0], type: columns[$0].type) },
      rowCount: rowCount)
  }

  static func read(_ cell: String?, as type: DataType, column: String, engine: String) throws -> Value {
    guard let text = cell else { return .null }
    func bad() -> EngineError {
      EngineError("\(engine) returned `\(text.prefix(40))` for column `\(column)`, which chiso planned as \(type)")
    }
    switch type {
    case .null: return .null
    case .text: return .text(text)
    case .int:
      if let i = Int64(text) { return .int(i) }
      // A whole number printed as a float (1.0, 1e3) by an engine that widened the type.
      if let d = Double(text), d == d.rounded(), let i = Int64(exactly: d) { return .int(i) }
      throw bad()
    case .float:
      if let d = Double(text) { return .float(d) }
      switch text.lowercased() {
      case "infinity", "inf", "+infinity": return .float(.infinity)
      case "-infinity", "-inf": return .float(-.infinity)
      case "nan": return .float(.nan)
      default: throw bad()
      }
    case .bool:
      switch text.lowercased() {
      case "t", "true", "1": return .bool(true)
      case "f", "false", "0": return .bool(false)
      default: throw bad()
      }
    case .date:
      if let d = CivilDate.parseDate(text.prefix(10)), text.count == 10 { return .date(d) }
      throw bad()
    case .timestamp:
      let normalized = text
      if let t = CivilDate.parseTimestamp(normalized) { return .timestamp(t) }
      if normalized.count == 10, let d = CivilDate.parseDate(normalized) { return .timestamp(Int64(d) * CivilDate.microsPerDay) }
      throw bad()
    }
  }
}
