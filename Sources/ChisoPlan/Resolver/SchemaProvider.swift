import ChisoEngine

/// What the resolver may ask about data without reading it: the catalog's answer to "which
/// tables are there, and what are their columns?". The catalog (ChisoCore) learns schemas from a
/// sample of each file, a manifest or a loaded table; the resolver never reads rows itself.
public protocol SchemaProvider: AnyObject, Sendable {
  /// Table names, sorted.
  var tableNames: [String] { get }
  /// Index manifests by the table they describe.
  var manifests: [String: IndexManifest] { get }
  /// The schema of a catalog table, or nil when there is no such table.
  func schema(ofTable name: String) throws(DataError) -> TableSchema?
  /// The schema of a file named in the query (`read_csv "x.csv"`).
  func schema(ofFile path: String, format: FileFormat) throws(DataError) -> TableSchema
  /// The schema of inline text (`from_text "a,b\n1,2"`).
  func schema(ofText text: String, format: FileFormat) throws(DataError) -> TableSchema
  /// How text from a catalog table sorts when the query does not say (`collation = "vi"` in
  /// its folder's `chiso.toml`); nil for byte order.
  func collation(ofTable name: String) -> Collation?
  /// The session's collation for every text sort (`.collation`, `--collation`), which wins over
  /// the tables'; nil when not set.
  var sessionCollation: Collation? { get }
}

extension SchemaProvider {
  public func collation(ofTable name: String) -> Collation? { nil }
  public var sessionCollation: Collation? { nil }
}

/// Runs part of a plan while another is being resolved: the explicit "prepare" step of verbs
/// whose output columns depend on the data (`pivot` names a column after each distinct value,
/// as DuckDB's PIVOT does). The session provides it; the resolver only asks.
public protocol PlanPreparer: AnyObject, Sendable {
  /// The distinct values of one column of a plan's result, in order of first appearance.
  func distinctValues(of plan: LogicalPlan, column: Int) throws -> [Value]
}
