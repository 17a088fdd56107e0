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
      set: call.double("set"), raise: call.double("raise"), weights: WeightSource(manifest),
      scale: manifest.flatMap { WhatIfOperation.scale(of: call.text("component") ?? "", in: $0) }, index: manifest?.id ?? "")
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
  /// The component's published scale (the manifest's), which no changed value may leave.
  var scale: ClosedRange<Double>? = nil
  var index = ""

  /// A component's scale from the manifest: the composite's for the composite, else the
  /// sub-indices'.
  static func scale(of component: String, in manifest: IndexManifest) -> ClosedRange<Double>? {
    let (lo, hi) = component == manifest.compositeID
      ? (manifest.compositeMin, manifest.compositeMax) : (manifest.componentMin, manifest.componentMax)
    guard let lo, let hi, lo <= hi else { return nil }
    return lo...hi
  }

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
    try checkScale(old: old, new: new)
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

extension WhatIfOperation {
  /// A score the index cannot hold is refused, with the change that stays on the scale: a
  /// what-if that quietly produced 10.84 on a 0–10 sub-index would answer a question about a
  /// province that cannot exist.
  func checkScale(old: Double, new: Double) throws(ExecutionError) {
    // A hair of tolerance: `raise:` the hint's own amount must land on the bound.
    let slack = 1e-9 * max(1, abs(new))
    guard let scale, new < scale.lowerBound - slack || new > scale.upperBound + slack else { return }
    let bound = new > scale.upperBound ? scale.upperBound : scale.lowerBound
    let asked = set != nil ? "set:\(Self.plain(new))" : "raise:\(Self.plain(raise ?? 0))"
    let most = ((bound - old) * 1e6).rounded() / 1e6
    let word = most >= 0 ? "rise" : "fall"
    throw ExecutionError(
      "\(asked) would make \(unit)'s `\(component)` \(Self.plain(new)) in \(year), outside the \(index.isEmpty ? "" : "\(index) ")scale \(Self.plain(scale.lowerBound))–\(Self.plain(scale.upperBound))",
      hints: ["it is \(Self.plain(old)) now: the most it can \(word) is \(Self.plain(abs(most))) (`raise:\(Self.plain(most))`, or `set:\(Self.plain(bound))`)"])
  }

  /// `10`, not `10.0`; other values to six decimals (a message, not a stored value).
  static func plain(_ value: Double) -> String {
    let shown = abs(value) < 1e9 ? (value * 1e6).rounded() / 1e6 : value
    return shown == shown.rounded() && abs(shown) < 1e15 ? String(Int64(shown)) : FloatFormat.shortest(shown)
  }
}
