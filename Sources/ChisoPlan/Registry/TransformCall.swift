import ChisoEngine
import ChisoSyntax

/// One use of a transform in a query, its arguments checked against the record's parameters:
/// arity, unknown and duplicated names, and the kind and range of every constant argument. An
/// implementation reads arguments through it and never sees an unvalidated one.
public struct TransformCall {
  public let resolver: Resolver
  public let spec: TransformSpec
  /// The relation piped in (an empty one for sources such as `from`).
  public var input: Relation
  public var context: TransformContext
  /// The whole step, and its name.
  public let span: Span
  public let headSpan: Span
  /// Positional arguments by parameter name.
  private let positional: [String: Expr]
  private let namedArguments: [String: NamedArg]
  /// Constant named arguments, evaluated and checked.
  private var constants: [String: Value] = [:]

  init(
    resolver: Resolver, spec: TransformSpec, input: Relation, context: TransformContext, args: [Expr],
    named: [NamedArg], span: Span, headSpan: Span
  ) throws {
    self.resolver = resolver
    self.spec = spec
    self.input = input
    self.context = context
    self.span = span
    self.headSpan = headSpan
    let params = spec.positional
    if args.count > params.count {
      throw Self.extraArgument(spec, args, params.count)
    }
    if let missing = params.dropFirst(args.count).first(where: \.required) {
      throw Diagnostic(
        .missingArgument, "`\(spec.name)` needs \(missing.summary)", span: span,
        hints: ["\(spec.signature)", "e.g. `\(spec.example)`"])
    }
    var positional: [String: Expr] = [:]
    for (param, arg) in zip(params, args) { positional[param.name] = arg }
    self.positional = positional
    try Self.rejectDuplicates(named, source: resolver.source)
    var seen: [String: NamedArg] = [:]
    let allowed = spec.named.map(\.name)
    for arg in named {
      guard allowed.contains(arg.name) else {
        throw Diagnostic(
          .unknownArgument, "`\(spec.name)` has no argument `\(arg.name)`", span: arg.span,
          label: Diagnostic.suggestion(for: arg.name, among: allowed),
          hints: [allowed.isEmpty ? "`\(spec.name)` takes no named arguments" : "\(spec.name) takes " + allowed.map { "`\($0):`" }.joined(separator: ", ")])
      }
      seen[arg.name] = arg
    }
    namedArguments = seen
    for param in spec.named {
      guard let arg = seen[param.name] else {
        if param.required {
          throw Diagnostic(.missingArgument, "`\(spec.name)` needs `\(param.name):` (\(param.summary))", span: span, hints: [spec.signature])
        }
        continue
      }
      if let value = try Self.checked(arg, param, resolver: resolver, verb: spec.name) { constants[param.name] = value }
    }
  }

  /// A named argument given twice is an error (never "the first wins"), for transforms, verbs
  /// and user functions alike.
  public static func rejectDuplicates(_ named: [NamedArg], source: SourceFile) throws {
    var seen: [String: NamedArg] = [:]
    for arg in named {
      if let first = seen[arg.name] {
        let text = source.contains(first.span) ? "`\(Quote.clip(String(source.text(of: first.span)), limit: 40))`" : "the first"
        throw Diagnostic(
          .duplicateArgument, "`\(arg.name):` is given twice", span: arg.span,
          label: "given again here", hints: ["keep one: \(text) or this one"])
      }
      seen[arg.name] = arg
    }
  }

  static func extraArgument(_ spec: TransformSpec, _ args: [Expr], _ n: Int) -> Diagnostic {
    var hints: [String] = []
    if n == 1, spec.positional.first?.kind == .expr {
      hints.append("to pass several items, put them in a tuple: `\(spec.name) {a, b}`")
    }
    if n > 0, let alias = args[n - 1].alias, case .ident(let p) = args[n - 1].kind {
      let f = p.joined(separator: ".")
      hints = ["to call `\(f)`, wrap the call in parentheses: `\(spec.name) \(alias) = (\(f) …)`"]
    }
    if hints.isEmpty { hints.append(spec.signature) }
    return Diagnostic(
      .extraArgument, "`\(spec.name)` takes \(n) argument\(n == 1 ? "" : "s"), got \(args.count)", span: args[n].span,
      label: "unexpected argument", hints: hints)
  }

