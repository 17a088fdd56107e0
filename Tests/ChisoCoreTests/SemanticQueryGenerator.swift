import ChisoCore
import ChisoEngine
import ChisoPlan
@testable import ChisoSyntax

/// Well-typed pipelines whose literals and arguments are edge values (Int64's extremes, 0, -1,
/// NaN and infinity producers, empty and 100,000-character text, decomposed Vietnamese, the first
/// and last dates, every interval unit) over every transform, index verb and function chiso has:
/// the lists come from the registries (`FunctionRegistry` and the `TransformSpec` records of
/// `Session.standardRegistry`, with their declared parameters), and each function's signatures are found by
/// asking its `bind` about every type combination — a function added later is fuzzed without
/// touching this file.
///
/// Unlike the mutation fuzzer, queries mostly pass the resolver, so the values reach the kernels:
/// that is where the overflows, wraps, NaN comparisons and unbounded results were.
struct SemanticQueryGenerator {
  var rng: SeededGenerator

  init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

  /// The types generated (`null` only as a literal).
  static let types: [DataType] = [.int, .float, .text, .bool, .date, .timestamp]

  struct Column: Equatable {
    var name: String
    var type: DataType
  }

  // MARK: - Edge values

  static let bigText = "\"" + String(repeating: "a", count: 100_000) + "\""

  static let literals: [DataType: [String]] = [
    .int: ["0", "1", "-1", "2", "7", "9223372036854775807", "(-9223372036854775807 - 1)", "-9223372036854775807",
           "4294967296", "1000000", "-2147483648"],
    .float: ["0.0", "-0.0", "1.5", "-2.5", "0.1", "1e308", "-1e308", "5e-324", "1e-300", "(1e308 * 10)",
             "(0.0 - 1e308 * 10)", "((-1.0) ** 0.5)", "(math.sqrt (-4.0))", "(1e308 * 10 - 1e308 * 10)", "6.2695"],
    .text: ["\"\"", "\"a\"", "\"Đắk Lắk\"", "\"Đa\u{301}k\"", "\"e\u{301}\"", "\"é\"", "\"%_\\\\\"", "\"(a+)+$\"",
            "\"a+\"", "\"[\"", "\"𝔘x\"", "\"\\n\\t\"", "\"2019-01-31\"", "\"nan\"", "\"-9223372036854775809\"", "\" 12 \""],
    .bool: ["true", "false"],
    .date: ["@0001-01-01", "@9999-12-31", "@1970-01-01", "@2020-02-29", "@2019-01-31", "@2000-12-31"],
    .timestamp: ["@0001-01-01T00:00:00", "@9999-12-31T23:59:59.999999", "@2019-01-31T10:30:00", "@1969-12-31T23:59:59"],
  ]

  /// Integers for counts, offsets, positions, digits and frame bounds.
  static let extremes = ["0", "1", "-1", "2", "3", "9223372036854775807", "(-9223372036854775807 - 1)",
                         "-9223372036854775807", "2147483648", "-400", "400", "100001", "1000000"]

  mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
  mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
  mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

  mutating func literal(_ type: DataType) -> String {
    if type == .text, chance(1) { return Self.bigText }
    if chance(4) { return "null" }
    return Self.argument(pick(Self.literals[type] ?? ["null"]))
  }

  /// A negative literal in parentheses, so that it reads as one argument (`math.round (-1) x`).
  static func argument(_ text: String) -> String { text.hasPrefix("-") ? "(\(text))" : text }

  // MARK: - Signatures from the registry

  struct Signature {
    var function: ScalarFunction
    var arguments: [DataType]
    var result: DataType
  }

  /// Every (function, argument types) the registry accepts, by result type.
  static let signatures: [DataType: [Signature]] = {
    var out: [DataType: [Signature]] = [:]
    for function in FunctionRegistry.scalars {
      let arity = function.parameters.first == "parts…" ? 2 : function.parameters.count
      guard arity <= 3 else { continue }
      var tuples: [[DataType]] = [[]]
      for _ in 0..<arity { tuples = tuples.flatMap { t in types.map { t + [$0] } } }
      for arguments in tuples {
        guard let binding = function.bind(arguments) else { continue }
        out[binding.resultType, default: []].append(Signature(function: function, arguments: arguments, result: binding.resultType))
      }
    }
    return out
  }()

  static let operators: [String: String] = [
    "std.add": "+", "std.sub": "-", "std.mul": "*", "std.div": "/", "std.div_i": "//", "std.mod": "%", "std.pow": "**",
    "std.eq": "==", "std.ne": "!=", "std.lt": "<", "std.le": "<=", "std.gt": ">", "std.ge": ">=", "std.and": "&&",
    "std.or": "||", "std.coalesce": "??", "std.regex_search": "~=",
  ]

