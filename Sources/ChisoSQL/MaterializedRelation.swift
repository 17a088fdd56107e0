import ChisoEngine
import ChisoPlan

/// Rows computed elsewhere standing in a plan for the part that made them: the result of a part
/// that ran on chiso's engine, sent to the SQL engine as VALUES, or an engine's result given back
/// to chiso's engine. It holds rows; it runs nothing.
public struct MaterializedRelation: TableOperation {
  public var table: Table
  /// Where the rows came from, for EXPLAIN.
  public var origin: String

  public init(table: Table, origin: String) {
    self.table = table
    self.origin = origin
  }

  public var name: String { "rows from \(origin)" }
  public var parameters: [(String, String)] { [("rows", String(table.rowCount))] }

  /// The rows, one array per row, for VALUES.
  public var rows: [[Value]] {
    (0..<table.rowCount).map { row in table.columns.map { $0.value(at: row) } }
  }

  public func execute(_ inputs: [Table]) throws(ExecutionError) -> Table { table }
}