  /// The value of a constant named argument, checked against its declared kind and range.
  static func checked(_ arg: NamedArg, _ param: Parameter, resolver: Resolver, verb: String) throws -> Value? {
    func fail(_ what: String) -> Diagnostic {
      Diagnostic(.badArgument, "`\(param.name):` takes \(what)", span: arg.value.span, hints: ["\(param.name): \(param.summary)"])
    }
    switch param.kind {
    case .expr, .relation, .pipeline, .columns, .range:
      return nil
    case .name:
      switch arg.value.kind {
      case .ident(let path): return .text(path.joined(separator: "."))
      case .literal(.string(let s)): return .text(s)
      default: throw fail("a name, e.g. `\(param.name):score`")
      }
    case .choice(let options):
      guard case .ident(let path) = arg.value.kind else { throw fail(options.joined(separator: ", ")) }
      let word = path.joined(separator: ".")
      guard options.contains(word) else {
        throw Diagnostic(
          .badArgument, "`\(param.name):` takes \(Self.orList(options.map { "`\($0)`" })), not `\(word)`", span: arg.value.span,
          label: Diagnostic.suggestion(for: word, among: options), hints: ["\(param.name): \(param.summary)"])
      }
      return .text(word)
    case .bool:
      if case .ident = arg.value.kind { throw fail("`true` or `false`, not a column or function") }
      guard case .bool(let b) = try resolver.constant(arg.value) else { throw fail("`true` or `false`") }
      return .bool(b)
    case .text:
      guard case .text(let s) = try resolver.constant(arg.value) else { throw fail("a text in quotes") }
      return .text(s)
    case .constant:
      return try resolver.constant(arg.value)
    case .int(let range):
      guard case .int(let v) = try resolver.constant(arg.value) else { throw fail("a whole number") }
      if let range, !range.contains(v) {
        throw Diagnostic(
          .outOfRange, "`\(param.name):` must be \(Self.describe(range)), got \(v)", span: arg.value.span,
          hints: ["\(param.name): \(param.summary)"])
      }
      return .int(v)
    case .float(let range):
      let value = try resolver.constant(arg.value)
      guard let v = value.asDouble else { throw fail("a number") }
      guard v.isFinite else { throw fail("a finite number") }
      if let range, !range.contains(v) {
        let allowed = range.upperBound == .greatestFiniteMagnitude
          ? "at least \(plain(range.lowerBound))" : "between \(plain(range.lowerBound)) and \(plain(range.upperBound))"
        throw Diagnostic(
          .outOfRange, "`\(param.name):` must be \(allowed), got \(plain(v))",
          span: arg.value.span, hints: ["\(param.name): \(param.summary)"])
      }
      return .float(v)
    }
  }

  /// `1` for 1.0, `0.25` for 0.25: numbers in messages as people write them.
  static func plain(_ d: Double) -> String {
    d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : FloatFormat.shortest(d)
  }

  static func describe(_ range: ClosedRange<Int64>) -> String {
    if range.upperBound == .max { return "at least \(range.lowerBound)" }
    if range.lowerBound == .min { return "at most \(range.upperBound)" }
    return "between \(range.lowerBound) and \(range.upperBound)"
  }

  /// `a`, `a or b`, `a, b or c`.
  static func orList(_ items: [String]) -> String {
    guard items.count > 1, let last = items.last else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " or " + last
  }

  // MARK: - Reading arguments

  /// A positional argument by its parameter name.
  public func arg(_ name: String) -> Expr? { positional[name] }

  /// A required positional argument (its presence was checked).
  public func required(_ name: String) throws -> Expr {
    guard let e = positional[name] else {
      throw Diagnostic(.missingArgument, "`\(spec.name)` needs `\(name)`", span: span, hints: [spec.signature])
    }
    return e
  }

  public func named(_ name: String) -> NamedArg? { namedArguments[name] }

  public func int(_ name: String) -> Int64? { if case .int(let v) = constants[name] { return v } else { return nil } }

  public func double(_ name: String) -> Double? { constants[name]?.asDouble }

  public func bool(_ name: String) -> Bool? { if case .bool(let v) = constants[name] { return v } else { return nil } }

  /// A `.name`, `.choice` or `.text` argument.
  public func text(_ name: String) -> String? { if case .text(let v) = constants[name] { return v } else { return nil } }

  public func constant(_ name: String) -> Value? { constants[name] }

  /// Where an argument is, or the step.
  public func span(of name: String) -> Span {
    positional[name]?.span ?? namedArguments[name]?.value.span ?? span
  }
}
