import ChisoEngine
import ChisoPlan
import ChisoSyntax

extension IndexVerbs {
  /// `unpivot {market_entry, land_access} names:component values:score`: wide → long.
  static let unpivot = TransformSpec(
    "unpivot", kind: .verb,
    parameters: [
      .positional("columns", .columns, "the columns to fold: `unpivot {a, b}`"),
      .named("names", .name, default: "component", "the new column naming each folded column"),
      .named("values", .name, default: "score", "the new column holding their values"),
    ],
    summary: "Wide → long: each folded column becomes a row with its name and value.",
    example: "from [{province = \"Lai Châu\", a = 1.0, b = 2.0}] | unpivot {a, b}",
    docAnchor: "docs/language.md#pivot-and-unpivot"
  ) { call in
    let r = call.resolver
    let rel = call.input
    let namesColumn = call.text("names") ?? "component"
    let valuesColumn = call.text("values") ?? "score"
    var folded: [Int] = []
    for item in r.items(try call.required("columns")) { folded += try r.columnReferences(item, rel) }
    let input = rel.finish()
    let visible = rel.visibleIndices
    let foldedPositions = folded.compactMap { visible.firstIndex(of: $0) }
    let keep = input.schema.indices.filter { !foldedPositions.contains($0) }
    var type = DataType.null
    for p in foldedPositions {
      guard let t = DataType.unify(type, input.schema[p].type) else {
        throw Diagnostic(
          .typeMismatch, "`unpivot` cannot fold \(type) and \(input.schema[p].type) columns together", span: call.span(of: "columns"))
      }
      type = t
    }
    var output = keep.map { OutputColumn(name: input.schema[$0].name, type: input.schema[$0].type, copyOf: $0) }
    output.append(OutputColumn(name: namesColumn, type: .text, nullable: false))
    output.append(OutputColumn(name: valuesColumn, type: type))
    return operation(UnpivotOperation(folded: foldedPositions, type: type), call, output: output)
  }
}

struct UnpivotOperation: TableOperation {
  var folded: [Int]
  var type: DataType

  var name: String { "unpivot" }
  var parameters: [(String, String)] { [("columns", folded.map { "#\($0 + 1)" }.joined(separator: ", "))] }

  func execute(_ inputs: [Table]) throws(ExecutionError) -> Table {
    let table = inputs[0]
    let keep = table.columns.indices.filter { !folded.contains($0) }
    // Row-major: each input row gives one row per folded column, in order.
    var rows: [Int] = []
    var which: [Int] = []
    rows.reserveCapacity(table.rowCount * folded.count)
    for row in 0..<table.rowCount {
      for k in folded.indices {
        rows.append(row)
        which.append(k)
      }
    }
    var columns = keep.map { table.columns[$0].gather(rows) }
    let (labels, _) = TextBuffer.encode(which.map { table.names[folded[$0]] })
    columns.append(Column(.text(labels)))
    var values: [Column] = []
    for p in folded {
      guard let w = table.columns[p].widened(to: type) else { throw ExecutionError("`unpivot` cannot fold column \(table.names[p])") }
      values.append(w)
    }
    guard let stacked = Column.concatenate(values) else { throw ExecutionError("`unpivot` could not stack its columns") }
    let n = table.rowCount
    columns.append(stacked.gather(zip(rows, which).map { row, k in k * n + row }))
    return Table(names: keep.map { table.names[$0] } + ["names", "values"], columns: columns, rowCount: rows.count)
  }
}
