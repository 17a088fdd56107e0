import ChisoEngine
import ChisoPlan
import ChisoSyntax

extension IndexVerbs {
  /// `explain_rank 2018 2019`: the rank change split into the unit's own move and everyone
  /// else's, by counterfactual re-ranking.
  static let explainRank = TransformSpec(
    "explain_rank", kind: .verb, parameters: yearParameters + shapeParameters + [indexParameter],
    summary: "Splits a rank change into the unit's own move and the others' moves, by counterfactual re-ranking.",
    example: "from pci | explain_rank 2015 2016 | filter province == \"Lai Châu\"",
    docAnchor: "docs/language.md#explain_rank--own-move-and-others-moves"
  ) { call in
    let (from, to) = try years(call)
    let shape = try IndexShape.resolve(call, needComponent: false)
    let composite = try manifest(call)?.compositeID ?? "total"
    let op = ExplainRankOperation(shape: shape, from: from, to: to, composite: composite)
    return operation(op, call, output: [
      OutputColumn(name: shape.unitName, type: .text, nullable: false, copyOf: shape.unit),
      OutputColumn(name: "score_from", type: .float, nullable: false), OutputColumn(name: "score_to", type: .float, nullable: false),
      OutputColumn(name: "score_change", type: .float, nullable: false),
      OutputColumn(name: "rank_from", type: .int, nullable: false), OutputColumn(name: "rank_to", type: .int, nullable: false),
      OutputColumn(name: "rank_change", type: .int, nullable: false), OutputColumn(name: "own_effect", type: .int, nullable: false),
      OutputColumn(name: "others_effect", type: .int, nullable: false), OutputColumn(name: "interaction", type: .int, nullable: false),
    ])
  }
}

struct ExplainRankOperation: TableOperation {
  var shape: IndexShape
  var from: Int
  var to: Int
  var composite: String

  var name: String { "explain_rank" }
  var parameters: [(String, String)] { [("from", "\(from)"), ("to", "\(to)"), ("composite", composite)] }
  var comparedYears: [Int] { [from, to] }

  func execute(_ inputs: [Table]) throws(ExecutionError) -> Table {
    let p = try Panel(inputs[0], shape, onlyYears: [from, to])
    try p.require(year: from, "year")
    try p.require(year: to, "year")
    func scores(_ year: Int) -> [String: Double] {
      var out: [String: Double] = [:]
      for unit in p.units {
        if let v = p.values[unit]?[year]?[composite] ?? (shape.component == nil ? p.values[unit]?[year]?["total"] : nil) { out[unit] = v }
      }
      return out
    }
    let a = scores(from)
    let b = scores(to)
    var out: [[Value]] = []
    // Each field sorted once: a unit's ranks by binary search (CompetitionRank), not by counting
    // the greater scores for every unit (quadratic in the units).
    let fieldA = CompetitionRank(Array(a.values))
    let fieldB = CompetitionRank(Array(b.values))
    for unit in p.units {
      guard let sa = a[unit], let sb = b[unit] else { continue }
      // The unit itself is in each field, never greater than its own score there.
      let rankFrom = fieldA.rank(of: sa)
      let rankTo = fieldB.rank(of: sb)
      // Own move: this year's score among last year's field (without the unit). Others' move:
      // last year's score among this year's field. Positive = up.
      let own = rankFrom - (fieldA.rank(of: sb) - (sa > sb ? 1 : 0))
      let others = rankFrom - (fieldB.rank(of: sa) - (sb > sa ? 1 : 0))
      let total = rankFrom - rankTo
      out.append([
        .text(unit), .float(sa), .float(sb), .float(sb - sa), .int(Int64(rankFrom)), .int(Int64(rankTo)),
        .int(Int64(total)), .int(Int64(own)), .int(Int64(others)), .int(Int64(total - own - others)),
      ])
    }
    return rowsTable(
      [shape.unitName, "score_from", "score_to", "score_change", "rank_from", "rank_to", "rank_change", "own_effect", "others_effect", "interaction"],
      [.text, .float, .float, .float, .int, .int, .int, .int, .int, .int], out)
  }
}
