/// `.help NAME`: what a transform, index verb or function is, from its registry record — the
/// signature, the summary, each parameter, an example that runs on the bundled data, and where
/// the reference says more.
public enum HelpText {
  /// The help for `name`, or nil when no record has that name.
  public static func describe(_ name: String, registry: TransformRegistry) -> String? {
    if let spec = registry[name] { return transform(spec) }
    if let f = FunctionRegistry.byName[name] {
      return entry(f.signature, kind: "function", summary: f.summary, parameters: [], example: f.example, docs: f.docAnchor)
    }
    if let f = FunctionRegistry.aggregatesByName[name] {
      return entry(f.signature, kind: "aggregate function", summary: f.summary, parameters: [], example: f.example, docs: f.docAnchor)
    }
    if let f = FunctionRegistry.windowsByName[name] {
      return entry(f.signature, kind: "window function", summary: f.summary, parameters: [], example: f.example, docs: f.docAnchor)
    }
    return nil
  }

  /// Every name `.help` knows, for completion and "did you mean".
  public static func names(registry: TransformRegistry) -> [String] {
    registry.allNames + FunctionRegistry.scalars.map(\.name).filter { !$0.hasPrefix("std.") }
      + FunctionRegistry.aggregateFunctions.map(\.name) + FunctionRegistry.windowFunctions.map(\.name)
  }

  static func transform(_ spec: TransformSpec) -> String {
    let kind: String
    switch spec.kind {
    case .source: kind = "starts a pipeline"
    case .transform: kind = "transform"
    case .verb: kind = "index verb"
    }
    let parameters = spec.parameters.map { p -> (String, String) in
      let name = p.positional ? p.name.uppercased() : p.name + ":"
      var text = p.summary
      if let d = p.defaultText { text += " (default \(d))" }
      if p.required, !p.positional { text += " (required)" }
      return (name, text)
    }
    return entry(spec.signature, kind: kind, summary: spec.summary, parameters: parameters, example: spec.example, docs: spec.docAnchor)
  }

  static func entry(_ signature: String, kind: String, summary: String, parameters: [(String, String)], example: String, docs: String) -> String {
    var out = "\(signature)   — \(kind)\n  \(summary)\n"
    if !parameters.isEmpty {
      let width = parameters.map(\.0.count).max() ?? 0
      out += "\n"
      for (name, text) in parameters {
        out += "  " + name + String(repeating: " ", count: width - name.count + 2) + text + "\n"
      }
    }
    out += "\n  example: \(example)\n  more: \(docs)\n"
    return out
  }
}
