import ChisoCore
import ChisoEngine
import ChisoSyntax
import Foundation

/// Draws a `Plan` as a tree, the output first and the tables it reads at the leaves:
///
/// ```
/// result: year int, gso_code text, province text, component text, score float
/// take 3
/// └─ sort -score
///    └─ filter year == 2016
///       └─ scan pci
/// ```
///
/// Inner plan nodes carry positions, not names, so names are worked out bottom-up: a table's
/// columns from the catalog, `name = …` from the query text at each expression's span, and
/// `#3` where nothing better is known.
public struct PlanPrinter {
  let source: SourceFile?
  let tableColumns: (String) -> [String]?

  public init(source: SourceFile? = nil, tableColumns: @escaping (String) -> [String]? = { _ in nil }) {
    self.source = source
    self.tableColumns = tableColumns
  }

  /// The plan drawn as text, ending with a newline.
  public static func render(_ plan: Plan, source: SourceFile? = nil, catalog: Catalog? = nil) -> String {
    let printer = PlanPrinter(source: source) { name in
      guard let catalog, let table = try? catalog.table(name) else { return nil }
      return table.names
    }
    return printer.render(plan)
  }

  public func render(_ plan: Plan) -> String {
    var lines: [String] = []
    let columns = plan.columns.map { "\($0.name) \($0.type)" }.joined(separator: ", ")
    lines.append("result: " + (columns.isEmpty ? "(no columns)" : columns))
    draw(plan, loop: [], prefix: "", childPrefix: "", into: &lines)
    return lines.joined(separator: "\n") + "\n"
  }

  private func draw(_ plan: Plan, loop: [String], prefix: String, childPrefix: String, into lines: inout [String]) {
    // A projection that keeps every column as it is (the resolver's final naming) says nothing.
    if case .project(let input, let items) = plan.node, names(plan, loop: loop) == names(input, loop: loop),
      items.count == names(input, loop: loop).count,
      items.enumerated().allSatisfy({ offset, item in
        if case .column(let index) = item.kind { return index == offset }
        return false
      })
    {
      draw(input, loop: loop, prefix: prefix, childPrefix: childPrefix, into: &lines)
      return
    }
    let (label, children) = describe(plan, loop: loop)
    lines.append(prefix + label)
    for (index, child) in children.enumerated() {
      let last = index == children.count - 1
      let branch = childPrefix + (last ? "└─ " : "├─ ") + (child.role.map { $0 + ": " } ?? "")
      draw(child.plan, loop: child.loop, prefix: branch, childPrefix: childPrefix + (last ? "   " : "│  "), into: &lines)
    }
  }

  struct Child {
    var role: String?
    var plan: Plan
    var loop: [String]
  }

  // MARK: - Names

  /// The output column names of a node (`loop` names the rows of an enclosing `loop`).
  func names(_ plan: Plan, loop: [String]) -> [String] {
    if !plan.columns.isEmpty { return plan.columns.map(\.name) }
    switch plan.node {
    case .scan(let name): return tableColumns(name) ?? []
    case .values(let table): return table.names
    case .readFile: return []
    case .loopInput: return loop
    case .filter(let input, _), .sort(let input, _), .take(let input, _, _, _, _):
      return names(input, loop: loop)
    case .derive(let input, let items):
      var all = names(input, loop: loop)
      for item in items { all.append(alias(item.span) ?? "#\(all.count)") }
      return all
    case .project(let input, let items):
      let base = names(input, loop: loop)
      return items.enumerated().map { offset, item in
        if case .column(let index) = item.kind, base.indices.contains(index) { return alias(item.span) ?? base[index] }
        return alias(item.span) ?? "#\(offset)"
      }
    case .aggregate(let input, let keys, let aggregates):
      let base = names(input, loop: loop)
      var all = keys.map { key -> String in
        if case .column(let index) = key.kind, base.indices.contains(index) { return base[index] }
        return alias(key.span) ?? expr(key, base)
      }
      for call in aggregates { all.append(alias(call.span) ?? "#\(all.count)") }
      return all
    case .window(let input, _, _, let calls):
      var all = names(input, loop: loop)
      for call in calls { all.append(alias(call.span) ?? "#\(all.count)") }
      return all
    case .join(let left, let right, _, _, _, _):
      return names(left, loop: loop) + names(right, loop: loop)
    case .append(let top, _, _): return names(top, loop: loop)
    case .semiJoin(let left, _, _): return names(left, loop: loop)
    case .loop(let initial, _): return names(initial, loop: loop)
    }
  }

