import ChisoEngine
import ChisoSyntax

/// Draws a logical plan as a tree, the output first and the tables it reads at the leaves, each
/// node with its output columns (`?` marks a column that may hold nulls, `[…]` hidden ones) —
/// what `chiso --explain` and the REPL's `.explain` print:
///
/// ```
/// result: province text, score float
///   province ← pci.province; score ← pci.score
/// select {province, score} :: province text, score float
/// └─ top-n 3 by -score :: year int, gso_code text, province text, component text, score float
///    └─ filter year == 2016 :: (same)
///       └─ scan pci :: (same)
/// ```
public enum PlanPrinter {
  /// The plan as text, ending with a newline.
  /// `annotate` adds a note after a node's line (which engine runs it, with `--engine`).
  public static func render(_ plan: LogicalPlan, annotate: ((LogicalPlan) -> String?)? = nil) -> String {
    var lines = ["result: " + columnList(plan.visibleColumns, showHidden: false)]
    let lineage = plan.visibleColumns.compactMap { c -> String? in
      if let o = c.origin { return "\(identifier(c.name)) ← \(o)" }
      if c.sources.isEmpty { return nil }
      let sources = c.sources.map(\.description).sorted()
      return "\(identifier(c.name)) ← f(" + (sources.count <= 2 ? sources.joined(separator: ", ") : "\(sources.count) columns") + ")"
    }
    if !lineage.isEmpty { lines.append("  " + lineage.joined(separator: "; ")) }
    draw(plan, parent: nil, prefix: "", childPrefix: "", annotate: annotate, into: &lines)
    return lines.joined(separator: "\n") + "\n"
  }

  private static func draw(
    _ plan: LogicalPlan, parent: LogicalPlan?, prefix: String, childPrefix: String, annotate: ((LogicalPlan) -> String?)?,
    into lines: inout [String]
  ) {
    var stack: [(LogicalPlan, LogicalPlan?, String, String)] = [(plan, parent, prefix, childPrefix)]
    while let (node, parent, prefix, childPrefix) = stack.popLast() {
      let (label, children) = describe(node)
      let same = parent.map { $0.schema == node.schema } ?? false
      let note = annotate?(node).map { "  ⟵ " + $0 } ?? ""
      lines.append(prefix + label + " :: " + (same ? "(same)" : columnList(node.schema, showHidden: true)) + note)
      var pending: [(LogicalPlan, LogicalPlan?, String, String)] = []
      for (index, child) in children.enumerated() {
        let last = index == children.count - 1
        let branch = childPrefix + (last ? "└─ " : "├─ ") + (child.role.map { $0 + ": " } ?? "")
        pending.append((child.plan, node, branch, childPrefix + (last ? "   " : "│  ")))
      }
      stack.append(contentsOf: pending.reversed())
    }
  }

  static func columnList(_ columns: [SchemaColumn], showHidden: Bool) -> String {
    if columns.isEmpty { return "(no columns)" }
    let shown = columns.filter { showHidden || !$0.hidden }.map { c -> String in
      let text = "\(identifier(c.name)) \(c.type)\(c.nullable ? "?" : "")"
      return c.hidden ? "[\(text)]" : text
    }
    return shown.joined(separator: ", ")
  }

  struct Child {
    var role: String?
    var plan: LogicalPlan
  }

