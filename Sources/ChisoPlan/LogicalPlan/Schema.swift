import ChisoEngine

/// A column of a catalog table or data file, the root of a column's lineage.
public struct ColumnOrigin: Sendable, Hashable, CustomStringConvertible {
  /// The table name (`pci`) or file path (`read_csv "x.csv"`).
  public var table: String
  public var column: String

  public init(table: String, column: String) {
    self.table = table
    self.column = column
  }

  public var description: String { "\(table).\(column)" }
}

/// One output column of a plan node: what the resolver's scope calls it, its type, whether it may
/// hold nulls, and where its values come from.
public struct SchemaColumn: Sendable, Equatable {
  public var name: String
  /// The relation name or alias (`tracks`, `a`), for `a.title`.
  public var qualifier: String?
  public var type: DataType
  /// False only when no row can hold a null (a `count`, a comparison of non-null columns…).
  public var nullable: Bool
  /// The source column whose values this column holds unchanged (through filters, sorts, joins
  /// and renames), if any: lints use it to check a literal against the values the column holds.
  public var origin: ColumnOrigin?
  /// Every source column this column's values were computed from.
  public var sources: Set<ColumnOrigin>
  /// Kept for sorting or windows but not part of the result (`select` dropped it).
  public var hidden: Bool
  /// The right-hand copy of a `==key` join key: equal to the left one wherever both exist, so a
  /// bare `key` means the left one instead of being ambiguous.
  public var joinKeyCopy: Bool
  /// The decimals the query fixed for this float column (`math.round 2` → shown as `70.00`),
  /// kept through filters, sorts, joins and renames; a display hint, never a change of value.
  public var decimals: Int?

  public init(
    name: String, qualifier: String? = nil, type: DataType, nullable: Bool = true, origin: ColumnOrigin? = nil,
    sources: Set<ColumnOrigin> = [], hidden: Bool = false, joinKeyCopy: Bool = false, decimals: Int? = nil
  ) {
    self.decimals = decimals
    self.name = name
    self.qualifier = qualifier
    self.type = type
    self.nullable = nullable
    self.origin = origin
    self.sources = sources
    self.hidden = hidden
    self.joinKeyCopy = joinKeyCopy
  }

  /// A column read from a table or file: its own origin.
  public static func source(_ table: String, _ name: String, type: DataType, nullable: Bool = true, qualifier: String? = nil) -> SchemaColumn {
    let origin = ColumnOrigin(table: table, column: name)
    return SchemaColumn(name: name, qualifier: qualifier, type: type, nullable: nullable, origin: origin, sources: [origin])
  }
}

/// The names and types of a table or file, as the catalog learns them without running a query.
public struct TableSchema: Sendable, Equatable {
  public var names: [String]
  public var types: [DataType]
  /// Per column: whether it may hold nulls (true unless the catalog knows otherwise).
  public var nullable: [Bool]

  public init(names: [String], types: [DataType], nullable: [Bool]? = nil) {
    self.names = names
    self.types = types
    self.nullable = nullable ?? names.map { _ in true }
  }

  /// The schema of a table that is already in memory.
  public init(of table: Table) {
    names = table.names
    types = table.columns.map(\.type)
    nullable = table.columns.map { $0.validity != nil || $0.type == .null }
  }
}
