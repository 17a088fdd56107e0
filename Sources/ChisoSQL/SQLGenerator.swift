import ChisoEngine
import ChisoPlan

/// A plan compiled to one SQL statement.
public struct SQLQuery: Sendable {
  public var text: String
  public var dialect: SQLDialect
  /// The result's columns (the plan's visible ones), in order.
  public var columns: [SchemaColumn]
  /// Whether the statement ends in ORDER BY (the plan's last `sort` still holds at its end).
  public var ordered: Bool

  public init(text: String, dialect: SQLDialect, columns: [SchemaColumn], ordered: Bool) {
    self.text = text
    self.dialect = dialect
    self.columns = columns
    self.ordered = ordered
  }
}

/// Compiles a `LogicalPlan` to SQL: a WITH clause of common table expressions — one per plan
/// node that needs its own SELECT (aggregates, windows, takes, joins' inputs, unions), while
/// filters, derives and selects fuse into the SELECT above them — and a final SELECT that
/// restores the order the plan's last `sort` set (prqlc's rule: a sort holds through the steps
/// that keep rows in order). Function calls are written from `SQLTemplates`, by registry id.
/// It reads no data and runs nothing: what it cannot write it reports as `SQLUnsupported`.
public struct SQLGenerator: Sendable {
  public let dialect: SQLDialect

  /// How the result columns are named: as the plan names them (for people), or c0, c1, …
  /// (for a backend reading the result, where names may repeat).
  public enum OutputNames: Sendable { case plan, positional }

  public init(dialect: SQLDialect) {
    self.dialect = dialect
  }

  /// The deepest plan written as SQL.
  public static let maxDepth = 300

  /// The SQL for a whole plan.
  /// `includeHidden` selects the hidden columns too (a backend feeding chiso's engine needs
  /// the whole schema).
  public func generate(_ plan: LogicalPlan, names: OutputNames = .plan, includeHidden: Bool = false) throws(SQLUnsupported) -> SQLQuery {
    // The generator recurses over the plan: a very deep one (thousands of steps) stays on
    // chiso's engine, which runs chains of steps without recursion.
    var depth = 0
    var deepest = [(plan, 1)]
    while let (node, d) = deepest.popLast() {
      depth = max(depth, d)
      if depth > SQLGenerator.maxDepth { throw SQLUnsupported("the query has more than \(SQLGenerator.maxDepth) nested steps") }
      deepest.append(contentsOf: node.children.map { ($0, d + 1) })
    }
    let builder = SQLBuilder(dialect: dialect)
    let rel = try builder.relation(plan)
    let visible = includeHidden ? Array(plan.schema.indices) : plan.visibleIndices
    let aliases = names == .plan ? builder.uniqueNames(visible.map { plan.schema[$0].name }, unique: false)
      : visible.indices.map { "c\($0)" }
    var select = visible.enumerated().map { k, i in "\(rel.columns[i]) AS \(dialect.identifier(aliases[k]))" }
    if select.isEmpty { select = ["NULL AS \(dialect.identifier("_empty"))"] }
    var text = builder.withClause()
    text += "SELECT\n  " + select.joined(separator: ",\n  ") + "\nFROM " + rel.from
    if !rel.wheres.isEmpty { text += "\nWHERE " + rel.wheres.joined(separator: " AND ") }
    if !rel.order.isEmpty { text += "\nORDER BY " + builder.orderBy(rel.order) }
    return SQLQuery(text: text, dialect: dialect, columns: visible.map { plan.schema[$0] }, ordered: !rel.order.isEmpty)
  }

  /// Why this node itself — not its inputs — cannot be written in the dialect, or nil when it
  /// can. Its inputs are stood in for by tables of their schema.
  public func unsupportedReason(_ plan: LogicalPlan) -> String? {
    var probe = plan
    if case .loop = plan.node {
      // The step refers to the loop's rows: it is checked as a whole.
    } else {
      probe = plan.replacingChildren(plan.children.enumerated().map { k, child in
        LogicalPlan(.scan(table: "_chiso_input_\(k)", read: .all), schema: child.schema, span: child.span)
      })
    }
    do {
      _ = try generate(probe)
      return nil
    } catch {
      return error.reason
    }
  }
}

/// A relation being built: a FROM item with an expression per plan column, the conditions not
/// yet applied, and the order its rows are meant to be in.
struct SQLRelation {
  var from: String
  /// SQL expressions over `from`, one per plan schema position.
  var columns: [String]
  var types: [DataType]
  var wheres: [String] = []
  var order: [OrderTerm] = []
  /// `columns` are exactly the column names of `from`, unqualified, with nothing pending.
  var plain: Bool = false
}