  /// A node's one-line description and its inputs.
  static func describe(_ plan: LogicalPlan) -> (String, [Child]) {
    func child(_ p: LogicalPlan, _ role: String? = nil) -> Child { Child(role: role, plan: p) }
    switch plan.node {
    case .scan(let name, let read):
      return ("scan \(name)" + scanText(read, plan.schema), [])
    case .values(let rows):
      return ("values (\(count(rows.count, "row")))", [])
    case .readFile(let path, let format, let read):
      var text = "read_\(format.name) \(quote(path))"
      if case .xlsx(let o) = format {
        if let sheet = o.sheet { text += " sheet:\(quote(sheet))" }
        if let range = o.range { text += " range:\(quote(range))" }
        if !o.header { text += " header:false" }
      }
      return (text + scanText(read, plan.schema), [])
    case .readText(_, let format):
      return ("from_text format:\(format.name)", [])
    case .loopInput:
      return ("the previous iteration's rows", [])
    case .filter(let input, let condition):
      return ("filter " + expr(condition, input.schema), [child(input)])
    case .derive(let input, let items):
      var all = input.schema
      var shown: [String] = []
      for (k, item) in items.enumerated() {
        let name = plan.schema.indices.contains(input.schema.count + k) ? plan.schema[input.schema.count + k].name : "#\(all.count)"
        shown.append(assignment(name, expr(item, all)))
        all.append(SchemaColumn(name: name, type: item.type))
      }
      return ("derive {" + shown.joined(separator: ", ") + "}", [child(input)])
    case .project(let input, let items):
      let shown = items.enumerated().map { offset, item in
        assignment(plan.schema.indices.contains(offset) ? plan.schema[offset].name : "#\(offset)", expr(item, input.schema))
      }
      return ("select {" + shown.joined(separator: ", ") + "}", [child(input)])
    case .aggregate(let input, let keys, let aggregates):
      let calls = aggregates.map { call -> String in
        let argument = call.argument.map { " " + expr($0, input.schema, nested: true) } ?? " this"
        return aggregateName(call.kind) + argument
      }
      let head = keys.isEmpty ? "aggregate" : "group {" + keys.map { expr($0, input.schema) }.joined(separator: ", ") + "} aggregate"
      return (head + " {" + calls.joined(separator: ", ") + "}", [child(input)])
    case .window(let input, let partition, let order, let calls):
      var text = "window"
      if !partition.isEmpty { text += " per {" + partition.map { expr($0, input.schema) }.joined(separator: ", ") + "}" }
      if !order.isEmpty { text += " by " + sortText(order, input.schema) }
      text += " {" + calls.map { call -> String in
        let argument = call.argument.map { " " + expr($0, input.schema, nested: true) } ?? ""
        return windowName(call.function) + argument + frameText(call.frame, for: call.function)
      }.joined(separator: ", ") + "}"
      return (text, [child(input)])
    case .sort(let input, let keys):
      return ("sort " + sortText(keys, input.schema), [child(input)])
    case .take(let input, let partition, let start, let end):
      var text = "take " + rangeText(start, end)
      if !partition.isEmpty { text += " per {" + partition.map { expr($0, input.schema) }.joined(separator: ", ") + "}" }
      return (text, [child(input)])
    case .topN(let input, let keys, let start, let end):
      return ("top-n \(rangeText(start, end)) by " + sortText(keys, input.schema), [child(input)])
    case .join(let left, let right, let side, let leftKeys, let rightKeys, let residual):
      var conditions = zip(leftKeys, rightKeys).map {
        "this.\(expr($0, left.schema, nested: true)) == that.\(expr($1, right.schema, nested: true))"
      }
      if let residual { conditions.append(expr(residual, left.schema + right.schema)) }
      let on = conditions.isEmpty ? "true" : conditions.joined(separator: " && ")
      return ("join side:\(side.rawValue) (\(on))", [child(left, "left"), child(right, "right")])
    case .append(let top, let bottom):
      return ("append", [child(top), child(bottom)])
    case .setOperation(let left, let right, let kind):
      let text = kind == .except
        ? "remove (keep rows with no equal row on the right)" : "intersect (keep rows with an equal row on the right)"
      return (text, [child(left, "left"), child(right, "right")])
    case .loop(let initial, let step):
      return ("loop (until an iteration yields no rows)", [child(initial, "initial"), child(step, "step")])
    case .operation(let op, let inputs):
      let parameters = op.parameters.map { "\($0):\($1)" }.joined(separator: " ")
      let roles = inputs.count == 1 ? [nil] : inputs.indices.map { Optional("input \($0 + 1)") }
      return ("\(op.name)\(parameters.isEmpty ? "" : " " + parameters) (runs on its input's rows)", zip(inputs, roles).map { child($0, $1) })
    }
  }

  /// What a scan reads, when the optimizer narrowed it: ` columns {a, b} where a > 1`.
  static func scanText(_ read: ScanSpec, _ schema: [SchemaColumn]) -> String {
    var text = ""
    if read.columns != nil { text += " columns {" + schema.map { identifier($0.name) }.joined(separator: ", ") + "}" }
    if let predicate = read.predicate { text += " where " + expr(predicate, schema) }
    return text
  }

  private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

  static func rangeText(_ start: Int, _ end: Int?) -> String {
    start == 0 && end != nil ? String(end ?? 0) : "\(start + 1)..\(end.map(String.init) ?? "")"
  }

