import ChisoEngine
import ChisoPlan
import ChisoSyntax

extension IndexVerbs {
  /// `fit_weights`: least-squares weights of the composite on its components, per year, with R².
  static let fitWeights = TransformSpec(
    "fit_weights", kind: .verb,
    parameters: shapeParameters + [indexParameter, .named("intercept", .bool, default: "false", "fit an intercept too")],
    summary: "Least-squares weights of the composite on its components, per year, with R² and the units used.",
    example: "from pci | filter year == 2016 | fit_weights",
    docAnchor: "docs/language.md#recompute-fit_weights-contributions"
  ) { call in
    let shape = try IndexShape.resolve(call, needComponent: true)
    let composite = try manifest(call)?.compositeID ?? "total"
    let op = FitWeightsOperation(shape: shape, composite: composite, intercept: call.bool("intercept") == true)
    return operation(op, call, output: [
      OutputColumn(name: shape.yearName, type: .int, nullable: false, copyOf: shape.year),
      OutputColumn(name: "component", type: .text, nullable: false),
      OutputColumn(name: "weight", type: .float, nullable: false),
      OutputColumn(name: "r2", type: .float, nullable: false),
      OutputColumn(name: "units", type: .int, nullable: false),
    ])
  }
}

struct FitWeightsOperation: TableOperation {
  var shape: IndexShape
  var composite: String
  var intercept: Bool

  var name: String { "fit_weights" }
  var parameters: [(String, String)] { [("composite", composite), ("intercept", "\(intercept)")] }

  func execute(_ inputs: [Table]) throws(ExecutionError) -> Table {
    let p = try Panel(inputs[0], shape)
    var rows: [[Value]] = []
    for year in p.years {
      let fit = try LeastSquares.fit(p, year: year, composite: composite, intercept: intercept)
      for (c, w) in zip(fit.components, fit.weights) {
        rows.append([.int(Int64(year)), .text(c), .float(w), .float(fit.r2), .int(Int64(fit.n))])
      }
    }
    return rowsTable([shape.yearName, "component", "weight", "r2", "units"], [.int, .text, .float, .float, .int], rows)
  }
}
