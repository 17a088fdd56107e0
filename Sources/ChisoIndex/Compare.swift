import ChisoEngine
import ChisoPlan
import ChisoSyntax

extension IndexVerbs {
  static let yearParameters: [Parameter] = [
    .positional("from", .expr, required: false, "the first year: `compare 2015 2016`"),
    .positional("to", .expr, required: false, "the second year"),
  ]

  /// The two years of `compare 2015 2016`-style verbs.
  static func years(_ call: TransformCall) throws -> (Int, Int) {
    func year(_ name: String) throws -> Int {
      guard let e = call.arg(name) else {
        throw Diagnostic(
          .missingArgument, "`\(call.spec.name)` needs two years: `\(call.spec.name) 2015 2016`", span: call.span,
          hints: [call.spec.signature])
      }
      guard case .int(let y) = try call.resolver.constant(e), let v = Int(exactly: y), (1000...9999).contains(v) else {
        throw Diagnostic(.typeMismatch, "a year is a whole number such as 2019", span: e.span)
      }
      return v
    }
    return (try year("from"), try year("to"))
  }

  /// `compare 2015 2016` / `compare consecutive:true`: per unit and component, both scores, both
  /// ranks (among all units in the relation that year) and the changes; rank_change > 0 = moved up.
  static let compare = TransformSpec(
    "compare", kind: .verb,
    parameters: yearParameters + shapeParameters + [
      .named("consecutive", .bool, default: "false", "every pair of consecutive years instead of two given ones")
    ],
    summary: "Two years side by side per unit and component: scores, ranks and their changes (rank_change > 0 = moved up).",
    example: "from pci | filter component == \"total\" | compare 2015 2016",
    docAnchor: "docs/language.md#compare--two-periods"
  ) { call in
    let shape = try IndexShape.resolve(call, needComponent: false)
    let consecutive = call.bool("consecutive") == true
    let s = SyntaxBuilder(span: call.span)
    let (u, y, v) = (shape.unitName, shape.yearName, shape.valueName)
    let groupKeys = [s.ident(y)] + (shape.componentName.map { [s.ident($0)] } ?? [])
    let value = s.ident(v)
    let rankStep = s.call("group", [
      s.tuple(groupKeys),
      s.pipeline([
        s.call("sort", [s.tuple([s.neg(value)])]),
        s.call("derive", [s.tuple([s.named(s.caseOf([(s.binary(.eq, value, s.null), s.null), (s.true, s.call("rank", [value]))]), "_rank")])]),
      ]),
    ])
    var condition = [s.binary(.eq, s.ident("this", u), s.ident("that", u))]
    if let c = shape.componentName { condition.append(s.binary(.eq, s.ident("this", c), s.ident("that", c))) }
    func side(_ alias: String, year: Int?) -> Expr {
      var steps = [s.call("from", [s.ident("_input")]), rankStep]
      if let year { steps.append(s.call("filter", [s.binary(.eq, s.ident(y), s.int(year))])) }
      return s.named(s.pipeline(steps), alias)
    }
    var items: [Expr] = []
    let query: Expr
    if consecutive {
      items.append(s.named(s.ident("a", u), u))
      if let c = shape.componentName { items.append(s.named(s.ident("a", c), c)) }
      items += [s.named(s.ident("a", y), "year_from"), s.named(s.ident("b", y), "year_to")]
      condition.append(s.binary(.eq, s.binary(.add, s.ident("this", y), s.int(1)), s.ident("that", y)))
      query = s.pipeline([
        s.call("from", [side("a", year: nil)]),
        s.call("join", [side("b", year: nil), s.and(condition)]),
        s.call("select", [s.tuple(items + changes(s, v))]),
      ])
    } else {
      let (from, to) = try years(call)
      items.append(s.named(s.binary(.coalesce, s.ident("a", u), s.ident("b", u)), u))
      if let c = shape.componentName { items.append(s.named(s.binary(.coalesce, s.ident("a", c), s.ident("b", c)), c)) }
      items += [s.named(s.int(from), "year_from"), s.named(s.int(to), "year_to")]
      query = s.pipeline([
        s.call("from", [side("a", year: from)]),
        s.call("join", [side("b", year: to), s.and(condition)], named: [("side", s.ident("full"))]),
        s.call("select", [s.tuple(items + changes(s, v))]),
      ])
    }
    return try call.resolver.withBindings(["_input": .relation(call.input)]) { try call.resolver.relation(query) }
  }

  static func changes(_ s: SyntaxBuilder, _ v: String) -> [Expr] {
    [
      s.named(s.ident("a", v), "score_from"), s.named(s.ident("b", v), "score_to"),
      s.named(s.binary(.sub, s.ident("b", v), s.ident("a", v)), "score_change"),
      s.named(s.ident("a", "_rank"), "rank_from"), s.named(s.ident("b", "_rank"), "rank_to"),
      s.named(s.binary(.sub, s.ident("a", "_rank"), s.ident("b", "_rank")), "rank_change"),
    ]
  }
}
