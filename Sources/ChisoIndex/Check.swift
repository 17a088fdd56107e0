import ChisoEngine
import ChisoPlan
import ChisoSyntax

extension IndexVerbs {
  /// `check ANSWER [tolerance:0.001] [ordered:true]`: compares the pipeline's result with an
  /// answer relation and explains the difference, for "your turn" exercises in lessons.
  static let check = TransformSpec(
    "check", kind: .verb,
    parameters: [
      .positional("answer", .relation, "the answer relation"),
      .named("tolerance", .float(0...1), default: "0.000001", "relative difference allowed in numbers"),
      .named("ordered", .bool, default: "false", "whether the row order must match too"),
    ],
    summary: "Compares the result with an answer relation and explains the difference (for exercises).",
    example: "from pci | filter year == 2016 | take 1 | check (from pci | filter year == 2016 | take 1)",
    docAnchor: "docs/language.md#check--exercises"
  ) { call in
    let answer = try call.resolver.relation(try call.required("answer")).finish()
    let op = CheckOperation(tolerance: call.double("tolerance") ?? 1e-6, ordered: call.bool("ordered") == true)
    return operation(op, call, inputs: [call.input.finish(), answer], output: [
      OutputColumn(name: "correct", type: .bool, nullable: false), OutputColumn(name: "explanation", type: .text, nullable: false),
    ])
  }
}

struct CheckOperation: TableOperation {
  var tolerance: Double
  var ordered: Bool

  var name: String { "check" }
  var parameters: [(String, String)] { [("tolerance", FloatFormat.shortest(tolerance)), ("ordered", "\(ordered)")] }

  func execute(_ inputs: [Table]) throws(ExecutionError) -> Table {
    let verdict = Check.compare(attempt: inputs[0], answer: inputs[1], tolerance: tolerance, ordered: ordered)
    return rowsTable(["correct", "explanation"], [.bool, .text], [[.bool(verdict.0), .text(verdict.1)]])
  }
}

enum Check {
  static func compare(attempt: Table, answer: Table, tolerance: Double, ordered: Bool) -> (Bool, String) {
    let missing = answer.names.filter { !attempt.names.contains($0) }
    if !missing.isEmpty {
      return (false, "your result has no column " + missing.map { "`\($0)`" }.joined(separator: ", ") + "; it has " + attempt.names.joined(separator: ", "))
    }
    if attempt.rowCount != answer.rowCount {
      return (false, "your result has \(attempt.rowCount) rows, the answer \(answer.rowCount): check your `filter` and `take` steps")
    }
    // Align rows: in order, or by sorting both on every answer column.
    func rowsInOrder(_ t: Table) -> [Int] {
      if ordered { return Array(0..<t.rowCount) }
      let keys = answer.names.compactMap { t.index(of: $0) }.map { SortColumn(t.columns[$0]) }
      return RowOrder(keys).sortedRows(Array(0..<t.rowCount))
    }
    let a = rowsInOrder(attempt)
    let b = rowsInOrder(answer)
    for name in answer.names {
      guard let i = attempt.index(of: name), let j = answer.index(of: name) else { continue }
      var mismatches = 0
      var maxGap = 0.0
      var example = ""
      var multiples = Set<Int>()
      var allMultiples = true
      for (ra, rb) in zip(a, b) {
        let x = attempt.columns[i].value(at: ra)
        let y = answer.columns[j].value(at: rb)
        if let dx = x.asDouble, let dy = y.asDouble {
          let ratio = dy == 0 ? 0 : dx / dy
          if ratio >= 2, ratio == ratio.rounded() { multiples.insert(Int(ratio)) } else { allMultiples = false }
          let gap = abs(dx - dy)
          if gap > tolerance * max(1, abs(dy)) {
            mismatches += 1
            maxGap = max(maxGap, gap)
            if example.isEmpty { example = "\(x) where the answer has \(y)" }
          }
        } else if x != y {
          mismatches += 1
          if example.isEmpty { example = "\(x) where the answer has \(y)" }
        }
      }
      if mismatches > 0 {
        var text = "`\(name)` differs in \(mismatches) row\(mismatches == 1 ? "" : "s") (e.g. \(example))"
        if name.contains("rank"), isDense(attempt.columns[i], ordering: a), !isDense(answer.columns[j], ordering: b) {
          text += ". Your ranks are dense (1, 2, 2, 3); publishers such as VCCI use competition ranks (1, 2, 2, 4): use `rank`, not `rank_dense`"
        } else if allMultiples, !multiples.isEmpty {
          text += ". Every value is a whole multiple of the answer's (×\(multiples.sorted().map(String.init).joined(separator: ", ×"))): are rows counted several times — once per component? Filter first, e.g. `component == \"total\"`"
        } else if maxGap > 0, maxGap < 0.01 {
          text += ". The gap is tiny (at most \(FloatFormat.shortest(maxGap))): did you round too early?"
        }
        return (false, text)
      }
    }
    return (true, answer.rowCount == 1 ? "correct: 1 row matches the answer" : "correct: \(answer.rowCount) rows match the answer")
  }

  /// Whether a column of ranks has no gaps (1, 2, 2, 3…).
  static func isDense(_ column: Column, ordering: [Int]) -> Bool {
    let values = Set(ordering.compactMap { column.value(at: $0).asDouble.map { Int($0) } })
    guard let top = values.max(), values.count < ordering.count else { return false }
    return values.count == top
  }
}
