import ChisoEngine
import ChisoPlan
import ChisoSyntax

extension IndexVerbs {
  /// `what_if unit:"Lai Châu" year:2019 component:market_entry raise:0.5` (or `set:`): the new
  /// composite and rank, everyone else unchanged.
  static let whatIf = TransformSpec(
    "what_if", kind: .verb,
    parameters: [
      .named("unit", .text, required: true, "the unit to change: `unit:\"Lai Châu\"`"),
      .named("year", .int(1000...9999), required: true, "the year: `year:2019`"),
      .named("component", .name, required: true, "the component to change: `component:market_entry`"),
      .named("set", .float(nil), "the component's new value"),
      .named("raise", .float(nil), "how much to add to the component"),
      .named("unit_column", .name, default: "province", "the column naming the unit"),
      .named("value", .name, default: "score", "the score column"),
      indexParameter,
    ],
    summary: "The composite and rank a unit would have with one component changed, everyone else unchanged.",
    example: "from pci | what_if unit:\"Lai Châu\" year:2016 component:market_entry raise:0.5",
    docAnchor: "docs/language.md#what_if"
  ) { call in
    let shape = try IndexShape.resolve(call, needComponent: true, unitKey: "unit_column")
    guard call.double("set") != nil || call.double("raise") != nil else {
      throw Diagnostic(.missingArgument, "`what_if` needs `set:VALUE` or `raise:AMOUNT`", span: call.span)
    }
    if call.named("set") != nil, call.named("raise") != nil {
      throw Diagnostic(.badArgument, "`what_if` takes `set:` or `raise:`, not both", span: call.span(of: "raise"))
    }
    let manifest = try manifest(call)
    let op = WhatIfOperation(
      shape: shape, unit: call.text("unit") ?? "", year: Int(call.int("year") ?? 0), component: call.text("component") ?? "",
      set: call.double("set"), raise: call.double("raise"), weights: WeightSource(manifest))
    return operation(op, call, output: [
      OutputColumn(name: shape.unitName, type: .text, nullable: false, copyOf: shape.unit),
      OutputColumn(name: "year", type: .int, nullable: false), OutputColumn(name: "component", type: .text, nullable: false),
      OutputColumn(name: "value_before", type: .float), OutputColumn(name: "value_after", type: .float),
      OutputColumn(name: "composite_before", type: .float), OutputColumn(name: "composite_after", type: .float),
      OutputColumn(name: "rank_before", type: .int), OutputColumn(name: "rank_after", type: .int),
      OutputColumn(name: "rank_change", type: .int), OutputColumn(name: "weight", type: .float),
      OutputColumn(name: "weight_source", type: .text),
    ])
  }
}

struct WhatIfOperation: TableOperation {
  var shape: IndexShape
  var unit: String
  var year: Int
  var component: String
  var set: Double?
  var raise: Double?
  var weights: WeightSource

  var name: String { "what_if" }
  var yearsRead: [Int]? { [year] }
  var parameters: [(String, String)] {
    [("unit", unit), ("year", "\(year)"), ("component", component)]
      + (set.map { [("set", FloatFormat.shortest($0))] } ?? []) + (raise.map { [("raise", FloatFormat.shortest($0))] } ?? [])
  }

  func execute(_ inputs: [Table]) throws(ExecutionError) -> Table {
    let p = try Panel(inputs[0], shape)
    let composite = weights.composite
    guard let row = p.values[unit]?[year] else {
      let near = EditDistance.closest(to: unit, among: p.units).map { " (did you mean \"\($0)\"?)" } ?? ""
      throw ExecutionError("no rows for \"\(unit)\" in \(year)\(near)")
    }
    guard let old = row[component] else {
      let near = EditDistance.closest(to: component, among: p.components).map { " (did you mean `\($0)`?)" } ?? ""
      throw ExecutionError("\"\(unit)\" has no `\(component)` in \(year)\(near)")
    }
    let new = set ?? (old + (raise ?? 0))
    guard let before = row[composite] else { throw ExecutionError("\"\(unit)\" has no `\(composite)` in \(year)") }
    let (w, source) = try weights.weights(p, year: year)
    guard let weight = w[component] else { throw ExecutionError("no weight for `\(component)`") }
    let after = before + weight * (new - old)
    let others = p.units.filter { $0 != unit }.compactMap { p.values[$0]?[year]?[composite] }
    let rankBefore = competitionRank(before, among: others)
    let rankAfter = competitionRank(after, among: others)
    return rowsTable(
      [shape.unitName, "year", "component", "value_before", "value_after", "composite_before", "composite_after", "rank_before", "rank_after", "rank_change", "weight", "weight_source"],
      [.text, .int, .text, .float, .float, .float, .float, .int, .int, .int, .float, .text],
      [[
        .text(unit), .int(Int64(year)), .text(component), .float(old), .float(new), .float(before), .float(after),
        .int(Int64(rankBefore)), .int(Int64(rankAfter)), .int(Int64(rankBefore - rankAfter)), .float(weight), .text(source),
      ]])
  }
}
