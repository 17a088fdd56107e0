import ChisoEngine
import ChisoPlan
import ChisoSyntax

extension IndexVerbs {
  /// `bands`: the manifest's band for each score, by its share of the maximum.
  static let bands = TransformSpec(
    "bands", kind: .verb,
    parameters: [
      indexParameter,
      .named("value", .name, default: "score", "the score column"),
      .named("max", .float(0...Double.greatestFiniteMagnitude), "the maximum score (default: the manifest's)"),
    ],
    summary: "The manifest's band (group) for each score, by its share of the maximum; adds `pct_of_max` and `band`.",
    example: "from [{province = \"Lạng Sơn\", score = 80.33}] | bands index:par_index",
    docAnchor: "docs/language.md#bands"
  ) { call in
    guard let manifest = try manifest(call) else {
      throw Diagnostic(.noManifest, "`bands` needs an index manifest: name it with `index:par_index`", span: call.span)
    }
    let columns = call.input.visibleColumns
    let value = call.text("value") ?? (columns.contains { $0.name == "score" } ? "score" : "value")
    guard let maximum = call.double("max") ?? manifest.compositeMax, maximum > 0 else {
      throw Diagnostic(.noScale, "the \(manifest.id) manifest gives no maximum score; pass `max:`", span: call.span)
    }
    let defined = manifest.bands.filter { $0.minPercent != nil || $0.maxPercent != nil }
    guard !defined.isEmpty else {
      throw Diagnostic(
        .noBandThresholds, "the \(manifest.id) manifest names its bands but gives no thresholds", span: call.span,
        hints: ["bands: " + manifest.bands.map { $0.nameVI ?? $0.id }.joined(separator: ", "), "the shared sources do not publish the cut-offs"])
    }
    let s = SyntaxBuilder(span: call.span)
    let pct = s.ident("_pct")
    var arms: [(Expr, Expr)] = []
    for band in defined {
      var conditions: [Expr] = []
      if let lo = band.minPercent { conditions.append(s.binary(band.minInclusive ? .ge : .gt, pct, s.float(lo))) }
      if let hi = band.maxPercent { conditions.append(s.binary(band.maxInclusive ? .le : .lt, pct, s.float(hi))) }
      arms.append((s.and(conditions), s.text(band.nameVI ?? band.id)))
    }
    let steps = [
      s.call("derive", [s.tuple([s.named(s.binary(.mul, s.binary(.div, s.ident(value), s.float(maximum)), s.int(100)), "_pct")])]),
      s.call("derive", [s.tuple([
        s.named(s.pipeline([pct, s.call("math.round", [s.int(2)])]), "pct_of_max"),
        s.named(s.caseOf(arms), "band"),
      ])]),
      s.call("select", [Expr(.unary(.not, s.tuple([pct])), call.span)]),
    ]
    var ctx = call.context
    var out = call.input
    for step in steps { out = try call.resolver.apply(step, to: out, context: &ctx) }
    return out
  }
}
