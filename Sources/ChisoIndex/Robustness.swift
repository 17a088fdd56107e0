import ChisoEngine
import ChisoPlan
import ChisoSyntax

extension IndexVerbs {
  /// `robustness draws:1000 spread:0.2 seed:1`: ranks under randomly perturbed weights.
  static let robustness = TransformSpec(
    "robustness", kind: .verb,
    parameters: shapeParameters + [
      indexParameter,
      .named("draws", .int(1...100_000), default: "500", "how many random weightings to try"),
      .named("spread", .float(0...1), default: "0.2", "each weight varies by up to ± this share"),
      .named("seed", .int(nil), default: "1", "the random seed (the same seed gives the same answer)"),
      .named("top", .int(1...10_000), default: "10", "the rank counted as the top"),
    ],
    summary: "Ranks under randomly perturbed weights: best and worst rank, and how often each unit is in the top.",
    example: "from pci | filter year == 2016 | robustness draws:100",
    docAnchor: "docs/language.md#trust-checks-rank_audit-robustness-methodology-breaks"
  ) { call in
    let shape = try IndexShape.resolve(call, needComponent: true)
    let top = Int(call.int("top") ?? 10)
    let op = RobustnessOperation(
      shape: shape, weights: WeightSource(try manifest(call)), draws: Int(call.int("draws") ?? 500),
      spread: call.double("spread") ?? 0.2, seed: call.int("seed") ?? 1, top: top)
    return operation(op, call, output: [
      OutputColumn(name: shape.unitName, type: .text, nullable: false, copyOf: shape.unit),
      OutputColumn(name: "year", type: .int, nullable: false), OutputColumn(name: "rank", type: .int, nullable: false),
      OutputColumn(name: "rank_best", type: .int, nullable: false), OutputColumn(name: "rank_worst", type: .int, nullable: false),
      OutputColumn(name: "share_top\(top)", type: .float, nullable: false),
    ])
  }
}

struct RobustnessOperation: TableOperation {
  var shape: IndexShape
  var weights: WeightSource
  var draws: Int
  var spread: Double
  var seed: Int64
  var top: Int

  var name: String { "robustness" }
  var parameters: [(String, String)] {
    [("draws", "\(draws)"), ("spread", FloatFormat.shortest(spread)), ("seed", "\(seed)"), ("top", "\(top)")]
  }

  func execute(_ inputs: [Table]) throws(ExecutionError) -> Table {
    let p = try Panel(inputs[0], shape)
    let composite = weights.composite
    var rng = SeededGenerator(seed: UInt64(bitPattern: seed))
    // draws × units × components × years steps (and a sort per draw), bounded before they start:
    // an argument or a shape of data must not make a verb run for hours.
    try ResourceLimits.checkWork(
      Double(draws + 1) * Double(p.units.count) * Double(max(p.components.count, 1)) * Double(max(p.years.count, 1)),
      "`robustness`", hint: "lower `draws:`, or filter the years or units first")
    var out: [[Value]] = []
    for year in p.years {
      let (w, _) = try weights.weights(p, year: year)
      let components = p.components.filter { $0 != composite && w[$0] != nil }
      let units = p.units.filter { u in components.allSatisfy { p.values[u]?[year]?[$0] != nil } }
      guard units.count > 1 else { continue }
      let matrix = units.map { u in components.map { p.values[u]?[year]?[$0] ?? 0 } }
      let base = components.map { w[$0] ?? 0 }
      func ranks(_ weights: [Double]) -> [Int] {
        CompetitionRank.ranks(matrix.map { zip($0, weights).reduce(0) { $0 + $1.0 * $1.1 } })
      }
      let baseRanks = ranks(base)
      var lo = baseRanks
      var hi = baseRanks
      var inTop = [Int](repeating: 0, count: units.count)
      for _ in 0..<draws {
        let perturbed = base.map { $0 * (1 + spread * (2 * rng.nextDouble() - 1)) }
        for (i, r) in ranks(perturbed).enumerated() {
          lo[i] = min(lo[i], r)
          hi[i] = max(hi[i], r)
          if r <= top { inTop[i] += 1 }
        }
      }
      for (i, unit) in units.enumerated() {
        out.append([
          .text(unit), .int(Int64(year)), .int(Int64(baseRanks[i])), .int(Int64(lo[i])), .int(Int64(hi[i])),
          .float(Double(inTop[i]) / Double(max(draws, 1))),
        ])
      }
    }
    return rowsTable(
      [shape.unitName, "year", "rank", "rank_best", "rank_worst", "share_top\(top)"], [.text, .int, .int, .int, .int, .float], out)
  }
}
