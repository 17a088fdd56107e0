import ChisoEngine
import ChisoSyntax

extension CoreTransforms {
  static let take = TransformSpec(
    "take", parameters: [.positional("count", .expr, "a count or range: `take 10`, `take 3..5`")],
    summary: "The first n rows, or rows a..b (1-based, inclusive); per group inside `group`.",
    example: "from pci | filter year == 2016 && component == \"total\" | sort {-score} | take 3"
  ) { call in
    let r = call.resolver
    let arg = try call.required("count")
    func integer(_ e: Expr?) throws -> Int64? {
      guard let e else { return nil }
      guard case .int(let v) = try r.constant(e) else {
        throw Diagnostic(.typeMismatch, "`take` needs a whole number", span: e.span)
      }
      return v
    }
    var start = 0
    var end: Int? = nil
    if case .range(let low, let high) = arg.kind {
      // PRQL ranges are 1-based and inclusive: `take 3..5` keeps rows 3, 4 and 5. Bounds
      // outside the table mean its first or last row (so `take -9223372036854775808..3` is 1..3).
      let lo = try integer(low) ?? 1
      start = lo <= 1 ? 0 : Int(clamping: lo - 1)
      end = try integer(high).map { $0 < 0 ? 0 : Int(clamping: $0) }
    } else {
      guard let n = try integer(arg) else { return call.input }
      if n < 0 { throw Diagnostic(.badArgument, "`take` needs a count of at least 0", span: arg.span) }
      end = Int(clamping: n)
    }
    let rel = call.input
    return rel.adding(.take(rel.plan, partition: call.context.partition, start: start, end: end), schema: rel.columns, span: call.span)
  }
}