  /// The PRQL text of a call.
  static func call(_ function: ScalarFunction, _ arguments: [String]) -> String {
    let name = function.name
    if let symbol = operators[name], arguments.count == 2 { return "(\(arguments[0]) \(symbol) \(arguments[1]))" }
    if name == "std.neg" { return "(-\(arguments[0]))" }
    if name == "std.not" { return "(!\(arguments[0]))" }
    if name == "std.concat" {
      // An f-string's interpolations cannot hold quotes: those parts are joined with `text.concat`.
      if arguments.contains(where: { $0.contains("\"") }) { return "(text.concat " + arguments.joined(separator: " ") + ")" }
      return "f\"{" + arguments.joined(separator: "}-{") + "}\""
    }
    if name.hasPrefix("std.as_") { return "(\(arguments[0]) | as \(name.dropFirst("std.as_".count)))" }
    if arguments.isEmpty { return name }
    return "(" + ([name] + arguments).joined(separator: " ") + ")"
  }

  // MARK: - Expressions

  mutating func expression(_ type: DataType, _ columns: [Column], depth: Int = 0) -> String {
    let own = columns.filter { $0.type == type }
    switch int(0...9) {
    case 0...2 where !own.isEmpty: return pick(own).name
    case 3 where depth < 3, 4 where depth < 3, 5 where depth < 2:
      guard let options = Self.signatures[type], !options.isEmpty else { return literal(type) }
      let signature = pick(options)
      return Self.call(signature.function, signature.arguments.map { expression($0, columns, depth: depth + 1) })
    case 6 where type == .date || type == .timestamp:
      // Every interval unit, both ways.
      let unit = pick(Array(Lexer.intervalUnits).sorted())
      let count = pick(["1", "3", "12", "-1", "0", "1000000", "9223372036854775807", "106751991"])
      return "(\(expression(type, columns, depth: depth + 1)) \(pick(["+", "-"])) \(count)\(unit))"
    case 7 where type == .bool && depth < 3:
      let t = pick(Self.types)
      let items = (0..<int(0...4)).map { _ in literal(t) }
      if chance(10) { return "(\(expression(t, columns, depth: depth + 1)) | in [\(items.joined(separator: ", "))])" }
      return "(\(expression(t, columns, depth: depth + 1)) \(pick(["==", "!=", "<", ">="])) \(expression(t, columns, depth: depth + 1)))"
    case 8 where depth < 3:
      return "case [\(expression(.bool, columns, depth: depth + 1)) => \(expression(type, columns, depth: depth + 1)), true => \(literal(type))]"
    default:
      return literal(type)
    }
  }

  static let aggregates = FunctionRegistry.aggregateFunctions.map(\.name).sorted()
  static let windowOnly = FunctionRegistry.windowFunctions.map(\.name).sorted()
  static let transforms = Session.standardRegistry.records.filter { $0.kind != .verb }.map(\.name)
  static let indexVerbs = Session.standardRegistry.records.filter { $0.kind == .verb }

  /// An aggregate call on some column (for `aggregate` and, as a window function, `derive`).
  mutating func aggregateCall(_ columns: [Column]) -> String {
    let name = pick(Self.aggregates)
    if name == "count", chance(30) { return "count this" }
    let column = pick(columns)
    return "(\(name) \(column.name))"
  }

  mutating func windowCall(_ columns: [Column]) -> String {
    let name = pick(Self.windowOnly)
    let column = pick(columns)
    if name == "lag" || name == "lead" { return "(\(name) \(Self.argument(pick(Self.extremes))) \(column.name))" }
    return "(\(name) \(column.name))"
  }

  // MARK: - Relations

  mutating func inlineRelation(prefix: String = "c", rows: Int? = nil) -> (String, [Column]) {
    let count = int(1...4)
    let columns = (0..<count).map { k in Column(name: "\(prefix)\(k)", type: pick(Self.types)) }
    let rowCount = rows ?? int(1...5)
    var items: [String] = []
    for _ in 0..<rowCount {
      let fields = columns.map { "\($0.name) = \(literal($0.type))" }
      items.append("{" + fields.joined(separator: ", ") + "}")
    }
    // The first row fixes the types: it never holds null.
    items[0] = "{" + columns.map { "\($0.name) = \(pick(Self.literals[$0.type] ?? ["0"]))" }.joined(separator: ", ") + "}"
    return ("[" + items.joined(separator: ", ") + "]", columns)
  }

