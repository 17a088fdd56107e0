/// A reader for the TOML subset chiso's index manifests use: `[table]` and `[[array.of.tables]]`
/// headers, `key = value` with strings, integers, floats, booleans and one-line arrays of those,
/// and `#` comments. Anything else is reported with its line, never guessed at.
public enum TOMLValue: Sendable, Equatable {
  case string(String)
  case integer(Int64)
  case float(Double)
  case bool(Bool)
  case array([TOMLValue])
  case table([String: TOMLValue])
  case tables([[String: TOMLValue]])

  public var string: String? { if case .string(let s) = self { return s } else { return nil } }
  public var int: Int? {
    switch self {
    case .integer(let i): return Int(i)
    default: return nil
    }
  }
  public var double: Double? {
    switch self {
    case .integer(let i): return Double(i)
    case .float(let d): return d
    default: return nil
    }
  }
  public var bool: Bool? { if case .bool(let b) = self { return b } else { return nil } }
  public var array: [TOMLValue]? { if case .array(let a) = self { return a } else { return nil } }
  public var table: [String: TOMLValue]? { if case .table(let t) = self { return t } else { return nil } }
  public var tables: [[String: TOMLValue]]? { if case .tables(let t) = self { return t } else { return nil } }
}

public struct TOMLError: Error, Sendable, CustomStringConvertible {
  public var line: Int
  public var message: String
  public var description: String { "line \(line): \(message)" }
}

public enum TOML {
  /// Parses the subset; the result maps top-level keys and headers to values.
  public static func parse(_ text: String) throws(TOMLError) -> [String: TOMLValue] {
    var root: [String: TOMLValue] = [:]
    // Where `key = value` lines go: a plain table, or the last element of an array of tables.
    enum Target { case root, table(String), arrayElement(String) }
    var target = Target.root
    var current: [String: TOMLValue] = [:]

    func flush() {
      switch target {
      case .root: for (k, v) in current { root[k] = v }
      case .table(let name): root[name] = .table(current)
      case .arrayElement(let name):
        var list = root[name]?.tables ?? []
        list.append(current)
        root[name] = .tables(list)
      }
      current = [:]
    }

    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let lineNumber = index + 1
      let line = stripComment(String(rawLine)).trimmingSpaces
      if line.isEmpty { continue }
      if line.hasPrefix("[[") {
        guard line.hasSuffix("]]") else { throw TOMLError(line: lineNumber, message: "unclosed `[[`") }
        flush()
        target = .arrayElement(String(line.dropFirst(2).dropLast(2)).trimmingSpaces)
        continue
      }
      if line.hasPrefix("[") {
        guard line.hasSuffix("]") else { throw TOMLError(line: lineNumber, message: "unclosed `[`") }
        flush()
        target = .table(String(line.dropFirst().dropLast()).trimmingSpaces)
        continue
      }
      guard let equals = line.firstIndex(of: "=") else {
        throw TOMLError(line: lineNumber, message: "expected `key = value`")
      }
      let key = String(line[..<equals]).trimmingSpaces
      let valueText = String(line[line.index(after: equals)...]).trimmingSpaces
      guard !key.isEmpty else { throw TOMLError(line: lineNumber, message: "empty key") }
      var rest = Substring(valueText)
      current[key] = try value(&rest, line: lineNumber)
      guard String(rest).trimmingSpaces.isEmpty else {
        throw TOMLError(line: lineNumber, message: "unexpected text after the value: \(rest)")
      }
    }
    flush()
    return root
  }

  /// Removes a `#` comment that is not inside a string.
  static func stripComment(_ line: String) -> String {
    var inString = false
    var escaped = false
    var out = ""
    for c in line {
      if inString {
        if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
      } else if c == "\"" {
        inString = true
      } else if c == "#" {
        break
      }
      out.append(c)
    }
    return out
  }

  /// Deepest nesting of arrays (a manifest needs two): a line of 100,000 `[` used to overflow
  /// the stack, and with it every query on the folder.
  static let maxDepth = 32

  static func value(_ text: inout Substring, line: Int, depth: Int = 0) throws(TOMLError) -> TOMLValue {
    if depth > maxDepth { throw TOMLError(line: line, message: "arrays nested more than \(maxDepth) deep") }
    text = text.drop { $0 == " " || $0 == "\t" }
    guard let first = text.first else { throw TOMLError(line: line, message: "missing value") }
    if first == "\"" {
      text = text.dropFirst()
      var out = ""
      while let c = text.first {
        text = text.dropFirst()
        if c == "\"" { return .string(out) }
        if c == "\\", let e = text.first {
          text = text.dropFirst()
          switch e {
          case "n": out.append("\n")
          case "t": out.append("\t")
          case "\"": out.append("\"")
          case "\\": out.append("\\")
          default: out.append(e)
          }
          continue
        }
        out.append(c)
      }
      throw TOMLError(line: line, message: "unterminated string")
    }
    if first == "[" {
      text = text.dropFirst()
      var items: [TOMLValue] = []
      while true {
        text = text.drop { $0 == " " || $0 == "\t" }
        if text.first == "]" { text = text.dropFirst(); return .array(items) }
        items.append(try value(&text, line: line, depth: depth + 1))
        text = text.drop { $0 == " " || $0 == "\t" }
        if text.first == "," { text = text.dropFirst(); continue }
        if text.first == "]" { text = text.dropFirst(); return .array(items) }
        throw TOMLError(line: line, message: "expected `,` or `]` in an array")
      }
    }
    let token = String(text.prefix { $0 != "," && $0 != "]" && $0 != " " })
    text = text.dropFirst(token.count)
    switch token {
    case "true": return .bool(true)
    case "false": return .bool(false)
    default:
      let digits = token.filter { $0 != "_" }
      if let i = Int64(digits) { return .integer(i) }
      if let d = Double(digits) { return .float(d) }
      throw TOMLError(line: line, message: "unsupported value `\(token)`")
    }
  }
}
