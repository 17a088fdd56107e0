import ChisoEngine
import ChisoPlan
import ChisoSyntax

extension IndexVerbs {
  /// `rank_audit decimals:2`: ranks from full-precision scores against ranks from scores rounded
  /// as published, with the gaps to the neighbours (near-ties).
  static let rankAudit = TransformSpec(
    "rank_audit", kind: .verb,
    parameters: shapeParameters + [
      indexParameter, .named("decimals", .int(0...15), default: "2", "the decimals scores are published with"),
    ],
    summary: "Ranks from full-precision scores against ranks from published (rounded) scores, with the gaps to the neighbours.",
    example: "from pci | filter year == 2016 | rank_audit",
    docAnchor: "docs/language.md#trust-checks-rank_audit-robustness-methodology-breaks"
  ) { call in
    let shape = try IndexShape.resolve(call, needComponent: false)
    let composite = try manifest(call)?.compositeID ?? "total"
    let op = RankAuditOperation(shape: shape, composite: composite, decimals: Int(call.int("decimals") ?? 2))
    return operation(op, call, output: [
      OutputColumn(name: shape.unitName, type: .text, nullable: false, copyOf: shape.unit),
      OutputColumn(name: "year", type: .int, nullable: false), OutputColumn(name: "score", type: .float, nullable: false),
      OutputColumn(name: "score_published", type: .float, nullable: false),
      OutputColumn(name: "rank_full", type: .int, nullable: false), OutputColumn(name: "rank_rounded", type: .int, nullable: false),
      OutputColumn(name: "ranks_differ", type: .bool, nullable: false),
      OutputColumn(name: "gap_above", type: .float), OutputColumn(name: "gap_below", type: .float),
    ])
  }
}

struct RankAuditOperation: TableOperation {
  var shape: IndexShape
  var composite: String
  var decimals: Int

  var name: String { "rank_audit" }
  var parameters: [(String, String)] { [("composite", composite), ("decimals", "\(decimals)")] }

  func execute(_ inputs: [Table]) throws(ExecutionError) -> Table {
    let p = try Panel(inputs[0], shape)
    let scale = Math.pow(10, Double(decimals))
    var out: [[Value]] = []
    for year in p.years {
      var field: [(String, Double)] = []
      for unit in p.units { if let v = p.values[unit]?[year]?[composite] { field.append((unit, v)) } }
      let full = field.map(\.1)
      let rounded = full.map { ($0 * scale).rounded(.toNearestOrAwayFromZero) / scale }
      // Ranks and neighbours by binary search in the sorted fields (CompetitionRank).
      let fullField = CompetitionRank(full)
      let roundedField = CompetitionRank(rounded)
      for (i, (unit, v)) in field.enumerated() {
        let rf = fullField.rank(of: v)
        let rr = roundedField.rank(of: rounded[i])
        let (up, down) = fullField.neighbours(of: v)
        let above = up.map { $0 - v }
        let below = down.map { v - $0 }
        out.append([
          .text(unit), .int(Int64(year)), .float(v), .float(rounded[i]), .int(Int64(rf)), .int(Int64(rr)),
          .bool(rf != rr), above.map { .float($0) } ?? .null, below.map { .float($0) } ?? .null,
        ])
      }
    }
    return rowsTable(
      [shape.unitName, "year", "score", "score_published", "rank_full", "rank_rounded", "ranks_differ", "gap_above", "gap_below"],
      [.text, .int, .float, .float, .int, .int, .bool, .float, .float], out)
  }
}