  /// `name = value`, or just `name` when the value is that column.
  private static func assignment(_ name: String, _ value: String) -> String {
    let shownName = identifier(name)
    return value == shownName ? value : "\(shownName) = \(value)"
  }

  static func sortText(_ keys: [SortKey], _ columns: [SchemaColumn]) -> String {
    let items = keys.map { ($0.descending ? "-" : "") + expr($0.expr, columns, nested: true) }
    return items.count == 1 ? items[0] : "{" + items.joined(separator: ", ") + "}"
  }

  static let symbols: [String: String] = {
    var out: [String: String] = [:]
    for (op, id) in Resolver.operatorNames { out[id] = op.rawValue }
    out["std.neg"] = "-"
    out["std.not"] = "!"
    return out
  }()

  /// Binding strength of infix operators (PRQL's book), loosest first.
  static let precedence: [String: Int] = [
    "std.or": 1, "std.and": 2, "std.coalesce": 3,
    "std.eq": 4, "std.ne": 4, "std.lt": 4, "std.le": 4, "std.gt": 4, "std.ge": 4, "std.regex_search": 4,
    "std.add": 5, "std.sub": 5, "std.mul": 6, "std.div": 6, "std.div_i": 6, "std.mod": 6, "std.pow": 7,
  ]

  /// An expression in PRQL syntax; `nested` wraps anything but a name or literal in parentheses.
  public static func expr(_ e: PlanExpr, _ columns: [SchemaColumn], nested: Bool = false) -> String {
    let (text, strength) = render(e, columns)
    return nested && strength < 9 ? "(" + text + ")" : text
  }

  /// The text and how tightly it binds (9: a name, literal or bracketed form).
  static func render(_ e: PlanExpr, _ columns: [SchemaColumn]) -> (String, Int) {
    switch e.kind {
    case .column(let index):
      guard columns.indices.contains(index), !columns[index].name.isEmpty else { return ("#\(index)", 9) }
      let column = columns[index]
      // A name two input columns share is shown with its relation (`a.score`, `b.score`).
      let shared = columns.filter { !$0.hidden && $0.name == column.name }.count > 1
      if shared, let q = column.qualifier { return (identifier(q) + "." + identifier(column.name), 9) }
      return (identifier(column.name), 9)
    case .literal(let value):
      return (literal(value), 9)
    case .call(let ref, let arguments):
      if let symbol = symbols[ref.id], arguments.count == 2, let p = precedence[ref.id] {
        let (a, pa) = render(arguments[0], columns)
        let (b, pb) = render(arguments[1], columns)
        // Left-associative (`**` right): a same-strength operand on the other side is bracketed.
        let left = pa < p || (pa == p && ref.id == "std.pow") ? "(\(a))" : a
        let right = pb < p || (pb == p && ref.id != "std.pow") ? "(\(b))" : b
        return (left + " \(symbol) " + right, p)
      }
      if let symbol = symbols[ref.id], arguments.count == 1 {
        return (symbol + expr(arguments[0], columns, nested: true), 8)
      }
      if ref.id == "std.is_null" || ref.id == "std.is_not_null", arguments.count == 1 {
        return (expr(arguments[0], columns, nested: true) + (ref.id == "std.is_null" ? " == null" : " != null"), 4)
      }
      if arguments.isEmpty { return (ref.id, 9) }
      return (([ref.id] + arguments.map { expr($0, columns, nested: true) }).joined(separator: " "), 0)
    case .caseOf(let arms):
      return ("case [" + arms.map { expr($0.condition, columns) + " => " + expr($0.value, columns) }.joined(separator: ", ") + "]", 9)
    }
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

  /// A name as it must be written: backticks unless it is a plain identifier.
  public static func identifier(_ name: String) -> String {
    if name.hasPrefix("#") { return name }
    guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic,
      name.unicodeScalars.allSatisfy({ $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) })
    else { return "`" + name + "`" }
    return name
  }

  static func literal(_ value: Value) -> String {
    switch value {
    case .text(let s): return quote(s)
    case .date: return "@" + value.description
    case .timestamp: return "@" + value.description.replacingOccurrences(of: " ", with: "T")
    case .float(let d): return FloatFormat.shortest(d)
    default: return value.description
    }
  }

  static func quote(_ s: String) -> String {
    var out = "\""
    for ch in s {
      switch ch {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default: out.append(ch)
      }
    }
    return out + "\""
  }
}
