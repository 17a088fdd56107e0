import ChisoEngine
import ChisoPlan
import ChisoSyntax

extension IndexVerbs {
  /// `ranked score by:{year, component}`: competition ranks, highest = 1, nulls unranked.
  static let ranked = TransformSpec(
    "ranked", kind: .verb,
    parameters: [
      .positional("value", .columns, "the column to rank by"),
      .named("by", .columns, "the groups to rank within: `by:{year, component}`"),
      .named("dense", .bool, default: "false", "dense ranks (1, 2, 2, 3) instead of competition ranks (1, 2, 2, 4)"),
      .named("ascending", .bool, default: "false", "rank the lowest first"),
      .named("as", .name, default: "rank", "the name of the rank column"),
    ],
    summary: "Adds publisher-style ranks: highest = 1, ties share a rank and the next skips; nulls get no rank.",
    example: "from pci | filter component == \"total\" | ranked score by:{year}",
    docAnchor: "docs/language.md#ranked--ranks-as-publishers-rank"
  ) { call in
    let r = call.resolver
    let valueArg = try call.required("value")
    guard case .ident(let path) = valueArg.kind else {
      throw Diagnostic(.argumentCount, "`ranked` takes the column to rank by: `ranked score by:{year, component}`", span: call.span)
    }
    _ = try r.columnReferences(valueArg, call.input)
    var keys: [Expr] = []
    if let by = call.named("by") {
      for item in r.items(by.value) {
        guard case .ident = item.kind else { throw Diagnostic(.badArgument, "`by:` takes column names", span: item.span) }
        _ = try r.columnReferences(item, call.input)
        keys.append(item)
      }
    }
    let s = SyntaxBuilder(span: call.span)
    let value = s.ident(path: path)
    let function = call.bool("dense") == true ? "rank_dense" : "rank"
    let order = call.bool("ascending") == true ? value : s.neg(value)
    let steps = [
      s.call("sort", [s.tuple([order])]),
      s.call("derive", [s.tuple([s.named(s.caseOf([(s.binary(.eq, value, s.null), s.null), (s.true, s.call(function, [value]))]), call.text("as") ?? "rank")])]),
    ]
    let step = keys.isEmpty ? s.pipeline(steps) : s.call("group", [s.tuple(keys), s.pipeline(steps)])
    var ctx = call.context
    var out = call.input
    for st in (keys.isEmpty ? steps : [step]) { out = try r.apply(st, to: out, context: &ctx) }
    return out
  }
}