struct OrderTerm {
  var sql: String
  var descending: Bool
  var type: DataType
  /// How a text key compares (`collate:vi` → each dialect's ICU Vietnamese collation).
  var collation: Collation = .binary
}

/// The state of one compilation: the CTEs so far, and the rows of the loop being written.
final class SQLBuilder {
  let dialect: SQLDialect
  var ctes: [(name: String, sql: String, recursive: Bool)] = []
  var counter = 0
  var loopRows: SQLRelation? = nil

  init(dialect: SQLDialect) {
    self.dialect = dialect
  }

  func withClause() -> String {
    guard !ctes.isEmpty else { return "" }
    let recursive = ctes.contains { $0.recursive } ? "RECURSIVE " : ""
    return "WITH " + recursive + ctes.map { "\(dialect.identifier($0.name)) AS (\n  \($0.sql.replacingOccurrences(of: "\n", with: "\n  "))\n)" }
      .joined(separator: ",\n") + "\n"
  }

  func freshName(_ stem: String) -> String {
    counter += 1
    return "\(stem)_\(counter)"
  }

  /// Column names for a CTE: the plan's names where they are usable, unique without regard to
  /// case (DuckDB and Spark fold it), and short enough for PostgreSQL (63 bytes).
  /// With `unique: false` (the final SELECT's names, for people) only unusable names change.
  func uniqueNames(_ names: [String], unique: Bool = true) -> [String] {
    var seen = Set<String>()
    var out: [String] = []
    for (k, raw) in names.enumerated() {
      var name = raw.isEmpty || raw.utf8.count > 60 || (unique && raw.hasPrefix("_chiso")) ? "c\(k)" : raw
      if unique {
        let base = name
        var n = 2
        while seen.contains(name.lowercased()) {
          name = "\(base)_\(n)"
          n += 1
        }
      }
      seen.insert(name.lowercased())
      out.append(name)
    }
    return out
  }

  func orderBy(_ terms: [OrderTerm]) -> String {
    terms.map { term in
      let key = term.type == .text ? dialect.collate(term.sql, term.collation) : term.sql
      return key + (term.descending ? " DESC" : " ASC") + " NULLS LAST"
    }.joined(separator: ", ")
  }

  /// The relation as a CTE of its own, its columns named after the plan's (and its order kept,
  /// as extra columns when an order key is not among them).
  func materialize(_ rel: SQLRelation, names: [String], extra: [String] = []) -> SQLRelation {
    let unique = uniqueNames(names)
    var items = zip(rel.columns, unique).map { "\($0) AS \(dialect.identifier($1))" }
    var order: [OrderTerm] = []
    for (k, term) in rel.order.enumerated() {
      if let position = rel.columns.firstIndex(of: term.sql) {
        order.append(OrderTerm(sql: dialect.identifier(unique[position]), descending: term.descending, type: term.type, collation: term.collation))
      } else {
        let name = "_chiso_order_\(k)"
        items.append("\(term.sql) AS \(dialect.identifier(name))")
        order.append(OrderTerm(sql: dialect.identifier(name), descending: term.descending, type: term.type, collation: term.collation))
      }
    }
    items += extra
    let name = freshName("step")
    var sql = "SELECT " + (items.isEmpty ? "NULL AS \(dialect.identifier("_empty"))" : items.joined(separator: ", ")) + " FROM " + rel.from
    if !rel.wheres.isEmpty { sql += " WHERE " + rel.wheres.joined(separator: " AND ") }
    ctes.append((name, sql, false))
    return SQLRelation(
      from: dialect.identifier(name), columns: unique.map { dialect.identifier($0) }, types: rel.types, order: order, plain: true)
  }

  /// A CTE from a whole SELECT written by the caller, with these column names.
  func cte(_ sql: String, names: [String], types: [DataType], recursive: Bool = false, name: String? = nil) -> SQLRelation {
    let name = name ?? freshName("step")
    ctes.append((name, sql, recursive))
    return SQLRelation(from: dialect.identifier(name), columns: names.map { dialect.identifier($0) }, types: types, plain: true)
  }

  /// `SELECT items FROM rel.from WHERE …` for a relation that fuses into a larger statement.
  func selectText(_ rel: SQLRelation, items: [String], suffix: String = "") -> String {
    var sql = "SELECT " + (items.isEmpty ? "NULL AS \(dialect.identifier("_empty"))" : items.joined(separator: ", ")) + " FROM " + rel.from
    if !rel.wheres.isEmpty { sql += " WHERE " + rel.wheres.joined(separator: " AND ") }
    return sql + suffix
  }
}