  /// `name` in `name = expression`, read from the query text before the expression's span.
  func alias(_ span: Span) -> String? {
    guard let source, span.start > 0 else { return nil }
    let bytes = Array(source.text.utf8)
    guard span.start <= bytes.count else { return nil }
    var i = span.start - 1
    while i >= 0, bytes[i] == 32 || bytes[i] == 9 || bytes[i] == 10 || bytes[i] == 13 { i -= 1 }
    guard i >= 1, bytes[i] == UInt8(ascii: "=") else { return nil }
    let before = bytes[i - 1]
    guard ![UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "~")].contains(before)
    else { return nil }
    i -= 1
    while i >= 0, bytes[i] == 32 || bytes[i] == 9 { i -= 1 }
    guard i >= 0 else { return nil }
    let end = i + 1
    if bytes[i] == UInt8(ascii: "`") {
      var j = i - 1
      while j >= 0, bytes[j] != UInt8(ascii: "`") { j -= 1 }
      guard j >= 0 else { return nil }
      return String(decoding: bytes[(j + 1)..<i], as: UTF8.self)
    }
    while i >= 0, Scanner.isIdentContinue(bytes[i]) { i -= 1 }
    guard i + 1 < end, Scanner.isIdentStart(bytes[i + 1]) else { return nil }
    return String(decoding: bytes[(i + 1)..<end], as: UTF8.self)
  }

  // MARK: - Nodes

  /// A node's one-line description and its inputs.
  func describe(_ plan: Plan, loop: [String]) -> (String, [Child]) {
    func child(_ p: Plan, _ role: String? = nil) -> Child { Child(role: role, plan: p, loop: loop) }
    switch plan.node {
    case .scan(let name):
      return ("scan \(name)", [])
    case .values(let table):
      return ("values (\(count(table.rowCount, "row")) × \(count(table.columnCount, "column")))", [])
    case .readFile(let path, let format, _):
      return ("read_\(format.rawValue) \(Self.quote(path))", [])
    case .loopInput:
      return ("the previous iteration's rows", [])
    case .filter(let input, let condition):
      return ("filter " + expr(condition, names(input, loop: loop)), [child(input)])
    case .derive(let input, let items):
      var all = names(input, loop: loop)
      var shown: [String] = []
      for item in items {
        let name = alias(item.span) ?? "#\(all.count)"
        shown.append(assignment(name, expr(item, all)))
        all.append(name)
      }
      return ("derive {" + shown.joined(separator: ", ") + "}", [child(input)])
    case .project(let input, let items):
      let base = names(input, loop: loop)
      let output = names(plan, loop: loop)
      let shown = items.enumerated().map { offset, item in
        assignment(output.indices.contains(offset) ? output[offset] : "#\(offset)", expr(item, base))
      }
      return ("select {" + shown.joined(separator: ", ") + "}", [child(input)])
    case .aggregate(let input, let keys, let aggregates):
      let base = names(input, loop: loop)
      let output = names(plan, loop: loop)
      let calls = aggregates.enumerated().map { offset, call -> String in
        let position = keys.count + offset
        let name = output.indices.contains(position) ? output[position] : "#\(position)"
        let argument = call.argument.map { " " + expr($0, base, nested: true) } ?? " this"
        return "\(Self.identifier(name)) = \(Self.aggregateName(call.kind))\(argument)"
      }
      let head = keys.isEmpty ? "aggregate" : "group {" + keys.map { expr($0, base) }.joined(separator: ", ") + "} aggregate"
      return (head + " {" + calls.joined(separator: ", ") + "}", [child(input)])
    case .window(let input, let partition, let order, let calls):
      let base = names(input, loop: loop)
      let output = names(plan, loop: loop)
      var text = "window"
      if !partition.isEmpty { text += " per {" + partition.map { expr($0, base) }.joined(separator: ", ") + "}" }
      if !order.isEmpty { text += " by " + sortText(order, base) }
      text += " {" + calls.enumerated().map { offset, call -> String in
        let position = base.count + offset
        let argument = call.argument.map { " " + expr($0, base, nested: true) } ?? ""
        let value = Self.windowName(call.function) + argument + Self.frameText(call.frame, for: call.function)
        return assignment(output.indices.contains(position) ? output[position] : "#\(position)", value)
      }.joined(separator: ", ") + "}"
      return (text, [child(input)])
    case .sort(let input, let keys):
      return ("sort " + sortText(keys, names(input, loop: loop)), [child(input)])
    case .take(let input, let partition, let order, let start, let end):
      let base = names(input, loop: loop)
      var text = "take "
      if start == 0, let end { text += String(end) } else { text += "\(start + 1)..\(end.map(String.init) ?? "")" }
      if !partition.isEmpty { text += " per {" + partition.map { expr($0, base) }.joined(separator: ", ") + "}" }
      if !order.isEmpty { text += " by " + sortText(order, base) }
      return (text, [child(input)])
    case .join(let left, let right, let side, let leftKeys, let rightKeys, let residual):
      let leftNames = names(left, loop: loop)
      let rightNames = names(right, loop: loop)
      var conditions = zip(leftKeys, rightKeys).map { "this.\(expr($0, leftNames, nested: true)) == that.\(expr($1, rightNames, nested: true))" }
      if let residual { conditions.append(expr(residual, leftNames + rightNames)) }
      let on = conditions.isEmpty ? "true" : conditions.joined(separator: " && ")
      return ("join side:\(side.rawValue) (\(on))", [child(left, "left"), child(right, "right")])
    case .append(let top, let bottom, _):
      return ("append", [child(top), child(bottom)])
    case .semiJoin(let left, let right, let anti):
      let text = anti ? "remove (keep rows with no equal row on the right)" : "intersect (keep rows with an equal row on the right)"
      return (text, [child(left, "left"), child(right, "right")])
    case .loop(let initial, let step):
      let rows = names(initial, loop: loop)
      return ("loop (until an iteration yields no rows)", [child(initial, "initial"), Child(role: "step", plan: step, loop: rows)])
    }
  }

  private func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

  /// `name = value`, or just `name` when the value is that column.
  private func assignment(_ name: String, _ value: String) -> String {
    let shownName = Self.identifier(name)
    return value == shownName ? value : "\(shownName) = \(value)"
  }

  func sortText(_ keys: [SortKey], _ names: [String]) -> String {
    let items = keys.map { ($0.descending ? "-" : "") + expr($0.expr, names, nested: true) }
    return items.count == 1 ? items[0] : "{" + items.joined(separator: ", ") + "}"
  }

  /// An expression in PRQL-like syntax; `nested` wraps anything but a name or literal in
  /// parentheses.
  func expr(_ e: BoundExpr, _ names: [String], nested: Bool = false) -> String {
    let text: String
    var simple = false
    switch e.kind {
    case .column(let index):
      simple = true
      text = names.indices.contains(index) && !names[index].isEmpty ? Self.identifier(names[index]) : "#\(index)"
    case .literal(let value):
      simple = true
      text = Self.literal(value)
    case .call(let binding, let arguments):
      let name = binding.name
      let isOperator = name.first.map { !$0.isLetter && $0 != "_" } ?? false
      if isOperator, arguments.count == 2 {
        text = expr(arguments[0], names, nested: true) + " \(name) " + expr(arguments[1], names, nested: true)
      } else if isOperator, arguments.count == 1 {
        text = name + expr(arguments[0], names, nested: true)
      } else if arguments.isEmpty {
        simple = true
        text = name
      } else {
        text = ([name] + arguments.map { expr($0, names, nested: true) }).joined(separator: " ")
      }
    case .caseOf(let arms):
      simple = true
      text = "case [" + arms.map { expr($0.0, names) + " => " + expr($0.1, names) }.joined(separator: ", ") + "]"
    }
    return nested && !simple ? "(" + text + ")" : text
  }

  static func frameText(_ frame: WindowFrame, for function: WindowFunction) -> String {
    switch function {
    case .rowNumber, .rank, .denseRank, .lag, .lead: return ""  // frames do not apply
    default: break
    }
    if frame == .whole { return "" }
    let start = frame.start.map(String.init) ?? ""
    let end = frame.end.map(String.init) ?? ""
    return " over \(frame.kind == .rows ? "rows" : "range"):\(start)..\(end)"
  }

  static func aggregateName(_ kind: AggregateKind) -> String {
    switch kind {
    case .countAll: return "count"
    case .countDistinct: return "count_distinct"
    case .concat: return "concat_array"
    default: return kind.rawValue
    }
  }

  static func windowName(_ function: WindowFunction) -> String {
    switch function {
    case .rowNumber: return "row_number"
    case .rank: return "rank"
    case .denseRank: return "rank_dense"
    case .lag(let n): return "lag \(n)"
    case .lead(let n): return "lead \(n)"
    case .first: return "first"
    case .last: return "last"
    case .aggregate(let kind): return aggregateName(kind)
    }
  }

  static func identifier(_ name: String) -> String {
    if name.hasPrefix("#") { return name }
    return Completer.needsQuoting(name) ? "`" + name + "`" : name
  }

  static func literal(_ value: Value) -> String {
    switch value {
    case .text(let s): return quote(s)
    case .date: return "@" + value.description
    case .timestamp: return "@" + value.description.replacingOccurrences(of: " ", with: "T")
    default: return value.description
    }
  }

  static func quote(_ s: String) -> String {
    "\"" + Completer.escape(s, quote: UInt8(ascii: "\"")) + "\""
  }
}
