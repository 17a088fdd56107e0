import ChisoEngine
import ChisoPlan
import ChisoSyntax

extension IndexVerbs {
  /// `pivot component score`: one row per remaining key, one column per component. Its output
  /// columns are the distinct values of the names column, so resolving it has a prepare step:
  /// the input is run once to learn them (as DuckDB's PIVOT does).
  static let pivot = TransformSpec(
    "pivot", kind: .verb,
    parameters: [
      .positional("names", .columns, "the column whose values become column names"),
      .positional("values", .columns, "the column of values"),
    ],
    summary: "Long → wide: one column per distinct value of `names`, holding `values`.",
    example: "from pci | filter year == 2016 | select {province, component, score} | pivot component score",
    docAnchor: "docs/language.md#pivot-and-unpivot"
  ) { call in
    let r = call.resolver
    let rel = call.input
    let nameRefs = try r.items(try call.required("names")).flatMap { try r.columnReferences($0, rel) }
    let valueRefs = try r.items(try call.required("values")).flatMap { try r.columnReferences($0, rel) }
    guard nameRefs.count == 1, valueRefs.count == 1 else {
      throw Diagnostic(.badArgument, "`pivot` takes one column each: `pivot component score`", span: call.span)
    }
    let visible = rel.visibleIndices
    guard let namePosition = visible.firstIndex(of: nameRefs[0]), let valuePosition = visible.firstIndex(of: valueRefs[0]) else {
      throw Diagnostic(.badArgument, "`pivot` columns must be visible", span: call.span)
    }
    let input = rel.finish()
    let distinct: [Value]
    do {
      distinct = try r.prepare(input, column: namePosition, span: call.span)
    } catch let error as Diagnostic {
      throw error.withSpanFallback(call.span)
    }
    var names: [String] = []
    for value in distinct {
      guard let name = Panel.text(value) else {
        throw Diagnostic(
          .nullName, "`pivot` met a null `\(input.schema[namePosition].name)`; filter it out first", span: call.span(of: "names"))
      }
      names.append(name)
    }
    let keyPositions = input.schema.indices.filter { $0 != namePosition && $0 != valuePosition }
    let valueType = input.schema[valuePosition].type
    var output = keyPositions.map { OutputColumn(name: input.schema[$0].name, type: input.schema[$0].type, copyOf: $0) }
    output += names.map { OutputColumn(name: $0, type: valueType) }
    let op = PivotOperation(namePosition: namePosition, valuePosition: valuePosition, names: names, nameColumn: input.schema[namePosition].name)
    return operation(op, call, output: output)
  }
}

struct PivotOperation: TableOperation {
  var namePosition: Int
  var valuePosition: Int
  /// The output's value columns, as the prepare step found them.
  var names: [String]
  var nameColumn: String

  var name: String { "pivot" }
  var parameters: [(String, String)] { [("names", nameColumn), ("columns", names.joined(separator: ", "))] }

  func execute(_ inputs: [Table]) throws(ExecutionError) -> Table {
    let table = inputs[0]
    let keyPositions = table.columns.indices.filter { $0 != namePosition && $0 != valuePosition }
    let (ids, firstRows) = KeyCodes.groupIDs(keyPositions.map { table.columns[$0] }, rowCount: table.rowCount)
    let nameColumn = table.columns[namePosition]
    var slot: [String: Int] = [:]
    for (s, name) in names.enumerated() { slot[name] = s }
    var sources = [[Int]](repeating: [Int](repeating: -1, count: firstRows.count), count: names.count)
    // A text column's names are looked up once per dictionary entry, not once per row.
    var slotOfCode: [Int] = []
    var codes: [UInt32] = []
    if case .text(let t) = nameColumn.storage {
      slotOfCode = t.dictionary.map { slot[$0] ?? -1 }
      codes = t.codes
    }
    for row in 0..<table.rowCount {
      let s: Int
      if !codes.isEmpty, !nameColumn.isNull(row) {
        s = slotOfCode[Int(codes[row])]
      } else {
        guard let name = Panel.text(nameColumn.value(at: row)) else {
          throw ExecutionError("`pivot` met a null `\(self.nameColumn)`; filter it out first")
        }
        s = slot[name] ?? -1
      }
      guard s >= 0 else {
        throw ExecutionError("`pivot` met a value of `\(self.nameColumn)` it did not see when the query was planned; the data changed — run the query again")
      }
      let g = Int(ids[row])
      if sources[s][g] >= 0 {
        let keyText = keyPositions.map { table.columns[$0].value(at: row).description }.joined(separator: ", ")
        throw ExecutionError(
          keyPositions.isEmpty
            ? "`pivot` found two values for `\(names[s])`, and no other column tells the rows apart"
            : "`pivot` found two values for `\(names[s])` at (\(keyText))",
          hints: ["keep one row per key first, e.g. `group {…} (aggregate {score = average score})`, or drop the columns that differ"])
      }
      sources[s][g] = row
    }
    var outNames = keyPositions.map { table.names[$0] }
    var columns = keyPositions.map { table.columns[$0].gather(firstRows) }
    for (s, name) in names.enumerated() {
      outNames.append(name)
      columns.append(table.columns[valuePosition].gather(sources[s]))
    }
    return Table(names: outNames, columns: columns, rowCount: firstRows.count)
  }
}