  /// One query: a start, then a few steps, each keeping the model of the columns.
  mutating func query() -> String {
    if chance(12) { return indexVerbQuery() }
    if chance(5) { return readerQuery() }
    if chance(4) { return loopQuery() }
    var (start, columns) = inlineRelation()
    var text = "from \(start)"
    for _ in 0..<int(1...5) {
      let (step, next) = self.step(columns)
      text += "\n" + step
      columns = next
      if columns.isEmpty { break }
    }
    return text
  }

  mutating func step(_ columns: [Column]) -> (String, [Column]) {
    var columns = columns
    switch int(0...16) {
    case 0, 1:
      return ("filter \(expression(.bool, columns))", columns)
    case 2, 3:
      let type = pick(Self.types)
      let name = "d\(int(0...999))"
      let windowed = chance(25)
      let value = windowed ? (chance(50) ? aggregateCall(columns) : windowCall(columns)) : expression(type, columns)
      columns.removeAll { $0.name == name }
      // A window or aggregate's type is not modelled: such a column is dropped again at once.
      if windowed {
        return ("derive {\(name) = \(value)}\nselect {\(columns.map(\.name).joined(separator: ", "))}", columns)
      }
      columns.append(Column(name: name, type: type))
      return ("derive {\(name) = \(value)}", columns)
    case 4:
      let kept = columns.filter { _ in chance(70) }
      if kept.isEmpty { return ("select {\(columns[0].name)}", [columns[0]]) }
      return ("select {\(kept.map(\.name).joined(separator: ", "))}", kept)
    case 5:
      let keys = columns.filter { _ in chance(50) }.map { (chance(50) ? "-" : "") + $0.name }
      return ("sort {\(keys.isEmpty ? columns[0].name : keys.joined(separator: ", "))}", columns)
    case 6:
      let a = Self.argument(pick(Self.extremes))
      let b = Self.argument(pick(Self.extremes))
      let form = int(0...3)
      let range = form == 0 ? a : form == 1 ? "\(a)..\(b)" : form == 2 ? "\(a).." : "..\(b)"
      return ("take \(range)", columns)
    case 7:
      let key = pick(columns)
      let others = columns.filter { $0 != key }
      let aggregates = (0..<int(1...3)).map { k in "a\(k) = \(aggregateCall(columns))" }
      if chance(30) { return ("group {\(key.name)} (take 1)", columns) }
      if chance(30), let other = others.first {
        return ("group {\(key.name)} (sort {-\(other.name)} | derive {r = rank \(other.name)})",
                columns.filter { $0.name != "r" } + [Column(name: "r", type: .int)])
      }
      // The aggregates' types are not modelled: only the key is kept.
      return ("group {\(key.name)} (aggregate {\(aggregates.joined(separator: ", "))})\nselect {\(key.name)}", [key])
    case 8:
      let aggregates = (0..<int(1...3)).map { k in "a\(k) = \(aggregateCall(columns))" }
      return ("aggregate {\(aggregates.joined(separator: ", "))}", [])
    case 9:
      let frames = ["rows:\(Self.argument(pick(Self.extremes)))..\(Self.argument(pick(Self.extremes)))", "range:\(Self.argument(pick(Self.extremes)))..\(Self.argument(pick(Self.extremes)))",
                    "expanding:true", "rolling:\(Self.argument(pick(Self.extremes)))", "rows:..0", "range:0.."]
      let column = pick(columns)
      let name = pick(Self.aggregates)
      let kept = columns.filter { $0.name != "w" }.map(\.name).joined(separator: ", ")
      return ("sort {\(column.name)} | window \(pick(frames)) (derive {w = \(name) \(pick(columns).name)}) | select {\(kept)}", columns.filter { $0.name != "w" })
    case 10:
      let (other, otherColumns) = inlineRelation(prefix: "r")
      let side = pick(["inner", "left", "right", "full"])
      let pairs = columns.flatMap { a in otherColumns.filter { $0.type == a.type }.map { (a, $0) } }
      let condition = pairs.isEmpty ? "true" : { () -> String in
        let (a, b) = pairs[int(0...(pairs.count - 1))]
        return "this.\(a.name) == that.\(b.name)"
      }()
      return ("join side:\(side) (from \(other)) (\(condition))", columns + otherColumns)
    case 11, 12:
      // The same types, with duplicate rows (set operations count them).
      let verb = pick(["append", "remove", "intersect"])
      var items: [String] = []
      let row = "{" + columns.map { "\($0.name) = \(pick(Self.literals[$0.type] ?? ["0"]))" }.joined(separator: ", ") + "}"
      for _ in 0..<int(1...3) { items.append(chance(50) ? row : "{" + columns.map { "\($0.name) = \(literal($0.type))" }.joined(separator: ", ") + "}") }
      items[0] = row
      return ("\(verb) (from [\(items.joined(separator: ", "))])", columns)
    case 13 where chance(30):
      // Named arguments that are unknown, doubled or out of range.
      let verb = pick(Self.transforms.filter { ["filter", "sort", "take", "derive", "select"].contains($0) })
      let argument = pick(["foo:1", "side:left side:inner", "rows:1..2", "format:xml"])
      switch verb {
      case "filter": return ("filter true \(argument)", columns)
      case "sort": return ("sort {\(columns[0].name)} \(argument)", columns)
      default: return ("take 1 \(argument)", columns)
      }
    case 14:
      let items = (0..<int(1...3)).map { k in "t\(k) = \(expression(pick(Self.types), columns))" }
      return ("select {\(items.joined(separator: ", "))}", columns.isEmpty ? [] : [])
    case 15:
      columns.removeAll { $0.name == "x" }
      return ("derive {x = (\(expression(.text, columns)) | text.replace \(literal(.text)) \(literal(.text)))}", columns + [Column(name: "x", type: .text)])
    default:
      let t = pick(columns)
      return ("filter (\(t.name) | in [\((0..<int(0...6)).map { _ in literal(t.type) }.joined(separator: ", "))])", columns)
    }
  }

