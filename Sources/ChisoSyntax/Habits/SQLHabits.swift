/// Rewrites the habits people bring from SQL and spreadsheets into the PRQL they meant: a whole
/// `SELECT … FROM … WHERE … ORDER BY … LIMIT`, `where` → `filter`, `order by` → `sort`, `limit` →
/// `take`, `and`/`or`/`not` → `&&`/`||`/`!`, `=` and `<>` in a condition → `==` and `!=`,
/// `x in (a, b)` → `(x | in [a, b])`, `round(x, 2)` → `(x | math.round 2)`, curly quotes → straight.
///
/// The session offers the rewrite as a hint only when the original query fails and the rewrite
/// resolves, so every suggestion shown is one that works.
public enum SQLHabits {
  /// The query as PRQL, or nil when nothing looked like a SQL habit.
  public static func rewrite(_ text: String) -> String? {
    let straight = straightQuotes(text)
    if let select = translateSelect(straight) { return select }
    let rewritten = rewriteSteps(straight)
    return rewritten == text ? nil : rewritten
  }

  // MARK: - Quotes

  /// “…” and ‘…’ (what word processors and chat apps type) as "…" and '…'.
  static func straightQuotes(_ text: String) -> String {
    var out = ""
    for ch in text {
      switch ch {
      case "\u{201C}", "\u{201D}", "\u{201E}", "\u{00AB}", "\u{00BB}": out.append("\"")
      case "\u{2018}", "\u{2019}": out.append("'")
      default: out.append(ch)
      }
    }
    return out
  }

  // MARK: - SELECT … FROM …

  /// `SELECT a, b FROM t WHERE c ORDER BY d DESC LIMIT n` → `from t | filter c | sort {-d} | take n | select {a, b}`.
  static func translateSelect(_ text: String) -> String? {
    var body = Substring(text).drop(while: { $0.isWhitespace })
    while body.last == ";" || body.last?.isWhitespace == true { body = body.dropLast() }
    guard body.lowercased().hasPrefix("select ") else { return nil }
    let clauses = split(String(body), on: ["select", "from", "where", "group by", "order by", "limit"])
    guard let columns = clauses["select"], let table = clauses["from"], clauses["group by"] == nil else { return nil }
    var steps = ["from \(table.trimmedSpaces)"]
    if let whereClause = clauses["where"] { steps.append("filter \(SQLHabits.condition(whereClause))") }
    if let order = clauses["order by"] {
      let keys = order.split(separator: ",").map { key -> String in
        let parts = key.split(separator: " ").map(String.init)
        guard let name = parts.first else { return "" }
        return parts.dropFirst().first?.lowercased() == "desc" ? "-\(name)" : name
      }
      steps.append(keys.count == 1 ? "sort \(keys[0])" : "sort {\(keys.joined(separator: ", "))}")
    }
    if let limit = clauses["limit"] { steps.append("take \(limit.trimmedSpaces)") }
    let cols = columns.trimmedSpaces
    if cols != "*" { steps.append("select {\(cols.split(separator: ",").map { String($0).trimmedSpaces }.joined(separator: ", "))}") }
    return steps.joined(separator: " | ")
  }

