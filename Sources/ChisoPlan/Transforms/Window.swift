import ChisoEngine
import ChisoSyntax

extension CoreTransforms {
  static let window = TransformSpec(
    "window",
    parameters: [
      .positional("pipeline", .pipeline, "a pipeline: `window rolling:3 (derive {avg3 = average score})`"),
      .named("rows", .range, "a frame of rows around the current one: `-2..0`"),
      .named("range", .range, "a frame of values of the sort key around the current one"),
      .named("expanding", .bool, default: "false", "from the first row to the current one"),
      .named("rolling", .int(1...Int64.max), "the last n rows"),
    ],
    summary: "Sets the frame for aggregates in the steps inside: running sums, rolling means.",
    example: "from pci | filter component == \"total\" | group {province} (sort year | window rolling:3 (derive {avg3 = average score}))"
  ) { call in
    let r = call.resolver
    var ctx = call.context
    func bounds(_ name: String) throws -> (Int64?, Int64?)? {
      guard let arg = call.named(name) else { return nil }
      guard case .range(let low, let high) = arg.value.kind else {
        throw Diagnostic(.badArgument, "`\(name):` takes a range such as `-2..0`", span: arg.value.span)
      }
      func value(_ e: Expr?) throws -> Int64? {
        guard let e else { return nil }
        guard case .int(let v) = try r.constant(e) else {
          throw Diagnostic(.typeMismatch, "window bounds are whole numbers", span: e.span)
        }
        return v
      }
      return (try value(low), try value(high))
    }
    if let (s, e) = try bounds("rows") { ctx.frame = WindowFrame(kind: .rows, start: s, end: e) }
    if let (s, e) = try bounds("range") { ctx.frame = WindowFrame(kind: .range, start: s, end: e) }
    if call.bool("expanding") == true { ctx.frame = WindowFrame(kind: .rows, start: nil, end: 0) }
    if let n = call.int("rolling") { ctx.frame = WindowFrame(kind: .rows, start: -(n - 1), end: 0) }
    var working = call.input
    for step in r.steps(try call.required("pipeline")) { working = try r.apply(step, to: working, context: &ctx) }
    return working
  }
}
