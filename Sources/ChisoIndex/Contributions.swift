import ChisoEngine
import ChisoPlan
import ChisoSyntax

extension IndexVerbs {
  /// `contributions 2018 2019`: each component's share of the composite's change (weight × change).
  static let contributions = TransformSpec(
    "contributions", kind: .verb, parameters: yearParameters + shapeParameters + [indexParameter],
    summary: "Each component's contribution to the composite's change between two years (weight × change).",
    example: "from pci | contributions 2015 2016 | filter province == \"Lai Châu\"",
    docAnchor: "docs/language.md#recompute-fit_weights-contributions"
  ) { call in
    let (from, to) = try years(call)
    let shape = try IndexShape.resolve(call, needComponent: true)
    let op = ContributionsOperation(shape: shape, from: from, to: to, weights: WeightSource(try manifest(call)))
    return operation(op, call, output: [
      OutputColumn(name: shape.unitName, type: .text, nullable: false, copyOf: shape.unit),
      OutputColumn(name: "component", type: .text, nullable: false),
      OutputColumn(name: "change", type: .float), OutputColumn(name: "weight", type: .float),
      OutputColumn(name: "contribution", type: .float), OutputColumn(name: "composite_change", type: .float),
      OutputColumn(name: "weight_source", type: .text, nullable: false),
    ])
  }
}

struct ContributionsOperation: TableOperation {
  var shape: IndexShape
  var from: Int
  var to: Int
  var weights: WeightSource

  var name: String { "contributions" }
  var parameters: [(String, String)] { [("from", "\(from)"), ("to", "\(to)"), ("weights", weights.manifestID.map { "manifest \($0)" } ?? "fitted")] }
  var comparedYears: [Int] { [from, to] }

  func execute(_ inputs: [Table]) throws(ExecutionError) -> Table {
    let p = try Panel(inputs[0], shape)
    try p.require(year: from, "year")
    try p.require(year: to, "year")
    let composite = weights.composite
    let (w, source) = try weights.weights(p, year: to)
    var out: [[Value]] = []
    for unit in p.units {
      guard let a = p.values[unit]?[from], let b = p.values[unit]?[to] else { continue }
      var compositeChange: Value = .null
      if let x = a[composite], let y = b[composite] { compositeChange = .float(y - x) }
      for c in p.components where c != composite {
        var change: Value = .null
        if let x = a[c], let y = b[c] { change = .float(y - x) }
        let weight: Value = w[c].map { .float($0) } ?? .null
        var contribution: Value = .null
        if let d = change.asDouble, let k = weight.asDouble { contribution = .float(d * k) }
        out.append([.text(unit), .text(c), change, weight, contribution, compositeChange, .text(source)])
      }
    }
    return rowsTable(
      [shape.unitName, "component", "change", "weight", "contribution", "composite_change", "weight_source"],
      [.text, .text, .float, .float, .float, .float, .text], out)
  }
}