  /// The text of each clause, found by its keyword outside quotes (case does not matter).
  static func split(_ text: String, on keywords: [String]) -> [String: String] {
    let lower = Array(text.lowercased())
    let chars = Array(text)
    var marks: [(Int, String)] = []
    var quote: Character? = nil
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if let q = quote {
        if c == q { quote = nil }
      } else if c == "'" || c == "\"" {
        quote = c
      } else if i == 0 || chars[i - 1].isWhitespace {
        for keyword in keywords {
          let k = Array(keyword)
          if i + k.count <= lower.count, Array(lower[i..<(i + k.count)]) == k,
            i + k.count == lower.count || lower[i + k.count].isWhitespace
          {
            marks.append((i, keyword))
            i += k.count - 1
            break
          }
        }
      }
      i += 1
    }
    var out: [String: String] = [:]
    for (n, (start, keyword)) in marks.enumerated() {
      let from = start + keyword.count
      let to = n + 1 < marks.count ? marks[n + 1].0 : chars.count
      out[keyword] = String(chars[min(from, to)..<to]).trimmedSpaces
    }
    return out
  }

  // MARK: - Steps and conditions

  static let stepNames: [String: String] = ["where": "filter", "having": "filter", "limit": "take", "order": "sort"]

  /// Each pipeline step's SQL words: `where`/`limit`/`order by` as their transforms, a condition's
  /// operators as PRQL's, and `from t where …` split into two steps.
  static func rewriteSteps(_ text: String) -> String {
    var lines: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var steps: [String] = []
      for step in splitOutside(String(line), separator: "|") {
        steps.append(contentsOf: rewriteStep(step))
      }
      let indent = String(line.prefix(while: { $0 == " " || $0 == "\t" }))
      lines.append(indent + steps.map(\.trimmedSpaces).joined(separator: " | "))
    }
    return lines.joined(separator: "\n")
  }

  static func rewriteStep(_ step: String) -> [String] {
    let leading = String(step.prefix(while: { $0 == " " }))
    var words = step.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    guard let first = words.first else { return [step] }
    // `from t where …`, `from t order by …`, `from t limit 5`: the clause becomes its own step.
    if first == "from", words.count > 2, let k = words.firstIndex(where: { stepNames[$0.lowercased()] != nil }), k >= 2 {
      let head = leading + words[..<k].joined(separator: " ")
      return [head] + rewriteStep(" " + words[k...].joined(separator: " "))
    }
    if let name = stepNames[first.lowercased()] {
      words[0] = name
      if name == "sort", words.count > 1, words[1].lowercased() == "by" { words.remove(at: 1) }
      if name == "sort" { return [leading + sortKeys(Array(words.dropFirst()))] }
    }
    guard words.first == "filter" else { return [leading + words.joined(separator: " ").replacingRounds()] }
    return [leading + "filter " + condition(words.dropFirst().joined(separator: " "))]
  }

  /// `a DESC, b` → `sort {-a, b}`.
  static func sortKeys(_ words: [String]) -> String {
    let keys = words.joined(separator: " ").split(separator: ",").map { key -> String in
      let parts = key.split(separator: " ").map(String.init)
      guard let name = parts.first else { return "" }
      return parts.dropFirst().first?.lowercased() == "desc" ? "-\(name)" : name
    }
    return keys.count == 1 ? "sort \(keys[0])" : "sort {\(keys.joined(separator: ", "))}"
  }

  /// A SQL condition in PRQL: `=` → `==`, `<>` → `!=`, `and`/`or`/`not` → `&&`/`||`/`!`,
  /// `x in (a, b)` → `(x | in [a, b])`, `round(x, 2)` → `(x | math.round 2)`.
  static func condition(_ text: String) -> String {
    var tokens = text.split(separator: " ").map(String.init)
    var i = 0
    var out: [String] = []
    while i < tokens.count {
      let t = tokens[i]
      switch t.lowercased() {
      case "=": out.append("==")
      case "<>": out.append("!=")
      case "and": out.append("&&")
      case "or": out.append("||")
      case "not": out.append("!")
      case "in" where !out.isEmpty && i + 1 < tokens.count && tokens[i + 1].hasPrefix("("):
        // Gather `(a, b)` up to the closing parenthesis.
        var list = ""
        var j = i + 1
        while j < tokens.count {
          list += (list.isEmpty ? "" : " ") + tokens[j]
          if tokens[j].hasSuffix(")") { break }
          j += 1
        }
        let items = list.dropFirst().dropLast()
        let value = out.removeLast()
        out.append("(\(value) | in [\(items)])")
        i = j
      default:
        // `a=b` typed without spaces.
        if let eq = t.firstIndex(of: "="), t.count > 1, !t.contains("=="), !t.contains("!="), !t.contains("<="),
          !t.contains(">="), !t.hasPrefix("=")
        {
          tokens[i] = t.replacingCharacters(in: eq...eq, with: " == ")
          out.append(tokens[i])
        } else {
          out.append(t)
        }
      }
      i += 1
    }
    return out.joined(separator: " ").replacingRounds()
  }

  /// Splits at a separator outside quotes and brackets.
  static func splitOutside(_ text: String, separator: Character) -> [String] {
    var parts: [String] = []
    var current = ""
    var depth = 0
    var quote: Character? = nil
    for c in text {
      if let q = quote {
        current.append(c)
        if c == q { quote = nil }
        continue
      }
      switch c {
      case "\"", "'": quote = c
      case "(", "{", "[": depth += 1
      case ")", "}", "]": depth -= 1
      default: break
      }
      if c == separator, depth == 0 {
        parts.append(current)
        current = ""
      } else {
        current.append(c)
      }
    }
    parts.append(current)
    return parts
  }
}

extension String {
  var trimmedSpaces: String {
    var s = Substring(self)
    while s.first?.isWhitespace == true { s = s.dropFirst() }
    while s.last?.isWhitespace == true { s = s.dropLast() }
    return String(s)
  }

  /// `round(x, 2)` → `(x | math.round 2)` (spreadsheet and SQL style calls of rounding).
  func replacingRounds() -> String {
    var out = ""
    var rest = Substring(self)
    while let r = rest.range(of: "round(") {
      let before = rest[..<r.lowerBound]
      // Not `math.round(` of something else already PRQL-like: only a bare `round(`.
      if let last = before.last, last.isLetter || last == "." || last == "_" {
        out += rest[..<r.upperBound]
        rest = rest[r.upperBound...]
        continue
      }
      guard let close = rest[r.upperBound...].firstIndex(of: ")") else { break }
      let inside = rest[r.upperBound..<close].split(separator: ",").map { String($0).trimmedSpaces }
      out += before
      if inside.count == 2 {
        out += "(\(inside[0]) | math.round \(inside[1]))"
      } else if inside.count == 1 {
        out += "(\(inside[0]) | math.round 0)"
      } else {
        out += rest[r.lowerBound...close]
      }
      rest = rest[rest.index(after: close)...]
    }
    return out + rest
  }

  func range(of needle: String) -> Range<Index>? {
    guard !needle.isEmpty else { return nil }
    var i = startIndex
    while i < endIndex {
      if self[i...].hasPrefix(needle) { return i..<index(i, offsetBy: needle.count) }
      i = index(after: i)
    }
    return nil
  }

  func replacingCharacters(in range: ClosedRange<Index>, with replacement: String) -> String {
    String(self[..<range.lowerBound]) + replacement + String(self[index(after: range.upperBound)...])
  }
}

extension Substring {
  func range(of needle: String) -> Range<Index>? {
    guard !needle.isEmpty else { return nil }
    var i = startIndex
    while i < endIndex {
      if self[i...].hasPrefix(needle) { return i..<index(i, offsetBy: needle.count) }
      i = index(after: i)
    }
    return nil
  }
}