  /// Index verbs on the bundled indices, with edge-valued arguments.
  mutating func indexVerbQuery() -> String {
    let table = pick(["pci", "papi"])
    let filter = chance(60) ? " | filter year >= 2015" : ""
    let spec = pick(Self.indexVerbs)
    let verb = spec.name
    var arguments: [String] = []
    for parameter in spec.named where chance(35) {
      let value: String
      switch parameter.kind {
      case .int: value = Self.argument(pick(Self.extremes))
      case .float: value = pick(["0", "0.5", "1", "-1", "1e308", "(0.0/0.0)", "((-1.0) ** 0.5)", "(1e308 * 10)", "2"])
      case .bool: value = pick(["true", "false", "1"])
      case .text, .constant: value = pick(["\"Lai Châu\"", "\"\"", "\"Đà Nẵng\"", String(Self.bigText.prefix(200)) + "\"", "2019", "(0.0/0.0)"])
      case .name, .choice: value = pick(["score", "year", "province", "component", "total", "market_entry", "nope", "pci", "papi"])
      case .range: value = "\(Self.argument(pick(Self.extremes)))..\(Self.argument(pick(Self.extremes)))"
      case .expr, .columns, .relation, .pipeline: value = pick(["{year}", "{year, component}", "year"])
      }
      arguments.append("\(parameter.name):\(value)")
    }
    if chance(10) { arguments.append(pick(["draws:1 draws:2", "bogus:1", "year:2019 year:2020"])) }
    let years = ["2015", "2016", "2022", "2030", "1900", "9223372036854775807", "(-1)"]
    var positional = ""
    switch verb {
    case "compare", "explain_rank", "contributions": positional = " \(pick(years)) \(pick(years))"
    case "pivot": positional = " component score"
    case "unpivot": positional = " {score}"
    case "ranked": positional = " score"
    case "check": positional = " (from \(table)\(filter))"
    default: break
    }
    return "from \(table)\(filter) | \(verb)\(positional) \(arguments.joined(separator: " "))"
  }

  /// Readers on odd inputs.
  mutating func readerQuery() -> String {
    switch int(0...3) {
    case 0: return "from (read_csv \"\(pick(["/dev/zero", "/dev/null", "/nonexistent.csv", "/tmp", "/dev/urandom", "/proc/self/status"]))\")"
    case 1: return "from (read_json \"\(pick(["/dev/zero", "/dev/null", "/nonexistent.json"]))\")"
    case 2: return "from_text format:\(pick(["csv", "json", "xml"])) \"a,b\\n\(pick(["1,2", "9223372036854775808,x", "nan,inf", ",", "1"]))\""
    default: return "from_text \(literal(.text))"
    }
  }

  /// `loop` with steps that stop, run away, widen a column or reorder columns.
  mutating func loopQuery() -> String {
    let start = pick(["1", "0", "-1", "9223372036854775806", "(-9223372036854775807 - 1)"])
    let bound = pick(["5", "100", "9223372036854775807", "0"])
    switch int(0...3) {
    case 0: return "from [{n = \(start)}] | loop (filter n < \(bound) | select {n = n + 1})"
    case 1: return "from [{n = \(start), v = 2}] | loop (filter n < \(bound) | select {n = n + 1, v = v + 0.5})"
    case 2: return "from [{n = \(start), v = 2}] | loop (filter n < \(bound) | select {v = v + 0.5, n = n + 1})"
    default: return "from [{n = \(start)}] | loop (filter n < \(bound) | append (from [{n = \(start)}]) | select {n = n + 1})"
    }
  }
}
