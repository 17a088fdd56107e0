import ChisoEngine
import ChisoSyntax

/// Where a window function is called: its arguments, the scope they bind in (row-wise), the
/// current order, and the call's span.
public struct WindowCallSite {
  public let resolver: Resolver
  public let args: [Expr]
  public let scope: ExprScope
  public let order: [SortKey]
  public let span: Span
}

/// One window function: a record with its help text and how its call binds.
public struct WindowFunctionSpec: Sendable {
  public var name: String
  public var parameters: [String]
  public var summary: String
  public var example: String
  public var bind: @Sendable (WindowCallSite) throws -> WindowExpr

  public init(
    _ name: String, parameters: [String], summary: String, example: String,
    bind: @escaping @Sendable (WindowCallSite) throws -> WindowExpr
  ) {
    self.name = name
    self.parameters = parameters
    self.summary = summary
    self.example = example
    self.bind = bind
  }

  public var signature: String { ([name] + parameters).joined(separator: " ") }
  public var docAnchor: String { "docs/language.md#window-functions" }
}

extension FunctionRegistry {
  public static let windowFunctions: [WindowFunctionSpec] = [
    rankLike("row_number", .rowNumber, "1, 2, 3… in the current sort order."),
    rankLike("rank", .rank, "Competition rank in the current sort order: ties share a rank, the next skips (1, 2, 2, 4)."),
    rankLike("rank_dense", .denseRank, "Dense rank: ties share a rank, the next does not skip (1, 2, 2, 3)."),
    shift("lag", "`lag n x`: x from n rows before (null at the start)."),
    shift("lead", "`lead n x`: x from n rows after (null at the end)."),
    edge("first", "The first value of the window (in `aggregate`: of the group)."),
    edge("last", "The last value of the window (in `aggregate`: of the group)."),
  ]

  /// As PRQL compiles them, these use SQL's default frame, not the `window` frame.
  static func defaultFrame(_ order: [SortKey]) -> WindowFrame { order.isEmpty ? .whole : .toCurrentPeers }

  static func rankLike(_ name: String, _ function: WindowFunction, _ summary: String) -> WindowFunctionSpec {
    WindowFunctionSpec(
      name, parameters: ["column"], summary: summary,
      example: "from pci | filter component == \"total\" | group {year} (sort {-score} | derive {r = \(name) score})"
    ) { site in
      guard site.args.count <= 1 else {
        throw Diagnostic(.argumentCount, "`\(name)` takes one argument (`this` or a column)", span: site.span)
      }
      if function != .rowNumber, site.order.isEmpty {
        throw Diagnostic(
          .unorderedRank, "`\(name)` needs an order: `sort` first", span: site.span,
          hints: ["e.g. `group {year} (sort {-score} | derive r = rank score)`"])
      }
      return WindowExpr(function: function, argument: nil, frame: defaultFrame(site.order), type: .int, span: site.span)
    }
  }

  static func shift(_ name: String, _ summary: String) -> WindowFunctionSpec {
    WindowFunctionSpec(
      name, parameters: ["offset", "column"], summary: summary,
      example: "from pci | filter component == \"total\" | group {province} (sort year | derive {prev = \(name) 1 score})"
    ) { site in
      guard site.args.count == 2 else {
        throw Diagnostic(.argumentCount, "`\(name)` takes an offset then a column: `\(name) 1 score`", span: site.span)
      }
      guard case .int(let k) = try site.resolver.constant(site.args[0]), k >= 0 else {
        throw Diagnostic(.badArgument, "the offset of `\(name)` must be a whole number ≥ 0", span: site.args[0].span)
      }
      // An offset past any partition's size means the same as the largest such one; clamping it
      // keeps the kernels' `row + offset` arithmetic far from overflow (`lead 9223372036854775807`).
      let offset = Int(min(k, Int64(Int32.max)))
      let argument = try site.resolver.bind(site.args[1], site.scope)
      return WindowExpr(
        function: name == "lag" ? .lag(offset) : .lead(offset), argument: argument, frame: defaultFrame(site.order),
        type: argument.type, span: site.span)
    }
  }

  static func edge(_ name: String, _ summary: String) -> WindowFunctionSpec {
    WindowFunctionSpec(
      name, parameters: ["column"], summary: summary,
      example: "from pci | filter component == \"total\" | group {province} (sort year | derive {start = \(name) score})"
    ) { site in
      guard site.args.count == 1 else { throw Diagnostic(.argumentCount, "`\(name)` takes one column", span: site.span) }
      let argument = try site.resolver.bind(site.args[0], site.scope)
      return WindowExpr(
        function: name == "first" ? .first : .last, argument: argument, frame: defaultFrame(site.order), type: argument.type,
        span: site.span)
    }
  }
}
