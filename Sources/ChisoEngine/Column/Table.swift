/// A relation: named columns of equal length.
///
/// Names need not be unique (a join keeps both sides' `artist_id`); the planner refers to
/// columns by position.
public struct Table: Sendable {
  public var names: [String]
  public var columns: [Column]
  public private(set) var rowCount: Int

  public init(names: [String], columns: [Column], rowCount: Int? = nil) {
    self.names = names
    self.columns = columns
    self.rowCount = rowCount ?? columns.first?.count ?? 0
  }

  public static let empty = Table(names: [], columns: [], rowCount: 0)

  public var columnCount: Int { columns.count }

  /// The rows at `rows` (-1 = a row of nulls).
  public func gather(_ rows: [Int]) -> Table {
    Table(names: names, columns: columns.map { $0.gather(rows) }, rowCount: rows.count)
  }

  public func index(of name: String) -> Int? { names.firstIndex(of: name) }
}
