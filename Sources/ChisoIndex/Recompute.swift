import ChisoEngine
import ChisoPlan
import ChisoSyntax

extension IndexVerbs {
  /// `recompute`: the composite from its components with the manifest's weights, against the
  /// published composite.
  static let recompute = TransformSpec(
    "recompute", kind: .verb,
    parameters: shapeParameters + [
      indexParameter,
      .named("tolerance", .float(0...Double.greatestFiniteMagnitude), default: "0.01", "the largest difference not flagged"),
    ],
    summary: "Recomputes the composite from its components with the manifest's weights, beside the published one.",
    example: "from papi | filter year == 2019 | recompute",
    docAnchor: "docs/language.md#recompute-fit_weights-contributions"
  ) { call in
    let shape = try IndexShape.resolve(call, needComponent: true)
    guard let manifest = try manifest(call) else {
      throw Diagnostic(.noManifest, "`recompute` needs an index manifest: `recompute index:papi`", span: call.span)
    }
    let weighted = manifest.components.filter { !$0.isComposite && $0.weight != nil }
    guard !weighted.isEmpty else {
      throw Diagnostic(
        .noWeights, "the \(manifest.id) manifest states no component weights", span: call.span,
        hints: ["estimate them from the data with `fit_weights`, then compare"])
    }
    let op = RecomputeOperation(
      shape: shape, components: weighted, composite: manifest.compositeID, tolerance: call.double("tolerance") ?? 0.01)
    return operation(op, call, output: [
      OutputColumn(name: shape.unitName, type: .text, nullable: false, copyOf: shape.unit),
      OutputColumn(name: shape.yearName, type: .int, nullable: false, copyOf: shape.year),
      OutputColumn(name: "published", type: .float), OutputColumn(name: "recomputed", type: .float),
      OutputColumn(name: "difference", type: .float), OutputColumn(name: "flagged", type: .bool),
    ])
  }
}

struct RecomputeOperation: TableOperation {
  var shape: IndexShape
  var components: [IndexManifest.Component]
  var composite: String
  var tolerance: Double

  var name: String { "recompute" }
  var parameters: [(String, String)] {
    [("weights", components.map { "\($0.id) × \(FloatFormat.shortest($0.weight ?? 0))" }.joined(separator: ", ")), ("tolerance", FloatFormat.shortest(tolerance))]
  }

  func execute(_ inputs: [Table]) throws(ExecutionError) -> Table {
    let p = try Panel(inputs[0], shape)
    var out: [[Value]] = []
    for unit in p.units {
      for year in p.years {
        guard let row = p.values[unit]?[year] else { continue }
        func applies(_ c: IndexManifest.Component) -> Bool {
          (c.firstYear.map { year >= $0 } ?? true) && (c.lastYear.map { year <= $0 } ?? true)
        }
        let present = components.filter { row[$0.id] != nil && applies($0) }
        let expected = components.filter { applies($0) && !$0.gapYears.contains(year) }
        let recomputed: Value = present.count == expected.count && !present.isEmpty
          ? .float(present.reduce(0) { $0 + ($1.weight ?? 0) * (row[$1.id] ?? 0) }) : .null
        let published: Value = row[composite].map { .float($0) } ?? .null
        var difference: Value = .null
        var flagged: Value = .null
        if let a = recomputed.asDouble, let b = published.asDouble {
          difference = .float(a - b)
          flagged = .bool(abs(a - b) > tolerance)
        }
        out.append([.text(unit), .int(Int64(year)), published, recomputed, difference, flagged])
      }
    }
    return rowsTable(
      [shape.unitName, shape.yearName, "published", "recomputed", "difference", "flagged"], [.text, .int, .float, .float, .float, .bool], out)
  }
}
